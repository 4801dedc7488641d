// 客户 360: the one-screen view of a customer.
import type { Api } from '../api.js';
import { idParam } from '../api.js';
import { customer360 } from '../../domain/customer/customer-360.js';

export function customer360Routes(api: Api): void {
  api.route('get', '/customers/:id/360', { summary: 'A customer with contacts, open opportunities, last 20 follow-ups, open tasks and contracts', tag: 'customers', response: 'customer360' },
    (ctx) => ctx.state.run((c) => customer360(c, idParam(ctx))));
}
