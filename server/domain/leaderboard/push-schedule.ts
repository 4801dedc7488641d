// When a scheduled group board runs: `daily@HH:MM`, `weekly:<1-7>@HH:MM` (1 = Monday) or
// `monthly:<1-28|last>@HH:MM`, wall-clock time in the company's zone.
import { invalid } from '../shared/domain-error.js';
import { atWall } from '../reminder/local-time.js';
import { localDay } from './buckets.js';

const SCHEDULE = /^(daily|weekly:([1-7])|monthly:([1-9]|1\d|2[0-8]|last))@([01]\d|2[0-3]):([0-5]\d)$/;

export interface Schedule { weekday: number | null; monthDay: number | 'last' | null; hour: number; minute: number }

/** The schedule's parts (weekday and month day null when they do not apply); throws on a malformed schedule. */
export function parseSchedule(schedule: string): Schedule {
  const m = SCHEDULE.exec(schedule);
  if (!m) throw invalid('leaderboard.bad_schedule', 'schedule', { schedule });
  return { weekday: m[2] ? Number(m[2]) : null, monthDay: m[3] ? (m[3] === 'last' ? 'last' : Number(m[3])) : null, hour: Number(m[4]), minute: Number(m[5]) };
}

/** The first run of `schedule` strictly after `after`, in zone `tz`; throws on a malformed schedule. */
export function nextRun(schedule: string, after: Date, tz: string): Date {
  const s = parseSchedule(schedule);
  const today = localDay(after, tz);
  let y = Number(today.slice(0, 4)); let mo = Number(today.slice(5, 7)); let d = Number(today.slice(8, 10));
  for (let i = 0; i < 400; i++) {
    const weekday = ((new Date(Date.UTC(y, mo - 1, d)).getUTCDay() + 6) % 7) + 1;
    const lastDay = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    const fits = s.weekday !== null ? s.weekday === weekday : s.monthDay !== null ? (s.monthDay === 'last' ? d === lastDay : s.monthDay === d) : true;
    if (fits) {
      // The wall clock's time that day (not midnight plus hours: a DST change that night would shift it).
      const at = atWall({ year: y, month: mo, day: d, hour: s.hour, minute: s.minute }, tz);
      if (at.getTime() > after.getTime()) return at;
    }
    const n = new Date(Date.UTC(y, mo - 1, d + 1));
    y = n.getUTCFullYear(); mo = n.getUTCMonth() + 1; d = n.getUTCDate();
  }
  throw invalid('leaderboard.bad_schedule', 'schedule', { schedule });
}

/**
 * The latest run of `schedule` at or before `at`: the one a late pusher (down across a week's or month's end) is
 * sending, whose board is the period it was due for. Runs are at most 31 days apart.
 */
export function lastRun(schedule: string, at: Date, tz: string): Date {
  let run = nextRun(schedule, new Date(at.getTime() - 32 * 86_400_000), tz);
  if (run.getTime() > at.getTime()) return at;
  for (let next = nextRun(schedule, run, tz); next.getTime() <= at.getTime(); next = nextRun(schedule, run, tz)) run = next;
  return run;
}
