// Which of my open tasks does "安排产品演示（华为）做完了" / "华为 搞定了" / "done: call Huawei" mean? The title as
// written (punctuation, width and case aside), a part of it, or the customer or lead it is about; never a guess.
import type { DomainContext } from '../shared/with-tx.js';
import { resolveCustomer } from '../customer/resolve-customer.js';
import { resolveLead } from '../lead/resolve-lead.js';
import { Task } from './task.entity.js';

export type TaskMatch = { kind: 'one'; task: Task } | { kind: 'many'; tasks: Task[] } | { kind: 'none' };

/** Open tasks looked through: far more than anyone keeps open; past it, the soonest due are the ones meant. */
const OPEN_CAP = 500;

/** A title's or mention's key: "安排产品演示（华为）" and "安排产品演示(华为)" are one. */
const key = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');

/**
 * The actor's own open task a mention names. In order, the first that finds any: the whole title; a part of the
 * title, or the customer or lead the task is about (as resolve-customer / resolve-lead find a name among what the
 * actor may see), together; every word of the mention in the title. One → it; several → `many` (soonest due first,
 * at most `limit`), for the caller to ask which. Who: anyone, for their own tasks. Reads only.
 */
export async function findOpenTask(c: DomainContext, mention: string, limit = 8): Promise<TaskMatch> {
  const said = key(mention);
  if (c.actor.userId === null || !said) return { kind: 'none' };
  const open = await c.tx.createQueryBuilder(Task, 't').where(`t.owner_id = :me AND t.status = 'open'`, { me: c.actor.userId })
    .orderBy('COALESCE(t.snoozed_until, t.due_at)', 'ASC').addOrderBy('t.id', 'ASC').take(OPEN_CAP).getMany();
  if (!open.length) return { kind: 'none' };
  const pick = (tasks: Task[]): TaskMatch | null =>
    tasks.length === 1 ? { kind: 'one', task: tasks[0] } : tasks.length > 1 ? { kind: 'many', tasks: tasks.slice(0, limit) } : null;

  const exact = pick(open.filter((x) => key(x.title) === said));
  if (exact) return exact;

  const about = await subjectsNamed(c, mention);
  const partOrAbout = pick(open.filter((x) => ([...said].length >= 2 && key(x.title).includes(said))
    || (x.customerId !== null && about.customers.has(x.customerId)) || (x.leadId !== null && about.leads.has(x.leadId))));
  if (partOrAbout) return partOrAbout;

  const words = mention.trim().split(/\s+/).map(key).filter(Boolean);
  return (words.length > 1 && pick(open.filter((x) => words.every((w) => key(x.title).includes(w))))) || { kind: 'none' };
}

/** The customers and leads a mention may name (all the candidates when it names several). */
async function subjectsNamed(c: DomainContext, mention: string): Promise<{ customers: Set<number>; leads: Set<number> }> {
  const customers = new Set<number>();
  const leads = new Set<number>();
  const cu = await resolveCustomer(c, mention);
  if (cu.kind === 'one') customers.add(cu.customer.id);
  if (cu.kind === 'many') for (const x of cu.candidates) customers.add(x.id);
  const ld = await resolveLead(c, mention);
  if (ld.kind === 'one') {
    if ('lead' in ld.match) leads.add(ld.match.lead.id);
    else customers.add(ld.match.customer.id);
  }
  if (ld.kind === 'many') for (const x of ld.candidates) leads.add(x.id);
  return { customers, leads };
}
