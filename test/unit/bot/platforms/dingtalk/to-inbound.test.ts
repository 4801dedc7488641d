import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { cardCallbackToInbound, dingtalkToInbound, robotMessageToInbound } from '../../../../../bot/platforms/dingtalk/to-inbound.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../../../fixtures/dingtalk/${name}`, import.meta.url), 'utf8'));
const ctx = { tenant: 'dingfakeappkey', now: () => 1_700_000_000_000 };

describe('robotMessageToInbound', () => {
  it('a 1:1 text becomes a single-chat message with the sessionWebhook as reply route', () => {
    expect(robotMessageToInbound(fixture('robot-text.json'), ctx)).toEqual({
      kind: 'message', platform: 'dingtalk', tenant: 'dingfakeappkey', eventId: 'msgTa5FfPDvBx8mZQ2jRnKQ0A==',
      userId: 'rep.zhang', chatId: 'cidAsXSBLnA==', chatType: 'single', text: '跟进 华为 今天电话沟通了方案',
      at: new Date(1690362102194),
      address: { platform: 'dingtalk', tenant: 'dingfakeappkey', userId: 'rep.zhang', chatId: 'cidAsXSBLnA==', chatType: 'single', replyUrl: 'https://oapi.dingtalk.com/robot/sendBySession?session=abc', replyUrlExpiresAt: 1690367502194 },
    });
  });

  it('a group message carries the other @-mentioned staff, not the robot', () => {
    expect(robotMessageToInbound(fixture('robot-group-mention.json'), ctx)).toMatchObject({ chatType: 'group', chatId: 'cidGroup01==', mentions: ['rep.li'] });
  });

  it('ignores senders without a staff id and non-text messages', () => {
    const m = fixture('robot-text.json');
    expect(robotMessageToInbound({ ...m, senderStaffId: undefined }, ctx)).toBeNull();
    expect(robotMessageToInbound({ ...m, msgtype: 'picture', text: undefined, content: { downloadCode: 'x' } }, ctx)).toBeNull();
  });

  it('keeps SQL/HTML-looking text verbatim', () => {
    expect(robotMessageToInbound(fixture('sql-looking-text.json'), ctx)?.text).toBe("Robert'); DROP TABLE customer;-- <img src=x onerror=alert(1)> &lt;b&gt;");
  });
});

describe('cardCallbackToInbound', () => {
  it('turns a card tap into a card action whose key is the button payload', () => {
    const a = cardCallbackToInbound(fixture('card-callback.json'), ctx);
    expect(a).toMatchObject({
      kind: 'card_action', userId: 'mgr.wang', actionKey: '{"a":"approval.approve","i":"17","v":2}',
      handle: { platform: 'dingtalk', cardId: 'approval-17-v2' }, address: { chatType: 'single', chatId: 'mgr.wang' },
    });
  });

  it('a double tap has the same event id; a different action does not', () => {
    const body = fixture('card-callback.json');
    const a = cardCallbackToInbound(body, ctx)!;
    expect(cardCallbackToInbound(body, ctx)!.eventId).toBe(a.eventId);
    const other = { ...body, content: JSON.stringify({ cardPrivateData: { actionIds: ['reject'], params: { action: 'x' } } }) };
    expect(cardCallbackToInbound(other, ctx)!.eventId).not.toBe(a.eventId);
  });

  it('dispatches by payload shape', () => {
    expect(dingtalkToInbound(fixture('card-callback.json'), ctx)?.kind).toBe('card_action');
    expect(dingtalkToInbound(fixture('robot-text.json'), ctx)?.kind).toBe('message');
    expect(dingtalkToInbound({ type: 'actionCallback', outTrackId: 'x', userId: 'u', content: 'not json' }, ctx)).toBeNull();
  });
});
