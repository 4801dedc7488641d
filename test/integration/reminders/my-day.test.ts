// One day, three places: the mini-program's Today (GET /api/v1/my-day), the bot's "今天的待办" and the morning digest
// list the same tasks and customers (server/domain/reminder/my-day.ts): a snooze moves a task, the company's own
// cadence rules decide which customers are due, and tomorrow's work waits for tomorrow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startChatStack, type ChatStack } from '../../helpers/chat-stack.js';
import { apiClient } from '../../helpers/http.js';
import { Task } from '../../../server/domain/activity/task.entity.js';
import { Activity } from '../../../server/domain/activity/activity.entity.js';
import { OutboxMessage } from '../../../server/domain/outbox/outbox-message.entity.js';
import { withTx } from '../../../server/domain/shared/with-tx.js';
import { myDay } from '../../../server/domain/reminder/my-day.js';
import { myTasks } from '../../../server/domain/reminder/my-tasks.js';
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

  it('"明天要拜访…吗" asks, it does not log: tomorrow\'s to-dos about it, or that there are none and how to add one', async () => {
    const before = { activities: await t.db.ds.getRepository(Activity).count(), tasks: await t.db.ds.getRepository(Task).count() };
    const none = await said('rep_zhao', '明天要拜访九龙坡机械吗');
    expect(none.split('\n')).toEqual(['明天没有关于「九龙坡机械」的待办。', '明天共有 2 项待办，发送「明天的待办」查看。', '要加上，就说：提醒我明天拜访九龙坡机械']);
    const some = await said('rep_zhao', '明天是不是要拜访 Day-T3');
    expect(some.split('\n').map((l) => l.trimEnd())).toEqual(['**明天关于「Day-T3」的待办（1 项）**', '- 11月24日 10:00 Day-T3 visit tomorrow']);
    const english = await said('rep_zhao', 'do I need to call Day-T4 tomorrow?');
    // Asked in English, answered in the rep's own language, as every answer is.
    expect(english.split('\n').map((l) => l.trimEnd())).toEqual(['**明天关于「Day-T4」的待办（1 项）**', '- 11月24日 09:00 Day-T4 snoozed to tomorrow']);
    // Nothing was written: no follow-up, no to-do.
    expect(await t.db.ds.getRepository(Activity).count()).toBe(before.activities);
    expect(await t.db.ds.getRepository(Task).count()).toBe(before.tasks);
  });

  it('asked in a group chat, a day\'s or a week\'s to-dos go to the asker alone and the group is told so', async () => {
    const GROUP = 'cid_day_group';
    const outbox = t.db.ds.getRepository(OutboxMessage);
    for (const [line, key] of [['今天的待办', 'bot.agenda.list'], ['本周的待办', 'bot.agenda.period_list'], ['明天是不是要拜访 Day-T3', 'bot.agenda.about_list']] as const) {
      await chat.dingtalkSays('dt_rep_zhao', line, { group: GROUP });
      await chat.settle();
      const [told, list] = await outbox.find({ order: { id: 'DESC' }, take: 2 });
      expect(told.address, line).toMatchObject({ chatId: GROUP });
      expect(told.payload, line).toMatchObject({ message: { kind: 'text', key: 'bot.private.sent' } });
      expect(list.address, line).toMatchObject({ platform: 'dingtalk', userId: 'dt_rep_zhao', chatType: 'single' });
      expect(list.payload, line).toMatchObject({ message: { kind: 'markdown', key } });
    }
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

  /** What the bot last said to `user` (WeCom), as the text they read. */
  const said = async (user: string, line: string): Promise<string> => {
    const before = chat.wecom.deliveredTo(user).length;
    expect(await chat.wecomSays(user, line)).toBe(200);
    await chat.settle();
    const got = chat.wecom.deliveredTo(user).slice(before);
    expect(got.length, `an answer to "${line}"`).toBeGreaterThan(0);
    return got.map((d) => (d.body[d.msgtype] as { content: string }).content).join('\n---\n');
  };

  it('"本周的待办": the open tasks due this week, soonest first, the overdue one from last week flagged — not the agenda of Monday', async () => {
    const answer = await said('rep_zhao', '本周的待办');
    const lines = answer.split('\n');
    expect(lines[0]).toBe('**本周的待办（5 项，其中 1 项已逾期）**');
    expect(lines[1]).toBe('- ⚠️ 已逾期 11月21日 09:00 Day-T1 send the brochure Day-C1 九龙坡机械');
    expect(lines.slice(2).map((l) => /Day-T\d/.exec(l)![0])).toEqual(['Day-T2', 'Day-T5', 'Day-T4', 'Day-T3']);
    expect(answer).not.toContain('已逾期 11月23日');
    // Last week: what fell due then and is still open.
    expect((await said('rep_zhao', '上周的待办')).split('\n')).toEqual(['**上周的待办（1 项，其中 1 项已逾期）**', '- ⚠️ 已逾期 11月21日 09:00 Day-T1 send the brochure Day-C1 九龙坡机械']);
  });

  it('"今年的待办" is this year\'s tasks (not 1 January\'s); "下个月的待办" / "明年的待办" list theirs and count what is open before', async () => {
    await addTask(t, 'Day-T6 December renewal', org.users.repC.id, new Date('2026-12-10T02:00:00Z'));
    await addTask(t, 'Day-T7 next year kickoff', org.users.repC.id, new Date('2027-01-05T02:00:00Z'));
    const year = await said('rep_zhao', '今年的待办');
    expect(year.split('\n')[0]).toBe('**今年的待办（6 项，其中 1 项已逾期）**');
    expect(year).toContain('- 12月10日 10:00 Day-T6 December renewal');
    expect(year).not.toContain('Day-T7');
    expect(await said('rep_zhao', '下个月的待办')).toBe('**下个月的待办（1 项）**\n- 12月10日 10:00 Day-T6 December renewal \n\n另有 5 项更早到期、尚未完成的待办，发送「今天的待办」查看。');
    // A task due in another year than this one shows its year; this year's stay as they are.
    expect(await said('rep_zhao', '明年的待办')).toBe('**明年的待办（1 项）**\n- 2027年1月5日 10:00 Day-T7 next year kickoff \n\n另有 6 项更早到期、尚未完成的待办，发送「今天的待办」查看。');
    expect(await said('rep_zhao', '下季度的待办')).toContain('**下季度的待办（1 项）**');
    expect(await said('rep_zhao', '上季度的待办')).toBe('上季度没有待办，轻松一下 ☕');
    // The same list through the API, and only one's own.
    const api = await call('GET', '/my-tasks?period=year', 'rep.zhao');
    expect(api.status).toBe(200);
    expect(api.body).toMatchObject({ period: 'year', offset: 0, current: true, total: 6, overdue: 1, earlier: 0 });
    expect(api.body.items.map((x: { title: string }) => x.title.slice(0, 6))).toEqual(['Day-T1', 'Day-T2', 'Day-T5', 'Day-T4', 'Day-T3', 'Day-T6']);
    expect((await call('GET', '/my-tasks?period=month&offset=1', 'rep.zhao')).body).toMatchObject({ current: false, total: 1, earlier: 5 });
    expect((await call('GET', '/my-tasks?period=year', 'rep.zhang')).body).toMatchObject({ total: 0, items: [] });
    expect((await call('GET', '/my-tasks?period=decade', 'rep.zhao')).status).toBe(400);
    const asRep = { userId: org.users.repA.id, role: 'rep' as const, teamId: org.users.repA.teamId, locale: 'zh-CN' as const, channel: 'api' as const };
    await expect(withTx(t.db, asRep, (c) => myTasks(c, org.users.repC.id, { period: 'year' }))).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('a long list stops at 15 tasks and points to the mini-program; in English too ("my tasks this year")', async () => {
    for (let i = 1; i <= 20; i++) await addTask(t, `Dec-${String(i).padStart(2, '0')} call round`, org.users.repA.id, new Date(Date.UTC(2026, 11, i, 2)));
    const answer = await said('rep_zhang', '下个月的待办');
    const lines = answer.split('\n');
    expect(lines[0]).toBe('**下个月的待办（20 项）**');
    expect(lines.filter((l) => l.startsWith('- '))).toHaveLength(15);
    expect(lines.at(-1)).toBe('……另有 5 项未列出，请在小程序中查看。');
    await addTask(t, 'Quote for Globex', org.users.repB.id, new Date(NOW.getTime() - DAY));
    await addTask(t, 'Globex renewal', org.users.repB.id, new Date('2026-12-01T02:00:00Z'));
    expect(await said('rep_li', 'my tasks this year')).toBe('**Tasks due this year (2, 1 overdue)**\n- ⚠️ overdue Nov 22, 10:00 Quote for Globex \n- Dec 1, 10:00 Globex renewal ');
    expect(await said('rep_li', 'my tasks next year')).toBe('Nothing due next year. Enjoy ☕\n\nPlus 2 open tasks due earlier: send "my tasks today" to see them.');
  });
});
