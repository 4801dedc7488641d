// A backlog — the first start on imported records, a server that was down for a day — must not reach a person as a
// stream of single cards lasting minutes: more reminders for one person than a minute's push allowance become one
// summary message, as the morning digest does for an ordinary day. What they are about is unchanged (tasks stay
// due, pool returns happen); only the telling is folded.
import { t } from '../../../locales/index.js';
import type { Outbound } from '../../../bot/core/message.js';
import { recipientKeyOf, type QueuedMessage } from '../outbox/outbox-writer.js';

/** What WeCom lets us push to one person in a minute: 30, less the sixth kept for answers (rate-gate.ts). */
export const BURST_LIMIT = 25;
const MAX_LINES = 15;

/** One line for one reminder message, in its reader's language. */
function lineOf(q: QueuedMessage): string {
  const m: Outbound = q.message;
  if (m.kind === 'card') {
    const data = m.data as { kind?: string; subject?: string };
    return `- ${t(q.locale, `card.reminder.title.${data.kind}`, { subject: data.subject ?? '' })}`;
  }
  if (m.kind === 'text' || m.kind === 'markdown') return `- ${t(q.locale, m.key, m.params ?? {}).split('\n')[0]}`;
  return '';
}

// Plain notices of one kind that reach one person together (pool returns, escalations to a manager) are one message
// with a line each: a first start or a night's returns would otherwise be a row of near-identical texts.
const NOTICE_GROUPS: { group: string; matches: (key: string) => boolean }[] = [
  { group: 'pool', matches: (key) => key === 'reminder.pool_released' || key === 'reminder.lead_pool_released' },
  { group: 'escalation', matches: (key) => key.startsWith('reminder.escalation.') },
];
const groupOf = (q: QueuedMessage) => (q.message.kind === 'text' ? NOTICE_GROUPS.find((g) => g.matches((q.message as { key: string }).key))?.group : undefined);

/** The same messages, except that two or more notices of one group for one person become one list, at the first's place. */
export function groupNotices(queued: QueuedMessage[]): QueuedMessage[] {
  const byKey = new Map<string, QueuedMessage[]>();
  for (const q of queued) {
    const group = groupOf(q);
    if (!group) continue;
    const key = `${recipientKeyOf(q.address)}|${group}`;
    byKey.set(key, [...(byKey.get(key) ?? []), q]);
  }
  const out: QueuedMessage[] = [];
  for (const q of queued) {
    const group = groupOf(q);
    const list = group ? byKey.get(`${recipientKeyOf(q.address)}|${group}`)! : [q];
    if (list.length < 2) { out.push(q); continue; }
    if (q !== list[0]) continue;
    const more = list.length - MAX_LINES;
    out.push({
      address: q.address, locale: q.locale, dedupeKey: q.dedupeKey ? `${q.dedupeKey}:${group}` : undefined,
      message: { kind: 'markdown', key: `reminder.group.${group}`, params: {
        count: list.length, lines: list.slice(0, MAX_LINES).map(lineOf).join('\n') + (more > 0 ? `\n${t(q.locale, 'reminder.group.more', { more })}` : ''),
      } },
    });
  }
  return out;
}

/** A digest is already one message for many: it is never folded. */
const isDigest = (q: QueuedMessage) => q.message.kind === 'markdown' && q.message.key.startsWith('reminder.digest');

/**
 * The same messages, except that each person with more than `limit` of them gets one summary in their place
 * (at the position of their first), listing the first 15.
 */
export function foldBursts(queued: QueuedMessage[], limit = BURST_LIMIT): QueuedMessage[] {
  const byKey = new Map<string, QueuedMessage[]>();
  for (const q of queued) {
    if (isDigest(q)) continue;
    const key = recipientKeyOf(q.address);
    const list = byKey.get(key);
    if (list) list.push(q);
    else byKey.set(key, [q]);
  }
  const folded = new Set([...byKey].filter(([, list]) => list.length > limit).map(([k]) => k));
  if (!folded.size) return queued;
  const out: QueuedMessage[] = [];
  for (const q of queued) {
    const key = recipientKeyOf(q.address);
    if (isDigest(q) || !folded.has(key)) { out.push(q); continue; }
    const list = byKey.get(key)!;
    if (q !== list[0]) continue;
    const more = list.length - MAX_LINES;
    const lines = list.slice(0, MAX_LINES).map(lineOf).filter(Boolean).join('\n');
    out.push({
      address: q.address, locale: q.locale, dedupeKey: q.dedupeKey ? `${q.dedupeKey}:burst` : undefined,
      message: { kind: 'markdown', key: more > 0 ? 'reminder.burst_more' : 'reminder.burst', params: { count: list.length, lines, more } },
    });
  }
  return out;
}
