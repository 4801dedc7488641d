// After "写跟进" on a reminder card the bot waits for the follow-up (server/domain/bot/expect-follow-up.ts): the
// person's next 1:1 message is logged on the card's customer or lead, without naming it again, and answered with the
// receipt card (undo included) either way. A message that is plainly something else (a question, a command, a
// follow-up naming another customer) is served as usual.
import { expectedFollowUp, stopExpecting } from '../../server/domain/bot/expect-follow-up.js';
import { findVisible } from '../../server/domain/shared/records.js';
import { findOpenTask } from '../../server/domain/activity/find-open-task.js';
import { customerObject } from '../../server/domain/customer/customer.object.js';
import { leadObject } from '../../server/domain/lead/lead.object.js';
import type { DomainContext } from '../../server/domain/shared/with-tx.js';
import { t } from '../../locales/index.js';
import { understandReport } from '../understand/intents.js';
import type { Understanding } from '../understand/types.js';
import { logFollowUpFor } from './log-follow-up.js';
import { reply, text, type Turn } from './command.js';

// Lines the understanding reads as something a report can look like: "客户说下周签" reads as a lookup of "说下周签",
// "…客户下周一签约" as nothing at all. An explicit lookup ("查一下 …") is a question, not a report.
const REPORT_LOOKALIKES = new Set<Understanding['intent']>(['unknown', 'opportunity.move_stage', 'customer.lookup']);
const ASKS = /^(?:帮我)?(?:查|搜|找|看看|看一下)|^(?:who|look ?up|find|search|show|tell me)\b/i;

function answersTheCard(u: Understanding, said: string): boolean {
  if (u.intent === 'followup.log') return !u.entities.customerName;
  return REPORT_LOOKALIKES.has(u.intent) && !(u.intent === 'customer.lookup' && ASKS.test(said));
}

/** "好的", "ok": an acknowledgement, not a report; "没人接" is short but says what happened. */
const tooThin = (report: { activityType: string; content: string; nextStep?: unknown }, said: string) =>
  report.activityType === 'other' && !report.nextStep && [...said].length < 4;

/** True when the message was the awaited follow-up (logged) or its cancellation; false to serve it as usual. */
export async function continueFollowUp(c: DomainContext, turn: Turn, said: string, u: Understanding): Promise<boolean> {
  const expected = await expectedFollowUp(c, turn.user.id);
  if (!expected) return false;
  const words = said.trim();
  if (t(turn.locale, 'bot.cancel_words').split('|').some((w) => w.toLowerCase() === words.toLowerCase())) {
    await stopExpecting(c, turn.user.id);
    await reply(c, turn, text('bot.followup.expect_cancelled'));
    return true;
  }
  if (u.intent === 'followup.log' && u.entities.customerName) {
    // Told the usual way, naming a customer: that ends the wait (a later "好的" must not become a second follow-up).
    await stopExpecting(c, turn.user.id);
    return false;
  }
  // "方案做完了" reads as a task done; when it names none of the rep's open tasks, it is what happened.
  const answers = answersTheCard(u, words) || (u.intent === 'task.complete' && (await findOpenTask(c, u.entities.query)).kind === 'none');
  if (!words || !answers) return false;
  const report = understandReport(words, { now: c.now, timeZone: turn.timeZone, locale: turn.locale, dateMemo: turn.dateMemo, workDays: turn.workDays });
  if (tooThin(report.entities, words)) return false;
  await stopExpecting(c, turn.user.id);
  const target = expected.subjectType === 'customer'
    ? { customer: await findVisible(c, customerObject, expected.subjectId) }
    : { lead: await findVisible(c, leadObject, expected.subjectId) };
  await logFollowUpFor(c, turn, report, target);
  return true;
}
