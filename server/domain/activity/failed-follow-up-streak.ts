// 连续未成功跟进: how many failed follow-ups in a row a customer or lead has had (pool-return rules "three-failed",
// "lead-three-failed").
import type { ActivityOutcome } from './activity.entity.js';

/**
 * The record's streak after a follow-up: a failed one adds one, a reached one starts over at 0. Only the newest
 * follow-up moves it (occurredAt at or after the record's last one): a follow-up back-dated before the last one
 * is history entered late — it does not reset a newer failure streak, nor extend one it may not belong to.
 */
export function failedStreakAfter(
  record: { failedFollowUps: number; lastFollowUpAt: Date | null },
  outcome: ActivityOutcome,
  occurredAt: Date,
): number {
  const newest = !record.lastFollowUpAt || occurredAt.getTime() >= record.lastFollowUpAt.getTime();
  if (!newest) return record.failedFollowUps;
  return outcome === 'failed' ? record.failedFollowUps + 1 : 0;
}
