// Tasks through /api/v1, typed: close a task (done or cancelled) and read one's tasks over a period.
import { api, qs } from './client';
import type { MyTasks, Task, TaskPatch, TaskPeriod } from './types';

export const completeTask = (id: number): Promise<Task> => api<Task>('POST', `/tasks/${id}/complete`, {});
/** Closed without being done (kept, as the chat's and the reminder card's cancel). */
export const cancelTask = (id: number): Promise<Task> => api<Task>('POST', `/tasks/${id}/cancel`, {});
export const patchTask = (id: number, patch: TaskPatch): Promise<Task> => api<Task>('PATCH', `/tasks/${id}`, patch);
export const loadMyTasks = (period: TaskPeriod, offset?: number, limit?: number): Promise<MyTasks> =>
  api<MyTasks>('GET', `/my-tasks${qs({ period, offset, limit })}`);
