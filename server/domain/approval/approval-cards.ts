// The approval card for one approver (key facts filtered by what that reader may see), sent through the outbox
// to each of their addresses, and updated in place on every copy when their part of the step ends.
import type { DomainContext } from '../shared/with-tx.js';
import type { Actor } from '../shared/actor.js';
import { hiddenFields } from '../shared/permissions.js';
import { cardIdFor } from '../../../cards/spec.js';
import type { ApprovalCardData, ApprovalOutcome } from '../../../cards/templates/approval.js';
import { hasKey, normalizeLocale, t, type Locale } from '../../../locales/index.js';
import { Contract } from '../contract/contract.entity.js';
import { Customer } from '../customer/customer.entity.js';
import { User } from '../user/user.entity.js';
import { approvalChannels, cardAddresses, noticeAddress } from './approval-channels.js';
import type { ApprovalInstance } from './approval-instance.entity.js';
import type { ApprovalStep } from './approval-step.entity.js';
import { ApprovalTask } from './approval-task.entity.js';

export const STEP_SUBJECT = 'approval_step';

export interface Decision { outcome: ApprovalOutcome; byName: string; at: Date; comment?: string; toName?: string }

/** A step name is a locale key (approval.step.*) or text an admin wrote. */
export function stepName(name: string, locale: Locale): string {
  return hasKey(name) ? t(locale, name) : name;
}

export async function userById(c: DomainContext, id: number | null): Promise<User | null> {
  if (id === null) return null;
  const key = `user:${id}`;
  if (!c.memo.has(key)) c.memo.set(key, await c.tx.findOneBy(User, { id }));
  return c.memo.get(key) as User | null;
}

export const nameOf = async (c: DomainContext, id: number | null) => (await userById(c, id))?.name ?? '';

const readerActor = (u: User): Actor => ({ userId: u.id, role: u.role, teamId: u.teamId, locale: normalizeLocale(u.locale), channel: 'system' });
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : undefined);

/** The card data for one reader: the amount is null when a field rule hides it from them. */
async function cardData(c: DomainContext, inst: ApprovalInstance, step: ApprovalStep, reader: User, cardId: string): Promise<ApprovalCardData> {
  const contract = await c.tx.findOneByOrFail(Contract, { id: inst.subjectId });
  const customer = await c.tx.findOneBy(Customer, { id: contract.customerId });
  const asReader = { ...c, actor: readerActor(reader), memo: new Map<string, unknown>() };
  const hidden = await hiddenFields(asReader, 'contract', contract.ownerId);
  const locale = normalizeLocale(reader.locale);
  return {
    cardId, approvalId: String(inst.id), version: inst.version, timeZone: approvalChannels(c.db).timeZone,
    contract: {
      id: String(contract.id), name: contract.title, customerName: customer?.name ?? '',
      amountCents: hidden.includes('amountCents') ? null : contract.amountCents,
      startDate: day(contract.startAt), endDate: day(contract.endAt),
      submitterName: await nameOf(c, inst.submitterId), submittedAt: contract.submittedAt ?? inst.createdAt,
    },
    step: { index: step.idx + 1, total: inst.stepCount, name: stepName(step.name, locale), mode: step.mode },
    ...(step.dueAt ? { deadline: step.dueAt } : {}),
  };
}

/** Sends each task's card to every address of its approver; remembers the copies on the task. */
export async function sendTaskCards(c: DomainContext, inst: ApprovalInstance, step: ApprovalStep, tasks: ApprovalTask[]): Promise<void> {
  for (const task of tasks) {
    const user = await userById(c, task.userId);
    if (!user) continue;
    const cards = [];
    for (const address of cardAddresses(c.db, user)) {
      const cardId = cardIdFor('ap', task.id, address.platform);
      const data = await cardData(c, inst, step, user, cardId);
      await c.outbox.push({
        address, locale: normalizeLocale(user.locale), dedupeKey: `ap:card:${cardId}`,
        message: { kind: 'card', template: 'approval', cardId, data: data as never, subject: { type: STEP_SUBJECT, id: step.id }, recipientUserId: user.id },
      });
      cards.push({ cardId, address });
    }
    task.cards = cards;
    await c.tx.update(ApprovalTask, { id: task.id }, { cards: cards as never });
  }
}

/** Re-renders every copy of a task's card with the outcome (each copy once: a WeCom response_code works once). */
export async function closeTaskCards(c: DomainContext, inst: ApprovalInstance, task: ApprovalTask, decision: Decision): Promise<void> {
  const user = await userById(c, task.userId);
  for (const card of task.cards ?? []) {
    const data = { decision: { ...decision, ...(decision.comment ? {} : { comment: undefined }) }, version: inst.version };
    await c.outbox.push({
      address: card.address, locale: normalizeLocale(user?.locale), dedupeKey: `ap:upd:${card.cardId}`,
      message: { kind: 'card_update', cardId: card.cardId, data: JSON.parse(JSON.stringify(data)) },
    });
  }
}

export type NoticeParams = Record<string, unknown> | ((locale: Locale) => Record<string, unknown>);

/** A short notice (locale key + params, which may depend on the reader's language) to one person, on one address. */
export async function notify(c: DomainContext, userId: number | null, key: string, params: NoticeParams): Promise<void> {
  const user = await userById(c, userId);
  if (!user) return;
  const address = noticeAddress(c.db, user);
  if (!address) return;
  const locale = normalizeLocale(user.locale);
  await c.outbox.push({ address, locale, message: { kind: 'text', key, params: typeof params === 'function' ? params(locale) : params } });
}
