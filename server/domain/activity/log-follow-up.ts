// 写跟进: one follow-up on a customer or lead, from any channel (REST, bot, mini-program, card).
import type { DomainContext } from '../shared/with-tx.js';
import { audit } from '../audit/audit.js';
import { DomainError, forbidden, invalid } from '../shared/domain-error.js';
import { findVisible, present } from '../shared/records.js';
import { isUniqueViolation } from '../shared/unique-violation.js';
import { canWriteOwned, customerObject } from '../customer/customer.object.js';
import { leadObject } from '../lead/lead.object.js';
import { opportunityObject } from '../opportunity/opportunity.object.js';
import { Customer } from '../customer/customer.entity.js';
import { Lead } from '../lead/lead.entity.js';
import { Activity, ACTIVITY_OUTCOMES, ACTIVITY_TYPES, type ActivityOutcome, type ActivityType } from './activity.entity.js';
import { failedStreakAfter } from './failed-follow-up-streak.js';
import { lastOtherFollowUpAt } from './follow-up-subject.js';
import { checkNotInFuture } from './follow-up-time.js';
import { Task } from './task.entity.js';
import { activityObject } from './activity.object.js';
import { taskObject } from './task.object.js';
import { validateCustomValues } from '../custom-field/custom-values.js';
import { dbTime } from '../shared/sql.js';
import { insertRow } from '../shared/insert-row.js';

export interface LogFollowUpInput {
  customerId?: number;
  leadId?: number;
  opportunityId?: number;
  type: ActivityType;
  content: string;
  /** Did the rep get through; 'reached' when not said. */
  outcome?: ActivityOutcome;
  occurredAt?: Date;
  nextStep?: { title: string; dueAt: Date };
  idempotencyKey?: string;
  custom?: Record<string, unknown>;
}

export interface LogFollowUpResult {
  activity: Record<string, unknown>;
  task: Record<string, unknown> | null;
  duplicate: boolean;
  /** The customer's (or lead's) failed-follow-up streak after this one (absent for replays). */
  failedFollowUps?: number;
}

/**
 * Log a follow-up on a customer or lead (optionally an opportunity of that customer), with an optional next step.
 * Who: the record's owner or their manager chain, or an admin (404 when the record is invisible, 403 when visible but
 * not writable; in the pool: 403 activity.customer_in_pool / activity.lead_in_pool, naming it). Writes: the activity
 * (channel = actor's), customer.lastFollowUpAt, the customer's or lead's failedFollowUps streak (failed +1, reached →
 * 0, back-dated ones leave it: failed-follow-up-streak.ts), a lead's first contact and status, a Task for the next
 * step, audit rows. Idempotent per (author, idempotencyKey): the same key returns the first result and writes nothing;
 * concurrent twins are settled by the unique index.
 */
export async function logFollowUp(c: DomainContext, input: LogFollowUpInput): Promise<LogFollowUpResult> {
  const authorId = c.actor.userId;
  if (authorId === null) throw forbidden('activity.create');
  // A repeated key is found by the unique index when the activity goes in (no read first: most keys are new), or,
  // when the repeat no longer passes the checks (say the customer went to the pool since), here on the way out.
  try {
    return await logNew(c, authorId, input);
  } catch (e) {
    const first = input.idempotencyKey && !isUniqueViolation(e) ? await findByKey(c, authorId, input.idempotencyKey) : null;
    if (first) return replay(c, first);
    throw e;
  }
}

async function logNew(c: DomainContext, authorId: number, input: LogFollowUpInput): Promise<LogFollowUpResult> {
  if ((input.customerId == null) === (input.leadId == null)) throw invalid('activity.target_required', input.customerId == null ? 'customerId' : 'leadId');
  if (!ACTIVITY_TYPES.includes(input.type)) throw invalid('validation.option', 'type', { options: ACTIVITY_TYPES.join(', ') });
  const outcome = input.outcome ?? 'reached';
  if (!ACTIVITY_OUTCOMES.includes(outcome)) throw invalid('validation.option', 'outcome', { options: ACTIVITY_OUTCOMES.join(', ') });
  const occurredAt = input.occurredAt ?? c.now;
  checkNotInFuture(c, occurredAt);

  const customer = input.customerId != null ? await findVisible(c, customerObject, input.customerId, true) : null;
  const lead = input.leadId != null ? await findVisible(c, leadObject, input.leadId, true) : null;
  const ownerId = (customer ?? lead)!.ownerId;
  // In the pool: say so, and how to get it back (a bare "forbidden" left reps guessing why).
  if (ownerId === null) throw new DomainError('forbidden', customer ? 'activity.customer_in_pool' : 'activity.lead_in_pool', { name: customer?.name ?? lead!.company });
  if (!(await canWriteOwned(c, ownerId, 'update'))) throw forbidden('activity.create');
  if (input.opportunityId != null) {
    const opp = await findVisible(c, opportunityObject, input.opportunityId);
    if (!customer || opp.customerId !== customer.id) throw invalid('activity.opportunity_mismatch', 'opportunityId');
  }
  const custom = await validateCustomValues(c, 'activity', input.custom, null, true);

  const row: Partial<Activity> = {
    type: input.type, content: input.content, outcome, occurredAt,
    customerId: customer?.id ?? null, leadId: lead?.id ?? null, opportunityId: input.opportunityId ?? null,
    authorId, channel: c.actor.channel, nextStep: input.nextStep?.title ?? null, taskId: null,
    idempotencyKey: input.idempotencyKey ?? null, custom, createdAt: c.now,
  };
  // The activity goes in first, before any other write: a twin request that lost the race stops here with nothing to undo.
  let id: number;
  try {
    id = await insertRow(c.tx, Activity, row as never);
  } catch (e) {
    if (!input.idempotencyKey || !isUniqueViolation(e)) throw e;
    const first = await findByKey(c, authorId, input.idempotencyKey, true);
    if (!first) throw e;
    return replay(c, first);
  }
  // Every value is known: build the row instead of reading it back.
  const activity = Object.assign(new Activity(), row, { id });
  await audit(c, 'create', 'activity', id, null, activity);

  let task: Task | null = null;
  if (input.nextStep) {
    const t = c.tx.create(Task, {
      title: input.nextStep.title, dueAt: input.nextStep.dueAt, ownerId: authorId, status: 'open', snoozedUntil: null, doneAt: null,
      customerId: customer?.id ?? null, leadId: lead?.id ?? null, opportunityId: input.opportunityId ?? null, activityId: id,
      remindedAt: null, createdAt: c.now, updatedAt: c.now,
    });
    t.id = await insertRow(c.tx, Task, t);
    task = t;
    await audit(c, 'create', 'task', task.id, null, task);
    await c.tx.update(Activity, { id }, { taskId: task.id });
    activity.taskId = task.id;
    c.emit({ type: 'task.created', entity: 'task', id: task.id });
  }

  let failedFollowUps: number | undefined;
  if (customer) {
    // The customer row was read with a row lock, so the streak is computed from a value nobody else is changing.
    failedFollowUps = failedStreakAfter(customer, outcome, occurredAt);
    const changes: { lastFollowUpAt: Date; updatedAt: Date; failedFollowUps?: number } = { lastFollowUpAt: occurredAt, updatedAt: c.now };
    if (failedFollowUps !== customer.failedFollowUps) changes.failedFollowUps = failedFollowUps;
    // Only move forward: a follow-up back-dated to last month does not hide this week's (nor touch the streak).
    await c.tx.createQueryBuilder().update(Customer).set(changes)
      .where('id = :id AND (last_follow_up_at IS NULL OR last_follow_up_at <= :at)', { id: customer.id, at: dbTime(c.db, occurredAt) }).execute();
    if (changes.failedFollowUps !== undefined) {
      await audit(c, 'update', 'customer', customer.id, { failedFollowUps: customer.failedFollowUps }, { failedFollowUps });
    }
  }
  if (lead) {
    // The lead row was read with a row lock too. A lead keeps no follow-up date of its own: its newest is read from its follow-ups.
    const last = { failedFollowUps: lead.failedFollowUps, lastFollowUpAt: await lastOtherFollowUpAt(c, { object: 'lead', id: lead.id }, id) };
    failedFollowUps = failedStreakAfter(last, outcome, occurredAt);
    const changes: Partial<Lead> = {};
    if (!lead.firstContactAt) changes.firstContactAt = occurredAt;
    if (lead.status === 'new') changes.status = 'contacted';
    if (failedFollowUps !== lead.failedFollowUps) changes.failedFollowUps = failedFollowUps;
    if (Object.keys(changes).length) {
      await c.tx.update(Lead, { id: lead.id }, { ...changes, updatedAt: c.now } as never);
      const before = { firstContactAt: lead.firstContactAt, status: lead.status, failedFollowUps: lead.failedFollowUps };
      await audit(c, 'update', 'lead', lead.id, before, { ...before, ...changes });
    }
  }
  // `row` carries what the leaderboard rollups count, so they need not read the activity back.
  c.emit({ type: 'activity.created', entity: 'activity', id, data: { customerId: activity.customerId, leadId: activity.leadId, authorId, type: activity.type, outcome, row: { id, authorId, occurredAt } } });
  return {
    activity: await present(c, activityObject, activity), task: task ? await present(c, taskObject, task) : null, duplicate: false,
    ...(failedFollowUps !== undefined ? { failedFollowUps } : {}),
  };
}

async function findByKey(c: DomainContext, authorId: number, key: string, latest = false): Promise<Activity | null> {
  const qb = c.tx.createQueryBuilder(Activity, 'r').where('r.author_id = :authorId AND r.idempotency_key = :key', { authorId, key });
  // After losing the race, a locking read sees the winner's committed row (a plain read would use the old snapshot).
  if (latest && c.db.kind !== 'sqlite') qb.setLock('pessimistic_write');
  return qb.getOne();
}

async function replay(c: DomainContext, first: Activity): Promise<LogFollowUpResult> {
  const task = first.taskId ? await c.tx.findOneBy(Task, { id: first.taskId }) : null;
  return { activity: await present(c, activityObject, first), task: task ? await present(c, taskObject, task) : null, duplicate: true };
}

