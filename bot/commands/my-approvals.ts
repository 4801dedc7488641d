// "待审批" / "my approvals" → what waits for this approver now (the mini-program inbox's list, listMyApprovals),
// amounts only where field rules let them see them. In their own chat with the app the first few cards come again
// below the list, ready to act on (resendApprovalCards): the ones sent at the time may have scrolled away, or WeCom
// may no longer let them be updated; one that reached this chat a moment ago is not sent twice, the list says it is just
// above (cardsJustSent). Asked in a group, only the list, and in the approver's own chat (in-private.ts): what waits for
// them, with amounts, is theirs; the group is told it was sent.
import { listMyApprovals } from '../../server/domain/approval/list-approvals.js';
import { cardsJustSent, resendApprovalCards } from '../../server/domain/approval/resend-approval-cards.js';
import { cardAddresses } from '../../server/domain/approval/approval-channels.js';
import { formatDateTime, formatMoney } from '../../cards/format.js';
import { t } from '../../locales/index.js';
import { markdown, reply, text, type Command } from './command.js';
import { replyInPrivate } from './in-private.js';

const LINES = 10;
/** Cards sent again at most: more would bury the list under them. */
const CARDS = 3;

export const myApprovalsCommand: Command<'approval.pending'> = {
  intent: 'approval.pending',
  async run(c, turn) {
    const { items } = await listMyApprovals(c, 'pending', LINES);
    if (!items.length) return reply(c, turn, text('bot.approvals.none'));
    // In their own chat, and where cards can reach them on this platform, the first few come again below the list,
    // except those whose card arrived here a moment ago: those are still just above.
    const inOwnChat = turn.inbound.kind === 'message' && turn.inbound.chatType !== 'group';
    const reachable = inOwnChat && cardAddresses(c.db, turn.user).some((a) => a.platform === turn.address.platform);
    const first = reachable ? items.slice(0, CARDS) : [];
    const above = first.length ? await cardsJustSent(c, first.map((a) => a.taskId), turn.address.platform) : new Set<number>();
    const again = first.filter((a) => !above.has(a.taskId));
    const lines = items.map((a, i) => t(turn.locale, 'bot.approvals.line', {
      n: i + 1, title: a.title, submitter: a.submitterName, step: a.stepIndex, total: a.stepTotal, stepName: a.stepName,
      amount: a.amountCents !== undefined ? t(turn.locale, 'bot.approvals.amount', { amount: formatMoney(a.amountCents) }) : '',
      due: a.dueAt ? t(turn.locale, 'bot.approvals.due', { at: formatDateTime(a.dueAt, turn.locale, turn.timeZone) }) : '',
    }) + (above.has(a.taskId) ? t(turn.locale, 'bot.approvals.card_above') : '')).join('\n');
    const rest = items.length > first.length;
    const next = !first.length ? t(turn.locale, 'bot.approvals.cards_elsewhere')
      : !above.size ? (rest ? t(turn.locale, 'bot.approvals.cards_below_some', { sent: again.length }) : t(turn.locale, 'bot.approvals.cards_below'))
        : !again.length ? (rest ? t(turn.locale, 'bot.approvals.cards_above_some', { count: first.length }) : t(turn.locale, 'bot.approvals.cards_above'))
          : rest ? t(turn.locale, 'bot.approvals.cards_above_below_some', { count: first.length }) : t(turn.locale, 'bot.approvals.cards_above_below');
    // Queued first, so the list reaches the chat before the cards it announces.
    await replyInPrivate(c, turn, markdown('bot.approvals.list', { count: items.length, lines, next }));
    if (again.length) await resendApprovalCards(c, again.map((a) => a.taskId), turn.address.platform);
  },
};
