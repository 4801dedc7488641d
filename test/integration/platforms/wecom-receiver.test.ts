import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { wecomRoutes } from '../../../bot/platforms/wecom/receiver.js';
import type { WecomEdgeConfig } from '../../../bot/platforms/wecom/config.js';
import {
  newAesKey, postSigned, wecomAppCallback, wecomCardEventXml, wecomRobotCallback, wecomRobotFeedbackEvent, wecomRobotText, wecomTextXml,
  wecomUrlVerification,
} from '../../helpers/platform-callers.js';
import { MemoryFeedbackLog, MemoryInbox, startApp } from './test-app.js';
import { openTestDb, TARGETS, type TestDb } from '../../helpers/db.js';
import { startChatStack, type ChatStack } from '../../helpers/chat-stack.js';
import { InboxEvent } from '../../../server/domain/inbox/inbox-event.entity.js';
import { OutboxMessage } from '../../../server/domain/outbox/outbox-message.entity.js';
import { ReplyFeedbackRow } from '../../../server/domain/bot/reply-feedback.entity.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/wecom/${name}`, import.meta.url), 'utf8');

// V1's keys, so the official sample callback is accepted as is.
const config: WecomEdgeConfig = {
  corpId: 'ww1436e0e65a779aee', agentId: '1000002', secret: 's', token: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo',
  aesKey: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt', apiBase: 'http://127.0.0.1:9',
  bot: { token: 'robot-token', aesKey: newAesKey() },
};
const appKeys = { token: config.token, aesKey: config.aesKey, receiveId: config.corpId };
const botKeys = { token: config.bot!.token, aesKey: config.bot!.aesKey };

describe('WeCom receiver on a plain Koa app', () => {
  const inbox = new MemoryInbox();
  const feedback = new MemoryFeedbackLog();
  let app: { url: string; close: () => Promise<void> };
  beforeAll(async () => { app = await startApp((r) => wecomRoutes(r, { config, inbox, feedback })); });
  afterAll(async () => { await app.close(); });
  beforeEach(() => {
    inbox.rows.clear(); inbox.calls = 0; inbox.failNext = 0; inbox.gate = undefined;
    feedback.rows.clear(); feedback.calls = 0; feedback.failNext = 0;
  });

  it('answers URL verification (V1 GET) with the bare decrypted echostr', async () => {
    const q = new URLSearchParams({ msg_signature: '012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb', timestamp: '1476416373', nonce: '47744683', echostr: 'fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==' });
    const res = await fetch(`${app.url}/wecom/callback?${q}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('1288432023552776189');
  });

  it('survives a "+" in echostr that arrives unencoded (decoded to a space once)', async () => {
    const q = wecomUrlVerification(appKeys, 'hello-echo');
    const raw = Object.entries(q).map(([k, v]) => `${k}=${k === 'echostr' ? v.replace(/\//g, '%2F').replace(/=/g, '%3D') : encodeURIComponent(v)}`).join('&');
    const res = await fetch(`${app.url}/wecom/callback?${raw}`);
    expect(await res.text()).toBe('hello-echo');
  });

  it('rejects a URL verification with a bad signature', async () => {
    const q = wecomUrlVerification(appKeys, 'x');
    q.msg_signature = q.msg_signature.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    expect((await fetch(`${app.url}/wecom/callback?${new URLSearchParams(q)}`)).status).toBe(401);
  });

  it('accepts the V1 sample callback and acks with an empty 200', async () => {
    const res = await postSigned(app.url, '/wecom/callback', {
      query: { msg_signature: '0c3914025cb4b4d68103f6bfc8db550f79dcf48e', timestamp: '1476422779', nonce: '1597212914' },
      body: JSON.parse(fixture('forged-signature.json')).body,
    });
    expect(res).toEqual({ status: 200, text: '' });
    expect(inbox.all).toMatchObject([{ kind: 'message', eventId: '1456453720', userId: 'ChenJiaShun', text: '你好' }]);
  });

  it('stores a message once when WeCom delivers it three times', async () => {
    const call = wecomAppCallback(appKeys, wecomTextXml({ corpId: config.corpId, from: 'rep.zhang', content: '跟进 华为', msgId: '900001' }));
    for (let i = 0; i < 3; i++) expect((await postSigned(app.url, '/wecom/callback', call)).status).toBe(200);
    expect(inbox.calls).toBe(3);
    expect(inbox.all).toHaveLength(1);
  });

  it('acks only after the inbox has accepted', async () => {
    let release!: () => void;
    inbox.gate = new Promise<void>((r) => { release = r; });
    let answered = false;
    const pending = postSigned(app.url, '/wecom/callback', wecomAppCallback(appKeys, wecomTextXml({ corpId: config.corpId, from: 'u', content: 'x', msgId: '900002' })))
      .then((r) => { answered = true; return r; });
    await new Promise((r) => setTimeout(r, 50));
    expect(answered).toBe(false);
    release();
    expect((await pending).status).toBe(200);
  });

  it('answers 500 (so WeCom retries) when the inbox cannot store', async () => {
    inbox.failNext = 1;
    const res = await postSigned(app.url, '/wecom/callback', wecomAppCallback(appKeys, wecomTextXml({ corpId: config.corpId, from: 'u', content: 'x', msgId: '900003' })));
    expect(res.status).toBe(500);
    expect(inbox.all).toHaveLength(0);
  });

  it('turns a card tap into a card action', async () => {
    const xml = wecomCardEventXml({ corpId: config.corpId, from: 'mgr.wang', eventKey: 'approve', taskId: 'appr-1-v1', responseCode: 'RC1' });
    expect((await postSigned(app.url, '/wecom/callback', wecomAppCallback(appKeys, xml))).status).toBe(200);
    expect(inbox.all).toMatchObject([{ kind: 'card_action', actionKey: 'approve', handle: { cardId: 'appr-1-v1', responseCode: 'RC1' } }]);
  });

  it('acks and ignores message types it does not handle', async () => {
    const res = await postSigned(app.url, '/wecom/callback', wecomAppCallback(appKeys, fixture('image-message.xml')));
    expect(res).toEqual({ status: 200, text: '' });
    expect(inbox.calls).toBe(0);
  });

  it('stores SQL- and HTML-looking text verbatim', async () => {
    await postSigned(app.url, '/wecom/callback', wecomAppCallback(appKeys, fixture('sql-looking-text.xml')));
    expect((inbox.all[0] as { text: string }).text).toBe("跟进 华为'); DROP TABLE activity;-- <script>alert(1)</script> &amp; &lt;b&gt;");
  });

  describe('hostile input: rejected, nothing stored', () => {
    it('forged signature → 401', async () => {
      const f = JSON.parse(fixture('forged-signature.json'));
      expect((await postSigned(app.url, '/wecom/callback', { query: f.query, body: f.body })).status).toBe(401);
    });

    it('missing signature → 401', async () => {
      const call = wecomAppCallback(appKeys, fixture('text-message.xml'));
      expect((await postSigned(app.url, '/wecom/callback', { query: {}, body: call.body })).status).toBe(401);
    });

    it('encrypted for another corp → 403', async () => {
      const call = wecomAppCallback({ ...appKeys, receiveId: 'wwAnotherCorp' }, fixture('text-message.xml'));
      expect((await postSigned(app.url, '/wecom/callback', call)).status).toBe(403);
    });

    it('XXE inside the encrypted message → 400, entity never expanded', async () => {
      expect((await postSigned(app.url, '/wecom/callback', wecomAppCallback(appKeys, fixture('xxe.xml')))).status).toBe(400);
    });

    it('XXE or malformed XML in the envelope → 400', async () => {
      expect((await postSigned(app.url, '/wecom/callback', { query: { msg_signature: 'a', timestamp: '1', nonce: '1' }, body: fixture('xxe.xml') })).status).toBe(400);
      expect((await postSigned(app.url, '/wecom/callback', { query: { msg_signature: 'a', timestamp: '1', nonce: '1' }, body: fixture('malformed.xml') })).status).toBe(400);
    });

    it('malformed XML inside a correctly signed envelope → 400', async () => {
      expect((await postSigned(app.url, '/wecom/callback', wecomAppCallback(appKeys, fixture('malformed.xml')))).status).toBe(400);
    });

    it('a body over 64 KB → 413', async () => {
      const call = wecomAppCallback(appKeys, wecomTextXml({ corpId: config.corpId, from: 'u', content: 'x'.repeat(70_000), msgId: '900009' }));
      expect((await postSigned(app.url, '/wecom/callback', call)).status).toBe(413);
    });

    afterAll(() => { expect(inbox.all).toHaveLength(0); });
  });

  describe('intelligent robot at /wecom/bot', () => {
    it('answers URL verification with the robot keys (empty receive id)', async () => {
      const q = wecomUrlVerification({ ...botKeys, receiveId: '' }, 'bot-echo');
      const res = await fetch(`${app.url}/wecom/bot?${new URLSearchParams(q)}`);
      expect(await res.text()).toBe('bot-echo');
    });

    it('stores a group @-message as a group InboundMessage', async () => {
      const res = await postSigned(app.url, '/wecom/bot', wecomRobotCallback(botKeys, wecomRobotText({ msgId: 'b1', from: 'rep.zhang', content: '@CRM 排行榜', chatType: 'group', chatId: 'grp-1' })));
      expect(res).toEqual({ status: 200, text: '' });
      expect(inbox.all).toMatchObject([{ kind: 'message', chatType: 'group', chatId: 'grp-1', text: '排行榜', eventId: 'aibot:b1' }]);
    });

    it('rejects app-keyed, forged and malformed robot callbacks', async () => {
      const appSealed = wecomAppCallback({ ...appKeys, token: botKeys.token, aesKey: botKeys.aesKey }, '{"msgid":"x"}');
      expect((await postSigned(app.url, '/wecom/bot', { query: appSealed.query, body: JSON.stringify({ encrypt: /CDATA\[(.*?)\]\]><\/Encrypt>/.exec(appSealed.body)![1] }) })).status).toBe(403);
      const good = wecomRobotCallback(botKeys, wecomRobotText({ msgId: 'b2', from: 'u', content: 'x' }));
      expect((await postSigned(app.url, '/wecom/bot', { ...good, query: { ...good.query, nonce: '1' } })).status).toBe(401);
      expect((await postSigned(app.url, '/wecom/bot', { ...good, body: '{"encrypt":' })).status).toBe(400);
      expect((await postSigned(app.url, '/wecom/bot', wecomRobotCallback(botKeys, '{not json'))).status).toBe(400);
      expect(inbox.all).toHaveLength(0);
    });

    it('records a thumbs up as feedback, not as an inbox event, and acks with an empty 200', async () => {
      const call = wecomRobotCallback(botKeys, wecomRobotFeedbackEvent({ msgId: 'fb1', from: 'rep.zhang', feedbackId: 'answer-1', type: 1 }));
      expect(await postSigned(app.url, '/wecom/bot', call)).toEqual({ status: 200, text: '' });
      expect(feedback.all).toMatchObject([{ eventId: 'aibot:fb1', replyRef: 'answer-1', userId: 'rep.zhang', chatId: 'rep.zhang', chatType: 'single', rating: 'good' }]);
      expect(inbox.calls).toBe(0);
    });

    it('answers 500 (so WeCom retries) when the feedback cannot be stored', async () => {
      feedback.failNext = 1;
      const call = wecomRobotCallback(botKeys, wecomRobotFeedbackEvent({ msgId: 'fb2', from: 'u', feedbackId: 'answer-2', type: 2 }));
      expect((await postSigned(app.url, '/wecom/bot', call)).status).toBe(500);
      expect(await postSigned(app.url, '/wecom/bot', call)).toEqual({ status: 200, text: '' });
      expect(feedback.all).toHaveLength(1);
    });

    it('acks and ignores a feedback event without the fields it needs', async () => {
      const event = wecomRobotFeedbackEvent({ msgId: 'fb3', from: 'u', feedbackId: '', type: 1 });
      expect(await postSigned(app.url, '/wecom/bot', wecomRobotCallback(botKeys, event))).toEqual({ status: 200, text: '' });
      expect(feedback.calls).toBe(0);
      expect(inbox.calls).toBe(0);
    });
  });
});

// The same callback through the whole server on a real database: the feedback lands in reply_feedback once, and
// WeCom hears nothing back but the empty 200.
describe.each(TARGETS)('WeCom robot callback at /wecom/bot, full stack (%s)', (target) => {
  const GROUP = 'wrkSSZDQAAeastsales';
  const robot = { token: 'robot-token', aesKey: newAesKey() };
  let t: TestDb;
  let chat: ChatStack;

  beforeAll(async () => {
    t = await openTestDb(target);
    chat = await startChatStack(t, {}, { WECOM_BOT_TOKEN: robot.token, WECOM_BOT_AES_KEY: robot.aesKey });
  });
  afterAll(async () => { await chat?.close(); await t?.close(); });

  it('a thumbs down is stored once however often WeCom delivers it, with no inbox row and nothing sent', async () => {
    const createTime = Math.floor(t.clock.now().getTime() / 1000);
    const event = wecomRobotFeedbackEvent({
      msgId: 'fb-http-1', from: 'rep_a', feedbackId: 'answer-7', type: 2, chatType: 'group', chatId: GROUP,
      content: '没说清楚怎么记跟进', reasons: [2, 3], createTime,
    });
    const requestsToWecom = chat.wecom.received.length;
    const inboxCount = await t.db.ds.getRepository(InboxEvent).count();
    const outboxCount = await t.db.ds.getRepository(OutboxMessage).count();

    // WeCom delivers it twice (as it does when unsure the first one arrived); each gets the empty 200.
    for (let i = 0; i < 2; i++) {
      expect(await postSigned(chat.url, '/wecom/bot', wecomRobotCallback(robot, event))).toEqual({ status: 200, text: '' });
    }
    await chat.settle();

    const rows = await t.db.ds.getRepository(ReplyFeedbackRow).findBy({ platform: 'wecom', eventId: 'aibot:fb-http-1' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      tenant: chat.wecom.corpId, replyRef: 'answer-7', userId: 'rep_a', chatId: GROUP, chatType: 'group', rating: 'bad',
      comment: '没说清楚怎么记跟进', reasons: ['2', '3'],
    });
    expect(rows[0].givenAt.getTime()).toBe(createTime * 1000);
    expect(await t.db.ds.getRepository(InboxEvent).count()).toBe(inboxCount);
    expect(await t.db.ds.getRepository(OutboxMessage).count()).toBe(outboxCount);
    expect(chat.wecom.received).toHaveLength(requestsToWecom);
  });

  it('a thumbs up in a 1:1 chat names the reader as the chat', async () => {
    const event = wecomRobotFeedbackEvent({ msgId: 'fb-http-2', from: 'rep_b', feedbackId: 'answer-8', type: 1 });
    expect(await postSigned(chat.url, '/wecom/bot', wecomRobotCallback(robot, event))).toEqual({ status: 200, text: '' });
    const rows = await t.db.ds.getRepository(ReplyFeedbackRow).findBy({ platform: 'wecom', eventId: 'aibot:fb-http-2' });
    expect(rows).toMatchObject([{ replyRef: 'answer-8', userId: 'rep_b', chatId: 'rep_b', chatType: 'single', rating: 'good', comment: null, reasons: null }]);
  });
});
