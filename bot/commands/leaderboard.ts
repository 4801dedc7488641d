// "本月龙虎榜" / "leaderboard this quarter" → a leaderboard card; "销售漏斗" / "pipeline" → a funnel card.
// In a group chat the card is the board of the team bound to that group, with amounts only if every member of that
// team may see them; an unbound group gets a short explanation instead.
import { leaderboardOrPrevious } from '../../server/domain/leaderboard/leaderboard.js';
import { funnel } from '../../server/domain/leaderboard/funnel.js';
import { bindingFor } from '../../server/domain/leaderboard/chat-bindings.js';
import { funnelCardData, leaderboardCardData } from '../../server/domain/leaderboard/board-cards.js';
import type { DomainContext } from '../../server/domain/shared/with-tx.js';
import { cardIdFor } from '../../cards/spec.js';
import { reply, text, type Command, type Turn } from './command.js';

/** The team of the group the turn came from: undefined outside groups, null for an unbound group. */
async function groupTeam(c: DomainContext, turn: Turn): Promise<number | null | undefined> {
  const inbound = turn.inbound;
  if (inbound.kind !== 'message' || inbound.chatType !== 'group') return undefined;
  const binding = await bindingFor(c, inbound.platform, inbound.chatId);
  return binding ? binding.teamId : null;
}

export const leaderboardCommand: Command<'leaderboard.show'> = {
  intent: 'leaderboard.show',
  async run(c, turn, u) {
    const teamId = await groupTeam(c, turn);
    if (teamId === null) return reply(c, turn, text('leaderboard.unbound_group'));
    const board = await leaderboardOrPrevious(c, {
      metric: u.entities.metric, period: u.entities.period, offset: u.entities.offset,
      ...(teamId !== undefined ? { teamId, audience: 'team' as const } : {}),
    });
    await reply(c, turn, {
      kind: 'card', template: 'leaderboard', cardId: cardIdFor('lb', turn.inbound.platform, turn.inbound.eventId),
      ...(teamId === undefined ? { recipientUserId: turn.user.id } : {}),
      data: leaderboardCardData(board, turn.timeZone),
    });
  },
};

export const funnelCommand: Command<'funnel.show'> = {
  intent: 'funnel.show',
  async run(c, turn, u) {
    const teamId = await groupTeam(c, turn);
    if (teamId === null) return reply(c, turn, text('leaderboard.unbound_group'));
    const f = await funnel(c, teamId !== undefined ? { teamId, audience: 'team' } : {});
    await reply(c, turn, {
      kind: 'card', template: 'funnel', cardId: cardIdFor('fn', turn.inbound.platform, turn.inbound.eventId),
      ...(teamId === undefined ? { recipientUserId: turn.user.id } : {}),
      data: funnelCardData(f, u.entities.view, turn.locale, turn.timeZone),
    });
  },
};
