// The approval card for one approver (key facts filtered by what that reader may see), sent through the outbox
// to each of their addresses, and updated in place on every copy when their part of the step ends. On a 会签 step
// with several approvers every copy also shows who has approved so far, refreshed as each one does.
import type { DomainContext } from '../shared/with-tx.js';
import type { Actor } from '../shared/actor.js';
import { hiddenFields } from '../shared/permissions.js';
import { cardIdFor } from '../../../cards/spec.js';
import type { ApprovalCardData, ApprovalOutcome, StepProgress } from '../../../cards/templates/approval.js';
import { hasKey, normalizeLocale, t, type Locale } from '../../../locales/index.js';
import { Contract } from '../contract/contract.entity.js';
import { contractCustomerNames } from '../contract/contract-customer.js';
import { User } from '../user/user.entity.js';
import { cardAddresses, noticeAddress } from './approval-channels.js';
import { getSetting } from '../settings/settings.js';
import type { ApprovalInstance } from './approval-instance.entity.js';
import type { ApprovalStep } from './approval-step.entity.js';
import { ApprovalTask, type TaskCard } from './approval-task.entity.js';
import type { Address } from '../../../bot/core/message.js';

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

/**
 * Where a 会签 step with more than one approver stands: one entry per approver slot (转办 and escalation share the
 * slot they took over), approved when someone in the slot approved. Undefined for 或签 and single-approver steps.
 */
export async function stepProgress(c: DomainContext, step: ApprovalStep): Promise<StepProgress | undefined> {
  if (step.mode !== 'all') return undefined;
  const tasks = await c.tx.find(ApprovalTask, { where: { stepId: step.id, activation: step.activation }, order: { id: 'ASC' } });
  const slots = [...new Set(tasks.map((x) => x.slot))].sort((a, b) => a - b);
  if (slots.length < 2) return undefined;
  const people: StepProgress['people'] = [];
  for (const slot of slots) {
    const inSlot = tasks.filter((x) => x.slot === slot);
    const decided = inSlot.find((x) => x.status === 'approved') ?? inSlot.find((x) => x.status === 'rejected');
    const waiting = inSlot.filter((x) => x.status === 'pending');
    const who = decided ? [decided] : waiting.length ? waiting : [inSlot[inSlot.length - 1]];
    const names = [];
    for (const x of who) names.push(await nameOf(c, x.userId));
    people.push({ name: names.join('/'), state: decided ? (decided.status as 'approved' | 'rejected') : 'pending' });
  }
  return { approved: people.filter((p) => p.state === 'approved').length, total: people.length, people };
}

/** Card copies already given new content in this transaction (one update per copy per decision). */
function touched(c: DomainContext): Set<string> {
  if (!c.memo.has('approval:touched-cards')) c.memo.set('approval:touched-cards', new Set<string>());
  return c.memo.get('approval:touched-cards') as Set<string>;
}

/** Who handed this task over to its approver (转办, or escalation when their time ran out). */
async function handedOver(c: DomainContext, task: ApprovalTask): Promise<ApprovalCardData['handedOver']> {
  if (!task.via || !task.fromTaskId) return undefined;
  const from = await c.tx.findOneBy(ApprovalTask, { id: task.fromTaskId });
  return from ? { via: task.via, fromName: await nameOf(c, from.userId) } : undefined;
}

/** The card data for one reader: the amount is null when a field rule hides it from them. */
async function cardData(c: DomainContext, inst: ApprovalInstance, step: ApprovalStep, task: ApprovalTask, reader: User, cardId: string, progress: StepProgress | undefined): Promise<ApprovalCardData> {
  const contract = await c.tx.findOneByOrFail(Contract, { id: inst.subjectId });
  const asReader = { ...c, actor: readerActor(reader), memo: new Map<string, unknown>() };
  const hidden = await hiddenFields(asReader, 'contract', contract.ownerId);
  // The customer's name as every reader of the contract may know it (the contract's own reads carry the same).
  const customerName = (await contractCustomerNames(asReader, [contract])).get(contract.id) ?? '';
  const locale = normalizeLocale(reader.locale);
  const handed = await handedOver(c, task);
  return {
    cardId, approvalId: String(inst.id), version: inst.version, timeZone: await getSetting(c, 'timeZone'),
    contract: {
      id: String(contract.id), name: contract.title, customerName,
      amountCents: hidden.includes('amountCents') ? null : contract.amountCents,
      startDate: day(contract.startAt), endDate: day(contract.endAt),
      submitterName: await nameOf(c, inst.submitterId), submittedAt: contract.submittedAt ?? inst.createdAt,
    },
    step: { index: step.idx + 1, total: inst.stepCount, name: stepName(step.name, locale), mode: step.mode },
    ...(step.dueAt ? { deadline: step.dueAt } : {}),
    ...(progress ? { progress } : {}),
    ...(handed ? { handedOver: handed } : {}),
  };
}

/** Sends each task's card to every address of its approver; remembers the copies on the task. */
export async function sendTaskCards(c: DomainContext, inst: ApprovalInstance, step: ApprovalStep, tasks: ApprovalTask[]): Promise<void> {
  const progress = await stepProgress(c, step);
  for (const task of tasks) {
    const user = await userById(c, task.userId);
    if (!user) continue;
    const cards = [];
    for (const address of cardAddresses(c.db, user)) cards.push(await sendCopy(c, inst, step, task, user, address, cardIdFor('ap', task.id, address.platform), progress));
    task.cards = cards;
    await c.tx.update(ApprovalTask, { id: task.id }, { cards: cards as never });
  }
}

/**
 * One more copy of a pending task's card, to its approver's address on `platform` (their own chat with the app),
 * added to the task's copies so that a decision updates it with the others. False when they have no address there.
 */
export async function sendAnotherCopy(c: DomainContext, inst: ApprovalInstance, step: ApprovalStep, task: ApprovalTask, platform: Address['platform']): Promise<boolean> {
  const user = await userById(c, task.userId);
  const address = user ? cardAddresses(c.db, user).find((a) => a.platform === platform) : undefined;
  if (!user || !address) return false;
  const cards = task.cards ?? [];
  const card = await sendCopy(c, inst, step, task, user, address, cardIdFor('ap', task.id, platform, `r${cards.length}`), await stepProgress(c, step));
  task.cards = [...cards, card];
  await c.tx.update(ApprovalTask, { id: task.id }, { cards: task.cards as never });
  return true;
}

async function sendCopy(c: DomainContext, inst: ApprovalInstance, step: ApprovalStep, task: ApprovalTask, user: User, address: Address, cardId: string, progress: StepProgress | undefined): Promise<TaskCard> {
  await c.outbox.push({
    address, locale: normalizeLocale(user.locale), dedupeKey: `ap:card:${cardId}`,
    message: { kind: 'card', template: 'approval', cardId, data: await cardData(c, inst, step, task, user, cardId, progress) as never, subject: { type: STEP_SUBJECT, id: step.id }, recipientUserId: user.id },
  });
  return { cardId, address };
}

/**
 * Copies sent again later to the same place: the earlier ones are updated quietly, so a decision that can no longer
 * reach them (WeCom's response_code spent or expired) is not repeated as a message beside the newest copy's update.
 */
function superseded(cards: TaskCard[]): Set<string> {
  const newest = new Map(cards.map((card) => [placeOf(card.address), card.cardId]));
  return new Set(cards.filter((card) => newest.get(placeOf(card.address)) !== card.cardId).map((card) => card.cardId));
}

/** One chat: copies sent to the same place show one below the other. */
export const placeOf = (a: Address) => `${a.platform}|${a.tenant}|${a.userId ?? ''}|${a.chatId ?? ''}`;

/**
 * Re-renders every copy of a task's card with the outcome (and, on a 会签 step, where it stands). Each copy once per
 * decision: a WeCom response_code works once.
 */
export async function closeTaskCards(c: DomainContext, inst: ApprovalInstance, task: ApprovalTask, decision: Decision, progress?: StepProgress, dedupe = 'upd'): Promise<void> {
  const user = await userById(c, task.userId);
  const older = superseded(task.cards ?? []);
  for (const card of task.cards ?? []) {
    touched(c).add(card.cardId);
    const data = { decision: { ...decision, ...(decision.comment ? {} : { comment: undefined }) }, version: inst.version, ...(progress ? { progress } : {}) };
    await c.outbox.push({
      address: card.address, locale: normalizeLocale(user?.locale), dedupeKey: `ap:${dedupe}:${card.cardId}`,
      message: { kind: 'card_update', cardId: card.cardId, data: JSON.parse(JSON.stringify(data)), ...(older.has(card.cardId) ? { quiet: true } : {}) },
    });
  }
}

/** Copies of this step run that this transaction has not updated yet, with their approver's task. */
async function untouchedCopies(c: DomainContext, step: ApprovalStep, statuses: ApprovalTask['status'][]): Promise<{ task: ApprovalTask; card: TaskCard }[]> {
  const tasks = await c.tx.find(ApprovalTask, { where: { stepId: step.id, activation: step.activation }, order: { id: 'ASC' } });
  return tasks.filter((x) => statuses.includes(x.status)).flatMap((task) => (task.cards ?? []).filter((card) => !touched(c).has(card.cardId)).map((card) => ({ task, card })));
}

/**
 * 会签 progress on every other copy of the step: the approvers still to decide keep their buttons, those who approved
 * keep their own decision. A copy the platform will not update again (WeCom's response_code spent) is skipped
 * quietly: the step's outcome, which follows, still reaches it (as a message when it must).
 */
export async function showStepProgress(c: DomainContext, inst: ApprovalInstance, step: ApprovalStep, progress: StepProgress | undefined): Promise<void> {
  if (!progress) return;
  for (const { task, card } of await untouchedCopies(c, step, ['pending', 'approved', 'cancelled'])) {
    touched(c).add(card.cardId);
    const user = await userById(c, task.userId);
    await c.outbox.push({
      address: card.address, locale: normalizeLocale(user?.locale), dedupeKey: `ap:prog:${card.cardId}:${inst.version}`,
      message: { kind: 'card_update', cardId: card.cardId, data: JSON.parse(JSON.stringify({ progress, version: inst.version })), quiet: true },
    });
  }
}

/** When a 会签 step ends, the copies of approvers who approved earlier show the outcome too. */
export async function showStepEnd(c: DomainContext, inst: ApprovalInstance, step: ApprovalStep, decision: Decision): Promise<void> {
  if (step.mode !== 'all') return;
  const progress = await stepProgress(c, step);
  const done = new Set<number>();
  for (const { task } of await untouchedCopies(c, step, ['approved', 'cancelled'])) {
    if (done.has(task.id)) continue;
    done.add(task.id);
    await closeTaskCards(c, inst, task, decision, progress, 'end');
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
