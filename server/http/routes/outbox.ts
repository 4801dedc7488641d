// Delivery state (admins): GET /outbox/stats and GET /outbox?status=pending|sending|sent|dead&before=<id>.
import type { Api } from '../api.js';
import { listOutbox, outboxStats } from '../../domain/outbox/delivery-state.js';

export function outboxRoutes(api: Api): void {
  api.route('get', '/outbox/stats', { summary: 'Outgoing messages by delivery state (admin)', tag: 'delivery' }, (ctx) => ctx.state.run((c) => outboxStats(c)));
  api.route('get', '/outbox', { summary: 'Outgoing messages, newest first (admin)', tag: 'delivery', query: { status: 'pending | sending | sent | dead', before: 'id to page from', limit: '1–200' } },
    (ctx) => ctx.state.run((c) => listOutbox(c, {
      status: typeof ctx.query.status === 'string' ? ctx.query.status : undefined,
      before: Number(ctx.query.before) || undefined,
      limit: Number(ctx.query.limit) || undefined,
    })));
}
