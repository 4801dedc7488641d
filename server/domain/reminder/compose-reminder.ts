// What one due reminder becomes: a reminder card, a digest, a note to a manager, or — for a pool return — the
// return itself (done by the system, audited with the rule) plus notices to the team. Runs in the sender's
// transaction; the messages are queued by the caller (which spreads them over the platform's rate windows).
import type { Address, Outbound } from '../../../bot/core/message.js';
import { cardIdFor } from '../../../cards/spec.js';
import { normalizeLocale } from '../../../locales/index.js';
import type { DomainContext } from '../shared/with-tx.js';
import type { QueuedMessage } from '../outbox/outbox-writer.js';
import { systemActor } from '../shared/actor.js';
import { User } from '../user/user.entity.js';
import { releaseToPool } from '../pool/release-to-pool.js';
import type { Reminder } from './reminder.entity.js';
import { cachedFind, reminderStillDue } from './reminder-still-due.js';
import { reminderSettings } from './reminder-config.js';
import { buildDigest, foldIntoDigest } from './digest.js';
import { insertReminders } from './insert-reminders.js';

/** How to reach a person (their WeCom or DingTalk identity), or null when they have none configured. */
export type ReminderRoute = (user: User) => Address | null;

export interface Composed { outcome: string; messages: QueuedMessage[] }

const DAY = 86_400_000;
const CARD_KINDS = new Set(['task_due', 'followup_due', 'lead_sla', 'pool_return', 'pool_notice']);

export async function composeReminder(c: DomainContext, r: Reminder, route: ReminderRoute): Promise<Composed> {
  const facts = await reminderStillDue(c, r);
  if (!facts.due) return { outcome: facts.reason ?? 'not_due', messages: [] };
  const user = await cachedFind(c, User, r.recipientId);
  const cfg = await reminderSettings(c);
  const messages: QueuedMessage[] = [];
  let outcome = 'sent';

  const object = r.subjectType === 'lead' ? 'lead' : 'customer';
  if (r.kind === 'pool_release') {
    // The return is a system act whether or not anyone can be told: audited with channel system and the rule.
    const sys: DomainContext = { ...c, actor: systemActor(`pool-return:${facts.ruleId}`) };
    await releaseToPool(sys, object, r.subjectId, `pool-return:${facts.ruleId}`);
    if (cfg.notifyTeamOnPoolReturn && user?.teamId) {
      const mates = await c.tx.find(User, { where: { teamId: user.teamId, active: true, role: 'rep' } });
      await insertReminders(c, mates.filter((m) => m.id !== user.id).map((m) => ({
        kind: 'pool_notice' as const, subjectType: object, subjectId: r.subjectId, recipientId: m.id, dueAt: c.now,
      })), cfg);
    }
    outcome = 'released';
  }

  const address = user?.active ? route(user) : null;
  if (!user || !address) return { outcome: outcome === 'released' ? outcome : 'no_route', messages };
  const locale = normalizeLocale(user.locale);
  const push = (message: Outbound) => messages.push({ address, message, locale, dedupeKey: `reminder:${r.id}:${messages.length}` });

  if (r.kind === 'digest') {
    const d = await buildDigest(c, user.id, locale);
    if (!d) return { outcome: 'empty', messages };
    await foldIntoDigest(c, user.id);
    push({ kind: 'markdown', key: d.more ? 'reminder.digest_more' : 'reminder.digest', params: { name: user.name, tasks: d.tasks, customers: d.customers, lines: d.lines, more: d.more } });
  } else if (r.kind === 'pool_release') {
    push({ kind: 'text', key: object === 'lead' ? 'reminder.lead_pool_released' : 'reminder.pool_released', params: { customer: facts.subject, lead: facts.subject } });
  } else if (r.kind === 'escalation') {
    const rep = await c.tx.findOne(User, { where: { id: Number(r.data?.rep) } });
    // Counted in days of work when days off are quiet: said so ("3 个工作日").
    const key = `reminder.escalation.${String(r.data?.ofKind)}${r.data?.workDays ? '_work_days' : ''}`;
    push({ kind: 'text', key, params: { rep: rep?.name ?? '', subject: facts.subject, days: Number(r.data?.days) } });
  } else if (CARD_KINDS.has(r.kind)) {
    const due = r.kind === 'pool_return' && typeof r.data?.returnAt === 'string' ? new Date(r.data.returnAt) : r.dueAt;
    const overdueDays = Math.floor((c.now.getTime() - r.dueAt.getTime()) / DAY);
    const cardId = cardIdFor('rem', r.id);
    push({
      kind: 'card', template: 'reminder', cardId, recipientUserId: user.id,
      // Every copy of one pool notice is found by its customer (or lead), so a claim can close them all.
      subject: r.kind === 'pool_notice' ? { type: object === 'lead' ? 'lead_pool_notice' : 'pool_notice', id: r.subjectId } : { type: 'reminder', id: r.id },
      data: {
        reminderId: String(r.id), kind: object === 'lead' && (r.kind === 'pool_return' || r.kind === 'pool_notice') ? `lead_${r.kind}` : r.kind, subject: facts.subject ?? '', customerName: r.kind === 'task_due' ? facts.customerName : undefined,
        customerId: facts.customerId !== undefined ? String(facts.customerId) : undefined,
        leadId: facts.leadId !== undefined && r.kind !== 'pool_notice' ? String(facts.leadId) : undefined,
        due: r.kind === 'pool_notice' ? undefined : due.toISOString(), overdueDays: overdueDays > 0 ? overdueDays : undefined,
        level: facts.level, source: facts.source, timeZone: cfg.timeZone,
      },
    });
  }
  return { outcome, messages };
}
