// Rollup buckets: an instant's local calendar day in the company zone, and the day, week (Monday), month and
// quarter buckets that day falls in. A board for a day, week, month or quarter reads exactly one bucket; a year's
// board sums its four quarter buckets.
import type { Period } from './period.js';

export type Grain = 'd' | 'w' | 'm' | 'q';
export const GRAINS: Grain[] = ['d', 'w', 'm', 'q'];
/**
 * The grain a period's board reads. A year has no grain of its own: its board adds up the year's four quarters at read
 * time (bucketsOf). A 'y' grain would cost every rollup write a fifth upsert row and every existing database a rebuild
 * before its year boards were right; four primary-key lookups per person instead of one cost a board next to nothing.
 */
export const GRAIN_OF: Record<Period, Grain> = { day: 'd', week: 'w', month: 'm', quarter: 'q', year: 'q' };

const formats = new Map<string, Intl.DateTimeFormat>();
const days = new Map<string, string>();
const QUARTER_HOUR = 900_000;

/** 'YYYY-MM-DD' of `at` in `tz`. Zone offsets move in quarter hours, so one formatting per quarter hour is cached. */
export function localDay(at: Date, tz: string): string {
  const slot = Math.floor(at.getTime() / QUARTER_HOUR);
  const key = `${tz}|${slot}`;
  let day = days.get(key);
  if (day === undefined) {
    let f = formats.get(tz);
    if (!f) formats.set(tz, (f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' })));
    day = f.format(new Date(slot * QUARTER_HOUR));
    if (days.size > 200_000) days.clear();
    days.set(key, day);
  }
  return day;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The bucket of `day` ('YYYY-MM-DD') at a grain. */
export function bucketOfDay(grain: Grain, day: string): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  if (grain === 'd') return day;
  if (grain === 'm') return day.slice(0, 7);
  if (grain === 'q') return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
  const d = new Date(Date.UTC(y, m - 1, Number(day.slice(8, 10))));
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The buckets (at GRAIN_OF[period]) whose totals make up the period starting on local `day`: one, or a year's four quarters. */
export function bucketsOf(period: Period, day: string): string[] {
  if (period !== 'year') return [bucketOfDay(GRAIN_OF[period], day)];
  const y = day.slice(0, 4);
  return [1, 2, 3, 4].map((q) => `${y}-Q${q}`);
}

/** The month bucket of an instant ('YYYY-MM'), or '' without one (forecast rows for deals with no close date). */
export const localMonth = (at: Date | null, tz: string): string => (at ? localDay(at, tz).slice(0, 7) : '');
