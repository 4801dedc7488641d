// Small shared pieces of the demo generators: time arithmetic, people names, phones, company names.
import type { Rng } from './prng.js';
import { normalizeCompanyName } from '../../domain/shared/normalize-name.js';
import { BRANDS, EN_FIRST, EN_LAST, GIVEN, INDUSTRIES, SUFFIXES, SURNAMES, type Industry } from './demo-words.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const YUAN = 100;
export const WAN = 10_000 * YUAN;

export const addMs = (d: Date, ms: number) => new Date(d.getTime() + ms);

/** A moment `daysAgo` days before `now`, during Chongqing office hours (09:00–18:00 UTC+8). */
export function officeTime(rng: Rng, now: Date, daysAgo: number): Date {
  const day = new Date(now.getTime() - daysAgo * DAY);
  const t = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 1, 0, 0) + rng.int(0, 9 * 60) * 60_000;
  return new Date(Math.min(t, now.getTime() - rng.int(5, 90) * 60_000));
}

export const chineseName = (rng: Rng) => rng.pick(SURNAMES) + rng.pick(GIVEN);
export const englishName = (rng: Rng) => `${rng.pick(EN_FIRST)} ${rng.pick(EN_LAST)}`;

/** A mainland mobile number: 1[3-9] and nine digits. */
export function mobile(rng: Rng): string {
  let s = `1${rng.int(3, 9)}`;
  for (let i = 0; i < 9; i++) s += rng.int(0, 9);
  return s;
}

/** A new company name whose normalized form is not in `taken` (which it then joins). */
export function companyName(rng: Rng, taken: Set<string>, industry?: Industry): { name: string; normalized: string; industry: Industry } {
  for (;;) {
    const ind = industry ?? rng.pick(INDUSTRIES);
    const name = `${rng.chance(0.7) ? '重庆' : ''}${rng.pick(BRANDS)}${rng.pick(ind.words)}${rng.pick(SUFFIXES)}`;
    const normalized = normalizeCompanyName(name);
    if (taken.has(normalized)) continue;
    taken.add(normalized);
    return { name, normalized, industry: ind };
  }
}

/**
 * What reps call a customer in a task or deal name: its first alias, else its normalized name ("华为技术重庆"); an
 * English name keeps its words and capitals ("Fabrikam Logistics", not "fabrikamlogistics").
 */
export const shortName = (c: { aliases: string | null; normalizedName: string; name: string }) =>
  c.aliases?.split(',')[0] || (/[\u3400-\u9fff]/.test(c.name) ? c.normalizedName : c.name.replace(/,?\s*(?:Co\.,?\s*)?(?:Ltd|Inc|LLC|Corp|Group)\.?\s*$/i, '').trim());
