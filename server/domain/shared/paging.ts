// Paging by cursor, the one convention of every list in /api/v1: `limit` items and `nextCursor` (null on the last
// page), passed back as `cursor` for the next. A cursor is the sort value of the last item and its id (keyset, not an
// offset: an item leaving the list meanwhile neither skips nor repeats another). The generic record lists
// (records.ts) page in SQL; a list computed in memory (stale customers, a team's follow-ups) pages with pageSorted.
import { invalid } from './domain-error.js';

export interface Page<R> { items: R[]; nextCursor: string | null }

/** Page sizes of the API's lists unless a list says otherwise: 20 by default, at most 100. */
export const PAGE_DEFAULT = 20;
export const PAGE_MAX = 100;

export function encodeCursor(values: [unknown, number]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** The [sort value, id] a cursor holds; anything else is a 400 naming `cursor`. */
export function decodeCursor(cursor: string): [unknown, number] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[1] === 'number') return v as [unknown, number];
  } catch { /* fall through */ }
  throw invalid('validation.cursor', 'cursor');
}

/** A sort key computed in memory: numbers and strings, null (absent) after every value. */
export type SortKey = (number | string | null)[];

/** Compares two keys part by part (strings as Chinese collation orders them, as our lists sort names). */
export function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    const d = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh-CN');
    if (d) return d;
  }
  return 0;
}

/**
 * One page of a list held in memory, sorted by `keyOf` then id (ascending): the first `limit` after the cursor's
 * item, and the cursor of the last one listed when more follow. A cursor of another shape is a 400.
 */
export function pageSorted<T>(sorted: T[], keyOf: (x: T) => SortKey, idOf: (x: T) => number, q: { cursor?: string; limit: number }): Page<T> {
  let from = 0;
  if (q.cursor) {
    const [key, id] = decodeCursor(q.cursor);
    if (!Array.isArray(key) || !key.every((k) => k === null || typeof k === 'number' || typeof k === 'string')) throw invalid('validation.cursor', 'cursor');
    const after = (x: T) => {
      const d = compareKeys(keyOf(x), key as SortKey);
      return d > 0 || (d === 0 && idOf(x) > id);
    };
    from = sorted.findIndex(after);
    if (from < 0) from = sorted.length;
  }
  const items = sorted.slice(from, from + q.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: from + q.limit < sorted.length && last !== undefined ? encodeCursor([keyOf(last), idOf(last)]) : null };
}
