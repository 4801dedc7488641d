// Readers' thumbs up/down on the bot's answers, counted for admins: how often the bot helped, and how often not.
import type { DomainContext } from '../shared/with-tx.js';
import { requireRole } from '../shared/permissions.js';
import { FEEDBACK_RATINGS, ReplyFeedbackRow, type FeedbackRating } from './reply-feedback.entity.js';

/**
 * Feedback events per rating, all platforms. Each event counts once (repeats of one event are stored once), so a
 * verdict taken back counts as one `withdrawn` beside the one it took back. Who: admins.
 */
export async function feedbackCounts(c: DomainContext): Promise<{ counts: Record<FeedbackRating, number> }> {
  requireRole(c, ['admin'], 'bot_feedback.read');
  const rows: { rating: FeedbackRating; n: string | number }[] = await c.tx.createQueryBuilder(ReplyFeedbackRow, 'f')
    .select('f.rating', 'rating').addSelect('COUNT(*)', 'n').groupBy('f.rating').getRawMany();
  const counts = Object.fromEntries(FEEDBACK_RATINGS.map((r) => [r, 0])) as Record<FeedbackRating, number>;
  for (const r of rows) if (r.rating in counts) counts[r.rating] = Number(r.n);
  return { counts };
}
