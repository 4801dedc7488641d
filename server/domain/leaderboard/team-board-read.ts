// A team's board: its people (team-read.ts) each joined to their total in one metric_rollup bucket (primary-key
// lookups), in one statement.
import type { DomainContext } from '../shared/with-tx.js';
import { companyTimeZone } from '../settings/settings.js';
import type { TeamScope } from './audience.js';
import type { Grain } from './buckets.js';
import { applyTeamRead, storedZone, teamReadSql, type TeamReadRow } from './team-read.js';

export interface TeamBoardRead {
  /** The company time zone the bucket was computed for. */
  timeZone: string;
  scope: TeamScope;
  totals: Map<number, number>;
}

/**
 * Reads `teamId`'s board for the bucket of `bucketFor(zone)`. The zone is assumed (memo, or the last one seen) and
 * checked against the stored one in the same statement; read again only if it changed.
 */
export async function readTeamBoard(c: DomainContext, teamId: number, metric: string, grain: Grain, bucketFor: (tz: string) => string): Promise<TeamBoardRead> {
  const sql = teamReadSql(c.db, { join: 'LEFT JOIN metric_rollup r ON r.metric = ? AND r.grain = ? AND r.bucket = ? AND r.user_id = u.id', columns: { n: 'r.total' } });
  // The bucket depends on the zone, which is read in the same statement: assume the last one seen.
  let assumed = (c.memo.get('setting:timeZone') as string | undefined) ?? companyTimeZone(c.db);
  for (let read = 1; ; read++) {
    const rows: TeamReadRow[] = await c.tx.query(sql, [teamId, metric, grain, bucketFor(assumed)]);
    // Peek before applying: a stale zone's rows are thrown away. No team row: no such team, the board is empty.
    const stored = storedZone(c, rows) ?? assumed;
    if (stored !== assumed && read < 3) { assumed = stored; continue; }
    const { scope, timeZone } = applyTeamRead(c, teamId, rows);
    const totals = new Map<number, number>();
    for (const r of rows) if (r.k === 'u' && r.n !== null) totals.set(Number(r.id), Number(r.n));
    return { timeZone: timeZone ?? assumed, scope, totals };
  }
}
