import type Router from '@koa/router';
import type { Db } from '../../domain/shared/db.js';

/** GET /healthz: 200 when the database answers, 503 when it does not. */
export function healthRoutes(router: Router, db: Db): void {
  router.get('/healthz', async (ctx) => {
    const started = Date.now();
    try {
      await db.ds.query('SELECT 1');
      ctx.body = { status: 'ok', db: { kind: db.kind, reachable: true, latencyMs: Date.now() - started } };
    } catch {
      ctx.status = 503;
      ctx.body = { status: 'degraded', db: { kind: db.kind, reachable: false } };
    }
  });
}
