// When a scheduled group board runs: `daily@HH:MM`, `weekly:<1-7>@HH:MM` (1 = Monday), `monthly:<1-28|last>@HH:MM`,
// `quarterly:<1-28|last>@HH:MM` (that day of each quarter's first month, or the quarter's last day: 季度末) or
// `yearly:<MM>-<1-28|last>@HH:MM` (年终), wall-clock time in the company's zone.
import { invalid } from '../shared/domain-error.js';
import { atWall } from '../reminder/local-time.js';
import { localDay } from './buckets.js';

const DAY = '(0?[1-9]|1\\d|2[0-8]|last)';
const SCHEDULE = new RegExp(`^(daily|weekly:([1-7])|monthly:${DAY}|quarterly:${DAY}|yearly:(0[1-9]|1[0-2])-${DAY})@([01]\\d|2[0-3]):([0-5]\\d)$`);

export interface Schedule {
  weekday: number | null;
  /** The day of the month it runs on (in `months` only, when set). */
  monthDay: number | 'last' | null;
  /** The months it runs in (1–12); null: every month. */
  months: number[] | null;
  hour: number; minute: number;
}

/** The schedule's parts (weekday, month day and months null when they do not apply); throws on a malformed schedule. */
export function parseSchedule(schedule: string): Schedule {
  const m = SCHEDULE.exec(schedule);
  if (!m) throw invalid('leaderboard.bad_schedule', 'schedule', { schedule });
  const day = (d: string) => (d === 'last' ? 'last' as const : Number(d));
  const base = { hour: Number(m[7]), minute: Number(m[8]) };
  if (m[2]) return { weekday: Number(m[2]), monthDay: null, months: null, ...base };
  if (m[3]) return { weekday: null, monthDay: day(m[3]), months: null, ...base };
  // A quarter's last day is in its last month; any other day in its first.
  if (m[4]) return { weekday: null, monthDay: day(m[4]), months: m[4] === 'last' ? [3, 6, 9, 12] : [1, 4, 7, 10], ...base };
  if (m[5]) return { weekday: null, monthDay: day(m[6]), months: [Number(m[5])], ...base };
  return { weekday: null, monthDay: null, months: null, ...base };
}

/** The most days between two runs of the schedule (how far back the run a late pusher is sending can lie). */
function longestGapDays(s: Schedule): number {
  if (!s.months) return 32;
  return s.months.length === 1 ? 367 : 93;
}

/** The first run of `schedule` strictly after `after`, in zone `tz`; throws on a malformed schedule. */
export function nextRun(schedule: string, after: Date, tz: string): Date {
  const s = parseSchedule(schedule);
  const today = localDay(after, tz);
  let y = Number(today.slice(0, 4)); let mo = Number(today.slice(5, 7)); let d = Number(today.slice(8, 10));
  for (let i = 0; i < 800; i++) {
    const weekday = ((new Date(Date.UTC(y, mo - 1, d)).getUTCDay() + 6) % 7) + 1;
    const lastDay = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    const inMonth = !s.months || s.months.includes(mo);
    const fits = inMonth && (s.weekday !== null ? s.weekday === weekday : s.monthDay !== null ? (s.monthDay === 'last' ? d === lastDay : s.monthDay === d) : true);
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
 * The latest run of `schedule` at or before `at`: the one a late pusher (down across a week's, month's or year's end)
 * is sending, whose board is the period it was due for.
 */
export function lastRun(schedule: string, at: Date, tz: string): Date {
  let run = nextRun(schedule, new Date(at.getTime() - longestGapDays(parseSchedule(schedule)) * 86_400_000), tz);
  if (run.getTime() > at.getTime()) return at;
  for (let next = nextRun(schedule, run, tz); next.getTime() <= at.getTime(); next = nextRun(schedule, run, tz)) run = next;
  return run;
}
