// "安排产品演示（华为）做完了", "华为 搞定了", "完成 给华为打电话", "done: call Huawei" → the asker's open task of that title
// or customer is completed (server/domain/activity/complete-task.ts, as a reminder card's 完成 does); several → a
// choice card of them; none → say so.
import { completeTask } from '../../server/domain/activity/complete-task.js';
import { findOpenTask } from '../../server/domain/activity/find-open-task.js';
import type { Task } from '../../server/domain/activity/task.entity.js';
import { Customer } from '../../server/domain/customer/customer.entity.js';
import { Lead } from '../../server/domain/lead/lead.entity.js';
import type { DomainContext } from '../../server/domain/shared/with-tx.js';
import { cardIdFor } from '../../cards/spec.js';
import { formatDateTime } from '../../cards/format.js';
import { t } from '../../locales/index.js';
import { In } from 'typeorm';
import { reply, text, type Command, type Turn } from './command.js';

/** Completes `task` and says so; its receipt cards still open show it done (completeTask sees to that). */
export async function completeTaskFor(c: DomainContext, turn: Turn, task: Task): Promise<void> {
  await completeTask(c, task.id);
  const on = await subjectName(c, task);
  await reply(c, turn, text(on ? 'bot.task.completed_on' : 'bot.task.completed', { title: task.title, subject: on }));
}

async function subjectName(c: DomainContext, task: Pick<Task, 'customerId' | 'leadId'>): Promise<string | null> {
  if (task.customerId) return (await c.tx.findOne(Customer, { where: { id: task.customerId }, select: { id: true, name: true } }))?.name ?? null;
  if (task.leadId) return (await c.tx.findOne(Lead, { where: { id: task.leadId }, select: { id: true, company: true } }))?.company ?? null;
  return null;
}

export const completeTaskCommand: Command<'task.complete'> = {
  intent: 'task.complete',
  async run(c, turn, u) {
    const query = u.entities.query.trim();
    const found = await findOpenTask(c, query);
    if (found.kind === 'none') return reply(c, turn, text('bot.task.not_found', { query }));
    if (found.kind === 'one') return completeTaskFor(c, turn, found.task);
    // Several: which one, with when each is due and what it is about.
    const ids = [...new Set(found.tasks.flatMap((x) => (x.customerId ? [x.customerId] : [])))];
    const names = new Map((ids.length ? await c.tx.find(Customer, { where: { id: In(ids) }, select: { id: true, name: true } }) : []).map((x) => [x.id, x.name]));
    const cardId = cardIdFor('pick', turn.inbound.platform, turn.inbound.eventId);
    await reply(c, turn, {
      kind: 'card', template: 'choice', cardId, recipientUserId: turn.user.id,
      data: {
        of: 'task', query, action: 'choice.task', turnId: turn.inbound.eventId.slice(0, 64),
        candidates: found.tasks.map((x) => ({
          id: String(x.id), name: x.title,
          detail: [t(turn.locale, 'bot.task.due_at', { due: formatDateTime(x.snoozedUntil ?? x.dueAt, turn.locale, turn.timeZone, c.now) }), x.customerId ? names.get(x.customerId) : null].filter(Boolean).join(' · '),
        })),
        pending: u as unknown as Record<string, unknown>,
      },
    });
  },
};
