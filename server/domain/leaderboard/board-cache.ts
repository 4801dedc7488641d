// Team boards kept in memory. A group asks for its board again and again (a card, a push, "排行榜" after it) while its
// figures change far less often. A kept board is served while the stamps of its teams read as they did when it was
// computed (board-stamps.ts: raised in the transaction of any change a board shows, on whichever server instance made
// it). Stamps read from the database are trusted for a second, and forgotten at once when this instance commits a
// change: this instance's own changes show on its very next read, another instance's within that second.
import type { DomainContext } from '../shared/with-tx.js';
import { changedHere, onChangesCommitted } from '../shared/with-tx.js';
import type { Db } from '../shared/db.js';
import { periodRange } from './period.js';
import { readStamps } from './board-stamps.js';
import { knownSubtree } from './team-read.js';
import type { Board, BoardQuery } from './leaderboard.js';

/** Boards kept per database handle; the oldest kept is dropped past this. */
export const KEPT_BOARDS = 2000;
/** How long stamps read are trusted without reading them again (unless this instance committed a change since). */
export const STAMPS_TRUSTED_MS = 1000;
/**
 * A kept board is computed again after this long whatever its stamps say: a change written straight into the tables,
 * past the domain (a DBA's UPDATE), raises no stamp. (A rollup rebuild stamps every board.)
 */
export const KEPT_AT_MOST_MS = 5 * 60_000;

interface Kept { teams: readonly number[]; stamps: string; timeZone: string; start: number; computedAt: number; board: Board }
interface Stamps { value: string; readAt: number }
interface Store { boards: Map<string, Kept>; stamps: Map<string, Stamps>; trustMs: number }
const stores = new WeakMap<Db, Store>();

/**
 * Boards are kept for this database handle from now on (installRollups: only where the stamps are maintained).
 * `trustMs`: how long stamps read are trusted (0: read them for every board).
 */
export function keepBoards(db: Db, trustMs = STAMPS_TRUSTED_MS): void {
  const existing = stores.get(db);
  if (existing) { existing.trustMs = trustMs; return; }
  const store: Store = { boards: new Map(), stamps: new Map(), trustMs };
  stores.set(db, store);
  onChangesCommitted(db, () => store.stamps.clear());
}

/** Boards are no longer kept for this handle (the benchmark times a board computed every time). */
export function stopKeepingBoards(db: Db): void {
  stores.delete(db);
}

/** A board computed, with the company time zone its periods were computed in. */
export interface Computed { board: Board; timeZone: string }

const periodStart = (q: BoardQuery, now: Date, tz: string) => periodRange(q.period, now, tz, q.offset ?? 0).start.getTime();
/** `at` was less than `ms` ago (a clock set back makes it not). */
const within = (now: number, at: number, ms: number) => now >= at && now - at < ms;
const sameIds = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((id, i) => id === b[i]);

/** What the board's answer depends on besides its teams, stamps and period: who reads it, where amounts can be hidden. */
function keyOf(c: DomainContext, teamId: number, q: BoardQuery): string {
  const amounts = q.metric === 'won_amount' || q.metric === 'payments';
  const reader = q.audience === 'team' ? 'team' : amounts ? `${c.actor.userId}:${c.actor.role}:${c.actor.teamId}` : '*';
  return `${teamId}|${q.metric}|${q.period}|${q.offset ?? 0}|${reader}`;
}

const frozen = (board: Board): Board => {
  for (const r of board.rows) Object.freeze(r);
  Object.freeze(board.rows);
  return Object.freeze(board);
};

/**
 * The stamps of these teams: as read within the trusted time, else read now. Inside a transaction always read through
 * it, and not remembered: its snapshot may be older than what others read (a board computed there is labelled with
 * stamps of its own snapshot, never newer ones).
 */
async function stampsOf(c: DomainContext, store: Store, teams: readonly number[], now: number): Promise<string> {
  if (c.tx.queryRunner?.isTransactionActive) return readStamps(c, teams);
  const key = teams.join(',');
  const known = store.stamps.get(key);
  if (known && within(now, known.readAt, store.trustMs)) return known.value;
  const value = await readStamps(c, teams);
  store.stamps.set(key, { value, readAt: now });
  return value;
}

/**
 * The board of `teamId` for `q`: the one kept, while its teams' stamps are unchanged and the period is the same, else
 * `compute()`, kept for the next read. Not inside a transaction that changed records (it may read its own uncommitted
 * rows), and not on a team's first read (its sub-teams, whose stamps count too, are known from that read).
 */
export async function keptBoard(c: DomainContext, teamId: number, q: BoardQuery, compute: () => Promise<Computed>): Promise<Board> {
  const store = stores.get(c.db);
  const teams = knownSubtree(c.db, teamId);
  if (!store || !teams || changedHere(c)) return (await compute()).board;
  const now = c.db.clock.now().getTime();
  // Read before the board: a change committed in between raises a stamp, so at worst the next read computes again.
  const stamps = await stampsOf(c, store, teams, now);
  const key = keyOf(c, teamId, q);
  const hit = store.boards.get(key);
  if (hit && hit.stamps === stamps && sameIds(hit.teams, teams) && within(now, hit.computedAt, KEPT_AT_MOST_MS)
    && hit.start === periodStart(q, c.now, hit.timeZone)) return hit.board;
  const { board, timeZone } = await compute();
  // Kept only if it covers exactly the teams whose stamps were read, and nothing here is uncommitted.
  const covered = knownSubtree(c.db, teamId);
  if (covered && sameIds(covered, teams) && !changedHere(c)) {
    store.boards.delete(key);
    store.boards.set(key, { teams, stamps, timeZone, start: periodStart(q, c.now, timeZone), computedAt: now, board: frozen(board) });
    if (store.boards.size > KEPT_BOARDS) store.boards.delete(store.boards.keys().next().value!);
  }
  return board;
}
