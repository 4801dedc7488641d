// Template id → pure (data, locale) → CardSpec. The outbox worker expands per recipient locale at delivery time.
import type { Locale } from '../../locales/index.js';
import type { CardSpec, CardTemplateId } from '../spec.js';
import { approvalCard, type ApprovalCardData } from './approval.js';
import { choiceCard, type ChoiceData } from './choice.js';
import { customerCard, type CustomerSummaryData } from './customer.js';
import { followUpReceiptCard, type FollowUpReceiptData } from './follow-up-receipt.js';
import { paymentReceiptCard, type PaymentReceiptData } from './payment-receipt.js';
import { taskReceiptCard, type TaskReceiptData } from './task-receipt.js';
import { funnelCard, type FunnelData } from './funnel.js';
import { leaderboardCard, type LeaderboardData } from './leaderboard.js';
import { reminderCard, type ReminderCardData } from './reminder.js';

export interface CardDataMap {
  'follow-up-receipt': FollowUpReceiptData;
  'payment-receipt': PaymentReceiptData;
  'task-receipt': TaskReceiptData;
  choice: ChoiceData;
  customer: CustomerSummaryData;
  approval: ApprovalCardData;
  reminder: ReminderCardData;
  leaderboard: LeaderboardData;
  funnel: FunnelData;
}

export const templates: { [K in CardTemplateId]: (data: CardDataMap[K], locale: Locale) => CardSpec } = {
  'follow-up-receipt': followUpReceiptCard,
  'payment-receipt': paymentReceiptCard,
  'task-receipt': taskReceiptCard,
  choice: choiceCard,
  customer: customerCard,
  approval: approvalCard,
  reminder: reminderCard,
  leaderboard: leaderboardCard,
  funnel: funnelCard,
};

/** Expand a stored card (template id + data) for one reader. Dates in `data` must be Date objects. */
export function expandCard<K extends CardTemplateId>(template: K, data: CardDataMap[K], locale: Locale): CardSpec {
  const fn = templates[template] as (d: CardDataMap[K], l: Locale) => CardSpec;
  if (!fn) throw new Error(`unknown card template ${template}`);
  return fn(data, locale);
}

export type { ApprovalCardData, ChoiceData, CustomerSummaryData, FollowUpReceiptData, FunnelData, LeaderboardData, ReminderCardData, TaskReceiptData };
