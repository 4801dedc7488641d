// When a follow-up may be dated: now or before, whether logged (log-follow-up.ts) or moved later (an edit).
import type { DomainContext } from '../shared/with-tx.js';
import { invalid } from '../shared/domain-error.js';

/** How far ahead of the clock a follow-up may be dated (phones with a slightly fast clock). */
export const FUTURE_SLACK_MS = 5 * 60_000;

/** 400 activity.occurred_in_future (field occurredAt) when `at` is later than now plus the slack. */
export function checkNotInFuture(c: Pick<DomainContext, 'now'>, at: Date): void {
  if (at.getTime() > c.now.getTime() + FUTURE_SLACK_MS) throw invalid('activity.occurred_in_future', 'occurredAt');
}
