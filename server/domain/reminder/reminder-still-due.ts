// Whether a planned reminder is still worth sending when its time comes: the clock stops when the task is done or
// moved, a follow-up is logged, the lead is contacted, the record changed hands or already left for the pool.
// Also gathers the facts its message shows (subject name, customer, level).
import type { DomainContext } from '../shared/with-tx.js';
import { Task } from '../activity/task.entity.js';
import { Customer } from '../customer/customer.entity.js';
import { Lead } from '../lead/lead.entity.js';
import { LEAD_POOL_STATUSES } from '../lead/lead-pool.js';
import { User } from '../user/user.entity.js';
import type { Reminder } from './reminder.entity.js';
import { customerAnchors } from './customer-anchor.js';
import { leadAnchors } from './lead-anchor.js';
import { leadPoolClock, poolClock } from './customer-clocks.js';
import { leadPoolReturnRules, poolReturnRules } from './reminder-config.js';

export interface ReminderFacts {
  due: boolean;
  /** Why it is no longer due (stored as the row's outcome). */
  reason?: string;
  subject?: string;
  customerName?: string;
  customerId?: number;
  /** The lead a follow-up would be logged on (lead reminders, a task on a lead). */
  leadId?: number;
  /** The customer's level, or the lead's source: shown on the card, labelled. */
  level?: string;
  source?: string;
  ruleId?: string;
}

type Loadable = typeof Task | typeof Customer | typeof Lead | typeof User;

/** A row by id, from the batch prefetch when there is one (the sender loads a whole batch's subjects at once). */
export async function cachedFind<E extends Loadable>(c: DomainContext, entity: E, id: number): Promise<InstanceType<E> | null> {
  const key = `reminder-subject:${entity.name}:${id}`;
  if (c.memo.has(key)) return c.memo.get(key) as InstanceType<E> | null;
  const row = await c.tx.findOne(entity as never, { where: { id } }) as InstanceType<E> | null;
  c.memo.set(key, row);
  return row;
}

/** Loads the subjects and recipients of many reminders in a few queries. */
export async function prefetchReminderSubjects(c: DomainContext, rows: Pick<Reminder, 'kind' | 'subjectType' | 'subjectId' | 'recipientId'>[]): Promise<void> {
  const ids = (type: string) => [...new Set(rows.filter((r) => r.subjectType === type).map((r) => r.subjectId))];
  const load = async <E extends Loadable>(entity: E, list: number[]) => {
    for (let i = 0; i < list.length; i += 500) {
      const part = list.slice(i, i + 500);
      const found = await c.tx.createQueryBuilder(entity as never, 'x').where('x.id IN (:...part)', { part }).getMany() as { id: number }[];
      const byId = new Map(found.map((f) => [f.id, f]));
      for (const id of part) c.memo.set(`reminder-subject:${entity.name}:${id}`, byId.get(id) ?? null);
    }
  };
  await load(Task, ids('task'));
  const tasks = ids('task').map((id) => c.memo.get(`reminder-subject:Task:${id}`) as Task | null);
  await load(Customer, [...new Set([...ids('customer'), ...tasks.flatMap((x) => (x?.customerId ? [x.customerId] : []))])]);
  await load(Lead, ids('lead'));
  await load(User, [...new Set(rows.map((r) => r.recipientId))]);
}

const no = (reason: string): ReminderFacts => ({ due: false, reason });
const sameMs = (a: Date | null | undefined, iso: unknown) => !!a && typeof iso === 'string' && a.getTime() === new Date(iso).getTime();

export async function reminderStillDue(c: DomainContext, r: Pick<Reminder, 'kind' | 'subjectType' | 'subjectId' | 'recipientId' | 'dueAt' | 'data'>): Promise<ReminderFacts> {
  const data = r.data ?? {};
  switch (r.kind) {
    case 'task_due': {
      const task = await cachedFind(c, Task, r.subjectId);
      if (!task || task.status !== 'open') return no('task_closed');
      if (task.ownerId !== r.recipientId) return no('owner_changed');
      if ((task.snoozedUntil ?? task.dueAt).getTime() !== r.dueAt.getTime()) return no('rescheduled');
      const cu = task.customerId ? await cachedFind(c, Customer, task.customerId) : null;
      return { due: true, subject: task.title, customerName: cu?.name, customerId: cu?.id, leadId: cu ? undefined : task.leadId ?? undefined };
    }
    case 'followup_due': return customerStillDue(c, r);
    case 'pool_return': case 'pool_release': case 'pool_notice':
      return r.subjectType === 'lead' ? leadPoolStillDue(c, r) : customerStillDue(c, r);
    case 'lead_sla': {
      const lead = await cachedFind(c, Lead, r.subjectId);
      if (!lead || lead.ownerId !== r.recipientId) return no('owner_changed');
      if (lead.firstContactAt || lead.status !== 'new') return no('contacted');
      if (!sameMs(lead.assignedAt, data.anchor)) return no('reassigned');
      return { due: true, subject: lead.company, leadId: lead.id, source: lead.source ?? undefined };
    }
    case 'escalation': {
      // When the reminder escalated fell due: kept since days of work may be counted (rows from before: N days back).
      const ofDue = typeof data.ofDue === 'string' ? new Date(data.ofDue) : new Date(r.dueAt.getTime() - Number(data.days) * 86_400_000);
      const of = { kind: data.ofKind as Reminder['kind'], subjectType: r.subjectType, subjectId: r.subjectId, recipientId: Number(data.rep), dueAt: ofDue, data: (data.ofData as Record<string, unknown>) ?? null };
      return reminderStillDue(c, of);
    }
    case 'digest': return { due: true };
  }
}

type DueCheck = Pick<Reminder, 'kind' | 'subjectType' | 'subjectId' | 'recipientId' | 'dueAt' | 'data'>;

/**
 * A customer's cadence or pool reminder: the same owner and no follow-up since it was planned; a return needs today's
 * rules to agree (they may have changed since planning); a pool notice needs the customer still in the pool.
 */
async function customerStillDue(c: DomainContext, r: DueCheck): Promise<ReminderFacts> {
  const cu = await cachedFind(c, Customer, r.subjectId);
  if (r.kind === 'pool_notice') {
    if (!cu || cu.ownerId !== null) return no('claimed');
    return { due: true, subject: cu.name, customerName: cu.name, customerId: cu.id, level: cu.level };
  }
  if (!cu || cu.ownerId === null) return no('in_pool');
  if (cu.ownerId !== r.recipientId) return no('owner_changed');
  const anchor = (await customerAnchors(c, [cu])).get(cu.id)!;
  if (!sameMs(anchor, r.data?.anchor)) return no('followed_up');
  const facts: ReminderFacts = { due: true, subject: cu.name, customerName: cu.name, customerId: cu.id, level: cu.level };
  if (r.kind === 'followup_due') return facts;
  const pc = poolClock(await poolReturnRules(c), cu, anchor, c.now);
  if (!pc) return no('rule_gone');
  if (r.kind === 'pool_release' && pc.returnAt > c.now) return no('not_yet');
  return { ...facts, ruleId: pc.ruleId };
}

/** A lead's pool warning, return or notice: the same checks against the lead's own anchor and rules. */
async function leadPoolStillDue(c: DomainContext, r: DueCheck): Promise<ReminderFacts> {
  const lead = await cachedFind(c, Lead, r.subjectId);
  if (r.kind === 'pool_notice') {
    if (!lead || lead.ownerId !== null) return no('claimed');
    return { due: true, subject: lead.company, source: lead.source ?? undefined };
  }
  if (!lead || lead.ownerId === null) return no('in_pool');
  if (lead.ownerId !== r.recipientId) return no('owner_changed');
  if (!(LEAD_POOL_STATUSES as readonly string[]).includes(lead.status)) return no('closed');
  const anchor = (await leadAnchors(c, [lead])).get(lead.id)!;
  if (!sameMs(anchor, r.data?.anchor)) return no('followed_up');
  const pc = leadPoolClock(await leadPoolReturnRules(c), lead, anchor, c.now);
  if (!pc) return no('rule_gone');
  if (r.kind === 'pool_release' && pc.returnAt > c.now) return no('not_yet');
  return { due: true, subject: lead.company, leadId: lead.id, source: lead.source ?? undefined, ruleId: pc.ruleId };
}
