// "明天上午10点提醒我给华为打电话", "新建待办 下周一 拜访 润丰货运", "remind me to call Huawei tomorrow at 10" → one task
// for the asker (server/domain/activity/create-task.ts), on the customer or lead it names when one matches, answered
// with the task receipt card (完成, 撤销). Nothing is logged as a follow-up: nothing has happened yet.
import { createTask } from '../../server/domain/activity/create-task.js';
import { TITLE_MAX } from '../../server/domain/activity/task.object.js';
import { undoDeadline } from '../../server/domain/activity/undo-follow-up.js';
import type { Customer } from '../../server/domain/customer/customer.entity.js';
import type { Lead } from '../../server/domain/lead/lead.entity.js';
import type { DomainContext } from '../../server/domain/shared/with-tx.js';
import { cardIdFor } from '../../cards/spec.js';
import { reply, text, type Command, type Turn, type UnderstandingOf } from './command.js';
import { withCustomer } from './with-customer.js';
import { withLead } from './with-lead.js';

/** What a task is on: a customer, a lead, or nothing named. */
export type TaskTarget =
  | { customer: Pick<Customer, 'id' | 'name'> }
  | { lead: Pick<Lead, 'id' | 'company' | 'contactName'> }
  | Record<string, never>;

/** Creates the task a chat line asks for on `target` and answers with its receipt card. */
export async function createTaskFor(c: DomainContext, turn: Turn, u: UnderstandingOf<'task.create'>, target: TaskTarget): Promise<void> {
  const e = u.entities;
  // A turn resumed from a choice card travelled as JSON: its due time is a string again.
  const due = new Date(e.due);
  const { task } = await createTask(c, {
    title: [...e.title].slice(0, TITLE_MAX).join(''), dueAt: due,
    ...('customer' in target ? { customerId: target.customer.id } : 'lead' in target ? { leadId: target.lead.id } : {}),
  });
  await reply(c, turn, {
    kind: 'card', template: 'task-receipt', recipientUserId: turn.user.id,
    cardId: cardIdFor('task', task.id), subject: { type: 'task', id: task.id },
    data: {
      timeZone: turn.timeZone,
      taskId: String(task.id),
      title: task.title,
      ...('customer' in target ? { customer: { id: String(target.customer.id), name: target.customer.name } } : {}),
      ...('lead' in target ? { lead: { id: String(target.lead.id), company: target.lead.company, ...(target.lead.contactName ? { contact: target.lead.contactName } : {}) } } : {}),
      due: task.dueAt,
      ...(e.dueDefault ? { dueDefault: true } : {}),
      undoUntil: undoDeadline(task.createdAt),
    },
  });
}

export const createTaskCommand: Command<'task.create'> = {
  intent: 'task.create',
  async run(c, turn, u) {
    if (!u.entities.title.trim()) return reply(c, turn, text('bot.task.what'));
    const mention = u.entities.customerName?.trim();
    // A task needs no customer: one named that nobody matches is simply not attached (the title still says it).
    if (!mention) return createTaskFor(c, turn, u, {});
    return withCustomer(c, turn, mention, u, (customer) => createTaskFor(c, turn, u, { customer }), async () => {
      if (!(await withLead(c, turn, mention, u, (match) => createTaskFor(c, turn, u, match)))) await createTaskFor(c, turn, u, {});
      return true;
    });
  },
};
