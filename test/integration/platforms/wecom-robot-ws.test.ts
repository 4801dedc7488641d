// WeCom intelligent robot over its long connection, through the whole stack: the official SDK connects to a local
// fake of WeCom's socket (bot/platforms/emulator/fakes/wecom-robot-ws.ts), a member @-mentions the robot in a group,
// the inbox stores the message once however often the frame comes, and the answer goes back over the socket on
// that frame's req_id. Opening the 1:1 chat gets the welcome within 5 s; a tap on a card the robot sent updates it in
// place within 5 s (or says so in a message); pushes go over the socket while it is up, else through the webhook.
// The groups the robot has heard from outlive a restart (and are forgotten when WeCom says the robot left), and a
// reader's thumbs up/down on an answer is stored once and answered with nothing.
// Time is the fake's clock: tests move it instead of waiting, and the adapter and the fake read the same clock.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTestDb, TARGETS, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startChatStack, type ChatStack } from '../../helpers/chat-stack.js';
import { WecomRobotWsFake } from '../../../bot/platforms/emulator/fakes/wecom-robot-ws.js';
import { createWecomAdapter, type WecomAdapter } from '../../../bot/platforms/wecom/adapter.js';
import { InboxEvent } from '../../../server/domain/inbox/inbox-event.entity.js';
import { OutboxMessage } from '../../../server/domain/outbox/outbox-message.entity.js';
import { HeardChat } from '../../../server/domain/bot/heard-chat.entity.js';
import { ReplyFeedbackRow } from '../../../server/domain/bot/reply-feedback.entity.js';
import { MemoryInbox } from './test-app.js';
import { WecomApiFake } from '../../fakes/wecom-api.js';
import { PlatformError } from '../../../bot/core/platform.js';
import { Customer } from '../../../server/domain/customer/customer.entity.js';
import { withTx } from '../../../server/domain/shared/with-tx.js';
import { systemActor } from '../../../server/domain/shared/actor.js';
import type { Address, Outbound } from '../../../bot/core/message.js';
import type { RobotWsPush } from '../../../bot/platforms/emulator/fakes/wecom-robot-ws.js';
import { markdownToPlain } from '../../../bot/platforms/wecom/robot-ws-sender.js';
import type { RobotWsGateOptions } from '../../../bot/platforms/wecom/receiver-ws.js';
import { t as say } from '../../../locales/index.js';

const GROUP = 'wrkSSZDQAAeastsales';
const noSleep = { sleep: async () => {} };

describe.each(TARGETS)('WeCom robot long connection, full stack (%s)', (target) => {
  let t: TestDb;
  let org: Org;
  let chat: ChatStack;
  let fake: WecomRobotWsFake;
  let adapter: WecomAdapter;

  const inboxRows = (eventId: string) => t.db.ds.getRepository(InboxEvent).countBy({ platform: 'wecom', eventId });
  const heardRows = (chatId: string) => t.db.ds.getRepository(HeardChat).findBy({ platform: 'wecom', chatId });
  const groupOutbox = async () => (await t.db.ds.getRepository(OutboxMessage).find({ order: { id: 'ASC' } }))
    .filter((m) => (m.address as { chatId?: string }).chatId === GROUP);

  /** Pushes a frame (repeated `times`) and waits until `target[method]` has settled once per delivery. */
  async function pushAndSettle(target: object, method: string, pushFrame: () => RobotWsPush, times: number) {
    const spy = vi.spyOn(target as Record<string, (...a: unknown[]) => unknown>, method);
    try {
      const first = pushFrame();
      for (let i = 1; i < times; i++) fake.push(first);
      await vi.waitFor(() => expect(spy.mock.settledResults.filter((r) => r.type !== 'incomplete')).toHaveLength(times), { timeout: 5000 });
      return { push: first, results: spy.mock.settledResults.map((r) => r.value) };
    } finally {
      spy.mockRestore();
    }
  }
  /** A frame that goes through the inbox (messages, taps): waits until the receiver handed every delivery to it. */
  const arrive = (pushFrame: () => RobotWsPush, times = 1) => pushAndSettle(chat.stack.inbox, 'accept', pushFrame, times);
  const mention = (from: string, content: string, times = 1) => arrive(() => fake.pushText({ from, content: `@chatcrm ${content}`, chatId: GROUP }), times);

  /** Queues a message to the group that answers nobody (as a scheduled board or a notice does) and delivers it. */
  async function notifyGroup(message: Outbound) {
    const address: Address = { platform: 'wecom', tenant: chat.wecom.corpId, chatId: GROUP, chatType: 'group' };
    await withTx(t.db, systemActor('test'), (c) => c.outbox.push({ address, locale: 'zh-CN', message }));
    await chat.settle();
  }

  /** A follow-up logged in the group: its receipt card comes back on the mention's req_id, with an undo button. */
  async function receiptInGroup(content: string) {
    const { push } = await mention(org.users.repA.wecomUserId!, content);
    await chat.settle();
    const [reply] = fake.repliesTo(push.reqId);
    const card = reply.body.template_card as { task_id: string; button_list: { key: string }[] };
    return { taskId: card.task_id, undoKey: card.button_list[0].key };
  }

  const tap = (taskId: string, eventKey: string) => arrive(() => fake.pushCardTap({ from: org.users.repA.wecomUserId!, chatId: GROUP, taskId, eventKey }));

  /** A frame the receiver handles without the inbox (feedback), repeated `times`: waits until each is handled. */
  const handled = (pushFrame: () => RobotWsPush, times = 1) => pushAndSettle(adapter.robotWs!, 'handleFrame', pushFrame, times);

  /** The whole server on the test database, its robot connected to the fake (again, after a restart). */
  async function startStack() {
    chat = await startChatStack(t, { wecom: { clientOptions: noSleep, now: fake.clock.now, robotWs: { wsUrl: fake.url, reconnectInterval: 50 } } }, {
      WECOM_BOT_ID: fake.botId, WECOM_BOT_SECRET: fake.secret, WECOM_GROUP_WEBHOOK_KEYS: `${GROUP}=group-key-east`,
    });
    adapter = chat.stack.adapters.wecom as WecomAdapter;
    expect(await adapter.robotWs!.settled()).toBe('authenticated');
  }

  async function adminToken(username = 'admin') {
    const login = await fetch(`${chat.url}/api/v1/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username }) });
    return ((await login.json()) as { token: string }).token;
  }

  beforeAll(async () => {
    fake = new WecomRobotWsFake();
    await fake.start();
    t = await openTestDb(target);
    org = await seedOrg(t.db);
    const customers = t.db.ds.getRepository(Customer);
    await customers.save(customers.create({ name: '华为技术有限公司重庆分公司', normalizedName: '华为技术重庆', aliases: '华为', level: 'A', ownerId: org.users.repA.id, failedFollowUps: 0, createdAt: t.clock.now(), updatedAt: t.clock.now() }));
    await startStack();
  });
  afterAll(async () => { await chat?.close(); await t?.close(); await fake?.stop(); });

  it('connects with bot id and secret when the adapter starts', () => {
    expect(fake.authAttempts).toEqual([{ botId: fake.botId, ok: true }]);
    expect(fake.connections).toBe(1);
  });

  it('a group @-mention is stored once even when the frame comes twice, and answered on its req_id', async () => {
    const { push, results } = await mention(org.users.repA.wecomUserId!, '本月龙虎榜', 2);
    expect(results.sort()).toEqual(['accepted', 'duplicate']);
    expect(await inboxRows(`aibot:${push.msgId}`)).toBe(1);
    const [row] = await t.db.ds.getRepository(InboxEvent).findBy({ platform: 'wecom', eventId: `aibot:${push.msgId}` });
    expect(row.payload).toMatchObject({ kind: 'message', chatType: 'group', chatId: GROUP, text: '本月龙虎榜', address: { replyUrl: `ws:${push.reqId}` } });

    await chat.settle();
    await fake.waitFor(() => fake.repliesTo(push.reqId).length > 0);
    const replies = fake.repliesTo(push.reqId);
    expect(replies).toHaveLength(1);
    // The group is not bound to a team yet: the plain-text answer travels as one finished stream message.
    expect(replies[0]).toMatchObject({ cmd: 'aibot_respond_msg', errcode: 0, body: { msgtype: 'stream', stream: { finish: true } } });
    expect(String((replies[0].body.stream as { content: string }).content)).not.toBe('');
    const out = await groupOutbox();
    expect(out.map((m) => m.status)).toEqual(['sent']);
    expect(chat.wecom.webhookMessages).toHaveLength(0);
  });

  it('a card answer goes back as template_card on the req_id', async () => {
    const token = await adminToken();
    const bound = await fetch(`${chat.url}/api/v1/chat-bindings`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ platform: 'wecom', chatId: GROUP, teamId: org.teams.east, name: '华东销售群' }),
    });
    expect(bound.status).toBe(201);
    const { push } = await mention(org.users.repA.wecomUserId!, '本月龙虎榜');
    await chat.settle();
    await fake.waitFor(() => fake.repliesTo(push.reqId).length > 0);
    const [reply] = fake.repliesTo(push.reqId);
    expect(reply).toMatchObject({ cmd: 'aibot_respond_msg', errcode: 0, body: { msgtype: 'template_card', template_card: { task_id: expect.any(String) } } });
    expect(chat.wecom.webhookMessages).toHaveLength(0);
  });

  it('a dead req_id is answered by a push into the group instead', async () => {
    const { push } = await mention(org.users.repA.wecomUserId!, '帮助');
    fake.expire(push.reqId);
    await chat.settle();
    expect(fake.repliesTo(push.reqId)).toMatchObject([{ errcode: 846605 }]);
    expect(fake.pushesTo(GROUP)).toMatchObject([{ cmd: 'aibot_send_msg', errcode: 0, body: { chatid: GROUP, msgtype: 'markdown' } }]);
    expect(chat.wecom.webhookMessages).toHaveLength(0);
    expect((await groupOutbox()).at(-1)!.status).toBe('sent');
  });

  it('opening the 1:1 chat is answered with the welcome in the member\'s language, on the event\'s req_id', async () => {
    const repA = org.users.repA;
    const { push } = await arrive(() => fake.pushEnterChat({ from: repA.wecomUserId! }));
    await chat.settle();
    // The fake refuses a welcome later than 5 s after the event on its clock, or a second one.
    expect(fake.repliesTo(push.reqId)).toEqual([expect.objectContaining({ cmd: 'aibot_respond_welcome_msg', errcode: 0 })]);
    const body = fake.repliesTo(push.reqId)[0].body as { msgtype: string; text: { content: string } };
    expect(body.msgtype).toBe('text');
    expect(body.text.content).toBe(markdownToPlain(say('zh-CN', 'bot.welcome', { name: repA.name })));
    expect(chat.wecom.deliveredTo(repA.wecomUserId!)).toHaveLength(0);
  });

  it('a welcome whose 5 s have passed before it could go is not sent late, nor anywhere else', async () => {
    const repA = org.users.repA;
    const pushesBefore = fake.replies.filter((r) => r.cmd === 'aibot_send_msg').length;
    const { push } = await arrive(() => fake.pushEnterChat({ from: repA.wecomUserId! }));
    fake.clock.advance(5000);
    await chat.settle();
    expect(fake.repliesTo(push.reqId)).toEqual([]);
    expect(fake.replies.filter((r) => r.cmd === 'aibot_send_msg')).toHaveLength(pushesBefore);
    expect(chat.wecom.deliveredTo(repA.wecomUserId!)).toHaveLength(0);
    const [row] = (await t.db.ds.getRepository(OutboxMessage).find({ order: { id: 'DESC' }, take: 1 }));
    expect(row).toMatchObject({ status: 'sent', result: { skipped: 'welcome_window_passed' } });
    // And WeCom would have refused it: the fake holds the same 5 s rule.
    await expect(adapter.robotWs!.client.replyWelcome({ headers: { req_id: push.reqId } }, { msgtype: 'text', text: { content: 'late' } })).rejects.toMatchObject({ errcode: 846605 });
  });

  it('tapping undo on a receipt card the robot sent updates that card in place on the tap\'s req_id', async () => {
    const { taskId, undoKey } = await receiptInGroup('跟进 华为 今天电话沟通了方案');
    const { push } = await tap(taskId, undoKey);
    await chat.settle();
    const [update] = fake.repliesTo(push.reqId);
    expect(update).toMatchObject({ cmd: 'aibot_respond_update_msg', errcode: 0, body: { response_type: 'update_template_card', template_card: { task_id: taskId } } });
    expect(JSON.stringify(update.body.template_card)).toContain(say('zh-CN', 'card.followup.undone_short'));
    expect(fake.repliesTo(push.reqId)).toHaveLength(1);
    const [row] = (await t.db.ds.getRepository(OutboxMessage).find({ order: { id: 'DESC' }, take: 1 }));
    expect(row).toMatchObject({ status: 'sent', result: { updated: taskId } });
  });

  it('a tap whose 5 s have passed before the update could go gets a short message in the group instead', async () => {
    const { taskId, undoKey } = await receiptInGroup('跟进 华为 上门拜访了采购部');
    const pushes = fake.pushesTo(GROUP).length;
    const { push } = await tap(taskId, undoKey);
    fake.clock.advance(5000);
    await chat.settle();
    expect(fake.repliesTo(push.reqId)).toEqual([]);
    const sent = fake.pushesTo(GROUP).slice(pushes);
    expect(sent).toMatchObject([{ errcode: 0, body: { msgtype: 'markdown' } }]);
    expect(String((sent[0].body.markdown as { content: string }).content)).toContain(say('zh-CN', 'card.followup.undone_short'));
    const [row] = (await t.db.ds.getRepository(OutboxMessage).find({ order: { id: 'DESC' }, take: 1 }));
    expect(row).toMatchObject({ status: 'sent', result: { fallback: true, reason: 'window_passed' } });
  });

  it('a card update WeCom refuses (errcode) gets a short message in the group instead', async () => {
    const { taskId, undoKey } = await receiptInGroup('跟进 华为 微信沟通了报价');
    const pushes = fake.pushesTo(GROUP).length;
    const { push } = await tap(taskId, undoKey);
    fake.expire(push.reqId);
    await chat.settle();
    expect(fake.repliesTo(push.reqId)).toMatchObject([{ cmd: 'aibot_respond_update_msg', errcode: 846605 }]);
    expect(fake.pushesTo(GROUP).slice(pushes)).toMatchObject([{ errcode: 0, body: { msgtype: 'markdown' } }]);
    const [row] = (await t.db.ds.getRepository(OutboxMessage).find({ order: { id: 'DESC' }, take: 1 }));
    expect(row).toMatchObject({ status: 'sent', result: { fallback: true, reason: '846605' } });
  });

  it('a message to the group that answers nobody is pushed over the socket while it is up', async () => {
    const pushes = fake.pushesTo(GROUP).length;
    const webhooks = chat.wecom.webhookMessages.length;
    await notifyGroup({ kind: 'markdown', key: 'bot.welcome', params: { name: '华东销售群' } });
    expect(fake.pushesTo(GROUP).slice(pushes)).toMatchObject([{ errcode: 0, body: { chatid: GROUP, msgtype: 'markdown' } }]);
    expect(chat.wecom.webhookMessages).toHaveLength(webhooks);
  });

  it('a group heard from before a restart gets its pushes over the socket after it, before it speaks again', async () => {
    expect(await heardRows(GROUP)).toHaveLength(1);
    await chat.close();
    await startStack();
    expect(adapter.robotWs!.knowsChat(GROUP)).toBe(true);
    const pushes = fake.pushesTo(GROUP).length;
    await notifyGroup({ kind: 'markdown', key: 'bot.welcome', params: { name: '华东销售群' } });
    expect(fake.pushesTo(GROUP).slice(pushes)).toMatchObject([{ errcode: 0, body: { chatid: GROUP, msgtype: 'markdown' } }]);
    expect(chat.wecom.webhookMessages).toHaveLength(0);
  });

  it('the time a group was heard is written when it is new and then only after a day, not per message', async () => {
    const [before] = await heardRows(GROUP);
    await mention(org.users.repA.wecomUserId!, '帮助');
    await chat.settle();
    expect((await heardRows(GROUP))[0].heardAt).toEqual(before.heardAt);
    fake.clock.advance(24 * 3_600_000);
    const dayLater = fake.clock.now();
    await mention(org.users.repA.wecomUserId!, '帮助');
    await chat.settle();
    const [after] = await heardRows(GROUP);
    expect(after.heardAt.getTime()).toBeGreaterThanOrEqual(dayLater);
    expect(after.heardAt.getTime()).toBeLessThanOrEqual(fake.clock.now());
  });

  it('a push WeCom refuses because the robot left the group forgets the group: the webhook takes over, after a restart too', async () => {
    fake.leave(GROUP);
    const pushes = fake.pushesTo(GROUP).length;
    const webhooks = chat.wecom.webhookMessages.length;
    await notifyGroup({ kind: 'markdown', key: 'bot.welcome', params: { name: '华东销售群' } });
    expect(fake.pushesTo(GROUP).slice(pushes)).toMatchObject([{ errcode: 846609 }]);
    expect(chat.wecom.webhookMessages.slice(webhooks)).toMatchObject([{ key: 'group-key-east', body: { msgtype: 'markdown' } }]);
    expect(adapter.robotWs!.knowsChat(GROUP)).toBe(false);
    expect(await heardRows(GROUP)).toHaveLength(0);

    // The next message does not try the socket first; nor does a restarted server.
    await notifyGroup({ kind: 'markdown', key: 'bot.welcome', params: { name: '华东销售群' } });
    expect(fake.pushesTo(GROUP)).toHaveLength(pushes + 1);
    expect(chat.wecom.webhookMessages).toHaveLength(webhooks + 2);
    await chat.close();
    await startStack();
    expect(adapter.robotWs!.knowsChat(GROUP)).toBe(false);

    // Added back and spoken to, the robot knows the group again.
    await mention(org.users.repA.wecomUserId!, '帮助');
    await chat.settle();
    expect(adapter.robotWs!.knowsChat(GROUP)).toBe(true);
    expect(await heardRows(GROUP)).toHaveLength(1);
  });

  it('a thumbs down on an answer is stored once however often its frame comes, and answered with nothing', async () => {
    const repA = org.users.repA.wecomUserId!;
    const { push: asked } = await mention(repA, '帮助');
    await chat.settle();
    const [answer] = fake.repliesTo(asked.reqId);
    // The answer asks for the readers' thumbs under the id of the message it answers.
    const feedbackId = ((answer.body.stream ?? answer.body.template_card) as { feedback?: { id: string } }).feedback?.id;
    expect(feedbackId).toBe(asked.reqId);

    const replies = fake.replies.length;
    const outbox = await t.db.ds.getRepository(OutboxMessage).count();
    const webhooks = chat.wecom.webhookMessages.length;
    const { push, results } = await handled(() => fake.pushFeedback({ from: repA, chatId: GROUP, feedbackId: feedbackId!, type: 2, content: '没说清楚怎么记跟进', reasons: [2, 3] }), 2);
    expect(results.sort()).toEqual(['accepted', 'duplicate']);
    const rows = await t.db.ds.getRepository(ReplyFeedbackRow).findBy({ platform: 'wecom', eventId: `aibot:${push.msgId}` });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ replyRef: asked.reqId, userId: repA, chatId: GROUP, chatType: 'group', rating: 'bad', comment: '没说清楚怎么记跟进', reasons: ['2', '3'] });

    await chat.settle();
    expect(fake.replies).toHaveLength(replies);
    expect(fake.repliesTo(push.reqId)).toEqual([]);
    expect(await inboxRows(`aibot:${push.msgId}`)).toBe(0);
    expect(await t.db.ds.getRepository(OutboxMessage).count()).toBe(outbox);
    expect(chat.wecom.webhookMessages).toHaveLength(webhooks);
    // And WeCom would refuse an answer on it: a feedback event takes none.
    await expect(adapter.robotWs!.client.replyStream({ headers: { req_id: push.reqId } }, 's1', 'ok', true)).rejects.toMatchObject({ errcode: 846605 });

    // Admins see the counts per rating; others may not.
    await handled(() => fake.pushFeedback({ from: org.users.repB.wecomUserId!, chatId: GROUP, feedbackId: feedbackId!, type: 1 }));
    const admin = await adminToken();
    const stats = await fetch(`${chat.url}/api/v1/bot-feedback/stats`, { headers: { authorization: `Bearer ${admin}` } });
    expect(await stats.json()).toEqual({ counts: { good: 1, bad: 1, withdrawn: 0 } });
    const rep = await adminToken(org.users.repA.username);
    expect((await fetch(`${chat.url}/api/v1/bot-feedback/stats`, { headers: { authorization: `Bearer ${rep}` } })).status).toBe(403);
  });

  it('with the socket down, the same message goes through the group webhook', async () => {
    await fake.stop();
    await vi.waitFor(() => expect(adapter.robotWs!.connected).toBe(false), { timeout: 5000 });
    const pushes = fake.pushesTo(GROUP).length;
    const webhooks = chat.wecom.webhookMessages.length;
    await notifyGroup({ kind: 'markdown', key: 'bot.welcome', params: { name: '华东销售群' } });
    expect(chat.wecom.webhookMessages.slice(webhooks)).toMatchObject([{ key: 'group-key-east', body: { msgtype: 'markdown' } }]);
    expect(fake.pushesTo(GROUP)).toHaveLength(pushes);
  });
});

describe('WeCom robot long connection, wrong secret', () => {
  it('reports an authentication failure and keeps running', async () => {
    const fake = new WecomRobotWsFake();
    await fake.start();
    const adapter = createWecomAdapter({
      config: { corpId: 'wwfakecorp000001', agentId: '1000002', secret: 's', token: 't', aesKey: 'k', apiBase: 'http://127.0.0.1:9', botWs: { botId: fake.botId, secret: 'not-the-secret' } },
      robotWs: { wsUrl: fake.url, reconnectInterval: 20, maxAuthFailureAttempts: 1 },
    });
    const inbox = new MemoryInbox();
    try {
      await adapter.start!(inbox);
      expect(await adapter.robotWs!.settled()).toBe('auth_failed');
      expect(adapter.robotWs!.lastError).toMatch(/Authentication failed/);
      // The SDK retries once (maxAuthFailureAttempts: 1), then gives up; nothing throws.
      await vi.waitFor(() => expect(adapter.robotWs!.lastError).toMatch(/Max auth failure attempts/), { timeout: 5000 });
      expect(fake.authAttempts.length).toBeGreaterThanOrEqual(2);
      expect(fake.authAttempts.every((a) => !a.ok)).toBe(true);
      expect(fake.connections).toBe(0);
      expect(inbox.calls).toBe(0);
    } finally {
      await adapter.stop!();
      await fake.stop();
    }
  });
});

const QUIET = 'wrkSSZDQAAquietgroup';
const WITH_HOOK = 'wrkSSZDQAAhookedgroup';

/** The adapter on its own fakes, its robot held to `limits`; every wait for a rate slot moves the shared clock. */
async function startRobot(limits: Pick<RobotWsGateOptions, 'chatLimits' | 'pushLimits'> = {}) {
  const fake = new WecomRobotWsFake();
  const api = new WecomApiFake();
  const inbox = new MemoryInbox();
  const waited: number[] = [];
  await Promise.all([fake.start(), api.start()]);
  const adapter = createWecomAdapter({
    config: { corpId: api.corpId, agentId: String(api.agentId), secret: api.secret, token: 't', aesKey: 'k', apiBase: api.url, botWs: { botId: fake.botId, secret: fake.secret }, groupWebhooks: { [WITH_HOOK]: 'hook-key' } },
    now: fake.clock.now, clientOptions: { sleep: async () => {}, now: fake.clock.now },
    robotWs: { wsUrl: fake.url, reconnectInterval: 50 },
    robotGate: { ...limits, sleep: async (ms) => { waited.push(ms); fake.clock.advance(ms); } },
  });
  await adapter.start!(inbox);
  expect(await adapter.robotWs!.settled()).toBe('authenticated');
  /** A member @-mentions the robot in `chatId`; resolves with the address the receiver stored for the answer. */
  const mentioned = async (chatId: string): Promise<Address> => {
    const p = fake.pushText({ from: 'rep_zhang', content: '@chatcrm 帮助', chatId });
    await vi.waitFor(() => expect(inbox.rows.has(`wecom:aibot:${p.msgId}`)).toBe(true), { timeout: 5000 });
    return inbox.rows.get(`wecom:aibot:${p.msgId}`)!.address;
  };
  const stop = async () => { await adapter.stop!(); await fake.stop(); await api.stop(); };
  return { fake, api, adapter, waited, mentioned, stop };
}

describe('WeCom robot long connection, rate limits', () => {
  let robot: Awaited<ReturnType<typeof startRobot>>;
  let fake: WecomRobotWsFake;
  let api: WecomApiFake;
  let adapter: WecomAdapter;
  let waited: number[];
  const mentioned = (chatId: string) => robot.mentioned(chatId);

  beforeAll(async () => {
    robot = await startRobot();
    ({ fake, api, adapter, waited } = robot);
  });
  afterAll(async () => { await robot?.stop(); });

  it('the 31st answer in one group within a minute waits until the minute has passed, so WeCom refuses none', async () => {
    const addresses: Address[] = [];
    for (let i = 0; i < 31; i++) addresses.push(await mentioned(QUIET));
    const start = fake.clock.now();
    for (const a of addresses) await adapter.send(a, { kind: 'text', text: 'ok' });
    const answers = fake.replies.filter((r) => r.cmd === 'aibot_respond_msg');
    expect(answers).toHaveLength(31);
    expect(answers.every((r) => r.errcode === 0)).toBe(true);
    expect(waited.length).toBeGreaterThan(0);
    expect(answers[30].at - answers[0].at).toBeGreaterThanOrEqual(60_000);
    expect(fake.clock.now() - start).toBeGreaterThanOrEqual(60_000);
  });

  it('pushes into a group stop at 10 a day: then the webhook takes over, or the outbox is told to try later', async () => {
    fake.clock.advance(3_600_000);
    await mentioned(WITH_HOOK);
    for (let i = 0; i < 10; i++) await adapter.send({ platform: 'wecom', tenant: api.corpId, chatId: QUIET, chatType: 'group' }, { kind: 'markdown', text: `board ${i}` });
    for (let i = 0; i < 10; i++) await adapter.send({ platform: 'wecom', tenant: api.corpId, chatId: WITH_HOOK, chatType: 'group' }, { kind: 'markdown', text: `board ${i}` });
    expect(fake.pushesTo(QUIET).map((r) => r.errcode)).toEqual(Array(10).fill(0));
    expect(fake.pushesTo(WITH_HOOK).map((r) => r.errcode)).toEqual(Array(10).fill(0));

    const refused = adapter.send({ platform: 'wecom', tenant: api.corpId, chatId: QUIET, chatType: 'group' }, { kind: 'markdown', text: 'board 11' });
    await expect(refused).rejects.toBeInstanceOf(PlatformError);
    await expect(refused).rejects.toMatchObject({ code: 'robot_quota', retryable: true });
    await adapter.send({ platform: 'wecom', tenant: api.corpId, chatId: WITH_HOOK, chatType: 'group' }, { kind: 'markdown', text: 'board 11' });
    expect(api.webhookMessages).toMatchObject([{ key: 'hook-key', body: { msgtype: 'markdown', markdown: { content: 'board 11' } } }]);
    expect(fake.pushesTo(QUIET)).toHaveLength(10);
    expect(fake.pushesTo(WITH_HOOK)).toHaveLength(10);
    expect(fake.replies.filter((r) => r.errcode === 45009)).toEqual([]);
  });
});

describe('WeCom robot long connection, answers first', () => {
  let robot: Awaited<ReturnType<typeof startRobot>>;
  // Six sends a minute per group, pushes budgeted generously: pushes may take five of the six.
  beforeAll(async () => { robot = await startRobot({ chatLimits: [{ name: 'chat', points: 6, durationMs: 60_000 }], pushLimits: [{ name: 'push', points: 100, durationMs: 86_400_000 }] }); });
  afterAll(async () => { await robot?.stop(); });

  it('pushes into a group leave a sixth of its minute free, so a member\'s answer does not wait behind them', async () => {
    const { fake, adapter, api, waited } = robot;
    const group: Address = { platform: 'wecom', tenant: api.corpId, chatId: QUIET, chatType: 'group' };
    const asked = await robot.mentioned(QUIET);
    for (let i = 0; i < 5; i++) await adapter.send(group, { kind: 'markdown', text: `board ${i}` }, { push: true });
    expect(waited).toEqual([]);
    // The sixth push waits for the first to leave the minute; the answer takes the slot kept for it at once.
    await adapter.send(group, { kind: 'markdown', text: 'board 5' }, { push: true });
    expect(waited).toHaveLength(1);
    await adapter.send(asked, { kind: 'text', text: 'ok' });
    expect(waited).toHaveLength(1);
    expect(fake.pushesTo(QUIET)).toHaveLength(6);
    expect(fake.replies.filter((r) => r.cmd === 'aibot_respond_msg').map((r) => r.errcode)).toEqual([0]);
  });
});
