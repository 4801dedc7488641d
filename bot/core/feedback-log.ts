// Readers' verdicts on the bot's answers, stored once per (platform, eventId) in reply_feedback: platforms deliver an
// event again when unsure it arrived, and a repeat must not count twice. Nothing is answered and no turn runs.
import type { FeedbackLog, ReplyFeedback } from './message.js';
import type { Db } from '../../server/domain/shared/db.js';
import { serialized } from '../../server/domain/shared/db.js';
import { insertRow } from '../../server/domain/shared/insert-row.js';
import { isUniqueViolation } from '../../server/domain/shared/unique-violation.js';
import { ReplyFeedbackRow } from '../../server/domain/bot/reply-feedback.entity.js';

/** A reader's comment is a sentence or two; a runaway one is cut rather than refused. */
const COMMENT_MAX = 2000;

export function createFeedbackLog(db: Db): FeedbackLog {
  return {
    async record(f: ReplyFeedback) {
      const row: Partial<ReplyFeedbackRow> = {
        platform: f.platform, tenant: f.tenant.slice(0, 128), eventId: f.eventId.slice(0, 128), replyRef: f.replyRef.slice(0, 256),
        userId: f.userId.slice(0, 128), chatId: f.chatId.slice(0, 128), chatType: f.chatType, rating: f.rating,
        comment: f.comment ? f.comment.slice(0, COMMENT_MAX) : null, reasons: f.reasons?.length ? f.reasons : null,
        givenAt: f.at, createdAt: db.clock.now(),
      };
      try {
        await serialized(db, () => insertRow(db.ds.manager, ReplyFeedbackRow, row));
        return 'recorded';
      } catch (e) {
        // The unique (platform, event_id) key is the dedupe, also between two deliveries racing each other.
        if (isUniqueViolation(e)) return 'duplicate';
        throw e;
      }
    },
  };
}
