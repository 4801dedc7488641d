// Scheduled boards for bound groups (admin): create, change, pause, remove; every waiting one follows a new company
// time zone. When each runs: push-schedule.ts.
import type { DomainContext, DomainEvent } from '../shared/with-tx.js';
import { onDomainEvents } from '../shared/with-tx.js';
import type { Db } from '../shared/db.js';
import { audit } from '../audit/audit.js';
import { invalid, notFound } from '../shared/domain-error.js';
import { requireRole } from '../shared/permissions.js';
import { getSetting } from '../settings/settings.js';
import { ChatBinding } from './chat-binding.entity.js';
import { BoardPush } from './board-push.entity.js';
import { METRICS } from './contributions.js';
import { reminderSettings } from '../reminder/reminder-config.js';
import { inQuietHours } from '../reminder/local-time.js';
import { nextRun, parseSchedule } from './push-schedule.js';
import { PERIODS } from './period.js';

export interface BoardPushInput { bindingId: number; board: 'leaderboard' | 'funnel'; metric?: string; period?: string; periodOffset?: number; schedule: string; active?: boolean }
export type BoardPushPatch = Partial<Pick<BoardPushInput, 'metric' | 'period' | 'periodOffset' | 'schedule' | 'active'>>;


/** Admins, and the system (the emulator's demo schedules). */
const requireAdmin = (c: DomainContext, action: string) => requireRole(c, ['admin', 'system'], action);

/** A leaderboard's metric and period must be known ones; a funnel has neither (it is the whole pipeline). */
function checkBoardFields(board: BoardPush['board'], input: BoardPushPatch): void {
  if (board === 'funnel' && input.metric !== undefined) throw invalid('leaderboard.funnel_has_no_metric', 'metric');
  if (board === 'funnel' && input.period !== undefined) throw invalid('leaderboard.funnel_has_no_metric', 'period');
  if (board === 'leaderboard' && input.metric !== undefined && !METRICS.includes(input.metric as never)) throw invalid('validation.option', 'metric');
  if (input.period !== undefined && !(PERIODS as readonly string[]).includes(input.period)) throw invalid('validation.option', 'period');
}

/** The company's quiet hours hold for group boards too: a schedule inside them is refused, naming them. */
async function checkOutsideQuietHours(c: DomainContext, schedule: string): Promise<void> {
  const { hour, minute } = parseSchedule(schedule);
  const { quietHours } = await reminderSettings(c);
  if (inQuietHours(hour * 60 + minute, quietHours)) throw invalid('leaderboard.schedule_in_quiet_hours', 'schedule', { schedule, start: quietHours!.start, end: quietHours!.end });
}

/**
 * Schedule a board for a bound group, outside the company's quiet hours. Who: admins. Writes: board_push (pending,
 * next run computed), audit.
 * Not idempotent: each call adds a schedule.
 */
export async function createBoardPush(c: DomainContext, input: BoardPushInput): Promise<BoardPush> {
  requireAdmin(c, 'board_push.create');
  if (!(await c.tx.findOne(ChatBinding, { where: { id: input.bindingId } }))) throw invalid('leaderboard.unknown_binding', 'bindingId');
  checkBoardFields(input.board, input);
  await checkOutsideQuietHours(c, input.schedule);
  const tz = await getSetting(c, 'timeZone');
  const row = await c.tx.save(c.tx.create(BoardPush, {
    bindingId: input.bindingId, board: input.board, metric: input.board === 'leaderboard' ? input.metric ?? 'won_amount' : null,
    period: input.board === 'leaderboard' ? input.period ?? 'week' : null, periodOffset: input.periodOffset ?? 0, schedule: input.schedule,
    active: input.active ?? true, status: 'pending', nextRunAt: nextRun(input.schedule, c.now, tz), lastRunAt: null, createdAt: c.now, updatedAt: c.now,
  }));
  await audit(c, 'create', 'board_push', row.id, null, row);
  return row;
}

/**
 * Change a schedule: its time, metric, period, or pause and resume it. Who: admins. Writes: board_push (the next run
 * computed again when the schedule changes or it resumes), audit. Idempotent.
 */
export async function updateBoardPush(c: DomainContext, id: number, patch: BoardPushPatch): Promise<BoardPush> {
  requireAdmin(c, 'board_push.update');
  const row = await c.tx.findOne(BoardPush, { where: { id } });
  if (!row) throw notFound('board_push');
  checkBoardFields(row.board, patch);
  if (patch.schedule !== undefined) await checkOutsideQuietHours(c, patch.schedule);
  const schedule = patch.schedule ?? row.schedule;
  const reschedule = (patch.schedule !== undefined && patch.schedule !== row.schedule) || (patch.active === true && !row.active);
  const changes: Partial<BoardPush> = {
    ...(patch.metric !== undefined ? { metric: patch.metric } : {}), ...(patch.period !== undefined ? { period: patch.period } : {}),
    ...(patch.periodOffset !== undefined ? { periodOffset: patch.periodOffset } : {}), ...(patch.active !== undefined ? { active: patch.active } : {}),
    schedule, ...(reschedule ? { nextRunAt: nextRun(schedule, c.now, await getSetting(c, 'timeZone')) } : {}), updatedAt: c.now,
  };
  await c.tx.update(BoardPush, { id }, changes);
  const after = (await c.tx.findOne(BoardPush, { where: { id } }))!;
  await audit(c, 'update', 'board_push', id, row, after);
  return after;
}

/**
 * Every waiting schedule's next run in the company's (new) time zone: "Monday 09:00" means 09:00 where the company is.
 * A run already due or under way is left alone (it runs, then schedules its next in the new zone).
 */
async function rescheduleAll(c: DomainContext): Promise<void> {
  const tz = await getSetting(c, 'timeZone');
  for (const push of await c.tx.find(BoardPush)) {
    if (push.status !== 'pending' || !push.nextRunAt || push.nextRunAt.getTime() <= c.now.getTime()) continue;
    const next = nextRun(push.schedule, c.now, tz);
    if (push.nextRunAt.getTime() !== next.getTime()) await c.tx.update(BoardPush, { id: push.id }, { nextRunAt: next, updatedAt: c.now });
  }
}

/** Registers, once per database handle, the hook that moves every schedule when the company time zone changes. */
const installed = new WeakSet<Db>();
export function installBoardPushes(db: Db): void {
  if (installed.has(db)) return;
  installed.add(db);
  onDomainEvents(db, async (c, events: DomainEvent[]) => {
    if (events.some((e) => e.type === 'setting.updated' && (e.data as { key?: string } | undefined)?.key === 'timeZone')) await rescheduleAll(c);
  });
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
