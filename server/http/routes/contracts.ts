// 合同 and 回款. Approval decisions come from the approval engine (decideContract), not from a route here.
import type { Api } from '../api.js';
import { idParam } from '../api.js';
import { resource } from '../resource.js';
import { getRecord } from '../../domain/shared/records.js';
import { contractObject } from '../../domain/contract/contract.object.js';
import { paymentObject } from '../../domain/contract/payment.object.js';
import { submitContract } from '../../domain/contract/submit-contract.js';
import { withdrawContract } from '../../domain/contract/withdraw-contract.js';
import { recordPayment } from '../../domain/contract/record-payment.js';
import { ContractCreate, ContractRecord, ContractUpdate, PaymentCreate, PaymentUpdate, ReceivePayment } from '../schemas/contract.js';

export function contractRoutes(api: Api): void {
  api.schema('contract', ContractRecord);
  resource(api, { path: '/contracts', tag: 'contracts', def: contractObject, create: ContractCreate, update: ContractUpdate });
  // The approval is started by a hook on `contract.submitted` once the use case returns: the answer is read after
  // commit, so it carries the new approval's id (the client opens the approval from it).
  api.route('post', '/contracts/:id/submit', { summary: 'Submit a contract for approval; the answer carries the approval it started', tag: 'contracts', response: 'contract' },
    async (ctx) => {
      const id = idParam(ctx);
      await ctx.state.run((c) => submitContract(c, id));
      return ctx.state.read((c) => getRecord(c, contractObject, id));
    });
  api.route('post', '/contracts/:id/withdraw', { summary: 'Withdraw a pending contract (its owner)', tag: 'contracts', response: 'contract' },
    (ctx) => ctx.state.run((c) => withdrawContract(c, idParam(ctx))));
  resource(api, { path: '/payments', tag: 'payments', def: paymentObject, create: PaymentCreate, update: PaymentUpdate });
  api.route('post', '/payments/:id/receive', { summary: 'Record money received against a payment (finance)', tag: 'payments', body: ReceivePayment, response: 'payment' },
    (ctx, body) => ctx.state.run((c) => recordPayment(c, idParam(ctx), body)));
}
