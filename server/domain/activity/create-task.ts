// 新建待办: one task for its owner, from any channel (REST POST /tasks, the bot's "提醒我…", the mini-program).
import type { DomainContext } from '../shared/with-tx.js';
import { createRecord, present } from '../shared/records.js';
import type { Task } from './task.entity.js';
import { taskObject } from './task.object.js';

export interface CreateTaskInput {
  title: string;
  dueAt: Date;
  /** Default: the actor (someone else only as customerObject's assignment rules allow). */
  ownerId?: number;
  customerId?: number | null;
  leadId?: number | null;
  opportunityId?: number | null;
}

/**
 * Create a task. Who: any signed-in person, for themselves (or for someone they may assign to); a customer, lead or
 * opportunity it is about must be one they may see (404 otherwise). Rules: taskObject.prepareCreate, the same as
 * REST's POST /tasks (a title, 1–255 characters; a due instant). Writes: the task (open), audit `create`, event
 * `task.created`. Its reminder needs nothing more: the scheduler plans `task_due` reminders from open tasks' due
 * times (server/domain/reminder/plan-reminders.ts), as for every other task.
 */
export async function createTask(c: DomainContext, input: CreateTaskInput): Promise<{ task: Task; record: Record<string, unknown> }> {
  const task = await createRecord(c, taskObject, {
    title: input.title, dueAt: input.dueAt,
    ...(input.ownerId !== undefined ? { ownerId: input.ownerId } : {}),
    ...(input.customerId != null ? { customerId: input.customerId } : {}),
    ...(input.leadId != null ? { leadId: input.leadId } : {}),
    ...(input.opportunityId != null ? { opportunityId: input.opportunityId } : {}),
  });
  return { task, record: await present(c, taskObject, task) };
}
