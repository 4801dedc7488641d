// Calendar periods (day/week/month/quarter/year) in the company time zone, as UTC instants [start, end).
export const PERIODS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type Period = (typeof PERIODS)[number];

// Building an Intl.DateTimeFormat costs ~0.2 ms (a board asks for three): one of each per zone, kept.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: 'day' | 'minute', tz: string): Intl.DateTimeFormat {
  const key = `${kind}|${tz}`;
  let f = formatters.get(key);
  if (!f) {
    f = kind === 'day'
      ? new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour12: false })
      : new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    formatters.set(key, f);
  }
  return f;
}

function parts(d: Date, tz: string) {
  const f = formatter('day', tz);
  const p = Object.fromEntries(f.formatToParts(d).map((x) => [x.type, x.value]));
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), wd: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(p.weekday) };
}

/** The UTC instant of local midnight on y-m-d in tz. */
export function localMidnight(y: number, m: number, d: number, tz: string): Date {
  const guess = Date.UTC(y, m - 1, d);
  const f = formatter('minute', tz);
  const p = Object.fromEntries(f.formatToParts(new Date(guess)).map((x) => [x.type, x.value]));
  const asLocal = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
  return new Date(guess - (asLocal - guess));
}

export interface PeriodRange { readonly start: Date; readonly end: Date; readonly label: string }

// Zone offsets move in quarter hours, so a period's range is the same all through a quarter hour of UTC: reading the
// local calendar (three Intl formattings, most of a board's own time) once per quarter hour, period, offset and zone.
const QUARTER_HOUR = 900_000;
const ranges = new Map<string, PeriodRange>();

/** The period containing `now`, shifted by `offset` periods (-1 = the previous one). Shared: not to be changed. */
export function periodRange(period: Period, now: Date, tz: string, offset = 0): PeriodRange {
  const key = `${period}|${offset}|${tz}|${Math.floor(now.getTime() / QUARTER_HOUR)}`;
  let range = ranges.get(key);
  if (!range) {
    if (ranges.size > 10_000) ranges.clear();
    ranges.set(key, (range = Object.freeze(computeRange(period, now, tz, offset))));
  }
  return range;
}

function computeRange(period: Period, now: Date, tz: string, offset: number): PeriodRange {
  const { y, m, d, wd } = parts(now, tz);
  let s: [number, number, number];
  let e: [number, number, number];
  let label: string;
  if (period === 'day') {
    const base = new Date(Date.UTC(y, m - 1, d + offset));
    s = [base.getUTCFullYear(), base.getUTCMonth() + 1, base.getUTCDate()];
    const n = new Date(Date.UTC(s[0], s[1] - 1, s[2] + 1));
    e = [n.getUTCFullYear(), n.getUTCMonth() + 1, n.getUTCDate()];
    label = `${s[0]}-${String(s[1]).padStart(2, '0')}-${String(s[2]).padStart(2, '0')}`;
  } else if (period === 'week') {
    const base = new Date(Date.UTC(y, m - 1, d - wd + 7 * offset));
    s = [base.getUTCFullYear(), base.getUTCMonth() + 1, base.getUTCDate()];
    const n = new Date(Date.UTC(s[0], s[1] - 1, s[2] + 7));
    e = [n.getUTCFullYear(), n.getUTCMonth() + 1, n.getUTCDate()];
    label = `${s[0]}-${String(s[1]).padStart(2, '0')}-${String(s[2]).padStart(2, '0')}~`;
  } else if (period === 'month') {
    const base = new Date(Date.UTC(y, m - 1 + offset, 1));
    s = [base.getUTCFullYear(), base.getUTCMonth() + 1, 1];
    const n = new Date(Date.UTC(s[0], s[1], 1));
    e = [n.getUTCFullYear(), n.getUTCMonth() + 1, 1];
    label = `${s[0]}-${String(s[1]).padStart(2, '0')}`;
  } else if (period === 'year') {
    s = [y + offset, 1, 1];
    e = [y + offset + 1, 1, 1];
    label = String(s[0]);
  } else {
    const q = Math.floor((m - 1) / 3) + offset;
    const base = new Date(Date.UTC(y, q * 3, 1));
    s = [base.getUTCFullYear(), base.getUTCMonth() + 1, 1];
    const n = new Date(Date.UTC(s[0], s[1] - 1 + 3, 1));
    e = [n.getUTCFullYear(), n.getUTCMonth() + 1, 1];
    label = `${s[0]}-Q${Math.floor((s[1] - 1) / 3) + 1}`;
  }
  return { start: localMidnight(...s, tz), end: localMidnight(...e, tz), label };
}

/**
 * How many periods before `now`'s the period `asOf` shifted by `offset` lies (0, -1, -2 …; at most 12 back): a board
 * made for an earlier moment (a scheduled board sent late) is titled from where its reader stands.
 */
export function offsetFrom(period: Period, asOf: Date, offset: number, now: Date, tz: string): number {
  const start = periodRange(period, asOf, tz, offset).start.getTime();
  let k = 0;
  while (k > -12 && periodRange(period, now, tz, k).start.getTime() > start) k--;
  return k;
}
