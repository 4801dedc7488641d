// 销售漏斗: open opportunities per configured stage (count and amount), stage-to-stage conversion (share of the
// opportunities that entered a stage which went on to enter the next one, from stage_history), the forecast (open
// amount weighted by stage probability) by expected close month, and a breakdown by the customer's region.
// Reads pipeline_rollup for the owners in scope (the company's total rows for everyone), never the opportunities.
import type { DomainContext } from '../shared/with-tx.js';
import { visibleOwnerIds } from '../shared/permissions.js';
import { getSetting } from '../settings/settings.js';
import { AMOUNT_GUARD, hiddenForReader, hiddenForTeam, type TeamScope } from './audience.js';
import { EVERY_OWNER } from './rollup-store.js';
import { applyTeamRead, readTeamRows, selectList } from './team-read.js';
import { quoteName } from '../shared/sql.js';

export interface FunnelStage {
  key: string; label: Record<string, string>; count: number; amountCents: number; probability: number;
  /** Opportunities that ever entered this stage. */
  entered: number;
  /** entered(this) / entered(previous stage); null for the first stage or when nothing entered the previous one. */
  conversion: number | null;
}
export interface ForecastBucket { key: string; count: number; amountCents: number; weightedCents: number }
export interface Funnel {
  teamId: number | null; teamName: string | null;
  stages: FunnelStage[];
  /** Won deals over those that entered the last open stage. */
  won: { entered: number; conversion: number | null };
  forecastCents: number;
  /** By expected close month ('YYYY-MM'; '' = no date), ascending. */
  forecastByMonth: ForecastBucket[];
  /** By customer region ('' = none), largest open amount first. */
  byRegion: ForecastBucket[];
  amountsHidden: boolean;
}

export interface FunnelQuery {
  /** Team in scope (with sub-teams); undefined = the opportunities the reader may see. */
  teamId?: number | null;
  audience?: 'reader' | 'team';
}

type Raw = { kind: string; bucket: string; stage: string; n: string | number; a: string | number };
type Summed = { kind: string; bucket: string; stage: string; n: number; a: number };

/** The owners' rows summed per kind, bucket and stage (here, not in SQL: GROUP BY costs MariaDB twice the read). */
function sumOwners(raw: Raw[]): Summed[] {
  const by = new Map<string, Summed>();
  for (const r of raw) {
    const k = `${r.kind}\u0001${r.bucket}\u0001${r.stage}`;
    const cur = by.get(k);
    if (cur) { cur.n += Number(r.n); cur.a += Number(r.a); } else by.set(k, { kind: r.kind, bucket: r.bucket, stage: r.stage, n: Number(r.n), a: Number(r.a) });
  }
  return [...by.values()];
}

const KINDS = "kind IN ('open', 'month', 'region', 'entered')";

/** A team's people, settings and every member's pipeline rows in one statement (team-read.ts). */
async function readTeamFunnel(c: DomainContext, teamId: number): Promise<{ scope: TeamScope; raw: Raw[] }> {
  const rows = await readTeamRows(c, teamId, {}, [], [
    `SELECT ${selectList({ k: "'p'", id: 'p.owner_id', kind: 'p.kind', bucket: 'p.bucket', stage: 'p.stage', n: 'p.n', a: 'p.amount_cents' })}
      FROM sub JOIN ${quoteName(c.db, 'user')} u ON u.team_id = sub.id JOIN pipeline_rollup p ON p.owner_id = u.id AND p.${KINDS}`,
  ]);
  const raw = rows.filter((r) => r.k === 'p').map((r) => ({ kind: r.kind!, bucket: r.bucket!, stage: r.stage!, n: r.n!, a: r.a! }));
  return { scope: applyTeamRead(c, teamId, rows).scope, raw };
}

/** Every pipeline row of these owners (or of the company's totals). */
async function readOwners(c: DomainContext, owners: number[]): Promise<Raw[]> {
  if (!owners.length) return [];
  return c.tx.query(`SELECT kind, bucket, stage, n, amount_cents AS a FROM pipeline_rollup WHERE owner_id IN (${owners.map(() => '?').join(',')}) AND ${KINDS}`, owners);
}

/**
 * The funnel of a team or of what the reader may see. Who: anyone; a rep sees their own pipeline, a manager their
 * team's, admins everything, a group card its bound team's. Reads only: pipeline_rollup.
 */
export async function funnel(c: DomainContext, q: FunnelQuery = {}): Promise<Funnel> {
  const read = q.teamId ? await readTeamFunnel(c, q.teamId) : null;
  const team = read?.scope ?? null;
  const owners: 'all' | number[] = team ? team.members.map((m) => m.id) : q.teamId === null ? 'all' : await visibleOwnerIds(c);
  const rows = sumOwners(read ? read.raw : await readOwners(c, owners === 'all' ? [EVERY_OWNER] : owners));
  // After the team's read, a memo hit (the statement read the settings too).
  const stages = await getSetting(c, 'stages');
  const guard = AMOUNT_GUARD.funnel;
  const ownerList = owners === 'all' ? [] : owners.length ? owners : [-1];
  const amountsHidden = q.audience === 'team' && q.teamId
    ? await hiddenForTeam(c, q.teamId, guard.object, guard.field, ownerList)
    : await hiddenForReader(c, guard.object, guard.field, ownerList);
  const prob = new Map(stages.map((s) => [s.key, s.probability]));
  const byKey = new Map(rows.map((r) => [`${r.kind}\u0001${r.bucket}\u0001${r.stage}`, r]));
  const get = (kind: string, stage: string, bucket = '') => byKey.get(`${kind}\u0001${bucket}\u0001${stage}`);
  const entered = (stage: string) => Number(get('entered', stage)?.n ?? 0);
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  const out: FunnelStage[] = stages.map((s, i) => {
    const open = get('open', s.key);
    return {
      key: s.key, label: s.label, probability: s.probability,
      count: Number(open?.n ?? 0), amountCents: amountsHidden ? 0 : Number(open?.a ?? 0),
      entered: entered(s.key), conversion: i === 0 ? null : ratio(entered(s.key), entered(stages[i - 1].key)),
    };
  });
  const bucketsOf = (kind: 'month' | 'region'): ForecastBucket[] => {
    const by = new Map<string, { count: number; amount: number; weighted: number }>();
    for (const r of rows.filter((x) => x.kind === kind && prob.has(x.stage))) {
      const b = by.get(r.bucket) ?? { count: 0, amount: 0, weighted: 0 };
      b.count += Number(r.n);
      b.amount += Number(r.a);
      b.weighted += (Number(r.a) * (prob.get(r.stage) ?? 0)) / 100;
      by.set(r.bucket, b);
    }
    return [...by].filter(([, b]) => b.count !== 0).map(([key, b]) => ({
      key, count: b.count, amountCents: amountsHidden ? 0 : b.amount, weightedCents: amountsHidden ? 0 : Math.round(b.weighted),
    }));
  };
  const forecastByMonth = bucketsOf('month').sort((a, b) => (a.key === '' ? 1 : b.key === '' ? -1 : a.key < b.key ? -1 : 1));
  const byRegion = bucketsOf('region').sort((a, b) => b.amountCents - a.amountCents || b.count - a.count || (a.key < b.key ? -1 : 1));
  const exact = rows.filter((r) => r.kind === 'open' && prob.has(r.stage)).reduce((sum, r) => sum + (Number(r.a) * (prob.get(r.stage) ?? 0)) / 100, 0);
  const last = stages[stages.length - 1]?.key;
  return {
    teamId: q.teamId ?? null, teamName: team?.name ?? null, stages: out,
    won: { entered: entered('won'), conversion: last ? ratio(entered('won'), entered(last)) : null },
    forecastCents: amountsHidden ? 0 : Math.round(exact), forecastByMonth, byRegion, amountsHidden,
  };
}
