// "哪些客户很久没跟进了" / "该跟进的客户" / "哪些客户快掉公海了" / "which customers are overdue" → the customers past their
// follow-up cadence or about to go back to the pool (server/domain/customer/stale-customers.ts): a rep's own; a
// manager's team's, by rep. At most ~15 lines; the rest is counted.
import { staleCustomers, type StaleCustomer } from '../../server/domain/customer/stale-customers.js';
import { t, type Locale } from '../../locales/index.js';
import { markdown, type Command } from './command.js';
import { replyInPrivate } from './in-private.js';
import { shareLines } from './list-reply.js';

/** Lines of one answer at most: the title (two lines), the people's names and the customers, and the "N more" line. */
export const STALE_LINES = 15;

function line(locale: Locale, x: StaleCustomer): string {
  const pool = x.daysLeft === null ? '' : x.daysLeft === 0 ? t(locale, 'bot.stale.pool_today')
    : x.daysLeft === 1 ? t(locale, 'bot.stale.pool_in_one') : t(locale, 'bot.stale.pool_in', { days: x.daysLeft });
  const waited = x.lastFollowUpAt ? t(locale, 'bot.stale.days', { days: x.days }) : t(locale, 'bot.stale.never', { days: x.days });
  return t(locale, 'bot.stale.line', { name: x.name, level: x.level, waited, pool });
}

export const staleCustomersCommand: Command<'customer.stale'> = {
  intent: 'customer.stale',
  async run(c, turn) {
    const { locale } = turn;
    const found = await staleCustomers(c, { limit: 500 });
    if (!found.total) return replyInPrivate(c, turn, markdown(found.scope === 'mine' ? 'bot.stale.none' : 'bot.stale.none_team', { days: found.poolSoonDays }));
    const lines: string[] = [];
    let shown = 0;
    const budget = STALE_LINES - 3;
    if (found.scope === 'mine') {
      for (const x of found.items.slice(0, budget)) { lines.push(line(locale, x)); shown++; }
    } else {
      // By person, the one with the most waiting first, each with their most urgent few: the lines are shared out, so
      // one person's long list does not hide everyone else's.
      const owners = found.owners.slice(0, Math.floor(budget / 2));
      const listed = owners.map((o) => found.items.filter((i) => i.ownerId === o.id));
      const take = shareLines(listed.map((l) => l.length), budget - owners.length);
      owners.forEach((owner, k) => {
        lines.push(t(locale, 'bot.stale.owner', { name: owner.name, count: owner.count }));
        for (const x of listed[k].slice(0, take[k])) { lines.push(line(locale, x)); shown++; }
      });
    }
    const more = found.total - shown;
    const title = t(locale, found.scope === 'mine' ? 'bot.stale.title' : found.scope === 'team' ? 'bot.stale.title_team' : 'bot.stale.title_all', { count: found.total, days: found.poolSoonDays });
    await replyInPrivate(c, turn, markdown('bot.stale.list', { title, lines: lines.join('\n'), more: more > 0 ? `\n${t(locale, 'bot.stale.more', { more })}` : '' }));
  },
};
