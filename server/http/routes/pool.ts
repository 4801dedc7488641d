// 公海: claim and release customers and leads.
import { z } from 'zod';
import type { Api } from '../api.js';
import { idParam } from '../api.js';
import { claimFromPool } from '../../domain/pool/claim-from-pool.js';
import { releaseToPool } from '../../domain/pool/release-to-pool.js';
import { requiredText, ref } from '../schemas/common.js';

const Claim = z.strictObject({ forUserId: ref.optional() });
const Release = z.strictObject({ reason: requiredText(500) });

export function poolRoutes(api: Api): void {
  for (const [object, path] of [['customer', '/customers'], ['lead', '/leads']] as const) {
    api.route('post', `${path}/:id/claim`, { summary: `Claim a ${object} from the pool`, tag: 'pool', body: Claim },
      (ctx, body) => ctx.state.run((c) => claimFromPool(c, object, idParam(ctx), body.forUserId)));
    api.route('post', `${path}/:id/release`, { summary: `Release a ${object} to the pool`, tag: 'pool', body: Release },
      (ctx, body) => ctx.state.run((c) => releaseToPool(c, object, idParam(ctx), body.reason)));
  }
}
