import { z } from 'zod';
import { isoTime, ref, requiredText } from './common.js';

export const TaskCreate = z.strictObject({
  title: requiredText(255),
  dueAt: isoTime,
  ownerId: ref.optional(),
  customerId: ref.optional(),
  leadId: ref.optional(),
  opportunityId: ref.optional(),
});

export const TaskUpdate = z.strictObject({
  title: requiredText(255).optional(),
  dueAt: isoTime.optional(),
  /** Closes the task as POST /tasks/:id/complete or /cancel does (a closed task is not reopened). */
  status: z.enum(['done', 'cancelled']).optional(),
});

export const SnoozeTask = z.strictObject({ until: isoTime });

/** GET /my-day?day=YYYY-MM-DD: another day than today, in the company's time zone (myDay refuses a non-day). */
export const MyDayQuery = z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').optional() });

/** GET /my-tasks?period=week&offset=0: the open tasks due in a whole calendar period (offset -1 before, 1 after). */
export const MyTasksQuery = z.object({
  period: z.enum(['week', 'month', 'quarter', 'year']),
  offset: z.coerce.number().int().min(-12).max(12).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});
