// Wall-clock arithmetic in a named IANA time zone, independent of the process time zone (tests run with TZ=UTC).
// Pure; the only clock is the `now` callers pass in.

export interface WallClock { year: number; month: number; day: number; hour: number; minute: number; second: number }

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock an instant shows in `timeZone`. */
export function wallClock(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour % 24, minute: parts.minute, second: parts.second };
}

/** The UTC instant at which `timeZone` shows the given wall clock (two passes settle DST edges). */
export function zonedToUtc(w: WallClock, timeZone: string): Date {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const seen = wallClock(new Date(guess), timeZone);
    const seenAsUtc = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute, seen.second);
    guess += asUtc - seenAsUtc;
  }
  return new Date(guess);
}

/** 'YYYY-MM-DD' of a wall clock. */
export function ymd(w: Pick<WallClock, 'year' | 'month' | 'day'>): string {
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** Parse 'YYYY-MM-DD' (optionally followed by ' HH:mm[:ss]') into a wall clock. */
export function parseWall(s: string): WallClock | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(s.trim());
  if (!m) return undefined;
  return { year: +m[1], month: +m[2], day: +m[3], hour: m[4] ? +m[4] : 0, minute: m[5] ? +m[5] : 0, second: m[6] ? +m[6] : 0 };
}

/** Calendar arithmetic on dates (no time zone involved: a civil date plus n days). */
export function addDays(d: Pick<WallClock, 'year' | 'month' | 'day'>, n: number): { year: number; month: number; day: number } {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + n));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** Last day of month `month` (1-12, may overflow into following years) of `year`. */
/** The ISO weekday of a calendar day: Monday 1 … Sunday 7. */
export const isoWeekday = (d: Pick<WallClock, 'year' | 'month' | 'day'>): number => ((new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay() + 6) % 7) + 1;

export function lastDayOfMonth(year: number, month: number): { year: number; month: number; day: number } {
  const t = new Date(Date.UTC(year, month, 0));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/**
 * A Date whose *process-local* fields equal `w`. The Microsoft recognizers read the reference date and
 * format their results in the process time zone (toolchain.md), so we hand them the company wall clock this way.
 */
export function fakeLocal(w: WallClock): Date {
  return new Date(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}
