// What an automation does when it fires. Each action writes through the transaction of the event that set it off,
// as the system on behalf of the rule (audit channel `system`, ruleId), and announces its own events.
import type { DomainContext } from '../shared/with-tx.js';
import { audit } from '../audit/audit.js';
import { t, type Locale } from '../../../locales/index.js';
import { User } from '../user/user.entity.js';
import { Task } from '../activity/task.entity.js';
import { Contract } from '../contract/contract.entity.js';
import { Payment } from '../contract/payment.entity.js';
import { Customer } from '../customer/customer.entity.js';
import { Opportunity } from '../opportunity/opportunity.entity.js';
import { ChatBinding } from '../leaderboard/chat-binding.entity.js';
import { groupAddress } from '../leaderboard/run-board-push.js';
import { userAddress } from './notify-users.js';
import type { Action, Target } from './automation-rules.js';

type Row = Record<string, unknown>;
const DAY = 86_400_000;

export interface Subject { entity: string; id: number; row: Row | null; entityClass: Function | null }
export interface ActionEnv { sc: DomainContext; ruleId: string; subject: Subject; names: Record<string, string>; eventKey: string }

const ownerOf = (s: Subject): number | null => Number(s.row?.ownerId ?? s.row?.authorId ?? 0) || null;

/** Users a target names (active only), in id order; `group` targets resolve to group chats instead (see notify). */
export async function resolveUsers(env: ActionEnv, target: Target, originalActor: number | null): Promise<User[]> {
  const { sc } = env;
  const byId = async (id: number | null) => (id ? await sc.tx.findOne(User, { where: { id, active: true } }) : null);
  if (target === 'owner') return [await byId(ownerOf(env.subject))].filter((u): u is User => !!u);
  if (target === 'actor') return [await byId(originalActor)].filter((u): u is User => !!u);
  if (target === 'manager') {
    const owner = await byId(ownerOf(env.subject));
    return [await byId(owner?.managerId ?? null)].filter((u): u is User => !!u);
  }
  if ('userId' in target) return [await byId(target.userId)].filter((u): u is User => !!u);
  if ('role' in target) return sc.tx.find(User, { where: { role: target.role, active: true }, order: { id: 'ASC' } });
  if ('position' in target) return sc.tx.find(User, { where: { position: target.position, active: true }, order: { id: 'ASC' } });
  return [];
}

async function createTask(env: ActionEnv, a: Extract<Action, { do: 'create_task' }>, actor: number | null): Promise<void> {
  const { sc, subject } = env;
  const [owner] = await resolveUsers(env, a.owner, actor);
  if (!owner) return;
  let dueAt = new Date(sc.now.getTime() + a.dueInDays * DAY);
  if (a.dueAt === 'first_planned_payment') {
    const first = await sc.tx.createQueryBuilder(Payment, 'p').where('p.contract_id = :id AND p.planned_at IS NOT NULL', { id: subject.id }).orderBy('p.planned_at', 'ASC').getOne();
    if (first?.plannedAt) dueAt = first.plannedAt;
  }
  const r = subject.row ?? {};
  const link = {
    customerId: (subject.entity === 'customer' ? subject.id : (r.customerId as number | null)) ?? null,
    opportunityId: (subject.entity === 'opportunity' ? subject.id : (r.opportunityId as number | null)) ?? null,
    leadId: (subject.entity === 'lead' ? subject.id : (r.leadId as number | null)) ?? null,
  };
  const task = await sc.tx.save(sc.tx.create(Task, {
    title: t(owner.locale as Locale, a.title, env.names).slice(0, 255), dueAt, ownerId: owner.id, status: 'open', snoozedUntil: null, doneAt: null,
    activityId: null, remindedAt: null, createdAt: sc.now, updatedAt: sc.now, ...link,
  }));
  await audit(sc, 'create', 'task', task.id, null, task);
  sc.emit({ type: 'task.created', entity: 'task', id: task.id, data: { ownerId: owner.id } });
}

async function notify(env: ActionEnv, a: Extract<Action, { do: 'notify' }>, actor: number | null): Promise<void> {
  const { sc } = env;
  for (const [i, target] of (Array.isArray(a.to) ? a.to : [a.to]).entries()) {
    if (typeof target === 'object' && 'group' in target) {
      for (const b of await sc.tx.find(ChatBinding, { where: { teamId: target.group }, order: { id: 'ASC' } })) {
        await sc.outbox.push({ address: groupAddress(b), locale: 'zh-CN', message: { kind: 'text', key: a.message, params: env.names }, dedupeKey: `${env.eventKey}:${i}:g${b.id}`.slice(0, 128) });
      }
      continue;
    }
    for (const u of await resolveUsers(env, target, actor)) {
      const address = userAddress(sc.db, u);
      if (!address) continue;
      await sc.outbox.push({ address, locale: u.locale as Locale, message: { kind: 'text', key: a.message, params: env.names }, dedupeKey: `${env.eventKey}:${i}:u${u.id}`.slice(0, 128) });
    }
  }
}

async function change(env: ActionEnv, patch: Row, action: 'assign' | 'update'): Promise<void> {
  const { sc, subject } = env;
  if (!subject.row || !subject.entityClass) return;
  const before = { ...subject.row };
  if (Object.entries(patch).every(([k, v]) => before[k] === v)) return;
  await sc.tx.update(subject.entityClass as never, { id: subject.id }, { ...patch, ...('updatedAt' in before ? { updatedAt: sc.now } : {}) } as never);
  Object.assign(subject.row, patch);
  await audit(sc, action, subject.entity, subject.id, before, subject.row);
  sc.emit({ type: `${subject.entity}.updated`, entity: subject.entity, id: subject.id, data: { before } });
}

async function createContractDraft(env: ActionEnv): Promise<void> {
  const { sc, subject } = env;
  const opp = subject.row as unknown as Opportunity | null;
  if (!opp) return;
  if (await sc.tx.findOne(Contract, { where: { opportunityId: opp.id } })) return;
  const customer = await sc.tx.findOne(Customer, { where: { id: opp.customerId } });
  const owner = opp.ownerId ? await sc.tx.findOne(User, { where: { id: opp.ownerId } }) : null;
  const contract = await sc.tx.save(sc.tx.create(Contract, {
    title: t((owner?.locale ?? 'zh-CN') as Locale, 'automation.contract.title', { customer: customer?.name ?? '', opportunity: opp.name }).slice(0, 128),
    number: null, customerId: opp.customerId, opportunityId: opp.id, amountCents: opp.amountCents, status: 'draft', ownerId: opp.ownerId,
    signedAt: null, startAt: null, endAt: null, submittedAt: null, decidedAt: null, approvalId: null,
    custom: null,
    createdAt: sc.now, updatedAt: sc.now,
  }));
  await audit(sc, 'create', 'contract', contract.id, null, contract);
  sc.emit({ type: 'contract.created', entity: 'contract', id: contract.id, data: { ownerId: contract.ownerId, opportunityId: opp.id, customerId: opp.customerId } });
}

export async function runAction(env: ActionEnv, a: Action, originalActor: number | null): Promise<void> {
  switch (a.do) {
    case 'create_task': return createTask(env, a, originalActor);
    case 'notify': return notify(env, a, originalActor);
    case 'assign': {
      const [u] = await resolveUsers(env, a.to, originalActor);
      if (u) await change(env, { ownerId: u.id }, 'assign');
      return;
    }
    case 'set_field': return change(env, { [a.field]: a.value }, 'update');
    case 'create_contract_draft': return createContractDraft(env);
  }
}
