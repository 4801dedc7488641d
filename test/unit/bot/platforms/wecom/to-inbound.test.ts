import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseXml } from '../../../../../bot/platforms/wecom/xml.js';
import { appXmlToInbound, isRobotFeedback, robotJsonToFeedback, robotJsonToInbound } from '../../../../../bot/platforms/wecom/to-inbound.js';

const fixture = (name: string) => readFileSync(new URL(`../../../../fixtures/wecom/${name}`, import.meta.url), 'utf8');
const ctx = { tenant: 'ww1436e0e65a779aee', now: () => 1_700_000_000_000 };

describe('appXmlToInbound', () => {
  it('turns the V1 text message into an InboundMessage keyed by MsgId', () => {
    expect(appXmlToInbound(parseXml(fixture('text-message.xml')), ctx)).toEqual({
      kind: 'message', platform: 'wecom', tenant: ctx.tenant, eventId: '1456453720', userId: 'ChenJiaShun',
      chatId: 'ChenJiaShun', chatType: 'single', text: '你好', at: new Date(1476422779 * 1000),
      address: { platform: 'wecom', tenant: ctx.tenant, userId: 'ChenJiaShun', chatId: 'ChenJiaShun', chatType: 'single' },
    });
  });

  it('turns the V11 template_card_event into a card action with handle and selections', () => {
    const a = appXmlToInbound(parseXml(fixture('template-card-event.xml')), ctx);
    expect(a).toMatchObject({
      kind: 'card_action', userId: 'FromUser', actionKey: 'key111',
      handle: { platform: 'wecom', cardId: 'taskid111', responseCode: 'ResponseCode' },
      selected: ['OptionId1', 'OptionId2', 'OptionId3', 'OptionId4'],
      eventId: 'evt:1:FromUser:123456789:card:taskid111:key111',
    });
  });

  it('understands enter_agent and menu clicks, keyed by sender + create time + agent', () => {
    expect(appXmlToInbound(parseXml(fixture('enter-agent.xml')), ctx)).toMatchObject({ kind: 'event', event: 'enter', eventId: 'evt:1000002:rep.zhang:1700000000:enter' });
    expect(appXmlToInbound(parseXml(fixture('menu-click.xml')), ctx)).toMatchObject({ kind: 'event', event: 'menu', key: 'menu.agenda' });
  });

  it('ignores what it does not handle (images, unknown events, messages without a sender)', () => {
    expect(appXmlToInbound(parseXml(fixture('image-message.xml')), ctx)).toBeNull();
    expect(appXmlToInbound(parseXml('<xml><FromUserName>a</FromUserName><MsgType>event</MsgType><Event>view</Event></xml>'), ctx)).toBeNull();
    expect(appXmlToInbound(parseXml('<xml><MsgType>text</MsgType><Content>x</Content><MsgId>1</MsgId></xml>'), ctx)).toBeNull();
  });

  it('keeps SQL- and HTML-looking text verbatim', () => {
    const m = appXmlToInbound(parseXml(fixture('sql-looking-text.xml')), ctx);
    expect(m).toMatchObject({ kind: 'message', text: "跟进 华为'); DROP TABLE activity;-- <script>alert(1)</script> &amp; &lt;b&gt;" });
  });
});

describe('robotJsonToInbound (intelligent robot)', () => {
  it('a group @-message becomes a group InboundMessage without the leading mention', () => {
    const m = robotJsonToInbound(JSON.parse(fixture('robot-text.json')), ctx);
    expect(m).toMatchObject({
      kind: 'message', chatType: 'group', chatId: 'CHATID', userId: 'rep.zhang', text: '今天的排行榜',
      eventId: 'aibot:CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI=',
      address: { chatType: 'group', chatId: 'CHATID', replyUrl: 'https://example.invalid/cgi-bin/aibot/response?response_code=RESPONSECODE', replyUrlExpiresAt: 1_700_000_000_000 + 3_600_000 },
    });
  });

  it('a single-chat message uses the sender as the chat', () => {
    const m = robotJsonToInbound({ msgid: 'm2', chattype: 'single', from: { userid: 'u1' }, msgtype: 'text', text: { content: ' hi ' } }, ctx);
    expect(m).toMatchObject({ chatType: 'single', chatId: 'u1', text: 'hi' });
  });

  it('a card event becomes a card action keyed by its msgid', () => {
    const a = robotJsonToInbound(JSON.parse(fixture('robot-card-event.json')), ctx);
    expect(a).toMatchObject({ kind: 'card_action', actionKey: 'choice.pick', selected: ['c-7'], handle: { platform: 'wecom', cardId: 'choice-42-v1' }, at: new Date(1_700_000_000_000) });
  });

  it('a card event with its fields on the event itself (the SDK\'s shape) is read the same', () => {
    const flat = { msgid: 'f', chatid: 'G', chattype: 'group', from: { userid: 'u' }, msgtype: 'event', event: { eventtype: 'template_card_event', event_key: 'k', task_id: 't1' } };
    expect(robotJsonToInbound(flat, ctx)).toMatchObject({ kind: 'card_action', actionKey: 'k', handle: { cardId: 't1' }, address: { chatType: 'group', chatId: 'G' } });
  });

  it('enter_chat is an enter event; stream refreshes and images are ignored', () => {
    expect(robotJsonToInbound({ msgid: 'e', from: { userid: 'u' }, chattype: 'single', msgtype: 'event', event: { eventtype: 'enter_chat' } }, ctx)).toMatchObject({ kind: 'event', event: 'enter' });
    expect(robotJsonToInbound({ msgid: 's', from: { userid: 'u' }, msgtype: 'stream', stream: { id: 'x' } }, ctx)).toBeNull();
    expect(robotJsonToInbound({ msgid: 'i', from: { userid: 'u' }, msgtype: 'image', image: { url: 'x' } }, ctx)).toBeNull();
  });
});

describe('robotJsonToFeedback (intelligent robot feedback_event)', () => {
  const feedback = (fb: Record<string, unknown>, more: Record<string, unknown> = {}) => ({
    msgid: 'fb1', create_time: 1_700_000_100, aibotid: 'AIBOTID', chatid: 'CHATID', chattype: 'group', from: { userid: 'rep.zhang' },
    msgtype: 'event', event: { eventtype: 'feedback_event', feedback_event: fb }, ...more,
  });

  it('a thumbs down with words and reason codes names the answer by the feedback id it carried', () => {
    const j = feedback({ id: 'req-42', type: 2, content: ' 没答到点上 ', inaccurate_reason_list: [1, 3] });
    expect(isRobotFeedback(j)).toBe(true);
    expect(robotJsonToFeedback(j, ctx)).toEqual({
      platform: 'wecom', tenant: ctx.tenant, eventId: 'aibot:fb1', replyRef: 'req-42', userId: 'rep.zhang', chatId: 'CHATID', chatType: 'group',
      rating: 'bad', comment: '没答到点上', reasons: ['1', '3'], at: new Date(1_700_000_100_000),
    });
  });

  it('a thumbs up or a withdrawal carries no words; 1:1 feedback uses the sender as the chat', () => {
    expect(robotJsonToFeedback(feedback({ id: 'r', type: 1 }), ctx)).toMatchObject({ rating: 'good', chatId: 'CHATID' });
    const single = robotJsonToFeedback(feedback({ id: 'r', type: 3 }, { chattype: 'single', chatid: undefined }), ctx);
    expect(single).toMatchObject({ rating: 'withdrawn', chatType: 'single', chatId: 'rep.zhang' });
    expect(single).not.toHaveProperty('comment');
    expect(single).not.toHaveProperty('reasons');
  });

  it('feedback without an answer id, with an unknown type, or with no sender is not recorded; other events are not feedback', () => {
    expect(robotJsonToFeedback(feedback({ type: 2 }), ctx)).toBeNull();
    expect(robotJsonToFeedback(feedback({ id: 'r', type: 9 }), ctx)).toBeNull();
    expect(robotJsonToFeedback(feedback({ id: 'r', type: 1 }, { from: {} }), ctx)).toBeNull();
    expect(isRobotFeedback({ msgid: 'e', from: { userid: 'u' }, msgtype: 'event', event: { eventtype: 'enter_chat' } })).toBe(false);
    // Not an Inbound either: the turn never sees it.
    expect(robotJsonToInbound(feedback({ id: 'r', type: 1 }), ctx)).toBeNull();
  });
});
