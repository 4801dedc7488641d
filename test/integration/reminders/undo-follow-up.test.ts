// Undoing a follow-up (撤销 on the receipt) or deleting it (REST) leaves its customer or lead as if it had never been
// logged: last follow-up, a lead's first contact and status, the leaderboard's follow-up count, audited — and the
// reminders planned afterwards are those of a twin that never had it. Moving one to another date (REST PATCH of
// occurredAt) leaves them as if it had been logged at that date, compared with a twin that was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startChatStack, type ChatStack } from '../../helpers/chat-stack.js';
import { Customer } from '../../../server/domain/customer/customer.entity.js';
import { Lead } from '../../../server/domain/lead/lead.entity.js';
import { Activity } from '../../../server/domain/activity/activity.entity.js';
import { Task } from '../../../server/domain/activity/task.entity.js';
import { AuditLog } from '../../../server/domain/audit/audit-log.entity.js';
import { Reminder } from '../../../server/domain/reminder/reminder.entity.js';
import { withTx } from '../../../server/domain/shared/with-tx.js';
import { logFollowUp } from '../../../server/domain/activity/log-follow-up.js';
import { undoFollowUp } from '../../../server/domain/activity/undo-follow-up.js';
import type { User } from '../../../server/domain/user/user.entity.js';
import { DAY, HOUR, addCustomer, addLead, cardsTo, run, setReminderSettings, tap, textsTo } from './helpers.js';

// 2026-11-18 10:00 Asia/Shanghai (a Wednesday).
const NOW = new Date('2026-11-18T02:00:00Z');
const MINUTE = 60_000;

describe.each(TARGETS)('undoing a follow-up puts everything back on %s', (target) => {
  let t: TestDb; let org: Org; let chat: ChatStack;
  beforeAll(async () => {
    t = await openTestDb(target);
    t.clock.set(NOW);
    org = await seedOrg(t.db);
    chat = await startChatStack(t);
  });
  afterAll(async () => { await chat?.close(); await t?.close(); });

  const customer = (id: number) => t.db.ds.getRepository(Customer).findOneByOrFail({ id });
  const lead = (id: number) => t.db.ds.getRepository(Lead).findOneByOrFail({ id });
  /** An A customer of repA (cadence 7 days) last followed up `at`, by a follow-up of its own. */
  const customerFollowedUp = async (name: string, at: Date) => {
    const cu = await addCustomer(t, name, org.users.repA.id, 'A', at);
    await t.db.ds.getRepository(Activity).save({ type: 'call', content: '上次电话', occurredAt: at, customerId: cu.id, authorId: org.users.repA.id, channel: 'api', createdAt: at });
    return cu;
  };
  /** repA's follow-ups on the leaderboard's day buckets (every day's total). */
  const followUpCount = async () => Number((await t.db.ds.query(
    "SELECT COALESCE(SUM(total), 0) AS n FROM metric_rollup WHERE metric = 'followups' AND grain = 'd' AND user_id = ?", [org.users.repA.id]))[0].n);
  /** What the planner has planned about a record: kind, due instant and status of each reminder. */
  const planned = async (subjectType: 'customer' | 'lead', subjectId: number) => (await t.db.ds.getRepository(Reminder).find({ where: { subjectType, subjectId }, order: { id: 'ASC' } }))
    .map((r) => [r.kind, r.dueAt.toISOString(), r.status]);
  const audits = (entityType: string, entityId: number, action: string) => t.db.ds.getRepository(AuditLog).find({ where: { entityType, entityId, action }, order: { id: 'ASC' } });
  const actor = (u: User, channel: 'bot' | 'api' = 'bot') => ({ userId: u.id, role: u.role, teamId: u.teamId, locale: 'zh-CN' as const, channel });
  /** The REST API as `u`, signed in on the current clock (a session lasts a week on it). */
  const signIn = async (u: User) => {
    const r = await fetch(`${chat.url}/api/v1/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: u.username }) });
    const { token } = (await r.json()) as { token: string };
    return (method: string, path: string, body?: unknown, lang = 'zh-CN') => fetch(`${chat.url}/api/v1${path}`, {
      method, headers: { 'content-type': 'application/json', 'accept-language': lang, authorization: `Bearer ${token}` }, ...(body ? { body: JSON.stringify(body) } : {}),
    });
  };

  it('a customer\'s (by chat and 撤销) and a lead\'s: derived fields, rollup and audit back, reminders as for a twin that never had it', async () => {
    t.clock.set(NOW);
    await setReminderSettings(t, { digestAt: null, escalateAfterDays: 300 });
    const cu = await customerFollowedUp('巴南制药', new Date(NOW.getTime() - 5 * DAY));
    const cuTwin = await customerFollowedUp('北碚机械', new Date(NOW.getTime() - 5 * DAY));
    const ld = await addLead(t, '璧山电子', org.users.repA.id, new Date(NOW.getTime() - 2 * HOUR));
    const ldTwin = await addLead(t, '铜梁五金', org.users.repA.id, new Date(NOW.getTime() - 2 * HOUR));
    const count = await followUpCount();

    // The customer, by chat: logged, then undone from its receipt.
    await chat.wecomSays('rep_zhang', '跟进 巴南制药 电话沟通了方案，下周三发报价');
    await chat.settle();
    const [logged] = await t.db.ds.getRepository(Activity).find({ where: { customerId: cu.id, channel: 'bot' } });
    expect((await customer(cu.id)).lastFollowUpAt?.getTime()).toBe(NOW.getTime());
    expect(await followUpCount()).toBe(count + 1);
    const [receipt] = cardsTo(chat, 'rep_zhang', '已记录跟进：巴南制药');
    const updates = chat.wecom.cardUpdates.length;
    await tap(chat, 'rep_zhang', receipt, 0);
    await chat.settle();
    expect(await t.db.ds.getRepository(Activity).countBy({ id: logged.id })).toBe(0);
    expect(await t.db.ds.getRepository(Task).countBy({ activityId: logged.id })).toBe(0);
    expect((await customer(cu.id)).lastFollowUpAt?.getTime()).toBe(NOW.getTime() - 5 * DAY);
    expect(await followUpCount()).toBe(count);
    expect(await audits('activity', logged.id, 'delete')).toEqual([expect.objectContaining({ actorId: org.users.repA.id, channel: 'card' })]);
    expect(await audits('customer', cu.id, 'update')).toEqual([expect.objectContaining({
      actorId: org.users.repA.id, channel: 'card', diff: { lastFollowUpAt: [NOW.toISOString(), new Date(NOW.getTime() - 5 * DAY).toISOString()] },
    })]);
    expect(chat.wecom.cardUpdates.length).toBe(updates + 1);
    // Tapped again: nothing more.
    await tap(chat, 'rep_zhang', receipt, 0);
    await chat.settle();
    expect(await audits('customer', cu.id, 'update')).toHaveLength(1);
    expect(chat.wecom.cardUpdates.length).toBe(updates + 1);

    // The lead, through the use cases: contacted by the follow-up, new again after the undo; a second undo does nothing.
    const onLead = await withTx(t.db, actor(org.users.repA), (c) => logFollowUp(c, { leadId: ld.id, type: 'call', content: '电话沟通了需求' }));
    expect(await lead(ld.id)).toMatchObject({ status: 'contacted', firstContactAt: NOW });
    expect(await followUpCount()).toBe(count + 1);
    const id = onLead.activity.id as number;
    expect(await withTx(t.db, actor(org.users.repA), (c) => undoFollowUp(c, id))).toEqual({ undone: true });
    expect(await withTx(t.db, actor(org.users.repA), (c) => undoFollowUp(c, id))).toEqual({ undone: false });
    expect(await lead(ld.id)).toMatchObject({ status: 'new', firstContactAt: null });
    expect(await followUpCount()).toBe(count);
    expect(await audits('lead', ld.id, 'update')).toEqual([
      expect.objectContaining({ diff: { status: ['new', 'contacted'], firstContactAt: [null, NOW.toISOString()] } }),
      expect.objectContaining({ actorId: org.users.repA.id, channel: 'bot', diff: { status: ['contacted', 'new'], firstContactAt: [NOW.toISOString(), null] } }),
    ]);

    // From here on the planner sees each as its twin: the lead's first-contact reminder a day after assignment, the
    // customer's cadence seven days after the follow-up before.
    for (const at of [NOW.getTime() + 23 * HOUR, NOW.getTime() + 3 * DAY]) {
      t.clock.set(new Date(at));
      await run(chat);
    }
    expect(await planned('lead', ld.id)).toEqual([['lead_sla', new Date(NOW.getTime() + 22 * HOUR).toISOString(), 'sent']]);
    expect(await planned('lead', ld.id)).toEqual(await planned('lead', ldTwin.id));
    expect(await planned('customer', cu.id)).toEqual([['followup_due', new Date(NOW.getTime() + 2 * DAY).toISOString(), 'sent']]);
    expect(await planned('customer', cu.id)).toEqual(await planned('customer', cuTwin.id));
    expect(cardsTo(chat, 'rep_zhang', '巴南制药').length).toBe(cardsTo(chat, 'rep_zhang', '北碚机械').length + 1);
  });

  it('a lead keeps what other follow-ups did: still contacted, its first contact the earliest left', async () => {
    t.clock.set(new Date(NOW.getTime() + 10 * DAY));
    const now = t.clock.now();
    const ld = await addLead(t, '荣昌食品', org.users.repA.id, new Date(now.getTime() - 2 * HOUR));
    const first = await withTx(t.db, actor(org.users.repA), (c) => logFollowUp(c, { leadId: ld.id, type: 'call', content: '电话没人接', outcome: 'failed' }));
    t.clock.set(new Date(now.getTime() + MINUTE));
    await withTx(t.db, actor(org.users.repA), (c) => logFollowUp(c, { leadId: ld.id, type: 'wechat', content: '加了微信', occurredAt: new Date(now.getTime() - HOUR) }));
    await withTx(t.db, actor(org.users.repA), (c) => undoFollowUp(c, first.activity.id as number));
    expect(await lead(ld.id)).toMatchObject({ status: 'contacted', firstContactAt: new Date(now.getTime() - HOUR), failedFollowUps: 0 });
  });

  it('past its window the undo says so and changes nothing; someone else\'s cannot be undone', async () => {
    t.clock.set(new Date(NOW.getTime() + 20 * DAY));
    const cu = await customerFollowedUp('江北机电', new Date(NOW.getTime() + 15 * DAY));
    await chat.wecomSays('rep_zhang', '跟进 江北机电 上门拜访了采购部');
    await chat.settle();
    const [receipt] = cardsTo(chat, 'rep_zhang', '已记录跟进：江北机电');
    t.clock.set(new Date(t.clock.now().getTime() + 6 * MINUTE));
    await tap(chat, 'rep_zhang', receipt, 0);
    await chat.settle();
    expect(textsTo(chat, 'rep_zhang', '撤销时间已过')).toHaveLength(1);
    expect(await t.db.ds.getRepository(Activity).countBy({ customerId: cu.id })).toBe(2);
    expect((await customer(cu.id)).lastFollowUpAt?.getTime()).toBe(NOW.getTime() + 20 * DAY);
    const [mine] = await t.db.ds.getRepository(Activity).find({ where: { customerId: cu.id, channel: 'bot' } });
    await expect(withTx(t.db, actor(org.users.mgrEast), (c) => undoFollowUp(c, mine.id))).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(withTx(t.db, actor(org.users.repC), (c) => undoFollowUp(c, mine.id))).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('REST delete puts the customer back too, and a cadence reminder the follow-up stopped goes out after all', async () => {
    // 2026-12-20 22:00 Shanghai (quiet hours until 08:00): the cadence reminder is planned, to be sent in the morning.
    const evening = new Date('2026-12-20T14:00:00Z');
    t.clock.set(evening);
    await setReminderSettings(t, { digestAt: null, escalateAfterDays: 300 });
    const before = new Date(evening.getTime() - 8 * DAY);
    const cu = await customerFollowedUp('大足石材', before);
    const twin = await customerFollowedUp('潼南柠檬', before);
    await run(chat);
    expect((await planned('customer', cu.id)).map(([kind, , status]) => [kind, status])).toEqual([['followup_due', 'pending']]);
    const api = await signIn(org.users.repA);
    const res = await api('POST', '/activities', { customerId: cu.id, type: 'call', content: '电话沟通了' });
    expect(res.status).toBe(201);
    const { activity } = (await res.json()) as { activity: { id: number } };
    // In the morning the follow-up has stopped it.
    t.clock.set(new Date('2026-12-21T00:05:00Z'));
    await run(chat);
    expect((await planned('customer', cu.id)).map(([kind, , status]) => [kind, status])).toEqual([['followup_due', 'cancelled']]);
    expect(cardsTo(chat, 'rep_zhang', '大足石材')).toHaveLength(0);
    expect(cardsTo(chat, 'rep_zhang', '潼南柠檬')).toHaveLength(1);
    // Deleted: the customer is as before it, and the reminder goes out as the twin's did.
    expect((await api('DELETE', `/activities/${activity.id}`)).status).toBeLessThan(300);
    expect((await customer(cu.id)).lastFollowUpAt?.getTime()).toBe(before.getTime());
    expect(await audits('customer', cu.id, 'update')).toEqual([expect.objectContaining({ channel: 'api', diff: { lastFollowUpAt: [evening.toISOString(), before.toISOString()] } })]);
    await run(chat);
    expect(cardsTo(chat, 'rep_zhang', '大足石材')).toHaveLength(1);
    expect(await planned('customer', cu.id)).toEqual(await planned('customer', twin.id));
  });

  it('REST edit of the date back behind the one before: the customer\'s last follow-up is that one again and the cadence reminder it stopped goes out; forward again moves it forward; not into the future', async () => {
    // 2027-01-20 22:00 Shanghai (quiet hours): the cadence reminder is planned, to be sent in the morning.
    const evening = new Date('2027-01-20T14:00:00Z');
    const morning = new Date('2027-01-21T00:05:00Z');
    t.clock.set(evening);
    await setReminderSettings(t, { digestAt: null, escalateAfterDays: 300 });
    const before = new Date(evening.getTime() - 8 * DAY);
    const cu = await customerFollowedUp('涪陵榨菜', before);
    const twin = await customerFollowedUp('长寿化工', before);
    await run(chat);
    const api = await signIn(org.users.repA);
    const res = await api('POST', '/activities', { customerId: cu.id, type: 'visit', content: '上门拜访了采购部' });
    expect(res.status).toBe(201);
    const { activity } = (await res.json()) as { activity: { id: number } };
    t.clock.set(morning);
    await run(chat);
    expect((await planned('customer', cu.id)).map(([kind, , status]) => [kind, status])).toEqual([['followup_due', 'cancelled']]);
    expect(cardsTo(chat, 'rep_zhang', '涪陵榨菜')).toHaveLength(0);

    // The visit was ten days ago, before the call that was the last follow-up: that call is the last again.
    const tenDaysAgo = new Date(evening.getTime() - 10 * DAY);
    const moved = await api('PATCH', `/activities/${activity.id}`, { occurredAt: tenDaysAgo.toISOString() });
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as { occurredAt: string }).occurredAt).toBe(tenDaysAgo.toISOString());
    expect((await customer(cu.id)).lastFollowUpAt?.getTime()).toBe(before.getTime());
    expect(await audits('customer', cu.id, 'update')).toEqual([expect.objectContaining({
      actorId: org.users.repA.id, channel: 'api', diff: { lastFollowUpAt: [evening.toISOString(), before.toISOString()] },
    })]);
    expect(await audits('activity', activity.id, 'update')).toEqual([expect.objectContaining({
      channel: 'api', diff: { occurredAt: [evening.toISOString(), tenDaysAgo.toISOString()] },
    })]);
    // The cadence reminder goes out as the twin's did (its clock counts from that call again).
    await run(chat);
    expect(cardsTo(chat, 'rep_zhang', '涪陵榨菜')).toHaveLength(1);
    expect(await planned('customer', cu.id)).toEqual(await planned('customer', twin.id));

    // It was this morning after all: the last follow-up moves forward with it.
    const earlyToday = new Date(morning.getTime() - HOUR);
    expect((await api('PATCH', `/activities/${activity.id}`, { occurredAt: earlyToday.toISOString() })).status).toBe(200);
    expect((await customer(cu.id)).lastFollowUpAt?.getTime()).toBe(earlyToday.getTime());
    expect((await audits('customer', cu.id, 'update')).map((a) => a.diff)).toEqual([
      { lastFollowUpAt: [evening.toISOString(), before.toISOString()] },
      { lastFollowUpAt: [before.toISOString(), earlyToday.toISOString()] },
    ]);

    // Not into the future (as when logged), in the reader's language; a phone a minute or two fast is fine.
    const tomorrow = new Date(morning.getTime() + DAY).toISOString();
    const zh = await api('PATCH', `/activities/${activity.id}`, { occurredAt: tomorrow });
    expect(zh.status).toBe(400);
    expect(((await zh.json()) as { error: unknown }).error).toMatchObject({ code: 'activity.occurred_in_future', field: 'occurredAt', message: '字段「occurredAt」的跟进时间不能晚于现在。' });
    const en = await api('PATCH', `/activities/${activity.id}`, { occurredAt: tomorrow }, 'en-US');
    expect(((await en.json()) as { error: unknown }).error).toMatchObject({ code: 'activity.occurred_in_future', message: 'Field "occurredAt": a follow-up cannot be dated in the future.' });
    expect((await t.db.ds.getRepository(Activity).findOneByOrFail({ id: activity.id })).occurredAt.getTime()).toBe(earlyToday.getTime());
    expect((await customer(cu.id)).lastFollowUpAt?.getTime()).toBe(earlyToday.getTime());
    expect(await audits('customer', cu.id, 'update')).toHaveLength(2);
    const fast = new Date(morning.getTime() + 2 * MINUTE);
    expect((await api('PATCH', `/activities/${activity.id}`, { occurredAt: fast.toISOString() })).status).toBe(200);
    expect((await customer(cu.id)).lastFollowUpAt?.getTime()).toBe(fast.getTime());
  });

  it('REST edit of a lead\'s follow-up: its first contact and pool clock follow the date back, then forward', async () => {
    // 2027-02-10 10:00 Shanghai: both leads were assigned 40 days ago (the lead pool takes them back 30 days after their
    // last follow-up, warning a day before).
    const T = new Date('2027-02-10T02:00:00Z');
    t.clock.set(T);
    const ld = await addLead(t, '万州物流', org.users.repA.id, new Date(T.getTime() - 40 * DAY));
    const twin = await addLead(t, '开州茶业', org.users.repA.id, new Date(T.getTime() - 40 * DAY));
    const api = await signIn(org.users.repA);
    const res = await api('POST', '/activities', { leadId: ld.id, type: 'call', content: '电话沟通了需求' });
    expect(res.status).toBe(201);
    const { activity } = (await res.json()) as { activity: { id: number } };
    const monthAgo = new Date(T.getTime() - 29 * DAY - 12 * HOUR);
    expect((await api('POST', '/activities', { leadId: twin.id, type: 'call', content: '电话沟通了需求', occurredAt: monthAgo.toISOString() })).status).toBe(201);

    // The call was a month ago: the lead was first contacted then, and its pool clock counts from then.
    expect((await api('PATCH', `/activities/${activity.id}`, { occurredAt: monthAgo.toISOString() })).status).toBe(200);
    expect(await lead(ld.id)).toMatchObject({ status: 'contacted', firstContactAt: monthAgo });
    expect((await audits('lead', ld.id, 'update')).map((a) => [a.channel, a.diff])).toEqual([
      ['api', { status: ['new', 'contacted'], firstContactAt: [null, T.toISOString()] }],
      ['api', { firstContactAt: [T.toISOString(), monthAgo.toISOString()] }],
    ]);
    await run(chat);
    expect(await planned('lead', ld.id)).toEqual([['pool_return', new Date(monthAgo.getTime() + 29 * DAY).toISOString(), 'sent']]);
    expect(await planned('lead', ld.id)).toEqual(await planned('lead', twin.id));
    expect(cardsTo(chat, 'rep_zhang', '万州物流')).toHaveLength(cardsTo(chat, 'rep_zhang', '开州茶业').length);

    // No, it was this morning: first contact and pool clock move forward with it — the twin goes back to the pool
    // when its day is up, this one stays.
    const thisMorning = new Date(T.getTime() - HOUR);
    expect((await api('PATCH', `/activities/${activity.id}`, { occurredAt: thisMorning.toISOString() })).status).toBe(200);
    expect(await lead(ld.id)).toMatchObject({ status: 'contacted', firstContactAt: thisMorning });
    t.clock.set(new Date(T.getTime() + DAY));
    await run(chat);
    expect((await lead(twin.id)).ownerId).toBeNull();
    expect((await lead(ld.id)).ownerId).toBe(org.users.repA.id);
  });
});
