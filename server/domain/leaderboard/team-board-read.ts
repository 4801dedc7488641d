// A team's board in ONE statement: the team and its sub-teams (recursive CTE), their people, each person's total in
// one rollup bucket (primary-key lookups), and the two settings a board needs (time zone, field rules). A group asks
// for its board often; round trips, not rows, are what it costs (bench/README.md, P3).
import type { DomainContext } from '../shared/with-tx.js';
import type { Db } from '../shared/db.js';
import { companyTimeZone, DEFAULT_SETTINGS, seenTimeZone, type FieldRule } from '../settings/settings.js';
import type { Role } from '../user/user.entity.js';
import { subtreeOf } from '../shared/permissions.js';
import { parseJsonText } from '../shared/columns.js';
import type { TeamMember, TeamScope } from './audience.js';
import type { Grain } from './buckets.js';
import { quoteName } from '../shared/sql.js';

export interface TeamBoardRead {
  /** The company time zone the bucket was computed for. */
  timeZone: string;
  scope: TeamScope;
  totals: Map<number, number>;
}

const SQL = (db: Db) => {
  const q = (s: string) => quoteName(db, s);
  return `WITH RECURSIVE sub (id, parent_id, name) AS (
    SELECT id, parent_id, name FROM team WHERE id = ?
    UNION ALL SELECT t.id, t.parent_id, t.name FROM team t JOIN sub s ON t.parent_id = s.id
  )
  SELECT 'u' AS k, u.id AS id, u.name AS name, u.role AS role, u.team_id AS team, u.active AS active, r.total AS total, NULL AS tz, NULL AS rules
    FROM sub JOIN ${q('user')} u ON u.team_id = sub.id
    LEFT JOIN metric_rollup r ON r.metric = ? AND r.grain = ? AND r.bucket = ? AND r.user_id = u.id
  UNION ALL
  SELECT 't', sub.id, sub.name, NULL, sub.parent_id, NULL, NULL,
    (SELECT value FROM setting WHERE ${q('key')} = 'timeZone'), (SELECT value FROM setting WHERE ${q('key')} = 'fieldRules')
    FROM sub`;
};

interface Row { k: 'u' | 't'; id: number | string; name: string | null; role: Role | null; team: number | string | null; active: unknown; total: number | string | null; tz: string | null; rules: string | null }

const parsed = <T>(text: string | null, fallback: T): T => (parseJsonText(text) as T | null) ?? fallback;

/**
 * Reads `teamId`'s board for the bucket of `bucketFor(zone)`. The zone is assumed (memo, or the last one seen) and
 * checked against the stored one in the same statement; read again only if it changed. Leaves the team scopes and
 * the two settings in the context's memo, so the field-rule checks that follow read nothing more.
 */
export async function readTeamBoard(c: DomainContext, teamId: number, metric: string, grain: Grain, bucketFor: (tz: string) => string): Promise<TeamBoardRead> {
  // The bucket depends on the zone, which is read in the same statement: assume the last one seen.
  let assumed = (c.memo.get('setting:timeZone') as string | undefined) ?? companyTimeZone(c.db);
  for (let read = 1; ; read++) {
    const rows: Row[] = await c.tx.query(SQL(c.db), [teamId, metric, grain, bucketFor(assumed)]);
    const teams = rows.filter((r) => r.k === 't');
    // No team row: no such team, and no settings either; the caller's board is empty whatever the zone.
    const zone = teams.length ? parsed(teams[0].tz, c.db.timeZone) : assumed;
    if (zone !== assumed && read < 3) { assumed = zone; continue; }
    seenTimeZone(c.db, zone);
    if (teams.length) {
      c.memo.set('setting:timeZone', zone);
      if (!c.memo.has('setting:fieldRules')) c.memo.set('setting:fieldRules', parsed<FieldRule[]>(teams[0].rules, DEFAULT_SETTINGS.fieldRules));
    }
    const members: TeamMember[] = rows.filter((r) => r.k === 'u').map((r) => ({
      id: Number(r.id), name: r.name ?? '', role: r.role as Role, teamId: r.team === null ? null : Number(r.team), active: !!Number(r.active),
    }));
    const totals = new Map<number, number>();
    for (const r of rows) if (r.k === 'u' && r.total !== null) totals.set(Number(r.id), Number(r.total));
    const tree = teams.map((t) => ({ id: Number(t.id), parentId: t.team === null ? null : Number(t.team), name: t.name }));
    // Every team of the subtree gets its scope memoized: "same team" field rules ask for a member's own team.
    for (const t of tree) {
      const ids = new Set(subtreeOf(tree, t.id));
      c.memo.set(`lb.team:${t.id}`, { name: t.name, members: members.filter((m) => m.teamId !== null && ids.has(m.teamId)) } satisfies TeamScope);
    }
    const scope = (c.memo.get(`lb.team:${teamId}`) as TeamScope | undefined) ?? { name: null, members: [] };
    return { timeZone: zone, scope, totals };
  }
}
