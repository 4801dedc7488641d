// Who is speaking, and whether a card is waiting for their answer (an approval's reason or colleague, a reminder's
// follow-up), in one read: every chat turn needs both, and most people are not in the middle of answering a card.
import type { EntityManager } from 'typeorm';
import type { Platform } from './message.js';
import { findByIdentity, identityQuery } from '../../server/domain/user/find-by-identity.js';
import { ApprovalTask } from '../../server/domain/approval/approval-task.entity.js';
import { ChatExpectation } from '../../server/domain/bot/chat-expectation.entity.js';
import type { User } from '../../server/domain/user/user.entity.js';
import { fromDbTime } from '../../server/domain/shared/sql.js';

export interface Speaker {
  user: User;
  /** An approval card waits for a reason or a colleague's name until then. */
  answerDueBefore: Date | null;
  /** A reminder card's "写跟进" waits for the follow-up until then. */
  followUpDueBefore: Date | null;
}

export async function findSpeaker(tx: EntityManager, platform: Platform, platformUserId: string): Promise<Speaker | null> {
  return findByIdentity(platform, async (caseInsensitive) => {
    const qb = identityQuery(tx, platform, platformUserId, caseInsensitive);
    qb.addSelect((sub) => sub.select('MAX(t.awaiting_until)').from(ApprovalTask, 't')
      .where("t.user_id = u.id AND t.status = 'pending' AND t.awaiting IS NOT NULL"), 'answer_due');
    qb.addSelect((sub) => sub.select('MAX(e.expires_at)').from(ChatExpectation, 'e').where('e.user_id = u.id'), 'follow_up_due');
    const { entities, raw } = await qb.getRawAndEntities();
    if (!entities[0]) return null;
    const { answer_due: due, follow_up_due: followUp } = raw[0] as { answer_due?: Date | string | null; follow_up_due?: Date | string | null };
    return { user: entities[0], answerDueBefore: due == null ? null : fromDbTime(due), followUpDueBefore: followUp == null ? null : fromDbTime(followUp) };
  });
}
