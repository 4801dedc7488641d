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
});

export const SnoozeTask = z.strictObject({ until: isoTime });

/** GET /my-day?day=YYYY-MM-DD: another day than today, in the company's time zone (myDay refuses a non-day). */
export const MyDayQuery = z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').optional() });
