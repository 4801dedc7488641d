// Delivery state (admins): GET /outbox/stats and GET /outbox?status=pending|sending|sent|dead&before=<id>.
import { z } from 'zod';
import type { Api } from '../api.js';
import { parseInput } from '../validate.js';
import { listOutbox, outboxStats } from '../../domain/outbox/delivery-state.js';

// A page size or starting id that is not a number in range is a 400 naming it, as on the other lists.
const Query = z.object({
  status: z.string().optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export function outboxRoutes(api: Api): void {
  api.route('get', '/outbox/stats', { summary: 'Outgoing messages by delivery state (admin)', tag: 'delivery' }, (ctx) => ctx.state.run((c) => outboxStats(c)));
  api.route('get', '/outbox', { summary: 'Outgoing messages, newest first (admin)', tag: 'delivery', query: { status: 'pending | sending | sent | dead', before: 'id to page from', limit: '1–200' } },
    (ctx) => {
      const q = parseInput(Query, ctx.query);
      return ctx.state.run((c) => listOutbox(c, q));
    });
}
