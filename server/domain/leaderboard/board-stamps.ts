// Board stamps: a counter per team (board_stamp), raised in the same transaction as a change to anything that team's
// board shows: its people's rollup totals (their team's row), or people, teams and the settings a board reads (row 0,
// every board). A board kept in memory (board-cache.ts) is served only while the stamps of its teams read as they did
// when it was computed: one read of a few primary-key rows, against every server instance's writes.
import type { DomainContext, DomainEvent } from '../shared/with-tx.js';
import { markChanged } from '../shared/with-tx.js';
import { quoteName } from '../shared/sql.js';
import { preparedRead } from '../shared/prepared-read.js';

/** The stamp every board is checked against besides its teams' own: people, teams, the settings boards read. */
export const EVERY_BOARD = 0;
/** Settings a board's answer depends on: its periods' zone, and the field rules that hide amounts. */
const BOARD_SETTINGS = new Set(['timeZone', 'fieldRules']);

const raise = (c: DomainContext) => (c.db.kind === 'sqlite' ? 'ON CONFLICT(team_id) DO UPDATE SET v = v + 1' : 'ON DUPLICATE KEY UPDATE v = v + 1');

/**
 * Raises the stamps of the teams these people sit in (their totals changed). The teams are read with the insert, a
 * locking read: someone moved to another team meanwhile is stamped where they are now (the move itself raised row 0).
 * Rows are raised in team order, so two transactions never wait on each other's stamps in a cycle.
 */
export async function stampTeamsOf(c: DomainContext, userIds: number[]): Promise<void> {
  const ids = [...new Set(userIds)].filter((id) => Number.isInteger(id) && id > 0);
  if (!ids.length) return;
  markChanged(c);
  await c.tx.query(`INSERT INTO board_stamp (team_id, v)
    SELECT DISTINCT team_id, 1 FROM ${quoteName(c.db, 'user')} WHERE id IN (${ids.map(() => '?').join(',')}) AND team_id IS NOT NULL ORDER BY team_id
    ${raise(c)}`, ids);
}

/** Raises row 0: every board kept in memory is computed again on its next read. */
export async function stampEveryBoard(c: DomainContext): Promise<void> {
  markChanged(c);
  await c.tx.query(`INSERT INTO board_stamp (team_id, v) VALUES (${EVERY_BOARD}, 1) ${raise(c)}`);
}

/** Events that change what every board shows: a person added, changed or deactivated, a team, a board setting. */
const changesEveryBoard = (e: DomainEvent) => e.entity === 'user' || e.entity === 'team'
  || (e.type === 'setting.updated' && BOARD_SETTINGS.has(String((e.data as { key?: unknown } | undefined)?.key)));

/** The hook: row 0 raised once per batch that changes people, teams or a board setting (installRollups). */
export async function stampOnPeopleChanges(c: DomainContext, events: DomainEvent[]): Promise<void> {
  if (events.some(changesEveryBoard)) await stampEveryBoard(c);
}

/** The stamps of these teams and row 0, as one comparable string ("0:4,7:12"; a team never stamped is absent). */
export async function readStamps(c: DomainContext, teamIds: readonly number[]): Promise<string> {
  const ids = [EVERY_BOARD, ...teamIds];
  const rows = await preparedRead<{ t: number | string; v: number | string }>(c, `SELECT team_id AS t, v FROM board_stamp WHERE team_id IN (${ids.map(() => '?').join(',')})`, ids);
  return rows.map((r) => [Number(r.t), String(r.v)] as const).sort((a, b) => a[0] - b[0]).map(([t, v]) => `${t}:${v}`).join(',');
}
