// "今天的待办" / "what's on my plate today" → my open tasks due by the end of today (company time zone), overdue first.
import { Task } from '../../server/domain/activity/task.entity.js';
import { Customer } from '../../server/domain/customer/customer.entity.js';
import { dbTime } from '../../server/domain/shared/sql.js';
import { addDays, wallClock, zonedToUtc } from '../understand/zoned-time.js';
import { formatDateTime } from '../../cards/format.js';
import { t } from '../../locales/index.js';
import { markdown, reply, type Command } from './command.js';
import { In } from 'typeorm';

export const myAgendaCommand: Command<'agenda.today'> = {
  intent: 'agenda.today',
  async run(c, turn) {
    const tz = turn.deps.timeZone;
    const today = wallClock(c.now, tz);
    const endOfDay = zonedToUtc({ ...addDays(today, 1), hour: 0, minute: 0, second: 0 }, tz);
    const tasks = await c.tx.createQueryBuilder(Task, 'r')
      .where('r.owner_id = :me AND r.status = :open AND r.due_at < :end', { me: turn.user.id, open: 'open', end: dbTime(c.db, endOfDay) })
      .orderBy('r.due_at', 'ASC').addOrderBy('r.id', 'ASC').take(20).getMany();
    if (!tasks.length) {
      await reply(c, turn, markdown('bot.agenda.empty'));
      return;
    }
    const customerIds = [...new Set(tasks.map((x) => x.customerId).filter((x): x is number => !!x))];
    const names = new Map((customerIds.length ? await c.tx.find(Customer, { where: { id: In(customerIds) }, select: { id: true, name: true } }) : []).map((x) => [x.id, x.name]));
    const lines = tasks.map((x) => t(turn.locale, x.dueAt < c.now ? 'bot.agenda.line_overdue' : 'bot.agenda.line', {
      time: formatDateTime(x.dueAt, turn.locale, tz), title: x.title, customer: x.customerId ? names.get(x.customerId) ?? '' : '',
    })).join('\n');
    await reply(c, turn, markdown('bot.agenda.list', { count: tasks.length, lines }));
  },
};
