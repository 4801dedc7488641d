// WeCom intelligent robot over its long connection, through the whole stack: the official SDK connects to a local
// fake of WeCom's socket (bot/platforms/emulator/fakes/wecom-robot-ws.ts), a member @-mentions the robot in a group,
// the inbox stores the message once however often the frame comes, and the answer goes back over the socket on
// that frame's req_id (or through the group webhook once the req_id is dead).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTestDb, TARGETS, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startChatStack, type ChatStack } from '../../helpers/chat-stack.js';
import { WecomRobotWsFake } from '../../../bot/platforms/emulator/fakes/wecom-robot-ws.js';
import { createWecomAdapter, type WecomAdapter } from '../../../bot/platforms/wecom/adapter.js';
import { InboxEvent } from '../../../server/domain/inbox/inbox-event.entity.js';
import { OutboxMessage } from '../../../server/domain/outbox/outbox-message.entity.js';
import { MemoryInbox } from './test-app.js';

const GROUP = 'wrkSSZDQAAeastsales';
const noSleep = { sleep: async () => {} };

describe.each(TARGETS)('WeCom robot long connection, full stack (%s)', (target) => {
  let t: TestDb;
  let org: Org;
  let chat: ChatStack;
  let fake: WecomRobotWsFake;
  let adapter: WecomAdapter;

  const inboxRows = (eventId: string) => t.db.ds.getRepository(InboxEvent).countBy({ platform: 'wecom', eventId });
  const groupOutbox = async () => (await t.db.ds.getRepository(OutboxMessage).find({ order: { id: 'ASC' } }))
    .filter((m) => (m.address as { chatId?: string }).chatId === GROUP);

  /** Pushes a group @-message and waits until the receiver has handed every delivery to the inbox. */
  async function mention(from: string, content: string, times = 1) {
    const spy = vi.spyOn(chat.stack.inbox, 'accept');
    try {
      const first = fake.pushText({ from, content: `@chatcrm ${content}`, chatId: GROUP });
      for (let i = 1; i < times; i++) fake.push(first);
      await vi.waitFor(() => expect(spy.mock.settledResults.filter((r) => r.type !== 'incomplete')).toHaveLength(times), { timeout: 5000 });
      return { push: first, results: spy.mock.settledResults.map((r) => r.value) };
    } finally {
      spy.mockRestore();
    }
  }

  beforeAll(async () => {
    fake = new WecomRobotWsFake();
    await fake.start();
    t = await openTestDb(target);
    org = await seedOrg(t.db);
    chat = await startChatStack(t, { wecom: { clientOptions: noSleep, robotWs: { wsUrl: fake.url, reconnectInterval: 50 } } }, {
      WECOM_BOT_ID: fake.botId, WECOM_BOT_SECRET: fake.secret, WECOM_GROUP_WEBHOOK_KEYS: `${GROUP}=group-key-east`,
    });
    adapter = chat.stack.adapters.wecom as WecomAdapter;
    expect(await adapter.robotWs!.settled()).toBe('authenticated');
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
    const login = await fetch(`${chat.url}/api/v1/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin' }) });
    const { token } = (await login.json()) as { token: string };
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

  it('a dead req_id falls back to the group webhook', async () => {
    const { push } = await mention(org.users.repA.wecomUserId!, '帮助');
    fake.expire(push.reqId);
    await chat.settle();
    expect(fake.repliesTo(push.reqId)).toMatchObject([{ errcode: 846605 }]);
    expect(chat.wecom.webhookMessages).toMatchObject([{ key: 'group-key-east' }]);
    expect((await groupOutbox()).at(-1)!.status).toBe('sent');
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
