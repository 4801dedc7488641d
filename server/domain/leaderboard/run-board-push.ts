// Sends one scheduled board to its group through the outbox, then schedules the next run.
import type { DomainContext } from '../shared/with-tx.js';
import { DEFAULT_LOCALE } from '../../../locales/index.js';
import type { Address, Platform } from '../../../bot/core/message.js';
import { getSetting } from '../settings/settings.js';
import { localDay } from './buckets.js';
import { ChatBinding } from './chat-binding.entity.js';
import { BoardPush } from './board-push.entity.js';
import { leaderboard, type Board, type BoardQuery } from './leaderboard.js';
import { funnel } from './funnel.js';
import { funnelCardData, leaderboardCardData } from './board-cards.js';
import { lastRun, nextRun } from './push-schedule.js';
import { reminderSettings } from '../reminder/reminder-config.js';
import { nextPushTime } from '../reminder/local-time.js';
import type { Metric } from './contributions.js';
import { offsetFrom, type Period } from './period.js';

export const groupAddress = (b: ChatBinding): Address => ({ platform: b.platform as Platform, tenant: b.tenant ?? '', chatId: b.chatId, chatType: 'group' });

/** The leaderboard as of the run that came due, titled from now: read in the new month, a month-end board is 上月's. */
async function lateBoard(c: DomainContext, asOfDue: DomainContext, q: BoardQuery & { period: Period }, tz: string): Promise<Board> {
  const board = await leaderboard(asOfDue, q);
  return { ...board, offset: offsetFrom(q.period, asOfDue.now, q.offset ?? 0, c.now, tz) };
}

/**
 * Push a claimed board_push row's board to its group. Who: the board pusher job (system actor).
 * Writes: one outbox card (group rate limits are the adapters'; held until quiet hours end), the row's
 * lastRunAt/nextRunAt/status.
 * Idempotent per run: the outbox dedupe key names the run's day and schedule, so a re-run after a crash sends nothing twice.
 */
export async function runBoardPush(c: DomainContext, id: number): Promise<boolean> {
  const push = await c.tx.findOne(BoardPush, { where: { id } });
  if (!push) return false;
  const tz = await getSetting(c, 'timeZone');
  const binding = await c.tx.findOne(ChatBinding, { where: { id: push.bindingId } });
  const next = nextRun(push.schedule, c.now, tz);
  if (binding && push.active) {
    // The board as of the run that came due: a month-end board sent late, after midnight, still shows that month.
    const due = lastRun(push.schedule, c.now, tz);
    const asOfDue: DomainContext = { ...c, now: due };
    const team = { teamId: binding.teamId, audience: 'team' as const };
    const message = push.board === 'funnel'
      ? { template: 'funnel', data: funnelCardData(await funnel(asOfDue, team), 'funnel', DEFAULT_LOCALE, tz) }
      : { template: 'leaderboard', data: leaderboardCardData(await lateBoard(c, asOfDue, { ...team, metric: (push.metric ?? 'won_amount') as Metric, period: (push.period ?? 'week') as Period, offset: push.periodOffset }, tz), tz) };
    // Quiet hours changed to cover the schedule after it was made: the board waits for their end, never pushed at night.
    c.outbox.holdUntil(nextPushTime(c.now, { ...(await reminderSettings(c)), timeZone: tz }));
    const key = `board_push:${push.id}:${localDay(due, tz)}:${push.schedule}`.slice(0, 128);
    await c.outbox.push({ address: groupAddress(binding), locale: DEFAULT_LOCALE, dedupeKey: key, message: { kind: 'card', cardId: key.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64), ...message } });
  }
  await c.tx.update(BoardPush, { id }, { status: 'pending', lastRunAt: c.now, updatedAt: c.now });
  // An admin who changed the schedule meanwhile already set its next run: theirs stands.
  await c.tx.update(BoardPush, { id, schedule: push.schedule }, { nextRunAt: next });
  return true;
}
