// Re-run a command that waited for a customer (or lead, or task) choice, now with it known.
import type { DomainContext } from '../../server/domain/shared/with-tx.js';
import type { Customer } from '../../server/domain/customer/customer.entity.js';
import type { Lead } from '../../server/domain/lead/lead.entity.js';
import type { Task } from '../../server/domain/activity/task.entity.js';
import type { Opportunity } from '../../server/domain/opportunity/opportunity.entity.js';
import { leadMatchOf } from '../../server/domain/lead/resolve-lead.js';
import type { Understanding } from '../understand/types.js';
import type { Turn } from './command.js';
import { sendCustomerCard } from './lookup-customer.js';
import { logFollowUpFor } from './log-follow-up.js';
import { createOpportunityCommand, moveStageFor } from './opportunity.js';
import { createTaskFor } from './create-task.js';
import { completeTaskFor } from './complete-task.js';
import { sendContacts } from './customer-contacts.js';

export async function resumeWithCustomer(c: DomainContext, turn: Turn, pending: Understanding, customer: Customer): Promise<void> {
  switch (pending.intent) {
    case 'followup.log': return logFollowUpFor(c, turn, pending, { customer });
    case 'customer.lookup': return sendCustomerCard(c, turn, customer);
    case 'customer.contacts': return sendContacts(c, turn, customer);
    case 'task.create': return createTaskFor(c, turn, pending, { customer });
    case 'opportunity.create':
      // The name now resolves uniquely: use the exact stored name.
      return createOpportunityCommand.run(c, turn, { ...pending, entities: { ...pending.entities, customerName: customer.name } });
    default: return undefined;
  }
}

/** A follow-up (or task) that waited for a lead choice: on the lead picked, or on the customer it has become since. */
export async function resumeWithLead(c: DomainContext, turn: Turn, pending: Understanding, lead: Lead): Promise<void> {
  if (pending.intent === 'followup.log') return logFollowUpFor(c, turn, pending, await leadMatchOf(c, lead));
  if (pending.intent === 'task.create') return createTaskFor(c, turn, pending, await leadMatchOf(c, lead));
}

/** "… 做完了" that matched several of the asker's tasks: the one picked. */
export async function resumeWithTask(c: DomainContext, turn: Turn, pending: Understanding, task: Task): Promise<void> {
  if (pending.intent === 'task.complete') return completeTaskFor(c, turn, task);
}

/** "长安汽车那单 推进到 商务谈判" that matched several open deals: the one picked. */
export async function resumeWithOpportunity(c: DomainContext, turn: Turn, pending: Understanding, opportunity: Opportunity): Promise<void> {
  if (pending.intent === 'opportunity.move_stage') return moveStageFor(c, turn, pending, opportunity);
}
