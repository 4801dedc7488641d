// Shapes of what /api/v1 returns, as far as the mini-program reads them.
export interface Me {
  id: number; username: string; name: string; role: string; position: string | null; teamId: number | null; locale: string;
  /** The company's time zone and the server's clock when asked: the app's days are the company's (lib/clock.ts). */
  timeZone?: string; now?: string;
}
export interface Customer {
  id: number; name: string; level: 'A' | 'B' | 'C'; region: string | null; industry: string | null; ownerId: number | null;
  lastFollowUpAt: string | null; updatedAt: string; aliases?: string | null;
}
export interface Contact { id: number; name: string; title: string | null; phone: string | null; wechat: string | null; email: string | null; isPrimary: boolean }
export interface Opportunity {
  id: number; customerId: number; name: string; amountCents?: number; stage: string; status: 'open' | 'won' | 'lost';
  expectedCloseAt: string | null; probability: number; ownerId: number | null;
}
export interface Activity { id: number; type: string; content: string; occurredAt: string; authorId: number; nextStep: string | null; channel: string }
/** GET /my-day: tasks due by the end of the company's today (`at`: the snooze or the due time), customers due a follow-up. */
export interface DayTask { id: number; title: string; at: string; customerId: number | null; customerName: string | null; leadId: number | null; daysLate: number }
export interface DueCustomer { id: number; name: string; level: 'A' | 'B' | 'C'; lastFollowUpAt: string | null; since: string; days: number; everyDays: number }
export interface MyDay {
  timeZone: string; tasks: DayTask[]; customers: DueCustomer[];
  /** The company's day listed ('YYYY-MM-DD'), whether it is today, and (another day) the open tasks due before it. */
  day: string; today: boolean; earlier: number;
}
/** A task as /tasks answers it (GET, PATCH, POST /tasks/:id/complete and /cancel). */
export type TaskStatus = 'open' | 'done' | 'cancelled';
export interface Task { id: number; title: string; dueAt: string; status: TaskStatus; customerId: number | null; leadId: number | null }
/** PATCH /tasks/:id: a title or due time edited; a status closes the task as /complete or /cancel does (never reopens it). */
export interface TaskPatch { title?: string; dueAt?: string; status?: Exclude<TaskStatus, 'open'> }
/** GET /my-tasks?period=&offset=&limit=: one's open tasks due in a week, month, quarter or year of the company calendar. */
export type TaskPeriod = 'week' | 'month' | 'quarter' | 'year';
export interface MyTasks {
  timeZone: string; period: TaskPeriod; offset: number;
  /** The period's instants [start, end), and whether it holds now (then the overdue tasks from before it are listed too). */
  start: string; end: string; current: boolean;
  /** Tasks counted (items: the first `limit`, soonest first) and how many of them are overdue now. */
  total: number; overdue: number; items: DayTask[];
  /** Another period than the current one: open tasks due before it, counted rather than listed. */
  earlier: number;
}
export interface Contract {
  id: number; title: string; number: string | null; amountCents?: number; status: string;
  payments?: { count: number; plannedCents?: number; receivedCents?: number };
}
export interface Customer360 {
  customer: Customer; contacts: Contact[]; openOpportunities: Opportunity[]; followUps: Activity[]; openTasks: Task[]; contracts: Contract[];
}
export interface Lead {
  id: number; company: string; contactName: string | null; phone: string | null; region: string | null; status: string;
  ownerId: number | null; convertedCustomerId: number | null;
}
export interface Stage { key: string; label?: string | Record<string, string>; probability: number; requiredFields?: string[] }
/**
 * GET /contracts/:id and each row of GET /contracts (amountCents is absent when a field rule hides it). customerName
 * comes for every reader of the contract, also one who may not open the customer (finance); absent where a rule hides it.
 */
export interface ContractRecord {
  id: number; title: string; number: string | null; customerId: number; customerName?: string; opportunityId: number | null; amountCents?: number;
  signedAt: string | null; startAt: string | null; endAt: string | null; status: ContractStatus; ownerId: number | null;
  submittedAt: string | null; decidedAt: string | null; approvalId: number | null;
}
export type ContractStatus = 'draft' | 'pending' | 'approved' | 'rejected' | 'withdrawn';
/** A row of GET /approvals?status=pending|done. */
export interface Approval {
  id: number; taskId?: number; title?: string; status: string; objectType?: string; objectId?: number; submitterName?: string; customerName?: string;
  amountCents?: number; createdAt?: string; summary?: string; stepIndex?: number; stepTotal?: number; stepName?: string;
  mode?: 'all' | 'any'; dueAt?: string | null; decidedAt?: string | null;
}
export interface Person { id: number; name: string }
export interface ApprovalStepView {
  index: number; name: string; mode: 'all' | 'any'; status: string; startedAt: string | null; dueAt: string | null; decidedAt: string | null;
  approvers: { taskId: number; user: Person | null; status: string; current: boolean; comment: string | null; via: string | null; decidedAt: string | null }[];
}
/** GET /approvals/:id */
export interface ApprovalDetail {
  id: number; status: string; round: number; currentStep: number; stepCount: number; submitter: Person | null;
  createdAt: string; decidedAt: string | null; decidedBy: Person | null; canDecide: boolean; canWithdraw: boolean;
  contract: { id: number; title: string; status: ContractStatus; customerId?: number; customerName?: string; amountCents?: number; startAt: string | null; endAt: string | null };
  steps: ApprovalStepView[];
  history: { type: string; actor: Person | null; channel: string | null; comment: string | null; to: Person | null; step: number | null; at: string }[];
}
/** A colleague from GET /users. */
export interface Colleague { id: number; name: string; teamId: number | null; role: string; position: string | null }
/** A person the demo sign-in offers (GET /auth/dev, demo mode only). */
export interface DevPerson { username: string; name: string; role: string; position: string | null; team: string | null }
/** A row of GET /customers/stale: past its follow-up cadence, or going back to the pool within `poolSoonDays`. */
export interface StaleCustomer {
  id: number; name: string; level: 'A' | 'B' | 'C'; ownerId: number; ownerName: string; lastFollowUpAt: string | null;
  /** Where its clocks started (the last follow-up, or when its owner got it) and whole days since then. */
  since: string; days: number;
  /** The cadence in force and days past it (null: no cadence rule, or not past it yet). */
  everyDays: number | null; overdueDays: number | null;
  /** When it goes back to the pool and whole days left (0: within a day); null when no pool-return rule matches it. */
  returnAt: string | null; daysLeft: number | null;
}
/** GET /customers/stale: a rep's own, a manager's team's, an admin's all; most urgent first, `total` counts them all. */
export interface StaleCustomers {
  scope: 'mine' | 'team' | 'all'; total: number;
  /** A page, most urgent first; nextCursor (null on the last page) asks for the next. */
  items: StaleCustomer[]; nextCursor: string | null;
  /** Every owner of the whole list, the most first. */
  owners: { id: number; name: string; count: number }[];
  poolSoonDays: number;
}
/** A row of GET /payments/outstanding: an open instalment of an approved contract (amounts absent where a field rule hides them). */
export interface OpenInstalment {
  paymentId: number; contractId: number; contractTitle: string; customerId: number; customerName?: string;
  ownerId: number | null; ownerName: string | null; note: string | null; plannedAt: string | null;
  /** The company's day it is planned for ('YYYY-MM-DD') and whole days past it (0: not yet due). */
  plannedDate: string | null; daysOverdue: number; status: 'planned' | 'partial' | 'received';
  plannedAmountCents?: number; receivedAmountCents?: number; remainingCents?: number;
}
/** GET /payments/outstanding[?overdue=true]: overdue first; the sums are absent when any amount is hidden from the reader. */
export interface Outstanding {
  total: number; overdue: number; remainingCents?: number; overdueCents?: number; amountsHidden: boolean;
  /** A page, overdue first; nextCursor (null on the last page) asks for the next. The totals cover them all. */
  items: OpenInstalment[]; nextCursor: string | null; timeZone: string;
}
/** GET /payments/summary[?offset=-1]: the month's payments in the reader's scope; amounts absent when any is hidden. */
export interface PaymentsSummary {
  /** Whose money: the company's, a manager's team (named), or the reader's own contracts. */
  scope: 'mine' | 'team' | 'all'; teamId: number | null; teamName: string | null;
  month: { start: string; end: string; label: string; offset: number }; timeZone: string;
  receivedCount: number; receivedCents?: number;
  plannedCount: number; plannedCents?: number; plannedReceivedCents?: number;
  overdueCount: number; overdueCents?: number;
  topCustomers: { customerId: number; customerName?: string; receivedCents?: number }[];
  amountsHidden: boolean;
}
