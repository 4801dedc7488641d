// One company time zone everywhere: COMPANY_TIME_ZONE until an admin sets the `timeZone` setting, then the setting —
// for the dates a rep says in chat, the mini-program's days (GET /me), the settings list and the approval cards alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startChatStack, type ChatStack } from '../../helpers/chat-stack.js';
import { apiClient } from '../../helpers/http.js';
import { Customer } from '../../../server/domain/customer/customer.entity.js';
import { Task } from '../../../server/domain/activity/task.entity.js';

// Monday 2026-11-23 02:00 UTC: 11:00 in Tokyo, 10:00 in Shanghai.
const NOW = new Date('2026-11-23T02:00:00Z');

describe.each(TARGETS)('the company time zone on %s', (target) => {
  let t: TestDb; let org: Org; let chat: ChatStack;
  const token: Record<string, string> = {};
  const call = (method: string, path: string, who: string, body?: unknown) => apiClient(chat.url).call(method, `/api/v1${path}`, { token: token[who], body });
  /** The task a follow-up sentence left, by its text. */
  const taskDue = async (said: string) => {
    await chat.wecomSays('rep_zhang', said);
    await chat.settle();
    const tasks = await t.db.ds.getRepository(Task).find({ where: { ownerId: org.users.repA.id }, order: { id: 'DESC' }, take: 1 });
    return tasks[0].dueAt.toISOString();
  };

  beforeAll(async () => {
    t = await openTestDb(target);
    t.clock.set(NOW);
    // What server/db/open.ts does with COMPANY_TIME_ZONE.
    t.db.timeZone = 'Asia/Tokyo';
    org = await seedOrg(t.db);
    const customers = t.db.ds.getRepository(Customer);
    await customers.save(customers.create({ name: '华为技术有限公司重庆分公司', normalizedName: '华为技术重庆', aliases: '华为', level: 'A', ownerId: org.users.repA.id, failedFollowUps: 0, createdAt: NOW, updatedAt: NOW }));
    chat = await startChatStack(t, {}, { COMPANY_TIME_ZONE: 'Asia/Tokyo' });
    for (const who of ['rep.zhang', 'admin']) token[who] = await apiClient(chat.url).login(who);
  });
  afterAll(async () => { await chat?.close(); await t?.close(); });

  it('with no setting stored, COMPANY_TIME_ZONE is the zone of chat dates, of /me and of the settings list', async () => {
    expect((await call('GET', '/me', 'rep.zhang')).body.timeZone).toBe('Asia/Tokyo');
    expect((await call('GET', '/settings', 'admin')).body.timeZone).toBe('Asia/Tokyo');
    // 明天下午3点 = 2026-11-24 15:00 in Tokyo.
    expect(await taskDue('跟进 华为 今天电话沟通了方案，明天下午3点回电')).toBe('2026-11-24T06:00:00.000Z');
  });

  it('once an admin sets the zone, the setting wins everywhere, the chat included', async () => {
    expect((await call('PUT', '/settings/timeZone', 'admin', { value: 'Asia/Shanghai' })).status).toBe(200);
    expect((await call('GET', '/me', 'rep.zhang')).body.timeZone).toBe('Asia/Shanghai');
    expect(await taskDue('跟进 华为 上门拜访了采购部，明天下午3点发资料')).toBe('2026-11-24T07:00:00.000Z');
  });
});
