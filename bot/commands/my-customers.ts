// "我的客户" / "my customers" → the rep's own customers, the longest without a follow-up first: in chat, the question
// behind it is "whom should I call".
import { listRecords } from '../../server/domain/shared/records.js';
import { customerObject } from '../../server/domain/customer/customer.object.js';
import { formatDate } from '../../cards/format.js';
import { t } from '../../locales/index.js';
import type { Command } from './command.js';
import { LIST_LINES, replyList } from './list-reply.js';

export const myCustomersCommand: Command<'customer.mine'> = {
  intent: 'customer.mine',
  async run(c, turn) {
    // Never followed up sorts first (the cursor's null sentinel is the earliest time).
    const page = await listRecords(c, customerObject, { filters: { ownerId: String(turn.user.id) }, sort: 'lastFollowUpAt', limit: LIST_LINES });
    await replyList(c, turn, 'bot.mine', page, (r, n) => t(turn.locale, 'bot.mine.line', {
      n, name: String(r.name), level: String(r.level),
      last: r.lastFollowUpAt ? t(turn.locale, 'bot.mine.last', { date: formatDate(new Date(String(r.lastFollowUpAt)), turn.locale, turn.timeZone) }) : t(turn.locale, 'bot.mine.never'),
    }));
  },
};
