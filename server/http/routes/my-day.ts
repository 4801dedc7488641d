// 今日: the signed-in person's day (or another day asked for) — tasks due by the end of today and customers due for
// a follow-up (the same list as the morning digest and the bot's "今天的待办").
import type { Api } from '../api.js';
import { myDay } from '../../domain/reminder/my-day.js';
import { myTasks } from '../../domain/reminder/my-tasks.js';
import { parseInput } from '../validate.js';
import { MyDayQuery, MyTasksQuery } from '../schemas/task.js';

export function myDayRoutes(api: Api): void {
  api.route('get', '/my-day', {
    summary: 'Your open tasks due by the end of today and your customers due for a follow-up; or what falls due on another day', tag: 'tasks',
    query: { day: "YYYY-MM-DD in the company's time zone (default today): that day's tasks and cadences, and a count of what is open before it" },
  }, (ctx) => {
    const { day } = parseInput(MyDayQuery, ctx.query);
    return ctx.state.read((c) => myDay(c, undefined, { day }));
  });
  // 本周 / 本月 / 今年的待办: the same list as the bot's "今年的待办".
  api.route('get', '/my-tasks', {
    summary: 'Your open tasks due in a week, month, quarter or year of the company calendar (the current one also lists what is overdue)', tag: 'tasks',
    query: { period: 'week | month | quarter | year', offset: '0 = the current one (default), -1 the one before, 1 the next', limit: 'tasks listed, 1–100 (default 15); the counts cover them all' },
  }, (ctx) => {
    const q = parseInput(MyTasksQuery, ctx.query);
    return ctx.state.read((c) => myTasks(c, undefined, q));
  });
}
