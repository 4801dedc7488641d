// "今天的待办" / "what's on my plate today" → the rep's day (server/domain/reminder/my-day.ts, the same list as the
// morning digest and the mini-program's Today page): tasks due by the end of today, overdue first, then the customers
// whose follow-up cadence has run out. A list names customers: asked in a group chat, it goes to the asker alone
// (in-private.ts); "nothing due" is said where it was asked.
import { myDay, type MyDay } from '../../server/domain/reminder/my-day.js';
import { myTasks } from '../../server/domain/reminder/my-tasks.js';
import { formatDate, formatDateTime } from '../../cards/format.js';
import { t, type Locale } from '../../locales/index.js';
import { wallClock, ymd } from '../understand/zoned-time.js';
import { markdown, reply, type Command, type Turn } from './command.js';
import { replyInPrivate } from './in-private.js';

/** Lines per list in one chat message; the rest are counted and left to the mini-program. */
const MAX_LINES = 15;

export const myAgendaCommand: Command<'agenda.today'> = {
  intent: 'agenda.today',
  async run(c, turn, u) {
    const day = await myDay(c, turn.user.id, { day: u.entities.date });
    const when = dayName(day.day, c.now, turn.locale, day.timeZone);
    if (u.entities.about) return aboutReply(c, turn, day, when, u.entities.about, u.entities.plan);
    const earlier = day.earlier ? `\n\n${t(turn.locale, 'bot.agenda.earlier', { count: day.earlier })}` : '';
    if (!day.tasks.length && !day.customers.length) {
      await reply(c, turn, markdown('bot.agenda.empty', { day: when, earlier }));
      return;
    }
    const taskLines = day.tasks.slice(0, MAX_LINES).map((x) => taskLine(turn.locale, x, day.timeZone, c.now));
    const customerLines = day.customers.slice(0, MAX_LINES).map((cu) => customerLine(turn.locale, cu));
    const more = Math.max(0, day.tasks.length - MAX_LINES) + Math.max(0, day.customers.length - MAX_LINES);
    const rest = [
      ...(day.customers.length ? [t(turn.locale, day.today ? 'bot.agenda.customers' : 'bot.agenda.customers_due', { day: when, count: day.customers.length, lines: customerLines.join('\n') })] : []),
      ...(more ? [t(turn.locale, 'bot.agenda.more', { more })] : []),
    ].map((block) => `\n\n${block}`).join('') + earlier;
    await replyInPrivate(c, turn, markdown('bot.agenda.list', { day: when, count: day.tasks.length, lines: taskLines.length ? taskLines.join('\n') : t(turn.locale, 'bot.agenda.no_tasks', { day: when }), rest }));
  },
};

/**
 * "明天给华为打电话吗": the day's to-dos and due customers about what the question names, or that there are none (with
 * how many the day has, and how to add this one as a to-do).
 */
async function aboutReply(c: Parameters<Command<'agenda.today'>['run']>[0], turn: Turn, day: MyDay, when: string, about: string, plan?: string): Promise<void> {
  const { locale } = turn;
  const named = (s: string | null | undefined) => !!s && s.toLowerCase().includes(about.toLowerCase());
  const tasks = day.tasks.filter((x) => named(x.title) || named(x.customerName));
  const customers = day.customers.filter((cu) => named(cu.name));
  if (!tasks.length && !customers.length) {
    const others = day.tasks.length ? t(locale, 'bot.agenda.about_others', { day: when, count: day.tasks.length }) : '';
    const hint = plan ? t(locale, 'bot.agenda.about_hint', { plan }) : '';
    return reply(c, turn, markdown('bot.agenda.about_none', { day: when, about, others: others ? `\n${others}` : '', hint: hint ? `\n${hint}` : '' }));
  }
  const lines = [...tasks.slice(0, MAX_LINES).map((x) => taskLine(locale, x, day.timeZone, c.now)), ...customers.slice(0, MAX_LINES).map((cu) => customerLine(locale, cu))];
  await replyInPrivate(c, turn, markdown('bot.agenda.about_list', { day: when, about, count: tasks.length + customers.length, lines: lines.join('\n') }));
}

/** "本周" / "下个月" / "今年" / "this week": a period as the asker named it. */
export const periodName = (locale: Locale, period: string, offset: number) =>
  t(locale, `bot.agenda.period.${period}${offset < 0 ? '_previous' : offset > 0 ? '_next' : ''}`);

// "本周的待办" / "今年的待办" / "my tasks next month" → the open tasks due in that period (server/domain/reminder/my-tasks.ts,
// as GET /my-tasks): soonest first, overdue ones flagged (the current period also lists those from before it); at most
// MAX_LINES, the rest counted with a pointer to the mini-program.
export const myPeriodAgendaCommand: Command<'agenda.period'> = {
  intent: 'agenda.period',
  async run(c, turn, u) {
    const { period, offset } = u.entities;
    const { locale } = turn;
    const found = await myTasks(c, turn.user.id, { period, offset, limit: MAX_LINES });
    const when = periodName(locale, period, offset);
    const earlier = found.earlier ? `\n\n${t(locale, 'bot.agenda.earlier', { count: found.earlier })}` : '';
    if (!found.total) return reply(c, turn, markdown('bot.agenda.empty', { day: when, earlier }));
    const lines = found.items.map((x) => taskLine(locale, x, found.timeZone, c.now));
    const more = found.total - found.items.length;
    await replyInPrivate(c, turn, markdown('bot.agenda.period_list', {
      period: when, count: found.total, overdue: found.overdue ? t(locale, 'bot.agenda.period_overdue', { count: found.overdue }) : '',
      lines: lines.join('\n'), rest: (more > 0 ? `\n${t(locale, 'bot.agenda.period_more', { more })}` : '') + earlier,
    }));
  },
};

/** One to-do of a list: when (flagged if overdue), what, on whom. */
const taskLine = (locale: Locale, x: { at: Date; title: string; customerName?: string | null }, timeZone: string, now: Date) =>
  t(locale, x.at < now ? 'bot.agenda.line_overdue' : 'bot.agenda.line', { time: formatDateTime(x.at, locale, timeZone, now), title: x.title, customer: x.customerName ?? '' });

/** One customer whose follow-up is due: level and days since the last one. */
const customerLine = (locale: Locale, cu: { name: string; level: string; days: number }) =>
  t(locale, 'bot.agenda.customer_line', { name: cu.name, level: cu.level, days: cu.days });

/** "今天" / "明天" / "昨天", else the date: how the rep would name the day they asked about. */
function dayName(day: string, now: Date, locale: Locale, timeZone: string): string {
  const today = ymd(wallClock(now, timeZone));
  const shift = Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  const near = ({ [-1]: 'yesterday', 0: 'today', 1: 'tomorrow' } as Record<number, string>)[shift];
  return near ? t(locale, `bot.agenda.day.${near}`) : formatDate(day, locale, timeZone);
}
