// 待办: resource plus complete and snooze.
import type { Api } from '../api.js';
import { idParam } from '../api.js';
import { resource } from '../resource.js';
import { taskObject } from '../../domain/activity/task.object.js';
import { completeTask } from '../../domain/activity/complete-task.js';
import { snoozeTask } from '../../domain/activity/snooze-task.js';
import { SnoozeTask, TaskCreate, TaskUpdate } from '../schemas/task.js';

export function taskRoutes(api: Api): void {
  resource(api, { path: '/tasks', tag: 'tasks', def: taskObject, create: TaskCreate, update: TaskUpdate });
  api.route('post', '/tasks/:id/complete', { summary: 'Mark a task done', tag: 'tasks', response: 'task' },
    (ctx) => ctx.state.run((c) => completeTask(c, idParam(ctx))));
  api.route('post', '/tasks/:id/snooze', { summary: 'Snooze a task until a later time', tag: 'tasks', body: SnoozeTask, response: 'task' },
    (ctx, body) => ctx.state.run((c) => snoozeTask(c, idParam(ctx), body.until)));
}
