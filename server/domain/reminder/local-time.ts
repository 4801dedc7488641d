// Company-zone wall-clock arithmetic for quiet hours, the digest and snoozes. Pure; callers pass the instant.
// (Same Intl technique as bot/understand/zoned-time.ts; the domain may not import the conversation layer.)
export interface Wall { year: number; month: number; day: number; hour: number; minute: number }

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(tz, f);
  }
  return f;
}

export function wall(instant: Date, tz: string): Wall & { second: number; weekday: number } {
  const p: Record<string, number> = {};
  for (const x of formatter(tz).formatToParts(instant)) if (x.type !== 'literal') p[x.type] = Number(x.value);
  const weekday = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
  return { year: p.year, month: p.month, day: p.day, hour: p.hour % 24, minute: p.minute, second: p.second, weekday };
}

/** The local day of `instant` in `tz`, 'YYYY-MM-DD'. */
export function localYmd(instant: Date, tz: string): string {
  const w = wall(instant, tz);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** The instant `tz` shows the wall clock `w` (two passes settle DST edges). */
export function atWall(w: Wall, tz: string): Date {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const s = wall(new Date(guess), tz);
    guess += asUtc - Date.UTC(s.year, s.month - 1, s.day, s.hour, s.minute, s.second);
  }
  return new Date(guess);
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The same local day shifted by `n` days, at `hhmm`. */
export function localDayAt(instant: Date, tz: string, hhmm: string, n = 0): Date {
  const w = wall(instant, tz);
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + n));
  return atWall({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: Number(hhmm.slice(0, 2)), minute: Number(hhmm.slice(3, 5)) }, tz);
}

/**
 * The earliest instant ≥ `instant` outside quiet hours. Quiet hours may wrap midnight (21:00–08:00) or not
 * (12:00–13:30); a reminder that falls inside waits for their end, it is never dropped.
 */
export function outsideQuietHours(instant: Date, tz: string, quiet: { start: string; end: string } | null): Date {
  if (!quiet || quiet.start === quiet.end) return instant;
  const w = wall(instant, tz);
  const m = w.hour * 60 + w.minute;
  if (!inQuietHours(m, quiet)) return instant;
  // After the start on a wrapping night the end is tomorrow; otherwise it is today.
  return localDayAt(instant, tz, quiet.end, minutesOf(quiet.start) > minutesOf(quiet.end) && m >= minutesOf(quiet.start) ? 1 : 0);
}

/** When pushes may go out: quiet hours, and whether the company's days off (not in `workDays`) are quiet too. */
export interface PushWindow {
  timeZone: string;
  quietHours: { start: string; end: string } | null;
  quietOnDaysOff?: boolean;
  /** ISO weekdays worked (Monday 1 … Sunday 7). */
  workDays?: readonly number[];
}

/** Whether `instant`'s local day is one the company does not work, when such days are quiet. */
export function isQuietDayOff(instant: Date, w: PushWindow): boolean {
  if (!w.quietOnDaysOff || !w.workDays?.length) return false;
  return !w.workDays.includes(((wall(instant, w.timeZone).weekday + 6) % 7) + 1);
}

/**
 * The earliest instant ≥ `instant` when a push may go out: outside quiet hours and, when days off are quiet, on a work
 * day (from its morning: the end of quiet hours, else 08:00). Never dropped, only held.
 */
export function nextPushTime(instant: Date, w: PushWindow): Date {
  let at = outsideQuietHours(instant, w.timeZone, w.quietHours);
  for (let i = 0; i < 7 && isQuietDayOff(at, w); i++) at = outsideQuietHours(localDayAt(at, w.timeZone, w.quietHours?.end ?? '08:00', 1), w.timeZone, w.quietHours);
  return at;
}

/**
 * How many calendar days hold `n` days of work, counted back from `instant` (its own day first) or ahead of it (the
 * days after it). Without quiet days off, every day counts (`n`).
 */
function daysForWorkDays(instant: Date, n: number, w: PushWindow, direction: -1 | 1): number {
  if (!w.quietOnDaysOff || !w.workDays?.length) return n;
  let counted = 0;
  for (let days = 1; days <= n * 7 + 7; days++) {
    const day = new Date(instant.getTime() + direction * (direction < 0 ? days - 1 : days) * 86_400_000);
    if (!isQuietDayOff(day, w) && ++counted === n) return days;
  }
  return n;
}

export const daysBackForWorkDays = (instant: Date, n: number, w: PushWindow) => daysForWorkDays(instant, n, w, -1);
export const daysAheadForWorkDays = (instant: Date, n: number, w: PushWindow) => daysForWorkDays(instant, n, w, 1);

/** Whether a wall-clock minute of the day (0–1439) falls in quiet hours (which may wrap midnight). */
export function inQuietHours(minute: number, quiet: { start: string; end: string } | null): boolean {
  if (!quiet || quiet.start === quiet.end) return false;
  const s = minutesOf(quiet.start);
  const e = minutesOf(quiet.end);
  return s > e ? minute >= s || minute < e : minute >= s && minute < e;
}

/**
 * Snooze targets: the same time tomorrow, or 09:00 local on next week's first work day (Monday, unless the company
 * does not work Mondays: `workDays`, ISO weekdays).
 */
export function snoozeUntil(now: Date, tz: string, span: 'day' | 'week', workDays?: readonly number[]): Date {
  if (span === 'day') return new Date(now.getTime() + 24 * 3_600_000);
  const w = wall(now, tz);
  let ahead = ((8 - w.weekday) % 7) || 7;
  // Monday is ISO 1; a week with no work day at all keeps Monday.
  for (let iso = 1; workDays?.length && !workDays.includes(iso) && iso < 7; iso++) ahead++;
  return localDayAt(now, tz, '09:00', ahead);
}
