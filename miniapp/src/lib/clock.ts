// The company's calendar on the phone: days and hours in the company's time zone, on the server's clock. Cards,
// reminders and boards count days there, so "today", "tomorrow 09:00" and a close date mean the same day on the
// phone as in chat, wherever the phone is and whatever its own clock says. Plain TS (no Taro): unit-tested.

/** A moment as the company's wall clock shows it; month 1–12, weekday 0 = Sunday. */
export interface Wall { year: number; month: number; day: number; hour: number; minute: number; weekday: number }

let parts: Intl.DateTimeFormat | null = null;
let skewMs = 0;

/**
 * Set from the session (`GET /me`): the company's zone and the server's clock reading. A runtime without time-zone
 * support in Intl (some mini-program engines) keeps the phone's own zone.
 */
export function setCompanyClock(o: { timeZone?: string | null; now?: string | null }): void {
  try {
    parts = o.timeZone ? new Intl.DateTimeFormat('en-US', { timeZone: o.timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' }) : null;
  } catch {
    parts = null;
  }
  const server = o.now ? Date.parse(o.now) : Number.NaN;
  skewMs = Number.isFinite(server) ? server - Date.now() : 0;
}

/** The server's time now (the phone's clock corrected by the difference seen at sign-in). */
export const nowMs = (): number => Date.now() + skewMs;

const weekdayOf = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day)).getUTCDay();

export function wall(at: number | Date | string): Wall {
  const d = new Date(at);
  if (!parts) {
    return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(), hour: d.getHours(), minute: d.getMinutes(), weekday: d.getDay() };
  }
  const p: Record<string, number> = {};
  for (const x of parts.formatToParts(d)) if (x.type !== 'literal') p[x.type] = Number(x.value);
  return { year: p.year, month: p.month, day: p.day, hour: p.hour % 24, minute: p.minute, weekday: weekdayOf(p.year, p.month, p.day) };
}

/** The moment the company's wall clock shows this day and time (day overflow allowed: day 32 is next month's 1st). */
export function fromWall(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  if (!parts) return new Date(year, month - 1, day, hour, minute, 0, 0);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  // The zone's offset at a moment; asked twice so a guess on the wrong side of a DST change corrects itself.
  const offset = (t: number) => { const w = wall(t); return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - Math.floor(t / 60_000) * 60_000; };
  const first = asUtc - offset(asUtc);
  return new Date(asUtc - offset(first));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM-DD' of the company's day. */
export const dayKey = (w: Pick<Wall, 'year' | 'month' | 'day'>): string => `${w.year}-${pad(w.month)}-${pad(w.day)}`;

/** Whole days from the company's today to the day of `at` (0 today, 1 tomorrow, -1 yesterday). */
export function daysFromToday(at: number | Date | string, now = nowMs()): number {
  const a = wall(at);
  const b = wall(now);
  return Math.round((Date.UTC(a.year, a.month - 1, a.day) - Date.UTC(b.year, b.month - 1, b.day)) / 86_400_000);
}

/** The start of the company's day `YYYY-MM-DD` (a typed or picked date), or null when it is not one. */
export function startOfDayKey(key: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return fromWall(year, month, day);
}

/** `hour`:00 on the company's day of `at` (its start by default). */
export function onDayOf(at: number | Date, hour = 0): Date {
  const w = wall(at);
  return fromWall(w.year, w.month, w.day, hour, 0);
}

/** Next-step quick picks: tomorrow, next Monday, the last day of this month — all at 09:00 company time. */
export function quickPick(kind: 'tomorrow' | 'nextWeek' | 'monthEnd', from: number = nowMs()): Date {
  const w = wall(from);
  if (kind === 'tomorrow') return fromWall(w.year, w.month, w.day + 1, 9, 0);
  if (kind === 'nextWeek') return fromWall(w.year, w.month, w.day + (((8 - w.weekday) % 7) || 7), 9, 0);
  const monthEnd = fromWall(w.year, w.month + 1, 0, 9, 0);
  // Past 09:00 on the last day already: the end of next month.
  return monthEnd.getTime() > from ? monthEnd : fromWall(w.year, w.month + 2, 0, 9, 0);
}
