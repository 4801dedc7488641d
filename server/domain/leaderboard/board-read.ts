// A board in one statement with the settings it needs: a team's people (team-read.ts: with its sub-teams) each joined
// to their total in one metric_rollup bucket (primary-key lookups), or everyone's: the bucket's rows (one range of the
// primary key) with their people. A year's board is its four quarter buckets added up (buckets.ts, bucketsOf): a team's
// people each joined to the four rows by primary key, everyone's the four buckets' rows summed per person.
import type { DomainContext } from '../shared/with-tx.js';
import { companyTimeZone } from '../settings/settings.js';
import type { TeamScope } from './audience.js';
import type { Grain } from './buckets.js';
import { quoteName } from '../shared/sql.js';
import type { Db } from '../shared/db.js';
import { preparedRead } from '../shared/prepared-read.js';
import { applyPeopleRead, applyTeamRead, PERSON, selectList, readTeamRows, settingColumns, storedZone, type PeopleRead, type TeamReadRow } from './team-read.js';

export interface BoardRead {
  /** The company time zone the bucket was computed for. */
  timeZone: string;
  scope: TeamScope;
  totals: Map<number, number>;
}

const TOTALS: PeopleRead = { join: 'LEFT JOIN metric_rollup r ON r.metric = ? AND r.grain = ? AND r.bucket = ? AND r.user_id = u.id', columns: { n: 'r.total' } };

/**
 * Several buckets (a year's quarters): one join per bucket, each a primary-key lookup. `r.bucket IN (…) AND r.user_id =
 * u.id` would not be: MariaDB reads it as a range of the key over every person's rows in those buckets.
 */
function totalsOver(count: number): PeopleRead {
  if (count === 1) return TOTALS;
  const rs = Array.from({ length: count }, (_, i) => `r${i}`);
  return {
    join: rs.map((r) => `LEFT JOIN metric_rollup ${r} ON ${r}.metric = ? AND ${r}.grain = ? AND ${r}.bucket = ? AND ${r}.user_id = u.id`).join(' '),
    columns: { n: `CASE WHEN ${rs.map((r) => `${r}.total IS NULL`).join(' AND ')} THEN NULL ELSE ${rs.map((r) => `COALESCE(${r}.total, 0)`).join(' + ')} END` },
  };
}

/**
 * Everyone's board: the people with a total in the bucket (nobody else is ranked). Read from the bucket's side, a range
 * of metric_rollup's key then each person by id, not 500 people each looking up their row (half the time on MariaDB).
 */
const companyBoardSql = (db: Db, buckets: number) => [
  buckets === 1
    ? `SELECT ${selectList({ ...PERSON, n: 'r.total' })}
    FROM metric_rollup r JOIN ${quoteName(db, 'user')} u ON u.id = r.user_id
    WHERE r.metric = ? AND r.grain = ? AND r.bucket = ? AND u.active = 1 AND u.role IN ('rep', 'manager')`
    // Several buckets: their rows (one range of the key each) summed per person first.
    : `SELECT ${selectList({ ...PERSON, n: 'r.total' })}
    FROM (SELECT user_id, SUM(total) AS total FROM metric_rollup WHERE metric = ? AND grain = ? AND bucket IN (${Array(buckets).fill('?').join(', ')}) GROUP BY user_id) r
    JOIN ${quoteName(db, 'user')} u ON u.id = r.user_id
    WHERE u.active = 1 AND u.role IN ('rep', 'manager')`,
  `SELECT ${selectList({ k: "'t'", id: '0', ...settingColumns(db) })}`,
].join('\n  UNION ALL\n  ');

/**
 * Reads the board of `teamId` (null: everyone) for the buckets of `bucketsFor(zone)` (one, or a year's four quarters;
 * always as many for a period). The zone is assumed (memo, or the last one seen) and checked against the stored one in
 * the same statement; read again only if it changed.
 */
export async function readBoard(c: DomainContext, teamId: number | null, metric: string, grain: Grain, bucketsFor: (tz: string) => string[]): Promise<BoardRead> {
  // The buckets depend on the zone, which is read in the same statement: assume the last one seen.
  let assumed = (c.memo.get('setting:timeZone') as string | undefined) ?? companyTimeZone(c.db);
  let buckets = bucketsFor(assumed);
  const count = buckets.length;
  const companySql = teamId === null ? companyBoardSql(c.db, count) : '';
  const people = totalsOver(count);
  // A team's joins take metric, grain and bucket each; everyone's board takes metric and grain once, then the buckets.
  const params = () => (teamId === null || count === 1 ? [metric, grain, ...buckets] : buckets.flatMap((b) => [metric, grain, b]));
  for (let read = 1; ; read++) {
    const rows = teamId === null ? await preparedRead<TeamReadRow>(c, companySql, params()) : await readTeamRows(c, teamId, people, params());
    // Peek before applying: a stale zone's rows are thrown away. No team row: no such team, the board is empty.
    const stored = storedZone(c, rows) ?? assumed;
    if (stored !== assumed && read < 3) { assumed = stored; buckets = bucketsFor(assumed); continue; }
    const { scope, timeZone } = teamId === null ? applyPeopleRead(c, rows) : applyTeamRead(c, teamId, rows);
    const totals = new Map<number, number>();
    for (const r of rows) if (r.k === 'u' && r.n !== null) totals.set(Number(r.id), Number(r.n));
    return { timeZone: timeZone ?? assumed, scope, totals };
  }
}
