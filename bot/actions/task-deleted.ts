// What a tap on a card of a task deleted since (its receipt, its reminder) is told: that it was deleted, by whom.
import type { TaskEnd } from '../../server/domain/activity/task-receipts.js';
import { reply, text, type Turn } from '../commands/command.js';
import type { ActionHandler } from './action.js';

export function saidDeleted(c: Parameters<ActionHandler>[0], turn: Turn, deleted: TaskEnd): Promise<void> {
  return reply(c, turn, deleted.byName ? text('error.task.deleted_by', { by: deleted.byName }) : text('error.task.deleted'));
}
