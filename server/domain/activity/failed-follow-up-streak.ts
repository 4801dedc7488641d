// 连续未成功跟进: how many failed follow-ups in a row a customer has had (pool-return rule "three-failed").
import type { ActivityOutcome } from './activity.entity.js';

/**
 * The customer's streak after a follow-up: a failed one adds one, a reached one starts over at 0. Only the newest
 * follow-up moves it (occurredAt at or after the customer's last one): a follow-up back-dated before the last one
 * is history entered late — it does not reset a newer failure streak, nor extend one it may not belong to.
 */
export function failedStreakAfter(
  customer: { failedFollowUps: number; lastFollowUpAt: Date | null },
  outcome: ActivityOutcome,
  occurredAt: Date,
): number {
  const newest = !customer.lastFollowUpAt || occurredAt.getTime() >= customer.lastFollowUpAt.getTime();
  if (!newest) return customer.failedFollowUps;
  return outcome === 'failed' ? customer.failedFollowUps + 1 : 0;
}
