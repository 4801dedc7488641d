// Scheduled boards for bound groups (admin): when each is due, computed in the company time zone.
import type { DomainContext } from '../shared/with-tx.js';
import { audit } from '../audit/audit.js';
import { forbidden, invalid, notFound } from '../shared/domain-error.js';
import { getSetting } from '../settings/settings.js';
import { localMidnight } from './period.js';
import { localDay } from './buckets.js';
import { ChatBinding } from './chat-binding.entity.js';
import { BoardPush } from './board-push.entity.js';
import { METRICS } from './contributions.js';

export interface BoardPushInput { bindingId: number; board: 'leaderboard' | 'funnel'; metric?: string; period?: string; periodOffset?: number; schedule: string; active?: boolean }

const SCHEDULE = /^(daily|weekly:([1-7])|monthly:([1-9]|1\d|2[0-8]|last))@([01]\d|2[0-3]):([0-5]\d)$/;
const PERIODS = ['day', 'week', 'month', 'quarter'];

/** The first run of `schedule` strictly after `after`, in zone `tz`; throws on a malformed schedule. */
export function nextRun(schedule: string, after: Date, tz: string): Date {
  const m = SCHEDULE.exec(schedule);
  if (!m) throw invalid('leaderboard.bad_schedule', 'schedule', { schedule });
  const minutes = Number(m[4]) * 60 + Number(m[5]);
  const today = localDay(after, tz);
  let y = Number(today.slice(0, 4)); let mo = Number(today.slice(5, 7)); let d = Number(today.slice(8, 10));
  for (let i = 0; i < 400; i++) {
    const date = new Date(Date.UTC(y, mo - 1, d));
    const weekday = ((date.getUTCDay() + 6) % 7) + 1;
    const lastDay = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    const fits = m[1] === 'daily' || (m[2] && Number(m[2]) === weekday) || (m[3] && (m[3] === 'last' ? d === lastDay : Number(m[3]) === d));
    if (fits) {
      const at = new Date(localMidnight(y, mo, d, tz).getTime() + minutes * 60_000);
      if (at.getTime() > after.getTime()) return at;
    }
    const n = new Date(Date.UTC(y, mo - 1, d + 1));
    y = n.getUTCFullYear(); mo = n.getUTCMonth() + 1; d = n.getUTCDate();
  }
  throw invalid('leaderboard.bad_schedule', 'schedule', { schedule });
}

const requireAdmin = (c: DomainContext, action: string) => { if (c.actor.role !== 'admin') throw forbidden(action); };

/**
 * Schedule a board for a bound group. Who: admins. Writes: board_push (pending, next run computed), audit.
 * Not idempotent: each call adds a schedule.
 */
export async function createBoardPush(c: DomainContext, input: BoardPushInput): Promise<BoardPush> {
  requireAdmin(c, 'board_push.create');
  if (!(await c.tx.findOne(ChatBinding, { where: { id: input.bindingId } }))) throw invalid('leaderboard.unknown_binding', 'bindingId');
  if (input.board === 'leaderboard' && !METRICS.includes((input.metric ?? 'won_amount') as never)) throw invalid('validation.option', 'metric');
  if (input.period !== undefined && !PERIODS.includes(input.period)) throw invalid('validation.option', 'period');
  const tz = await getSetting(c, 'timeZone');
  const row = await c.tx.save(c.tx.create(BoardPush, {
    bindingId: input.bindingId, board: input.board, metric: input.board === 'leaderboard' ? input.metric ?? 'won_amount' : null,
    period: input.board === 'leaderboard' ? input.period ?? 'week' : null, periodOffset: input.periodOffset ?? 0, schedule: input.schedule,
    active: input.active ?? true, status: 'pending', nextRunAt: nextRun(input.schedule, c.now, tz), lastRunAt: null, createdAt: c.now, updatedAt: c.now,
  }));
  await audit(c, 'create', 'board_push', row.id, null, row);
  return row;
}

export async function listBoardPushes(c: DomainContext): Promise<BoardPush[]> {
  requireAdmin(c, 'board_push.list');
  return c.tx.find(BoardPush, { order: { id: 'ASC' } });
}

/** Remove a schedule. Who: admins. Writes: board_push, audit. */
export async function deleteBoardPush(c: DomainContext, id: number): Promise<void> {
  requireAdmin(c, 'board_push.delete');
  const row = await c.tx.findOne(BoardPush, { where: { id } });
  if (!row) throw notFound('board_push');
  await c.tx.delete(BoardPush, { id });
  await audit(c, 'delete', 'board_push', id, row, null);
}
