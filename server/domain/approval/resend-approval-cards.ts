// Fresh copies of the approval cards waiting for me: a card that scrolled out of sight, or that WeCom no longer lets
// us update (its single-use response_code spent or past its window), is acted on again from the chat. A card that
// reached that chat a moment ago is not sent again: it is still right there.
import { In } from 'typeorm';
import type { DomainContext } from '../shared/with-tx.js';
import type { Address } from '../../../bot/core/message.js';
import { CardInstance } from '../card/card-instance.entity.js';
import { ApprovalStep } from './approval-step.entity.js';
import { ApprovalTask } from './approval-task.entity.js';
import { lockInstance } from './approval-flow.js';
import { cardAddresses } from './approval-channels.js';
import { placeOf, sendAnotherCopy, userById } from './approval-cards.js';

/**
 * How recently a copy must have reached the approver's chat to count as "just above": '待审批' typed right after a
 * card arrived would otherwise put the same card twice in a row. Ten minutes covers reading a card and then asking
 * for the list; what makes a fresh copy worth sending (the card scrolled away under a day of messages, back from a
 * trip, WeCom's 24-hour response_code window spent) takes far longer.
 */
export const JUST_SENT_MS = 10 * 60_000;

/**
 * Of these tasks of the caller, those whose newest card copy in their own chat on `platform` was delivered within
 * JUST_SENT_MS and is still active (not closed by a decision): it sits just above whatever they type next. A copy still
 * queued, or that never arrived, does not count. Writes nothing.
 */
export async function cardsJustSent(c: DomainContext, taskIds: number[], platform: Address['platform']): Promise<Set<number>> {
  const out = new Set<number>();
  const user = await userById(c, c.actor.userId);
  const address = user ? cardAddresses(c.db, user).find((a) => a.platform === platform) : undefined;
  if (!user || !address || !taskIds.length) return out;
  const tasks = await c.tx.find(ApprovalTask, { where: { id: In(taskIds), userId: user.id } });
  const newest = new Map<string, number>();
  for (const task of tasks) {
    const here = (task.cards ?? []).filter((card) => placeOf(card.address) === placeOf(address));
    if (here.length) newest.set(here[here.length - 1].cardId, task.id);
  }
  if (!newest.size) return out;
  const since = new Date(c.now.getTime() - JUST_SENT_MS);
  const copies = await c.tx.find(CardInstance, { select: { cardId: true, state: true, createdAt: true }, where: { cardId: In([...newest.keys()]) } });
  for (const k of copies) if (k.state === 'active' && k.createdAt.getTime() >= since.getTime()) out.add(newest.get(k.cardId)!);
  return out;
}

/**
 * Sends one more copy of the card of each of these approval tasks to the caller's own chat on `platform`, where each
 * joins the task's copies: the decision taken on any copy updates it in place with the others (older copies in the
 * same chat quietly: see closeTaskCards). Tasks that are not the caller's, no longer waiting for them, or whose card
 * reached that chat a moment ago (cardsJustSent) are skipped.
 * Who: the approver (their own tasks only). Writes: the tasks' list of copies; the cards go out through the outbox.
 * Returns the ids of the tasks whose card was sent.
 */
export async function resendApprovalCards(c: DomainContext, taskIds: number[], platform: Address['platform']): Promise<number[]> {
  const sent: number[] = [];
  const recent = await cardsJustSent(c, taskIds, platform);
  for (const id of taskIds) {
    if (recent.has(id)) continue;
    const first = await c.tx.findOneBy(ApprovalTask, { id });
    if (!first || first.userId !== c.actor.userId) continue;
    // Under the instance's lock, as a decision takes it: a card sent now is either closed by that decision or current.
    const inst = await lockInstance(c, first.instanceId);
    const task = await c.tx.findOneByOrFail(ApprovalTask, { id });
    const step = await c.tx.findOneBy(ApprovalStep, { id: task.stepId });
    const current = inst.status === 'pending' && task.status === 'pending' && step?.status === 'pending' && step.activation === task.activation;
    if (current && (await sendAnotherCopy(c, inst, step, task, platform))) sent.push(id);
  }
  return sent;
}
