// A team's board or funnel in ONE statement: the team and its sub-teams (by the ids its last read found, checked in
// the statement; else a recursive CTE), their people, the settings
// either needs (time zone, field rules, stages), and the reader's own rows (a rollup bucket per person, pipeline rows
// per owner). A group asks for its board and funnel often; round trips, not rows, are what they cost (bench/README.md,
// P3). Every SELECT of the UNION yields the same columns, filled in by name (NULL where a part has none).
import type { DomainContext } from '../shared/with-tx.js';
import type { Db } from '../shared/db.js';
import { DEFAULT_SETTINGS, seenTimeZone, type FieldRule, type StageDef } from '../settings/settings.js';
import type { Role } from '../user/user.entity.js';
import { subtreeOf } from '../shared/permissions.js';
import { parseJsonText } from '../shared/columns.js';
import { quoteName } from '../shared/sql.js';
import { preparedRead } from '../shared/prepared-read.js';
import type { TeamMember, TeamScope } from './audience.js';

const COLUMNS = ['k', 'id', 'name', 'role', 'team', 'active', 'kind', 'bucket', 'stage', 'n', 'a', 'tz', 'rules', 'stages'] as const;
type Column = (typeof COLUMNS)[number];

/** One row of the statement: 'u' a person, 't' a team (with the settings), anything else the reader's own part. */
export interface TeamReadRow {
  k: string; id: number | string; name: string | null; role: Role | null; team: number | string | null; active: unknown;
  kind: string | null; bucket: string | null; stage: string | null; n: number | string | null; a: number | string | null;
  tz: string | null; rules: string | null; stages: string | null;
}

/** A SELECT list in the statement's column order: the given expressions, NULL for the rest. */
export const selectList = (values: Partial<Record<Column, string>>) => COLUMNS.map((c) => `${values[c] ?? 'NULL'} AS ${c}`).join(', ');

/**
 * The statement. With no `subtree`, the team's subtree is walked (recursive CTE; first parameter: the team's id). With
 * the `subtree` a previous read found (its ids are the first parameters, and again twice after the people's), those
 * teams are read by id, and with them any team now under one of them: a read that finds them changed is read again
 * walking (readTeamRows). `people` joins each person `u` to their row of a rollup and names the columns it fills (its
 * parameters follow the team part); `more` are further SELECTs over `sub` (the teams) with `selectList`, without
 * parameters.
 */
export function teamReadSql(db: Db, people: PeopleRead, more: string[] = [], subtree?: number[]): string {
  const q = (s: string) => quoteName(db, s);
  const within = subtree?.map(() => '?').join(', ');
  const teamColumns = (t: string) => selectList({ k: "'t'", id: `${t}.id`, name: `${t}.name`, team: `${t}.parent_id`, ...settingColumns(db) });
  return [
    `${subtree
      ? `WITH sub (id, parent_id, name) AS (SELECT id, parent_id, name FROM team WHERE id IN (${within}))`
      // UNION, not UNION ALL: should two racing moves ever leave a cycle of teams, the walk stops at a team it has seen.
      : `WITH RECURSIVE sub (id, parent_id, name) AS (
      SELECT id, parent_id, name FROM team WHERE id = ?
      UNION SELECT t.id, t.parent_id, t.name FROM team t JOIN sub s ON t.parent_id = s.id
    )`}
    SELECT ${selectList({ ...PERSON, ...people.columns })}
      FROM sub JOIN ${q('user')} u ON u.team_id = sub.id ${people.join ?? ''}`,
    subtree
      ? `SELECT ${teamColumns('t')} FROM team t WHERE t.id IN (${within}) OR t.parent_id IN (${within})`
      : `SELECT ${teamColumns('sub')} FROM sub`,
    ...more,
  ].join('\n  UNION ALL\n  ');
}

/** The subtree each team's last read found, per database: the next read assumes it and checks it (readTeamRows). */
const subtrees = new WeakMap<Db, Map<number, number[]>>();

/** The teams (the team and those under it) the last read of `teamId` found; undefined before any. */
export const knownSubtree = (db: Db, teamId: number): readonly number[] | undefined => subtrees.get(db)?.get(teamId);

/**
 * The rows of the statement for `teamId`: by the subtree its last read found (teams by id, no walk: a third of a
 * board's cost on MariaDB, bench/README.md P3), checked in the same statement; read again walking the tree when a team
 * was added, moved or removed since, or on the first read. Never a stale answer: what is assumed is checked.
 */
export async function readTeamRows(c: DomainContext, teamId: number, people: PeopleRead, peopleParams: unknown[], more: string[] = []): Promise<TeamReadRow[]> {
  let known = subtrees.get(c.db);
  if (!known) subtrees.set(c.db, (known = new Map()));
  const assumed = known.get(teamId);
  if (assumed) {
    const rows = await preparedRead<TeamReadRow>(c, teamReadSql(c.db, people, more, assumed), [...assumed, ...peopleParams, ...assumed, ...assumed]);
    if (sameSubtree(teamId, assumed, rows)) return rows;
  }
  const rows = await preparedRead<TeamReadRow>(c, teamReadSql(c.db, people, more), [teamId, ...peopleParams]);
  const found = rows.filter((r) => r.k === 't').map((r) => Number(r.id));
  if (found.length) known.set(teamId, found); else known.delete(teamId);
  return rows;
}

/** The teams read are exactly the assumed ones, each but the root still under one of them. */
function sameSubtree(rootId: number, assumed: number[], rows: TeamReadRow[]): boolean {
  const ids = new Set(assumed);
  const teams = rows.filter((r) => r.k === 't');
  return teams.length === assumed.length
    && teams.every((t) => ids.has(Number(t.id)) && (Number(t.id) === rootId || (t.team !== null && ids.has(Number(t.team)))));
}

/** How each person `u` joins their row of a rollup, and the columns it fills. */
export interface PeopleRead { join?: string; columns?: Partial<Record<Column, string>> }

/** A person's columns in `selectList`, from `u` (user). */
export const PERSON = { k: "'u'", id: 'u.id', name: 'u.name', role: 'u.role', team: 'u.team_id', active: 'u.active' };

/** The settings' columns in `selectList` (the 't' rows carry them). */
export function settingColumns(db: Db): Partial<Record<Column, string>> {
  const setting = (key: string) => `(SELECT value FROM setting WHERE ${quoteName(db, 'key')} = '${key}')`;
  return { tz: setting('timeZone'), rules: setting('fieldRules'), stages: setting('stages') };
}

const parsed = <T>(text: string | null, fallback: T): T => (parseJsonText(text) as T | null) ?? fallback;

export interface TeamRead {
  /** The stored company time zone (else COMPANY_TIME_ZONE); null when there is no such team (no settings were read). */
  timeZone: string | null;
  scope: TeamScope;
}

/** The company time zone the statement read (else COMPANY_TIME_ZONE); undefined when there is no such team. */
export function storedZone(c: DomainContext, rows: TeamReadRow[]): string | undefined {
  const team = rows.find((r) => r.k === 't');
  return team ? parsed(team.tz, c.db.timeZone) : undefined;
}

/**
 * The team's scope from the statement's rows. Leaves every team of the subtree's scope and the settings read in the
 * context's memo, so the field-rule checks (and a funnel after a board) that follow read nothing more.
 */
export function applyTeamRead(c: DomainContext, teamId: number, rows: TeamReadRow[]): TeamRead {
  const teams = rows.filter((r) => r.k === 't');
  const zone = storedZone(c, rows);
  if (zone === undefined) return { timeZone: null, scope: { name: null, members: [] } };
  rememberSettings(c, zone, teams[0]);
  const members = membersOf(rows);
  const tree = teams.map((t) => ({ id: Number(t.id), parentId: t.team === null ? null : Number(t.team), name: t.name }));
  // Every team of the subtree gets its scope memoized: "same team" field rules ask for a member's own team.
  for (const t of tree) {
    const ids = new Set(subtreeOf(tree, t.id));
    c.memo.set(`lb.team:${t.id}`, { name: t.name, members: members.filter((m) => m.teamId !== null && ids.has(m.teamId)) } satisfies TeamScope);
  }
  return { timeZone: zone, scope: (c.memo.get(`lb.team:${teamId}`) as TeamScope | undefined) ?? { name: null, members: [] } };
}

/** People ('u' rows, no team) and settings (a 't' row) of another statement; the settings are left in the memo as above. */
export function applyPeopleRead(c: DomainContext, rows: TeamReadRow[]): TeamRead {
  const settings = rows.find((r) => r.k === 't');
  const zone = storedZone(c, rows) ?? c.db.timeZone;
  if (settings) rememberSettings(c, zone, settings);
  return { timeZone: zone, scope: { name: null, members: membersOf(rows) } };
}

function rememberSettings(c: DomainContext, zone: string, row: TeamReadRow): void {
  seenTimeZone(c.db, zone);
  const remember = (key: string, value: unknown) => { if (!c.memo.has(key)) c.memo.set(key, value); };
  c.memo.set('setting:timeZone', zone);
  remember('setting:fieldRules', parsed<FieldRule[]>(row.rules, DEFAULT_SETTINGS.fieldRules));
  remember('setting:stages', parsed<StageDef[]>(row.stages, DEFAULT_SETTINGS.stages));
}

const membersOf = (rows: TeamReadRow[]): TeamMember[] => rows.filter((r) => r.k === 'u').map((r) => ({
  id: Number(r.id), name: r.name ?? '', role: r.role as Role, teamId: r.team === null ? null : Number(r.team), active: !!Number(r.active),
}));
