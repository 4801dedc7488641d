import { z } from 'zod';
import { customValues, isoTime, pageQuery, ref, requiredText } from './common.js';
import { ACTIVITY_OUTCOMES, ACTIVITY_TYPES } from '../../domain/activity/activity.entity.js';

export const activityType = z.enum(ACTIVITY_TYPES as [string, ...string[]]);

export const LogFollowUp = z.strictObject({
  customerId: ref.optional(),
  leadId: ref.optional(),
  opportunityId: ref.optional(),
  type: activityType,
  content: requiredText(5000),
  outcome: z.enum(ACTIVITY_OUTCOMES as [string, ...string[]]).optional()
    .describe("'reached' (default) or 'failed' (no answer, refused): three failed in a row send the customer (or lead) back to the pool"),
  occurredAt: isoTime.optional(),
  nextStep: z.strictObject({ title: requiredText(255), dueAt: isoTime }).optional(),
  /** Same key again (per author) returns the first follow-up; the `Idempotency-Key` header works too. */
  idempotencyKey: requiredText(64).optional(),
  custom: customValues,
});

export const ActivityUpdate = z.strictObject({
  type: activityType.optional(),
  content: requiredText(5000).optional(),
  occurredAt: isoTime.optional(),
  opportunityId: ref.nullable().optional(),
  custom: customValues,
});


/** GET /activities/team: the window as the chat's "我们这周的跟进" names it, and a page of people. */
export const TeamFollowUpsQuery = z.object({
  period: z.enum(['recent', 'day', 'week', 'month']).default('week'),
  offset: z.coerce.number().int().min(-12).max(0).default(0),
  perPerson: z.coerce.number().int().min(1).max(20).default(5),
  ...pageQuery(50),
});
