// The automation hook: for each domain event of the transaction, the enabled rules listening to it whose condition
// holds run their actions, in the same transaction, as the system on behalf of the rule. Events the actions cause
// carry the chain of rules behind them: a rule never fires again on its own consequences, and chains stop at
// MAX_DEPTH (loops are also refused at load, see automation-rules.ts).
import type { DomainContext, DomainEvent } from '../shared/with-tx.js';
import { onDomainEvents } from '../shared/with-tx.js';
import type { Db } from '../shared/db.js';
import { systemActor } from '../shared/actor.js';
import { OutboxWriter } from '../outbox/outbox-writer.js';
import { toRuleRecord } from '../../rules/evaluate.js';
import { Opportunity } from '../opportunity/opportunity.entity.js';
import { Contract } from '../contract/contract.entity.js';
import { Customer } from '../customer/customer.entity.js';
import { Lead } from '../lead/lead.entity.js';
import { Activity } from '../activity/activity.entity.js';
import { Task } from '../activity/task.entity.js';
import { Payment } from '../contract/payment.entity.js';
import { EVENT_FIELDS, SUBJECT_FIELDS, type AutomationRule } from './automation-rules.js';
import { automationRules } from './automation-store.js';
import { runAction, type Subject } from './run-actions.js';

export const MAX_DEPTH = 3;
const ENTITIES: Record<string, Function> = { opportunity: Opportunity, contract: Contract, customer: Customer, lead: Lead, activity: Activity, task: Task, payment: Payment };

interface Provenance { depth: number; chain: string[] }
const provenanceOf = (e: DomainEvent): Provenance => ((e.data?.automation as Provenance | undefined) ?? { depth: 0, chain: [] });

async function subjectOf(c: DomainContext, e: DomainEvent): Promise<Subject> {
  const entityClass = ENTITIES[e.entity] ?? null;
  const row = entityClass ? ((await c.tx.findOne(entityClass as never, { where: { id: e.id } })) as Record<string, unknown> | null) : null;
  return { entity: e.entity, id: e.id, row, entityClass };
}

/** Names a message or task title may mention: the subject's and its customer's, never amounts (field rules). */
async function namesOf(c: DomainContext, s: Subject): Promise<Record<string, string>> {
  const r = s.row ?? {};
  const out: Record<string, string> = {};
  if (s.entity === 'opportunity') out.opportunity = String(r.name ?? '');
  if (s.entity === 'contract') { out.contract = String(r.title ?? ''); out.number = String(r.number ?? ''); }
  if (s.entity === 'task') out.task = String(r.title ?? '');
  if (s.entity === 'lead') out.lead = String(r.company ?? '');
  const customerId = s.entity === 'customer' ? s.id : (r.customerId as number | null | undefined);
  if (customerId) out.customer = (await c.tx.findOne(Customer, { where: { id: customerId } }))?.name ?? '';
  return out;
}

function memoryOf(e: DomainEvent, s: Subject, now: Date): Record<string, unknown> {
  const data = { ...(e.data ?? {}) } as Record<string, unknown>;
  delete data.before;
  delete data.automation;
  return {
    event: toRuleRecord({ ...data, type: e.type }, EVENT_FIELDS),
    [s.entity]: toRuleRecord(s.row ?? {}, SUBJECT_FIELDS[s.entity] ?? []),
    now: now.toISOString(),
  };
}

async function fire(c: DomainContext, e: DomainEvent, rule: AutomationRule, subject: Subject, seq: number): Promise<void> {
  const from = provenanceOf(e);
  const provenance: Provenance = { depth: from.depth + 1, chain: [...from.chain, rule.id] };
  // The rule's own context: same transaction and clock, the system as actor (audited with the rule id), its events
  // stamped with where they came from.
  const sc: DomainContext = {
    ...c, actor: systemActor(rule.id, c.actor.locale), memo: new Map(),
    emit: (ev) => c.emit({ ...ev, data: { ...(ev.data ?? {}), automation: provenance } }),
  };
  sc.outbox = new OutboxWriter(sc);
  const env = { sc, ruleId: rule.id, subject, names: await namesOf(c, subject), eventKey: `auto:${rule.id}:${e.type}:${e.id}:${c.now.getTime()}:${seq}` };
  for (const action of rule.then) await runAction(env, action, c.actor.userId);
}

/** The hook (see installAutomations). */
export async function runAutomations(c: DomainContext, events: DomainEvent[]): Promise<void> {
  let rules: AutomationRule[] | null = null;
  let seq = 0;
  for (const e of events) {
    const { depth, chain } = provenanceOf(e);
    if (depth >= MAX_DEPTH) continue;
    rules ??= (await automationRules(c)).rules;
    const listening = rules.filter((r) => r.enabled && r.on === e.type && !chain.includes(r.id));
    if (!listening.length) continue;
    const subject = await subjectOf(c, e);
    for (const rule of listening) {
      const { value, error } = rule.expression.tryEvaluate(memoryOf(e, subject, c.now));
      if (!error && value === true) await fire(c, e, rule, subject, seq++);
    }
  }
}

const installed = new WeakSet<Db>();
/** Registers the automation hook once per database handle (composeServer, tests). */
export function installAutomations(db: Db): void {
  if (installed.has(db)) return;
  installed.add(db);
  onDomainEvents(db, runAutomations);
}
