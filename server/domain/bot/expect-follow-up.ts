// "写跟进" on a reminder card continues in chat: the bot waits a few minutes for the person's next 1:1 message and
// logs it on the card's customer or lead, so they need not name it again. One expectation per person; a newer tap
// replaces it, and it lapses on its own.
import type { DomainContext } from '../shared/with-tx.js';
import { ChatExpectation } from './chat-expectation.entity.js';

/** How long the bot waits for the follow-up after the tap. */
export const EXPECT_MINUTES = 10;

export interface ExpectedFollowUp { subjectType: 'customer' | 'lead'; subjectId: number; subjectName: string | null }

/** From now on, `userId`'s next 1:1 message (within EXPECT_MINUTES) is a follow-up on `subject`. */
export async function expectFollowUp(c: DomainContext, userId: number, subject: ExpectedFollowUp): Promise<Date> {
  const expiresAt = new Date(c.now.getTime() + EXPECT_MINUTES * 60_000);
  await c.tx.delete(ChatExpectation, { userId });
  await c.tx.insert(ChatExpectation, { userId, kind: 'follow_up', ...subject, expiresAt, createdAt: c.now });
  return expiresAt;
}

/** The follow-up `userId` is expected to tell, if the wait has not lapsed. */
export async function expectedFollowUp(c: DomainContext, userId: number): Promise<ExpectedFollowUp | null> {
  const row = await c.tx.findOne(ChatExpectation, { where: { userId, kind: 'follow_up' } });
  if (!row || row.expiresAt.getTime() <= c.now.getTime()) return null;
  return { subjectType: row.subjectType, subjectId: row.subjectId, subjectName: row.subjectName };
}

/** Ends the wait: the follow-up was told, or the person said to cancel. */
export async function stopExpecting(c: DomainContext, userId: number): Promise<void> {
  await c.tx.delete(ChatExpectation, { userId });
}
