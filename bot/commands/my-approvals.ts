// "待审批" / "my approvals" → what waits for this approver now (the mini-program inbox's list, listMyApprovals),
// amounts only where field rules let them see them. Acting stays on the cards already in the chat, or the inbox.
import { listMyApprovals } from '../../server/domain/approval/list-approvals.js';
import { formatDateTime, formatMoney } from '../../cards/format.js';
import { t } from '../../locales/index.js';
import { markdown, reply, text, type Command } from './command.js';

const LINES = 10;

export const myApprovalsCommand: Command<'approval.pending'> = {
  intent: 'approval.pending',
  async run(c, turn) {
    const { items } = await listMyApprovals(c, 'pending', LINES);
    if (!items.length) return reply(c, turn, text('bot.approvals.none'));
    const lines = items.map((a, i) => t(turn.locale, 'bot.approvals.line', {
      n: i + 1, title: a.title, submitter: a.submitterName, step: a.stepIndex, total: a.stepTotal, stepName: a.stepName,
      amount: a.amountCents !== undefined ? t(turn.locale, 'bot.approvals.amount', { amount: formatMoney(a.amountCents) }) : '',
      due: a.dueAt ? t(turn.locale, 'bot.approvals.due', { at: formatDateTime(a.dueAt, turn.locale, turn.timeZone) }) : '',
    })).join('\n');
    await reply(c, turn, markdown('bot.approvals.list', { count: items.length, lines }));
  },
};
