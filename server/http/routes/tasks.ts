// 待办: resource plus complete, cancel and snooze. PATCH {status} closes a task through the same use cases.
import type { Api } from '../api.js';
import { idParam } from '../api.js';
import { resource } from '../resource.js';
import { taskObject } from '../../domain/activity/task.object.js';
import { completeTask } from '../../domain/activity/complete-task.js';
import { cancelTask } from '../../domain/activity/cancel-task.js';
import { snoozeTask } from '../../domain/activity/snooze-task.js';
import { getRecord, updateRecord } from '../../domain/shared/records.js';
import { SnoozeTask, TaskCreate, TaskUpdate } from '../schemas/task.js';

export function taskRoutes(api: Api): void {
  resource(api, {
    path: '/tasks', tag: 'tasks', def: taskObject, create: TaskCreate, update: TaskUpdate,
    // A title or due time is edited as any record; a status goes through complete/cancel (audit, receipts, events).
    patch: async (c, id, body) => {
      const { status, ...fields } = body;
      if (Object.keys(fields).length) await updateRecord(c, taskObject, id, fields);
      if (status === 'done') return completeTask(c, id);
      if (status === 'cancelled') return cancelTask(c, id);
      return getRecord(c, taskObject, id);
    },
  });
  api.route('post', '/tasks/:id/complete', { summary: 'Mark a task done', tag: 'tasks', response: 'task' },
    (ctx) => ctx.state.run((c) => completeTask(c, idParam(ctx))));
  api.route('post', '/tasks/:id/cancel', { summary: 'Cancel a task (kept, closed without being done)', tag: 'tasks', response: 'task' },
    (ctx) => ctx.state.run((c) => cancelTask(c, idParam(ctx))));
  api.route('post', '/tasks/:id/snooze', { summary: 'Snooze a task until a later time', tag: 'tasks', body: SnoozeTask, response: 'task' },
    (ctx, body) => ctx.state.run((c) => snoozeTask(c, idParam(ctx), body.until)));
}
