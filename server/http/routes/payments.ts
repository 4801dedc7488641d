// 回款 for finance and the sales side beyond the payment resource: record money received against a contract (its open
// instalments, oldest first), take a receipt back within five minutes, the open instalments and the month's summary.
// The same use cases as the chat ("华为回款50万到账了", "哪些合同还没回款", "本月回款情况").
import type { Api } from '../api.js';
import { idParam } from '../api.js';
import { invalid } from '../../domain/shared/domain-error.js';
import { receiveOnContract } from '../../domain/contract/receive-on-contract.js';
import { undoReceipt } from '../../domain/contract/undo-receipt.js';
import { outstandingPayments } from '../../domain/contract/outstanding-payments.js';
import { paymentsSummary } from '../../domain/contract/payments-summary.js';
import { parseInput } from '../validate.js';
import { pageQueryDoc } from '../schemas/common.js';
import { OutstandingQuery, ReceiptRecord, ReceiveOnContract, SummaryQuery } from '../schemas/payment.js';

/** Registered before the payment resource: /payments/outstanding is not /payments/:id. */
export function paymentRoutes(api: Api): void {
  api.schema('payment_receipt', ReceiptRecord);
  api.route('get', '/payments/outstanding', {
    summary: 'Open instalments of approved contracts you may read (finance and admins: all; managers: their teams\'; reps: their own), overdue first, a page at a time, with the totals of them all',
    tag: 'payments', query: { overdue: 'true: only those past their planned day', ...pageQueryDoc() },
  }, (ctx) => {
    const q = parseInput(OutstandingQuery, ctx.query);
    return ctx.state.read((c) => outstandingPayments(c, { overdueOnly: q.overdue === 'true', limit: q.limit, cursor: q.cursor }));
  });
  api.route('get', '/payments/summary', {
    summary: 'The month\'s payments in your scope, and which it is (scope: all = the company\'s, team = your team\'s with teamId/teamName, mine = your own contracts): received, planned (and how much of it is in), overdue, the customers who paid most',
    tag: 'payments', query: { offset: '0 (this month, default) or -1 (last month)' },
  }, (ctx) => {
    const q = parseInput(SummaryQuery, ctx.query);
    return ctx.state.read((c) => paymentsSummary(c, { offset: Number(q.offset ?? 0) }));
  });
  api.route('post', '/contracts/:id/receive', {
    summary: 'Record money received against the contract\'s open instalments, oldest first (finance); more than is open is refused. Idempotent by Idempotency-Key header or idempotencyKey',
    tag: 'payments', body: ReceiveOnContract, status: 201, response: 'payment_receipt',
  }, (ctx, body) => {
    const header = ctx.get('idempotency-key').trim() || undefined;
    if (header && header.length > 64) throw invalid('validation.too_long', 'Idempotency-Key', { max: 64 });
    return ctx.state.run((c) => receiveOnContract(c, idParam(ctx), { ...body, idempotencyKey: body.idempotencyKey ?? header }));
  });
  api.route('post', '/payment-receipts/:id/undo', {
    summary: 'Take a receipt back within five minutes of recording it (its recorder): the instalments as they were before it', tag: 'payments', response: 'payment_receipt',
  }, (ctx) => ctx.state.run(async (c) => (await undoReceipt(c, idParam(ctx))).receipt));
}
