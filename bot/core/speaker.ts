// Who is speaking, and whether an approval card is waiting for their answer (a reason, a colleague's name), in
// one read: every chat turn needs both, and most people are not in the middle of answering a card.
import type { EntityManager } from 'typeorm';
import type { Platform } from './message.js';
import { findByIdentity, identityQuery } from '../../server/domain/user/find-by-identity.js';
import { ApprovalTask } from '../../server/domain/approval/approval-task.entity.js';
import type { User } from '../../server/domain/user/user.entity.js';
import { fromDbTime } from '../../server/domain/shared/sql.js';

export interface Speaker { user: User; answerDueBefore: Date | null }

export async function findSpeaker(tx: EntityManager, platform: Platform, platformUserId: string): Promise<Speaker | null> {
  return findByIdentity(platform, async (caseInsensitive) => {
    const qb = identityQuery(tx, platform, platformUserId, caseInsensitive);
    qb.addSelect((sub) => sub.select('MAX(t.awaiting_until)').from(ApprovalTask, 't')
      .where("t.user_id = u.id AND t.status = 'pending' AND t.awaiting IS NOT NULL"), 'answer_due');
    const { entities, raw } = await qb.getRawAndEntities();
    if (!entities[0]) return null;
    const due = (raw[0] as { answer_due?: Date | string | null }).answer_due;
    return { user: entities[0], answerDueBefore: due == null ? null : fromDbTime(due) };
  });
}
