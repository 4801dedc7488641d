// How a name said in chat finds records, the same rules for customers and leads: an exact name (or the same
// normalized company name) first; then a preferred exact hit among substring matches (a customer's alias); then a
// substring of the names. One → it; several → the caller asks (a choice card); none → none. Never a guess.
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { normalizeCompanyName } from './normalize-name.js';
import { LIKE_ESCAPE, likeEscape } from './sql.js';

export type NameMatch<T> = { kind: 'one'; row: T } | { kind: 'many'; rows: T[] } | { kind: 'none' };

export interface NameColumns<T> {
  /** Columns holding a name as written (compared whole, then as a substring). */
  names: string[];
  /** The column holding the normalized company name (normalizeCompanyName). */
  normalized: string;
  /** Columns searched as a substring only (a customer's aliases). */
  alsoContaining?: string[];
  /** Among substring matches, one this says the mention names exactly wins (a customer's alias). */
  exactly?: (row: T, mention: string) => boolean;
}

/**
 * `base` gives a query on alias `r` already limited to what the actor may see (and whatever else the caller asks).
 * Substring matches come most recently updated first.
 */
export async function matchName<T extends ObjectLiteral>(
  base: () => Promise<SelectQueryBuilder<T>>, mention: string, cols: NameColumns<T>, limit = 8,
): Promise<NameMatch<T>> {
  const raw = mention.trim();
  if (!raw) return { kind: 'none' };
  const norm = normalizeCompanyName(raw);
  const exact = await (await base()).andWhere(`(${[...cols.names.map((n) => `${n} = :raw`), `${cols.normalized} = :norm`].join(' OR ')})`, { raw, norm })
    .take(limit).getMany();
  if (exact.length === 1) return { kind: 'one', row: exact[0] };
  if (exact.length > 1) return { kind: 'many', rows: exact };
  const fuzzy = await (await base())
    .andWhere(`(${[`${cols.normalized} LIKE :like ${LIKE_ESCAPE}`, ...[...cols.names, ...(cols.alsoContaining ?? [])].map((n) => `${n} LIKE :likeRaw ${LIKE_ESCAPE}`)].join(' OR ')})`,
      { like: `%${likeEscape(norm)}%`, likeRaw: `%${likeEscape(raw)}%` })
    .orderBy('r.updated_at', 'DESC').addOrderBy('r.id', 'DESC').take(limit + 1).getMany();
  const named = cols.exactly ? fuzzy.filter((x) => cols.exactly!(x, raw)) : [];
  if (named.length === 1) return { kind: 'one', row: named[0] };
  if (fuzzy.length === 1) return { kind: 'one', row: fuzzy[0] };
  if (fuzzy.length > 1) return { kind: 'many', rows: fuzzy.slice(0, limit) };
  return { kind: 'none' };
}
