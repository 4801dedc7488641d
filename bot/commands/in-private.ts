// Answers that list one person's or a team's customers and follow-ups are for the asker: said in a group chat, they go
// to the asker's own chat with the app (on the same platform) and the group is told so — the group's other members
// may not open those records.
import { cardAddresses } from '../../server/domain/approval/approval-channels.js';
import type { DomainContext } from '../../server/domain/shared/with-tx.js';
import type { Outbound } from '../core/message.js';
import { reply, text, type Turn } from './command.js';

export async function replyInPrivate(c: DomainContext, turn: Turn, message: Outbound): Promise<void> {
  const inGroup = turn.inbound.kind === 'message' && turn.inbound.chatType === 'group';
  if (!inGroup) return reply(c, turn, message);
  const own = cardAddresses(c.db, turn.user).find((a) => a.platform === turn.address.platform);
  if (!own) return reply(c, turn, text('bot.private.unreachable'));
  await reply(c, turn, message, own);
  await reply(c, turn, text('bot.private.sent'));
}
