import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseXml } from '../../../../../bot/platforms/wecom/xml.js';
import { appXmlToInbound, robotJsonToInbound } from '../../../../../bot/platforms/wecom/to-inbound.js';

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
