// What the conversation layer gets back from understand(): one intent and its raw entities. Imports nothing heavy.
import type { Currency } from './parse-amount.js';
import type { TextLanguage } from './parse-date.js';

export type ActivityType = 'call' | 'visit' | 'wechat' | 'meeting' | 'email' | 'other';
/** 'failed': no answer, switched off, busy, refused, not interested; 'reached' otherwise. */
export type FollowUpOutcome = 'reached' | 'failed';
export type LeaderboardMetric = 'won_amount' | 'payments' | 'new_customers' | 'followups';
export type LeaderboardPeriod = 'day' | 'week' | 'month' | 'quarter' | 'year';

export interface NextStep {
  /** What to do, with the date words removed ("发报价", "send quote"). */
  text: string;
  /** When, as a UTC instant; date-only mentions get the default local hour. */
  due?: Date;
  /** Local calendar date of `due` in the company zone, 'YYYY-MM-DD'. */
  dueDate?: string;
  /** The date words as said ("下周三", "next Friday"). */
  dueText?: string;
  dueHasTime?: boolean;
}

export interface FollowUpEntities {
  /** Raw mention; resolution against the records the user may see happens elsewhere. */
  customerName?: string;
  contactName?: string;
  activityType: ActivityType;
  /** Whether the rep got through, read from what happened (not from the next step). */
  outcome: FollowUpOutcome;
  content: string;
  nextStep?: NextStep;
}

/** A customer to create, with what was said of its first contact. */
export interface NewCustomerEntities { name: string; region?: string; contactName?: string; phone?: string; email?: string }

export interface LeadEntities { region?: string; contactName?: string; phone?: string; email?: string; company?: string; note?: string }

export interface OpportunityCreateEntities {
  customerName?: string;
  name?: string;
  amountCents?: number;
  currency?: Currency;
  /** Local date 'YYYY-MM-DD' in the company zone. */
  expectedCloseDate?: string;
}

export interface MoveStageEntities {
  opportunityName?: string;
  /** StageDef.key of the configured stage list. */
  stage: string;
  stageKind: 'open' | 'won' | 'lost';
  reason?: string;
  /** A new amount said with the move ("推进到方案报价，金额改成80万"). */
  amountCents?: number;
}

/** A to-do said in chat ("明天上午10点提醒我给华为打电话", "todo: call Huawei"). */
/** A day's to-dos; asked about a plan ("明天给华为打电话吗"): those about what it names, and the plan as a to-do would say it. */
export interface AgendaDayEntities { date: string; about?: string; plan?: string }

export interface TaskCreateEntities {
  /** What to do, with the trigger and the date words removed ("给华为打电话", "call Huawei"). */
  title: string;
  /** A customer or lead it names, as said; optional (a task may stand alone). */
  customerName?: string;
  /** When it is due, as a UTC instant: a date without a time gets the default local hour. */
  due: Date;
  /** Local calendar date of `due` in the company zone, 'YYYY-MM-DD'. */
  dueDate: string;
  /** The date words as said ("明天上午10点", "next Monday"). */
  dueText?: string;
  dueHasTime: boolean;
  /** No time was said: `due` is the default (today 18:00, or tomorrow 09:00 after that), and the receipt says so. */
  dueDefault?: boolean;
}

/** Money received, as said ("华为回款50万到账了", "received 500k from Huawei"): the customer as a raw mention. */
export interface PaymentReceiveEntities { customerName?: string; amountCents: number; currency?: Currency }

/** Whose follow-ups, over which days: "张伟这周的跟进", "what did Emily do this week", "我最近跟进了哪些客户". */
export interface PersonFollowUpsEntities {
  /** A name as said; null: the asker ("我", "my", "I"). */
  person: string | null;
  /** 'recent': the last seven days; otherwise the calendar period in the company zone. */
  period: 'recent' | 'day' | 'week' | 'month';
  /** 0 = current, -1 = previous ("上周", "yesterday"). */
  offset: number;
}

/** "本周的待办", "今年的待办", "my tasks next month": the open tasks due in a whole calendar period. */
export interface AgendaPeriodEntities {
  period: 'week' | 'month' | 'quarter' | 'year';
  /** 0 = current, 1 = next, -1 = previous. */
  offset: number;
}

interface Base { language: TextLanguage; text: string }

export type Understanding = Base & (
  | { intent: 'followup.log'; entities: FollowUpEntities }
  | { intent: 'lead.create'; entities: LeadEntities }
  | { intent: 'customer.lookup'; entities: { customerName: string } }
  | { intent: 'customer.contacts'; entities: { customerName: string } }
  | { intent: 'task.create'; entities: TaskCreateEntities }
  | { intent: 'task.complete'; entities: { /** The task's title or its customer's name, as said. */ query: string } }
  | { intent: 'customer.create'; entities: NewCustomerEntities }
  | { intent: 'customer.mine'; entities: Record<string, never> }
  | { intent: 'customer.stale'; entities: Record<string, never> }
  | { intent: 'activity.person'; entities: PersonFollowUpsEntities }
  | { intent: 'activity.team'; entities: Omit<PersonFollowUpsEntities, 'person'> }
  | { intent: 'approval.pending'; entities: Record<string, never> }
  | { intent: 'opportunity.mine'; entities: Record<string, never> }
  | { intent: 'contract.withdraw'; entities: { title: string } }
  | { intent: 'contract.submit'; entities: { title: string } }
  | { intent: 'contract.mine'; entities: Record<string, never> }
  | { intent: 'payment.receive'; entities: PaymentReceiveEntities }
  | { intent: 'payment.outstanding'; entities: { /** Only instalments past their planned day. */ overdueOnly: boolean } }
  | { intent: 'payment.summary'; entities: { /** 0 = this month, -1 = last month */ offset: number } }
  | { intent: 'agenda.today'; entities: AgendaDayEntities }
  | { intent: 'agenda.period'; entities: AgendaPeriodEntities }
  | { intent: 'opportunity.create'; entities: OpportunityCreateEntities }
  | { intent: 'opportunity.move_stage'; entities: MoveStageEntities }
  | { intent: 'opportunity.status'; entities: { opportunityName: string } }
  | { intent: 'pool.list'; entities: { kind?: 'lead' | 'customer' } }
  | { intent: 'pool.claim'; entities: { name?: string } }
  | { intent: 'leaderboard.show'; entities: { metric: LeaderboardMetric; period: LeaderboardPeriod; /** 0 = current, -1 = previous */ offset: number } }
  | { intent: 'leaderboard.mine'; entities: { /** null: every metric */ metric: LeaderboardMetric | null; period: LeaderboardPeriod; offset: number } }
  | { intent: 'funnel.show'; entities: { view: 'funnel' | 'forecast' | 'region' } }
  | { intent: 'help'; entities: Record<string, never> }
  | { intent: 'unknown'; entities: Record<string, never> }
);

export type Intent = Understanding['intent'];
