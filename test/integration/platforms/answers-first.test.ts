// "Answers first" through the real delivery path: outbox rows → deliverer → WeCom adapter and client (rate gate) →
// the WeCom fake with a small per-member limit. Reminders nobody waits for must not hold up the answer to a person.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { WecomApiFake } from '../../fakes/wecom-api.js';
import { createWecomAdapter } from '../../../bot/platforms/wecom/adapter.js';
import { createDeliverer } from '../../../bot/core/deliver.js';
import type { Address } from '../../../bot/core/message.js';
import { startOutboxDeliverer } from '../../../server/jobs/deliver-outbox.js';
import { withTx } from '../../../server/domain/shared/with-tx.js';
import { systemActor } from '../../../server/domain/shared/actor.js';
import { runWithContext } from '../../../server/request-context.js';
import { OutboxMessage } from '../../../server/domain/outbox/outbox-message.entity.js';
import { maxInWindow } from '../../helpers/windows.js';

// Stands in for WeCom's 30 per minute per member: the fake drops the excess silently, as WeCom does.
const LIMIT = { points: 6, windowMs: 2000 };
const PUSHES = 20;

async function until(cond: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.each(TARGETS)('answers first on %s', (target) => {
  let t: TestDb; let fake: WecomApiFake;
  beforeAll(async () => {
    t = await openTestDb(target);
    fake = new WecomApiFake({ memberLimits: [LIMIT] });
    await fake.start();
  });
  afterAll(async () => { await fake?.stop(); await t?.close(); });

  it('a rep\'s answer goes out in the first rate window although 20 reminders for them are queued ahead of it', async () => {
    const adapter = createWecomAdapter({
      config: { corpId: fake.corpId, secret: fake.secret, agentId: String(fake.agentId), apiBase: fake.url, token: 't', aesKey: 'k' },
      clientOptions: { memberLimits: [{ name: 'member', points: LIMIT.points, durationMs: LIMIT.windowMs }] },
    });
    const to: Address = { platform: 'wecom', tenant: fake.corpId, userId: 'rep.zhang', chatType: 'single' };
    const say = (title: string) => ({ address: to, message: { kind: 'text' as const, key: 'bot.card.updated_fallback', params: { title, status: '' } }, locale: 'zh-CN' as const });
    // Reminders, as the background workers write them: no request id.
    await withTx(t.db, systemActor('reminders'), async (c) => { for (let i = 0; i < PUSHES; i++) await c.outbox.push(say(`push-${i}`)); });
    const worker = startOutboxDeliverer({ db: t.db, deliver: createDeliverer({ db: t.db, adapters: { wecom: adapter }, renderers: {} }), idleMs: 20 });
    try {
      const texts = () => fake.deliveredTo('rep.zhang').map((d) => (d.body.text as { content: string }).content);
      // The first window's pushes are out and the rest wait for the gate.
      await until(() => texts().length >= LIMIT.points - 1, 5000);
      // The answer to the rep's own message, written while handling it: it carries the request id.
      await runWithContext({ requestId: 'req-answers-first' }, () => withTx(t.db, systemActor(), (c) => c.outbox.push(say('answer'))));
      worker.poke();
      await until(() => texts().some((x) => x.includes('answer')), 10_000);
      const delivered = fake.deliveredTo('rep.zhang');
      const answerAt = delivered.find((d) => JSON.stringify(d.body).includes('answer'))!.at;
      expect(answerAt - delivered[0].at).toBeLessThan(LIMIT.windowMs);
      expect(texts().findIndex((x) => x.includes('answer'))).toBeLessThan(LIMIT.points);

      await until(() => fake.deliveredTo('rep.zhang').length + fake.dropped.length >= PUSHES + 1, 30_000);
      await worker.drain();
      // Nothing dropped, nothing lost, every push in its order, and never more than the limit in any window.
      expect(fake.dropped).toHaveLength(0);
      expect(texts().filter((x) => x.includes('push-')).map((x) => x.match(/push-\d+/)![0])).toEqual(Array.from({ length: PUSHES }, (_, i) => `push-${i}`));
      expect(maxInWindow(fake.deliveredTo('rep.zhang').map((d) => d.at), LIMIT.windowMs)).toBeLessThanOrEqual(LIMIT.points);
      const rows = await t.db.ds.getRepository(OutboxMessage).find();
      expect(rows.map((r) => r.status)).toEqual(Array(PUSHES + 1).fill('sent'));
    } finally {
      await worker.stop();
    }
  });
});
