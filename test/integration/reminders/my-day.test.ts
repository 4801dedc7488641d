// One day, three places: the mini-program's Today (GET /api/v1/my-day), the bot's "今天的待办" and the morning digest
// list the same tasks and customers (server/domain/reminder/my-day.ts): a snooze moves a task, the company's own
// cadence rules decide which customers are due, and tomorrow's work waits for tomorrow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startChatStack, type ChatStack } from '../../helpers/chat-stack.js';
import { apiClient } from '../../helpers/http.js';
import { Task } from '../../../server/domain/activity/task.entity.js';
import { withTx } from '../../../server/domain/shared/with-tx.js';
import { myDay } from '../../../server/domain/reminder/my-day.js';
import { buildDigest } from '../../../server/domain/reminder/digest.js';
import { systemActor } from '../../../server/domain/shared/actor.js';
import { DAY, HOUR, addCustomer, addTask, setReminderSettings, textsTo } from './helpers.js';

// Monday 2026-11-23 10:00 in Shanghai.
const NOW = new Date('2026-11-23T02:00:00Z');

describe.each(TARGETS)("a rep's day on %s", (target) => {
  let t: TestDb; let org: Org; let chat: ChatStack;
  const token: Record<string, string> = {};
  const call = (method: string, path: string, who: string, body?: unknown) => apiClient(chat.url).call(method, `/api/v1${path}`, { token: token[who], body });

  beforeAll(async () => {
    t = await openTestDb(target);
    t.clock.set(NOW);
    org = await seedOrg(t.db);
    chat = await startChatStack(t);
    await setReminderSettings(t, { digestAt: null, escalateAfterDays: 300 });
    for (const who of ['rep.zhao', 'rep.zhang', 'admin']) token[who] = await apiClient(chat.url).login(who);
    const rep = org.users.repC.id;
    const plant = await addCustomer(t, 'Day-C1 九龙坡机械', rep, 'A', new Date(NOW.getTime() - 8 * DAY));
    await addCustomer(t, 'Day-C2 渝北物流', rep, 'B', new Date(NOW.getTime() - 8 * DAY));
    await addCustomer(t, 'Day-C3 江津建材', rep, 'C', new Date(NOW.getTime() - 6 * DAY));
    await addTask(t, 'Day-T1 send the brochure', rep, new Date(NOW.getTime() - 2 * DAY - HOUR), plant.id);
    await addTask(t, 'Day-T2 call back at three', rep, new Date('2026-11-23T07:00:00Z'));
    await addTask(t, 'Day-T3 visit tomorrow', rep, new Date('2026-11-24T02:00:00Z'));
    const snoozedAway = await addTask(t, 'Day-T4 snoozed to tomorrow', rep, new Date(NOW.getTime() - DAY));
    const snoozedIn = await addTask(t, 'Day-T5 snoozed to this afternoon', rep, new Date('2026-11-30T02:00:00Z'));
    await t.db.ds.getRepository(Task).update({ id: snoozedAway.id }, { snoozedUntil: new Date('2026-11-24T01:00:00Z') });
    await t.db.ds.getRepository(Task).update({ id: snoozedIn.id }, { snoozedUntil: new Date('2026-11-23T08:00:00Z') });
    // The company follows C customers up every 5 days, not the shipped 30.
    const cadence = {
      set: 'follow-up-cadence', version: 2, subject: 'customer',
      rules: [{ id: 'a', when: "customer.level == 'A'", everyDays: 7 }, { id: 'b', when: "customer.level == 'B'", everyDays: 14 }, { id: 'c', when: "customer.level == 'C'", everyDays: 5 }],
    };
    expect((await call('PUT', '/settings/followUpCadence', 'admin', { value: cadence })).status).toBe(200);
  });
  afterAll(async () => { await chat?.close(); await t?.close(); });

  it('GET /my-day: overdue and due-today tasks by when they are due now, and the customers the rules say are due', async () => {
    const day = await call('GET', '/my-day', 'rep.zhao');
    expect(day.status).toBe(200);
    expect(day.body.timeZone).toBe('Asia/Shanghai');
    expect(day.body.tasks.map((x: { title: string }) => x.title)).toEqual(['Day-T1 send the brochure', 'Day-T2 call back at three', 'Day-T5 snoozed to this afternoon']);
    expect(day.body.tasks[0]).toMatchObject({ customerName: 'Day-C1 九龙坡机械', daysLate: 2 });
    expect(day.body.tasks[2]).toMatchObject({ at: '2026-11-23T08:00:00.000Z', daysLate: 0 });
    // Longest waiting first: C1 (8 days, A every 7), C3 (6 days, C every 5 by the company's rule); C2 (B, 14) is not due.
    expect(day.body.customers.map((x: { name: string; days: number; everyDays: number }) => [x.name, x.days, x.everyDays]))
      .toEqual([['Day-C1 九龙坡机械', 8, 7], ['Day-C3 江津建材', 6, 5]]);
    // Another rep's day is their own.
    expect((await call('GET', '/my-day', 'rep.zhang')).body.tasks).toEqual([]);
  });

  it('the bot\'s "今天的待办" lists the same tasks and customers', async () => {
    await chat.wecomSays('rep_zhao', '今天的待办');
    await chat.settle();
    const [answer] = textsTo(chat, 'rep_zhao', 'Day-');
    expect(answer).toContain('今天的待办（3 项）');
    for (const title of ['Day-T1', 'Day-T2', 'Day-T5', 'Day-C1', 'Day-C3']) expect(answer).toContain(title);
    for (const title of ['Day-T3', 'Day-T4', 'Day-C2']) expect(answer).not.toContain(title);
    expect(answer.indexOf('Day-T1')).toBeLessThan(answer.indexOf('Day-T2'));
    expect(answer).toContain('该跟进的客户（2 个）');
  });

  it('the morning digest says the same, and nobody may read another person\'s day', async () => {
    const digest = await withTx(t.db, systemActor(), (c) => buildDigest(c, org.users.repC.id, 'en-US'));
    expect(digest).toMatchObject({ tasks: 3, customers: 2, more: 0 });
    expect(digest!.lines.split('\n')).toEqual([
      '- Task: Day-T1 send the brochure (2 days overdue)', '- Task: Day-T2 call back at three (due 15:00)', '- Task: Day-T5 snoozed to this afternoon (due 16:00)',
      '- Follow up: Day-C1 九龙坡机械 (level A, 8 days since the last follow-up)', '- Follow up: Day-C3 江津建材 (level C, 6 days since the last follow-up)',
    ]);
    const asRep = { userId: org.users.repA.id, role: 'rep' as const, teamId: org.users.repA.teamId, locale: 'zh-CN' as const, channel: 'api' as const };
    await expect(withTx(t.db, asRep, (c) => myDay(c, org.users.repC.id))).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('"明天有什么安排" lists tomorrow: what falls due that day, titled so, and a count of what is still open before it', async () => {
    await chat.wecomSays('rep_zhao', '明天有什么安排');
    await chat.settle();
    const answer = textsTo(chat, 'rep_zhao', 'Day-').at(-1)!;
    expect(answer).toContain('明天的待办（2 项）');
    // T4 was snoozed to 09:00 tomorrow, T3 is due at 10:00 tomorrow; today's and the overdue ones are counted.
    expect(answer.indexOf('Day-T4')).toBeLessThan(answer.indexOf('Day-T3'));
    for (const title of ['Day-T1', 'Day-T2', 'Day-T5', 'Day-C1', 'Day-C2', 'Day-C3']) expect(answer).not.toContain(title);
    expect(answer).toContain('另有 3 项更早到期、尚未完成的待办');
  });

  it('another day lists the customers whose cadence runs out that day, at the age they will have then', async () => {
    // C2 (level B, every 14 days) was last touched 8 days ago: its cadence runs out in 6 days, on 2026-11-29.
    const sunday = await withTx(t.db, systemActor(), (c) => myDay(c, org.users.repC.id, { day: '2026-11-29' }));
    expect(sunday).toMatchObject({ day: '2026-11-29', today: false, tasks: [], earlier: 5 });
    expect(sunday.customers.map((x) => [x.name, x.days])).toEqual([['Day-C2 渝北物流', 14]]);
    const tomorrow = await call('GET', '/my-day?day=2026-11-24', 'rep.zhao');
    expect(tomorrow.body).toMatchObject({ day: '2026-11-24', today: false, earlier: 3 });
    expect(tomorrow.body.tasks.map((x: { title: string }) => x.title)).toEqual(['Day-T4 snoozed to tomorrow', 'Day-T3 visit tomorrow']);
    for (const bad of ['2026-02-30', 'tomorrow']) {
      const r = await call('GET', `/my-day?day=${bad}`, 'rep.zhao');
      expect(r.status, bad).toBe(400);
    }
    const en = await chat.wecomSays('rep_zhao', "what's due tomorrow");
    expect(en).toBe(200);
    await chat.settle();
    expect(textsTo(chat, 'rep_zhao', 'Day-').at(-1)).toContain('明天的待办（2 项）');
  });
});
