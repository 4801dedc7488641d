// The one-sentence follow-up works the same on every transport: WeCom app callback, DingTalk HTTP callback and
// DingTalk Stream, and with the date-reading thread on. Each gives one activity, one task due next Wednesday for
// that rep, and a receipt at the platform.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DWClient, TOPIC_ROBOT } from 'dingtalk-stream';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startChatStack, type ChatStack } from '../../helpers/chat-stack.js';
import { Customer } from '../../../server/domain/customer/customer.entity.js';
import { Activity } from '../../../server/domain/activity/activity.entity.js';
import { Task } from '../../../server/domain/activity/task.entity.js';
import { createDingtalkStream } from '../../../bot/platforms/dingtalk/receiver-stream.js';
import { dingtalkRobotMessage, dingtalkStreamFrame } from '../../helpers/platform-callers.js';

const NOW = new Date('2026-11-18T02:00:00Z'); // Wednesday 10:00 in Shanghai
const SENTENCE = '跟进 华为 今天电话沟通了方案，下周三发报价';
const shanghaiDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);

describe.each(TARGETS)('one sentence, every transport, on %s', (target) => {
  let t: TestDb; let org: Org; let chat: ChatStack; let customerId: number;
  beforeAll(async () => {
    t = await openTestDb(target);
    t.clock.set(NOW);
    org = await seedOrg(t.db);
    customerId = (await t.db.ds.getRepository(Customer).save({ name: '华为技术有限公司重庆分公司', normalizedName: '华为技术重庆', aliases: '华为', level: 'A', ownerId: org.users.repA.id, failedFollowUps: 0, createdAt: NOW, updatedAt: NOW })).id;
    chat = await startChatStack(t);
  });
  afterAll(async () => { await chat?.close(); await t?.close(); });

  async function expectLogged(before: number): Promise<void> {
    const list = await t.db.ds.getRepository(Activity).find({ order: { id: 'ASC' } });
    expect(list).toHaveLength(before + 1);
    const a = list[list.length - 1];
    expect(a).toMatchObject({ customerId, authorId: org.users.repA.id, type: 'call', channel: 'bot' });
    const task = await t.db.ds.getRepository(Task).findOneByOrFail({ activityId: a.id });
    expect(task.ownerId).toBe(org.users.repA.id);
    expect(shanghaiDay(task.dueAt)).toBe('2026-11-25');
    expect(task.title).toContain('报价');
  }

  it('WeCom app callback', async () => {
    await chat.wecomSays('rep_zhang', SENTENCE, 'wecom-1');
    await chat.settle();
    await expectLogged(0);
    expect(chat.wecom.deliveredTo('rep_zhang').filter((d) => d.msgtype === 'template_card')).toHaveLength(1);
  });

  it('DingTalk HTTP callback', async () => {
    const sentBefore = chat.dingtalk.received.length;
    expect(await chat.dingtalkSays('dt_rep_zhang', SENTENCE, { msgId: 'ding-1' })).toBe(200);
    await chat.settle();
    await expectLogged(1);
    const cards = [...chat.dingtalk.cards.values()];
    expect(cards.some((c) => JSON.stringify(c.cardParamMap).includes('华为'))).toBe(true);
    expect(chat.dingtalk.received.length).toBeGreaterThan(sentBefore);
  });

  it('DingTalk Stream frame', async () => {
    const client = new DWClient({ clientId: chat.dingtalk.appKey, clientSecret: chat.dingtalk.appSecret });
    (client as unknown as { socketCallBackResponse: () => void }).socketCallBackResponse = () => {};
    const stream = createDingtalkStream({ config: { appKey: chat.dingtalk.appKey, appSecret: chat.dingtalk.appSecret, robotCode: chat.dingtalk.robotCode, apiBase: chat.dingtalk.url, oapiBase: chat.dingtalk.url, mode: 'stream' }, inbox: chat.stack.inbox, client });
    const cardsBefore = chat.dingtalk.cards.size;
    await stream.handleFrame(JSON.parse(dingtalkStreamFrame(TOPIC_ROBOT, dingtalkRobotMessage({ msgId: 'stream-9', staffId: 'dt_rep_zhang', content: SENTENCE }))));
    await chat.settle();
    await expectLogged(2);
    expect(chat.dingtalk.cards.size).toBe(cardsBefore + 1);
  });

  it('WeCom app callback with the dates read on the second thread (the production default)', async () => {
    const threaded = await startChatStack(t, {}, { READ_AHEAD_THREAD: 'true' });
    try {
      await threaded.wecomSays('rep_zhang', SENTENCE, 'wecom-threaded-1');
      await threaded.settle();
      await expectLogged(3);
      expect(threaded.wecom.deliveredTo('rep_zhang').filter((d) => d.msgtype === 'template_card')).toHaveLength(1);
    } finally {
      await threaded.close();
    }
  });

  it('shows delivery state to admins only', async () => {
    const login = async (username: string) => (await (await fetch(`${chat.url}/api/v1/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username }) })).json() as { token: string }).token;
    const admin = await login('admin');
    const stats = await (await fetch(`${chat.url}/api/v1/outbox/stats`, { headers: { authorization: `Bearer ${admin}` } })).json() as { counts: Record<string, number> };
    expect(stats.counts.sent).toBeGreaterThanOrEqual(3);
    expect(stats.counts.pending + stats.counts.dead).toBe(0);
    const list = await (await fetch(`${chat.url}/api/v1/outbox?status=sent&limit=2`, { headers: { authorization: `Bearer ${admin}` } })).json() as { items: unknown[]; nextBefore: number };
    expect(list.items).toHaveLength(2);
    expect(list.nextBefore).toBeGreaterThan(0);
    const rep = await login('rep.zhang');
    expect((await fetch(`${chat.url}/api/v1/outbox/stats`, { headers: { authorization: `Bearer ${rep}` } })).status).toBe(403);
  });
});
