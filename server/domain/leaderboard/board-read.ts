// A board in one statement with the settings it needs: a team's people (team-read.ts: with its sub-teams) each joined
// to their total in one metric_rollup bucket (primary-key lookups), or everyone's: the bucket's rows (one range of the
// primary key) with their people.
import type { DomainContext } from '../shared/with-tx.js';
import { companyTimeZone } from '../settings/settings.js';
import type { TeamScope } from './audience.js';
import type { Grain } from './buckets.js';
import { quoteName } from '../shared/sql.js';
import type { Db } from '../shared/db.js';
import { applyPeopleRead, applyTeamRead, PERSON, selectList, settingColumns, storedZone, teamReadSql, type PeopleRead, type TeamReadRow } from './team-read.js';

export interface BoardRead {
  /** The company time zone the bucket was computed for. */
  timeZone: string;
  scope: TeamScope;
  totals: Map<number, number>;
}

const TOTALS: PeopleRead = { join: 'LEFT JOIN metric_rollup r ON r.metric = ? AND r.grain = ? AND r.bucket = ? AND r.user_id = u.id', columns: { n: 'r.total' } };

/**
 * Everyone's board: the people with a total in the bucket (nobody else is ranked). Read from the bucket's side, a range
 * of metric_rollup's key then each person by id, not 500 people each looking up their row (half the time on MariaDB).
 */
const companyBoardSql = (db: Db) => [
  `SELECT ${selectList({ ...PERSON, n: 'r.total' })}
    FROM metric_rollup r JOIN ${quoteName(db, 'user')} u ON u.id = r.user_id
    WHERE r.metric = ? AND r.grain = ? AND r.bucket = ? AND u.active = 1 AND u.role IN ('rep', 'manager')`,
  `SELECT ${selectList({ k: "'t'", id: '0', ...settingColumns(db) })}`,
].join('\n  UNION ALL\n  ');

/**
 * Reads the board of `teamId` (null: everyone) for the bucket of `bucketFor(zone)`. The zone is assumed (memo, or the
 * last one seen) and checked against the stored one in the same statement; read again only if it changed.
 */
export async function readBoard(c: DomainContext, teamId: number | null, metric: string, grain: Grain, bucketFor: (tz: string) => string): Promise<BoardRead> {
  const sql = teamId === null ? companyBoardSql(c.db) : teamReadSql(c.db, TOTALS);
  const team = teamId === null ? [] : [teamId];
  // The bucket depends on the zone, which is read in the same statement: assume the last one seen.
  let assumed = (c.memo.get('setting:timeZone') as string | undefined) ?? companyTimeZone(c.db);
  for (let read = 1; ; read++) {
    const rows: TeamReadRow[] = await c.tx.query(sql, [...team, metric, grain, bucketFor(assumed)]);
    // Peek before applying: a stale zone's rows are thrown away. No team row: no such team, the board is empty.
    const stored = storedZone(c, rows) ?? assumed;
    if (stored !== assumed && read < 3) { assumed = stored; continue; }
    const { scope, timeZone } = teamId === null ? applyPeopleRead(c, rows) : applyTeamRead(c, teamId, rows);
    const totals = new Map<number, number>();
    for (const r of rows) if (r.k === 'u' && r.n !== null) totals.set(Number(r.id), Number(r.n));
    return { timeZone: timeZone ?? assumed, scope, totals };
  }
}
