// "我排第几" / "我本月回款排名" / "what's my rank this week" → the asker's place on their team's boards (every metric,
// or the one named), read through the same use case as the boards. In a group chat the figures stay out: others read
// the answer, and field rules are per reader.
import { leaderboard, type Board } from '../../server/domain/leaderboard/leaderboard.js';
import { METRICS } from '../../server/domain/leaderboard/contributions.js';
import { formatCount, formatMoney } from '../../cards/format.js';
import { t } from '../../locales/index.js';
import { markdown, reply, text, type Command } from './command.js';

const isMoney = (metric: string) => metric === 'won_amount' || metric === 'payments';

export const myRankCommand: Command<'leaderboard.mine'> = {
  intent: 'leaderboard.mine',
  async run(c, turn, u) {
    if (turn.user.role !== 'rep' && turn.user.role !== 'manager') return reply(c, turn, text('leaderboard.mine.not_ranked'));
    const inGroup = turn.inbound.kind === 'message' && turn.inbound.chatType === 'group';
    const { period, offset } = u.entities;
    const boards: Board[] = [];
    for (const metric of u.entities.metric ? [u.entities.metric] : METRICS) boards.push(await leaderboard(c, { metric, period, offset }));
    let hidden = false;
    const lines = boards.map((b) => {
      const metric = t(turn.locale, `card.metric.${b.metric}`);
      const mine = b.rows.find((r) => r.userId === turn.user.id);
      if (!mine) return t(turn.locale, 'leaderboard.mine.unranked', { metric, ranked: b.rows.length });
      const showValue = !isMoney(b.metric) || (!inGroup && !b.amountsHidden);
      if (!showValue) hidden = true;
      const value = showValue ? t(turn.locale, 'leaderboard.mine.value', { value: isMoney(b.metric) ? formatMoney(mine.value) : formatCount(mine.value) }) : '';
      return t(turn.locale, 'leaderboard.mine.line', { metric, rank: mine.rank, ranked: b.rows.length, value });
    });
    const title = t(turn.locale, 'leaderboard.mine.title', { period: boards[0].periodLabel, team: boards[0].teamName ?? t(turn.locale, 'leaderboard.mine.everyone') });
    const note = hidden ? `\n\n${t(turn.locale, 'leaderboard.mine.hidden')}` : '';
    await reply(c, turn, markdown('leaderboard.mine.text', { title, lines: lines.join('\n'), note }));
  },
};
