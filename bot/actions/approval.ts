// Approval card taps. Approve acts at once; reject, transfer and return need words (a reason, a colleague), so the
// bot asks in the chat and the approver's next message there completes the action (continueApprovalInput).
// Every path ends in the same domain function as the mini-program, which updates all copies of the card.
import { IsNull, Not } from 'typeorm';
import type { DomainContext } from '../../server/domain/shared/with-tx.js';
import { DomainError } from '../../server/domain/shared/domain-error.js';
import { CardInstance } from '../../server/domain/card/card-instance.entity.js';
import { ApprovalTask } from '../../server/domain/approval/approval-task.entity.js';
import { ApprovalInstance } from '../../server/domain/approval/approval-instance.entity.js';
import { Contract } from '../../server/domain/contract/contract.entity.js';
import { User } from '../../server/domain/user/user.entity.js';
import { checkDecision, decideApproval, type ApprovalAction, type DecideInput } from '../../server/domain/approval/decide-approval.js';
import { t } from '../../locales/index.js';
import type { InboundCardAction } from '../core/message.js';
import { reply, text, type Turn } from '../commands/command.js';
import type { ActionHandler } from './action.js';

/** How long the bot waits for the reason or the colleague's name after a tap. */
const INPUT_MINUTES = 10;

/**
 * The tapped copy, locked; the tap's fresh WeCom response_code is kept only when the tapper is the copy's recipient,
 * so a stranger's tap leaves the card exactly as it was.
 */
async function lockOwnCopy(c: DomainContext, turn: Turn, tap: InboundCardAction): Promise<CardInstance | 'not_yours' | null> {
  const qb = c.tx.createQueryBuilder(CardInstance, 'k').where('k.card_id = :id', { id: tap.handle.cardId });
  if (c.db.kind !== 'sqlite') qb.setLock('pessimistic_write');
  const card = await qb.getOne();
  if (!card || card.template !== 'approval') return null;
  if (card.recipientUserId !== turn.user.id) return 'not_yours';
  if (tap.handle.responseCode) {
    await c.tx.update(CardInstance, { id: card.id }, { responseCode: tap.handle.responseCode, responseCodeAt: c.now });
    card.responseCode = tap.handle.responseCode;
  }
  return card;
}

/** Runs the checks first: a refusal becomes a reply and changes nothing else. */
async function refused(c: DomainContext, turn: Turn, instanceId: number, input: DecideInput): Promise<ApprovalTask | null> {
  try {
    return await checkDecision(c, instanceId, input);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    await reply(c, turn, text(`error.${e.code}`, { ...e.params, ...(e.field ? { field: e.field } : {}) }));
    return null;
  }
}

function tapHandler(action: ApprovalAction): ActionHandler {
  return async (c, turn, { tap }) => {
    const card = await lockOwnCopy(c, turn, tap);
    if (card === null) return reply(c, turn, text('bot.card.invalid'));
    if (card === 'not_yours') return reply(c, turn, text('bot.card.not_yours'));
    const instanceId = Number(card.data.approvalId);
    const stepId = card.subjectId ?? undefined;
    // Approve needs nothing more; the others are checked as if approving, then wait for the words.
    const task = await refused(c, turn, instanceId, { action: 'approve', stepId });
    if (!task) return;
    if (action === 'approve') {
      await decideApproval(c, instanceId, { action, stepId });
      return;
    }
    // One question at a time per person: a newer tap replaces an older unanswered one.
    await c.tx.update(ApprovalTask, { userId: turn.user.id, status: 'pending' }, { awaiting: null, awaitingUntil: null });
    await c.tx.update(ApprovalTask, { id: task.id }, { awaiting: action, awaitingUntil: new Date(c.now.getTime() + INPUT_MINUTES * 60_000), updatedAt: c.now });
    await reply(c, turn, text(`approval.ask.${action}`, { minutes: INPUT_MINUTES }));
  };
}

export const approveTap = tapHandler('approve');
export const rejectTap = tapHandler('reject');
export const transferTap = tapHandler('transfer');
export const returnTap = tapHandler('return');

/** A colleague by exact name or username (active, not the speaker). */
async function findColleague(c: DomainContext, me: number, said: string): Promise<User[]> {
  const byUsername = await c.tx.find(User, { where: { username: said, active: true } });
  const found = byUsername.length ? byUsername : await c.tx.find(User, { where: { name: said, active: true }, order: { id: 'ASC' } });
  return found.filter((u) => u.id !== me);
}

/**
 * The approver's next 1:1 message after a reject / transfer / return tap: the reason or the colleague's name.
 * Returns false when nothing is waiting (the message is understood as usual).
 */
export async function continueApprovalInput(c: DomainContext, turn: Turn, said: string): Promise<boolean> {
  const task = await c.tx.findOne(ApprovalTask, { where: { userId: turn.user.id, status: 'pending', awaiting: Not(IsNull()) }, order: { awaitingUntil: 'DESC' } });
  if (!task?.awaiting || !task.awaitingUntil || task.awaitingUntil.getTime() <= c.now.getTime()) return false;
  const words = said.trim();
  const cancelWords = t(turn.locale, 'bot.cancel_words').split('|');
  const clear = () => c.tx.update(ApprovalTask, { id: task.id }, { awaiting: null, awaitingUntil: null });
  if (!words || cancelWords.some((w) => w.toLowerCase() === words.toLowerCase())) {
    await clear();
    await reply(c, turn, text('approval.input.cancelled'));
    return true;
  }
  const action = task.awaiting;
  const input: DecideInput = { action, stepId: task.stepId };
  if (action === 'transfer') {
    const people = await findColleague(c, turn.user.id, words);
    if (people.length !== 1) {
      const key = people.length ? 'approval.input.many_users' : 'approval.input.no_user';
      await reply(c, turn, text(key, { name: words, names: people.map((p) => `${p.name} (${p.username})`).join(', ') }));
      return true;
    }
    input.toUserId = people[0].id;
  } else {
    input.comment = words.slice(0, 1000);
  }
  if (!(await refused(c, turn, task.instanceId, input))) {
    // The step moved on (or the target is not allowed): a wrong name may be retried, anything else ends the question.
    if (action !== 'transfer') await clear();
    return true;
  }
  await decideApproval(c, task.instanceId, input);
  const inst = await c.tx.findOneByOrFail(ApprovalInstance, { id: task.instanceId });
  const contract = await c.tx.findOneBy(Contract, { id: inst.subjectId });
  const to = input.toUserId ? (await c.tx.findOneBy(User, { id: input.toUserId }))?.name : undefined;
  await reply(c, turn, text(`approval.done.${action}`, { contract: contract?.title ?? '', to: to ?? '' }));
  return true;
}
