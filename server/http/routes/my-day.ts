// 今日: the signed-in person's day — tasks due by the end of today and customers due for a follow-up (the same list
// as the morning digest and the bot's "今天的待办").
import type { Api } from '../api.js';
import { myDay } from '../../domain/reminder/my-day.js';

export function myDayRoutes(api: Api): void {
  api.route('get', '/my-day', { summary: 'Your open tasks due by the end of today and your customers due for a follow-up', tag: 'tasks' },
    (ctx) => ctx.state.read((c) => myDay(c)));
}
