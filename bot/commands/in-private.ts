// Answers that list one person's or a team's customers, follow-ups or payments are for the asker: said in a group chat,
// they go to the asker's own chat with the app (on the same platform) and the group is told so — the group's other
// members may not open those records.
import { cardAddresses } from '../../server/domain/approval/approval-channels.js';
import type { DomainContext } from '../../server/domain/shared/with-tx.js';
import type { Outbound } from '../core/message.js';
import { reply, text, type Turn } from './command.js';

/** True when the turn was said in a group chat (its answers are read by everyone there). */
export const saidInGroup = (turn: Turn) => turn.inbound.kind === 'message' && turn.inbound.chatType === 'group';

/**
 * `message` to the asker alone. In a group chat the group is told it went to them (or, when the app cannot reach them
 * one to one, where to ask) — or reads `forGroup(sent)` instead: what the group may see (counts, never the records),
 * saying so.
 */
export async function replyInPrivate(c: DomainContext, turn: Turn, message: Outbound, forGroup?: (sent: boolean) => Outbound): Promise<void> {
  if (!saidInGroup(turn)) return reply(c, turn, message);
  const own = cardAddresses(c.db, turn.user).find((a) => a.platform === turn.address.platform);
  if (own) await reply(c, turn, message, own);
  await reply(c, turn, forGroup ? forGroup(!!own) : text(own ? 'bot.private.sent' : 'bot.private.unreachable'));
}
