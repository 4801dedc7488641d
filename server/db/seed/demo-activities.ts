// 90 days of follow-ups (more for A customers), tasks from their next steps (done, open, due today, overdue),
// and the customers' last-follow-up and updated times that follow from them.
import type { Rng } from './prng.js';
import type { Activity, ActivityType, Channel } from '../../domain/activity/activity.entity.js';
import type { Task } from '../../domain/activity/task.entity.js';
import type { Contact } from '../../domain/customer/contact.entity.js';
import type { Opportunity } from '../../domain/opportunity/opportunity.entity.js';
import { FOLLOW_UPS, INDUSTRIES, NEXT_STEPS } from './demo-words.js';
import { DAY, HOUR, addMs, officeTime, shortName } from './demo-util.js';
import type { DemoCustomer } from './demo-customers.js';

export interface FollowUps { activities: Activity[]; tasks: Task[] }

const TYPES = [['call', 35], ['wechat', 25], ['visit', 20], ['meeting', 10], ['email', 10]] as const;
const CHANNELS = [['bot', 45], ['miniapp', 35], ['api', 20]] as const;

export function buildFollowUps(rng: Rng, customers: DemoCustomer[], contacts: Contact[], opps: Opportunity[], now: Date, ids: { activity: number; task: number }): FollowUps {
  const contactsOf = new Map<number, Contact[]>();
  for (const k of contacts) contactsOf.set(k.customerId, [...(contactsOf.get(k.customerId) ?? []), k]);
  const openOpps = new Map<number, Opportunity>();
  for (const o of opps) if (o.status === 'open') openOpps.set(o.customerId, o);
  const out: FollowUps = { activities: [], tasks: [] };
  for (const cust of customers) {
    const n = cust.ownerId === null ? rng.int(0, 2) : cust.level === 'A' ? rng.int(8, 14) : cust.level === 'B' ? rng.int(4, 8) : rng.int(1, 4);
    const products = INDUSTRIES.find((x) => x.key === cust.industry)?.products ?? ['CRM标准版'];
    const author = cust.ownerId ?? cust.createdById;
    if (author === null) continue;
    for (let i = 0; i < n; i++) {
      // Pool customers went quiet: their follow-ups are old.
      const occurredAt = officeTime(rng, now, cust.ownerId === null ? rng.int(45, 90) : rng.int(0, 89));
      const type = rng.weighted(TYPES) as ActivityType;
      const who = rng.pick(contactsOf.get(cust.id) ?? [{ name: '对方负责人' } as Contact]).name;
      const content = rng.pick(FOLLOW_UPS[type as keyof typeof FOLLOW_UPS])
        .replace('{c}', who).replace('{p}', rng.pick(products)).replace('{a}', String(rng.int(8, 120)));
      const opp = openOpps.get(cust.id);
      const nextStep = rng.chance(0.15) ? rng.pick(NEXT_STEPS) : null;
      const a: Activity = {
        id: ids.activity + out.activities.length, type, content, occurredAt, customerId: cust.id, leadId: null,
        opportunityId: opp && rng.chance(0.6) ? opp.id : null, authorId: author, outcome: 'reached', channel: rng.weighted(CHANNELS) as Channel,
        nextStep, taskId: null, idempotencyKey: null, custom: null, createdAt: occurredAt,
      };
      out.activities.push(a);
      if (nextStep && cust.ownerId !== null) out.tasks.push(taskFrom(rng, a, cust, now, ids.task + out.tasks.length));
      if (!cust.lastFollowUpAt || occurredAt > cust.lastFollowUpAt) cust.lastFollowUpAt = occurredAt;
    }
    if (cust.lastFollowUpAt && cust.ownerId !== null && cust.lastFollowUpAt > cust.updatedAt) cust.updatedAt = cust.lastFollowUpAt;
  }
  addDueToday(rng, out, customers, now, ids.task);
  return out;
}

/** A next step becomes a task 1–7 days later; past ones are mostly done, the rest overdue. */
function taskFrom(rng: Rng, a: Activity, cust: DemoCustomer, now: Date, id: number): Task {
  const dueAt = addMs(a.occurredAt, rng.int(1, 7) * DAY);
  const past = dueAt.getTime() < now.getTime() - 2 * HOUR;
  const done = past && rng.chance(0.8);
  a.taskId = id;
  return {
    id, title: `${a.nextStep}（${shortName(cust)}）`, dueAt, ownerId: a.authorId, status: done ? 'done' : 'open', snoozedUntil: null,
    doneAt: done ? addMs(dueAt, -rng.int(0, 20) * HOUR) : null, customerId: cust.id, leadId: null, opportunityId: a.opportunityId,
    activityId: a.id, remindedAt: past ? dueAt : null, createdAt: a.occurredAt, updatedAt: done ? addMs(dueAt, -HOUR) : a.occurredAt,
  };
}

/** Every owner gets something due later today and one thing that slipped yesterday: the reminder demo needs them. */
function addDueToday(rng: Rng, out: FollowUps, customers: DemoCustomer[], now: Date, firstId: number): void {
  const owners = [...new Set(customers.map((c) => c.ownerId).filter((x): x is number => x !== null))];
  for (const owner of owners) {
    const mine = customers.filter((c) => c.ownerId === owner);
    for (const hoursFromNow of [rng.int(1, 5), -rng.int(18, 30)]) {
      const cust = rng.pick(mine);
      out.tasks.push({
        id: firstId + out.tasks.length, title: `${rng.pick(NEXT_STEPS)}（${shortName(cust)}）`, dueAt: addMs(now, hoursFromNow * HOUR),
        ownerId: owner, status: 'open', snoozedUntil: null, doneAt: null, customerId: cust.id, leadId: null, opportunityId: null,
        activityId: null, remindedAt: null, createdAt: addMs(now, -2 * DAY), updatedAt: addMs(now, -2 * DAY),
      });
    }
  }
}
