// "今天的待办" / "what's on my plate today" → the rep's day (server/domain/reminder/my-day.ts, the same list as the
// morning digest and the mini-program's Today page): tasks due by the end of today, overdue first, then the customers
// whose follow-up cadence has run out.
import { myDay } from '../../server/domain/reminder/my-day.js';
import { formatDateTime } from '../../cards/format.js';
import { t } from '../../locales/index.js';
import { markdown, reply, type Command } from './command.js';

/** Lines per list in one chat message; the rest are counted and left to the mini-program. */
const MAX_LINES = 15;

export const myAgendaCommand: Command<'agenda.today'> = {
  intent: 'agenda.today',
  async run(c, turn) {
    const day = await myDay(c, turn.user.id);
    if (!day.tasks.length && !day.customers.length) {
      await reply(c, turn, markdown('bot.agenda.empty'));
      return;
    }
    const taskLines = day.tasks.slice(0, MAX_LINES).map((x) => t(turn.locale, x.at < c.now ? 'bot.agenda.line_overdue' : 'bot.agenda.line', {
      time: formatDateTime(x.at, turn.locale, day.timeZone), title: x.title, customer: x.customerName ?? '',
    }));
    const customerLines = day.customers.slice(0, MAX_LINES).map((cu) => t(turn.locale, 'bot.agenda.customer_line', { name: cu.name, level: cu.level, days: cu.days }));
    const more = Math.max(0, day.tasks.length - MAX_LINES) + Math.max(0, day.customers.length - MAX_LINES);
    const rest = [
      ...(day.customers.length ? [t(turn.locale, 'bot.agenda.customers', { count: day.customers.length, lines: customerLines.join('\n') })] : []),
      ...(more ? [t(turn.locale, 'bot.agenda.more', { more })] : []),
    ].map((block) => `\n\n${block}`).join('');
    await reply(c, turn, markdown('bot.agenda.list', { count: day.tasks.length, lines: taskLines.length ? taskLines.join('\n') : t(turn.locale, 'bot.agenda.no_tasks'), rest }));
  },
};
