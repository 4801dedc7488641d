// The planner: turns the state of tasks, customers, leads and sent reminders into due reminder rows. Every row
// has a unique key (kind, subject, due instant, recipient), so running it twice — or on two servers at once —
// writes each reminder once. It only adds rows; whether a row is still worth sending is checked when it is sent.
import type { DomainContext } from '../shared/with-tx.js';
import { dbTime } from '../shared/sql.js';
import { Task } from '../activity/task.entity.js';
import { Customer } from '../customer/customer.entity.js';
import { Lead } from '../lead/lead.entity.js';
import { LEAD_POOL_STATUSES } from '../lead/lead-pool.js';
import { User } from '../user/user.entity.js';
import { Reminder } from './reminder.entity.js';
import { cadenceRules, leadPoolReturnRules, poolReturnRules, reminderSettings, type PoolReturnRules, type ReminderConfig } from './reminder-config.js';
import { customerAnchors } from './customer-anchor.js';
import { leadAnchorSql, leadAnchors } from './lead-anchor.js';
import { cadenceClock, leadPoolClock, poolClock, type PoolClock } from './customer-clocks.js';
import { insertReminders, type PlannedReminder } from './insert-reminders.js';
import { daysAheadForWorkDays, daysBackForWorkDays, isQuietDayOff, localDayAt } from './local-time.js';
import { reminderStillDue } from './reminder-still-due.js';

const DAY = 86_400_000;
/** Rows looked at per kind and pass: the worker runs passes until one adds nothing. */
const BATCH = 500;

/**
 * Materialise due reminders. Who: the scheduler, as the system actor. Writes: reminder rows (pending) and
 * `escalated_at` on reminders it escalated. Idempotent: unique dedupe keys; a second run adds nothing.
 */
export async function planReminders(c: DomainContext): Promise<number> {
  const cfg = await reminderSettings(c);
  const rows: PlannedReminder[] = [
    ...(await planTasks(c)),
    ...(await planLeads(c, cfg.leadSlaHours)),
    ...(await planEscalations(c, cfg)),
    ...(await planDigests(c, cfg)),
  ];
  return insertReminders(c, rows, cfg);
}

const t = (c: DomainContext, d: Date) => dbTime(c.db, d);

async function planTasks(c: DomainContext): Promise<PlannedReminder[]> {
  const due = 'COALESCE(t.snoozed_until, t.due_at)';
  const tasks = await c.tx.createQueryBuilder(Task, 't')
    .where(`t.status = 'open' AND ${due} <= :now`, { now: t(c, c.now) })
    .andWhere(`NOT EXISTS (SELECT 1 FROM reminder r WHERE r.subject_type = 'task' AND r.subject_id = t.id AND r.kind = 'task_due' AND r.due_at = ${due} AND r.recipient_id = t.owner_id)`)
    .orderBy('t.id').take(BATCH).getMany();
  return tasks.map((x) => ({ kind: 'task_due', subjectType: 'task', subjectId: x.id, recipientId: x.ownerId, dueAt: x.snoozedUntil ?? x.dueAt }));
}

/**
 * Cadence and pool-return clocks of owned customers, one page (ids after `afterId`) at a time: conditions are
 * rules evaluated here, not SQL, so the scheduler sweeps the pages. Who: the scheduler (system actor).
 * Writes: reminder rows. Idempotent: unique dedupe keys. Returns the page's last id (null at the end) and rows added.
 */
export async function planCustomerPage(c: DomainContext, afterId: number): Promise<{ lastId: number | null; added: number }> {
  const cfg = await reminderSettings(c);
  const { rows, lastId } = await planCustomers(c, afterId);
  return { lastId, added: await insertReminders(c, rows, cfg) };
}

async function planCustomers(c: DomainContext, afterId: number): Promise<{ rows: PlannedReminder[]; lastId: number | null }> {
  const cadence = await cadenceRules(c);
  const pool = await poolReturnRules(c);
  const shortest = Math.min(...cadence.rules.map((r) => r.action), ...pool.set.rules.map((r) => r.action - pool.warnHoursBefore / 24), 3650);
  const since = new Date(c.now.getTime() - Math.max(0, shortest) * DAY);
  const anchorSql = 'COALESCE(cu.last_follow_up_at, cu.created_at)';
  // Customers whose current cycle already has its rows are skipped (a row due after the anchor belongs to it).
  const planned = (kind: string) => `EXISTS (SELECT 1 FROM reminder r WHERE r.subject_type = 'customer' AND r.subject_id = cu.id AND r.kind = '${kind}' AND r.due_at > ${anchorSql} AND r.recipient_id = cu.owner_id AND r.status <> 'cancelled')`;
  const list = await c.tx.createQueryBuilder(Customer, 'cu')
    .where(`cu.id > :afterId AND cu.owner_id IS NOT NULL AND ${anchorSql} <= :since`, { afterId, since: t(c, since) })
    .andWhere(`NOT (${planned('followup_due')} AND ${planned('pool_return')} AND ${planned('pool_release')})`)
    .orderBy('cu.id').take(BATCH).getMany();
  const anchors = await customerAnchors(c, list);
  const out: PlannedReminder[] = [];
  for (const cu of list) {
    const anchor = anchors.get(cu.id)!;
    const base = { subjectType: 'customer' as const, subjectId: cu.id, recipientId: cu.ownerId! };
    const data = { anchor: anchor.toISOString() };
    const cad = cadenceClock(cadence, cu, anchor, c.now);
    if (cad && cad.dueAt <= c.now) out.push({ ...base, kind: 'followup_due', dueAt: cad.dueAt, data: { ...data, ruleId: cad.ruleId } });
    out.push(...poolRows(c, base, anchor, poolClock(pool, cu, anchor, c.now)));
  }
  return { rows: out, lastId: list.length === BATCH ? list[list.length - 1].id : null };
}

/** The warning (from warnAt until the return) and the return itself (once due) of one pool clock. */
function poolRows(c: DomainContext, base: Pick<PlannedReminder, 'subjectType' | 'subjectId' | 'recipientId'>, anchor: Date, pc: PoolClock | null): PlannedReminder[] {
  if (!pc) return [];
  const data = { anchor: anchor.toISOString(), ruleId: pc.ruleId };
  if (pc.returnAt <= c.now) return [{ ...base, kind: 'pool_release', dueAt: pc.returnAt, data }];
  if (pc.warnAt <= c.now) return [{ ...base, kind: 'pool_return', dueAt: pc.warnAt, data: { ...data, returnAt: pc.returnAt.toISOString() } }];
  return [];
}

/**
 * Pool-return clocks of owned leads, one page (ids after `afterId`) at a time, like the customers' page. Who: the
 * scheduler (system actor). Writes: reminder rows. Idempotent: unique dedupe keys. Returns the page's last id (null
 * at the end) and rows added.
 */
export async function planLeadPage(c: DomainContext, afterId: number): Promise<{ lastId: number | null; added: number }> {
  const cfg = await reminderSettings(c);
  const pool = await leadPoolReturnRules(c);
  const { rows, lastId } = await planLeadPool(c, afterId, pool);
  return { lastId, added: await insertReminders(c, rows, cfg) };
}

async function planLeadPool(c: DomainContext, afterId: number, pool: PoolReturnRules): Promise<{ rows: PlannedReminder[]; lastId: number | null }> {
  if (!pool.set.rules.length) return { rows: [], lastId: null };
  const shortest = Math.min(...pool.set.rules.map((r) => r.action - pool.warnHoursBefore / 24), 3650);
  const since = new Date(c.now.getTime() - Math.max(0, shortest) * DAY);
  const anchorSql = leadAnchorSql('l');
  const planned = (kind: string) => `EXISTS (SELECT 1 FROM reminder r WHERE r.subject_type = 'lead' AND r.subject_id = l.id AND r.kind = '${kind}' AND r.due_at > ${anchorSql} AND r.recipient_id = l.owner_id AND r.status <> 'cancelled')`;
  const list = await c.tx.createQueryBuilder(Lead, 'l')
    .where(`l.id > :afterId AND l.owner_id IS NOT NULL AND l.status IN (:...statuses) AND ${anchorSql} <= :since`, { afterId, statuses: [...LEAD_POOL_STATUSES], since: t(c, since) })
    .andWhere(`NOT (${planned('pool_return')} AND ${planned('pool_release')})`)
    .orderBy('l.id').take(BATCH).getMany();
  const anchors = await leadAnchors(c, list);
  const out: PlannedReminder[] = [];
  for (const lead of list) {
    const anchor = anchors.get(lead.id)!;
    out.push(...poolRows(c, { subjectType: 'lead', subjectId: lead.id, recipientId: lead.ownerId! }, anchor, leadPoolClock(pool, lead, anchor, c.now)));
  }
  return { rows: out, lastId: list.length === BATCH ? list[list.length - 1].id : null };
}

async function planLeads(c: DomainContext, slaHours: number): Promise<PlannedReminder[]> {
  const since = new Date(c.now.getTime() - slaHours * 3_600_000);
  const leads = await c.tx.createQueryBuilder(Lead, 'l')
    .where(`l.owner_id IS NOT NULL AND l.status = 'new' AND l.first_contact_at IS NULL AND l.assigned_at IS NOT NULL AND l.assigned_at <= :since`, { since: t(c, since) })
    .andWhere(`NOT EXISTS (SELECT 1 FROM reminder r WHERE r.subject_type = 'lead' AND r.subject_id = l.id AND r.kind = 'lead_sla' AND r.due_at > l.assigned_at AND r.recipient_id = l.owner_id)`)
    .orderBy('l.id').take(BATCH).getMany();
  return leads.map((l) => ({
    kind: 'lead_sla', subjectType: 'lead', subjectId: l.id, recipientId: l.ownerId!,
    dueAt: new Date(l.assignedAt!.getTime() + slaHours * 3_600_000), data: { anchor: l.assignedAt!.toISOString() },
  }));
}

/**
 * Sent reminders still not acted on N days after they fell due: the recipient's manager is told, once. With quiet days
 * off, N days of work (a task due on Friday is not three days late on Monday).
 */
async function planEscalations(c: DomainContext, cfg: ReminderConfig): Promise<PlannedReminder[]> {
  const days = cfg.escalateAfterDays;
  const workDays = !!cfg.quietOnDaysOff;
  const cutoff = new Date(c.now.getTime() - daysBackForWorkDays(c.now, days, cfg) * DAY);
  const sent = await c.tx.createQueryBuilder(Reminder, 'r')
    // Told by its own card or on a morning digest's list: either way the rep knew, and the manager hears of it alike.
    .where(`((r.status = 'sent' AND r.outcome = 'sent') OR (r.status = 'folded' AND r.outcome = 'digest')) AND r.escalated_at IS NULL AND r.kind IN ('task_due', 'followup_due', 'lead_sla') AND r.due_at <= :cutoff`, { cutoff: t(c, cutoff) })
    .orderBy('r.id').take(BATCH).getMany();
  if (!sent.length) return [];
  const reps = await c.tx.createQueryBuilder(User, 'u').where('u.id IN (:...ids)', { ids: [...new Set(sent.map((r) => r.recipientId))] }).getMany();
  const managerOf = new Map(reps.map((u) => [u.id, u.managerId]));
  const out: PlannedReminder[] = [];
  for (const r of sent) {
    const manager = managerOf.get(r.recipientId);
    if (manager && (await reminderStillDue(c, r)).due) {
      out.push({ kind: 'escalation', subjectType: r.subjectType, subjectId: r.subjectId, recipientId: manager,
        dueAt: new Date(r.dueAt.getTime() + daysAheadForWorkDays(r.dueAt, days, cfg) * DAY), data: { of: r.id, ofKind: r.kind, ofDue: r.dueAt.toISOString(), rep: r.recipientId, days, ...(workDays ? { workDays } : {}), ofData: r.data } });
    }
  }
  // Looked at once: escalated now, or no longer overdue (a later cycle gets its own reminder).
  await c.tx.createQueryBuilder().update(Reminder).set({ escalatedAt: c.now })
    .where('id IN (:...ids) AND escalated_at IS NULL', { ids: sent.map((r) => r.id) }).execute();
  return out;
}

/**
 * One digest row per active user per local day, once the digest time has come (not for days long gone); none on a
 * day off that is quiet (the next work day's digest lists what is due by then).
 */
async function planDigests(c: DomainContext, cfg: ReminderConfig): Promise<PlannedReminder[]> {
  if (!cfg.digestAt) return [];
  const at = localDayAt(c.now, cfg.timeZone, cfg.digestAt);
  if (at > c.now || c.now.getTime() - at.getTime() > 12 * 3_600_000 || isQuietDayOff(at, cfg)) return [];
  const users = await c.tx.createQueryBuilder(User, 'u')
    .where('u.active = :on AND (u.wecom_user_id IS NOT NULL OR u.dingtalk_user_id IS NOT NULL)', { on: true })
    .andWhere(`NOT EXISTS (SELECT 1 FROM reminder r WHERE r.subject_type = 'user' AND r.subject_id = u.id AND r.kind = 'digest' AND r.due_at = :at)`, { at: t(c, at) })
    .orderBy('u.id').take(BATCH).getMany();
  return users.map((u) => ({ kind: 'digest', subjectType: 'user', subjectId: u.id, recipientId: u.id, dueAt: at }));
}
