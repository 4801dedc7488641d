// "本月龙虎榜" / "leaderboard this quarter" → a leaderboard card; "销售漏斗" / "pipeline" → a funnel card.
import { leaderboard } from '../../server/domain/leaderboard/leaderboard.js';
import { funnel } from '../../server/domain/leaderboard/funnel.js';
import { cardIdFor } from '../../cards/spec.js';
import { reply, type Command } from './command.js';

export const leaderboardCommand: Command<'leaderboard.show'> = {
  intent: 'leaderboard.show',
  async run(c, turn, u) {
    const board = await leaderboard(c, { metric: u.entities.metric, period: u.entities.period, offset: u.entities.offset });
    await reply(c, turn, {
      kind: 'card', template: 'leaderboard', cardId: cardIdFor('lb', turn.inbound.platform, turn.inbound.eventId), recipientUserId: turn.user.id,
      data: {
        timeZone: turn.deps.timeZone, metric: board.metric, period: board.period, periodLabel: board.periodLabel,
        teamName: board.teamName ?? undefined, amountsHidden: board.amountsHidden,
        rows: board.rows.map((r) => ({ rank: r.rank, name: r.name, value: r.value })),
      },
    });
  },
};

export const funnelCommand: Command<'funnel.show'> = {
  intent: 'funnel.show',
  async run(c, turn) {
    const f = await funnel(c);
    await reply(c, turn, {
      kind: 'card', template: 'funnel', cardId: cardIdFor('fn', turn.inbound.platform, turn.inbound.eventId), recipientUserId: turn.user.id,
      data: {
        timeZone: turn.deps.timeZone, amountsHidden: f.amountsHidden, forecastCents: f.amountsHidden ? undefined : f.forecastCents,
        stages: f.stages.map((s) => ({ name: s.label[turn.locale] ?? s.key, count: s.count, amountCents: s.amountCents })),
      },
    });
  },
};
