// The mini-program's "my contracts" list through the REST API as it asks it: most recently updated first, a
// status filter, cursor pages, amounts only where field rules show them, and the page's customer names in one
// call (GET /customers?id=…, within what the reader may see).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS } from '../../helpers/db.js';
import { closeApi, openApi, type TestServer } from '../../helpers/http.js';
import { MINUTE } from '../../helpers/clock.js';
import type { TestDb } from '../../helpers/db.js';
import { withTx } from '../../../server/domain/shared/with-tx.js';
import { systemActor } from '../../../server/domain/shared/actor.js';
import { putSetting } from '../../../server/domain/settings/settings.js';

describe.each(TARGETS)('contracts list for the mini-program on %s', (target) => {
  let t: TestDb; let s: TestServer;
  const tok: Record<string, string> = {};
  const ids: Record<string, number> = {};
  let north = 0; let south = 0;
  const idsOf = (r: { body: { items: { id: number }[] } }) => r.body.items.map((k) => k.id);

  beforeAll(async () => {
    ({ t, s } = await openApi(target, tok));
    north = (await s.call('POST', '/api/v1/customers', { token: tok.repA, body: { name: '重庆北碚仪表有限公司' } })).body.id;
    south = (await s.call('POST', '/api/v1/customers', { token: tok.repA, body: { name: '重庆南岸物流有限公司' } })).body.id;
    const mk = async (key: string, customerId: number, amountCents: number) => {
      t.clock.advance(MINUTE);
      ids[key] = (await s.call('POST', '/api/v1/contracts', { token: tok.repA, body: { customerId, title: `列表合同 ${key}`, amountCents } })).body.id;
    };
    await mk('a', north, 10_000_00);
    await mk('b', south, 20_000_00);
    await mk('c', north, 30_000_00);
    // b is submitted after c was drafted, then a is edited last: the order is a, b, c.
    t.clock.advance(MINUTE);
    expect((await s.call('POST', `/api/v1/contracts/${ids.b}/submit`, { token: tok.repA })).body.status).toBe('pending');
    t.clock.advance(MINUTE);
    expect((await s.call('PATCH', `/api/v1/contracts/${ids.a}`, { token: tok.repA, body: { title: '列表合同 a（修订）' } })).status).toBe(200);
  });
  afterAll(() => closeApi(s, t));

  it('lists the rep\'s contracts most recently updated first, in cursor pages that neither skip nor repeat', async () => {
    const all = await s.call('GET', '/api/v1/contracts?sort=-updatedAt&limit=20', { token: tok.repA });
    expect(all.status).toBe(200);
    expect(idsOf(all)).toEqual([ids.a, ids.b, ids.c]);
    expect(all.body.items.map((k: { status: string }) => k.status)).toEqual(['draft', 'pending', 'draft']);
    const first = await s.call('GET', '/api/v1/contracts?sort=-updatedAt&limit=2', { token: tok.repA });
    expect(idsOf(first)).toEqual([ids.a, ids.b]);
    expect(first.body.nextCursor).toBeTruthy();
    const second = await s.call('GET', `/api/v1/contracts?sort=-updatedAt&limit=2&cursor=${first.body.nextCursor}`, { token: tok.repA });
    expect(idsOf(second)).toEqual([ids.c]);
    expect(second.body.nextCursor).toBeNull();
  });

  it('filters by status (one or several) and refuses an unknown status field', async () => {
    expect(idsOf(await s.call('GET', '/api/v1/contracts?status=pending&sort=-updatedAt', { token: tok.repA }))).toEqual([ids.b]);
    expect(idsOf(await s.call('GET', '/api/v1/contracts?status=draft&sort=-updatedAt', { token: tok.repA }))).toEqual([ids.a, ids.c]);
    expect(idsOf(await s.call('GET', '/api/v1/contracts?status=approved&sort=-updatedAt', { token: tok.repA }))).toEqual([]);
    expect(idsOf(await s.call('GET', '/api/v1/contracts?status=draft,pending&sort=-updatedAt', { token: tok.repA }))).toEqual([ids.a, ids.b, ids.c]);
    expect((await s.call('GET', '/api/v1/contracts?state=draft', { token: tok.repA })).status).toBe(400);
  });

  it('shows managers their team\'s contracts, finance and admins all, another team\'s rep none', async () => {
    for (const who of ['mgrEast', 'director', 'finance', 'admin']) {
      expect(idsOf(await s.call('GET', '/api/v1/contracts?sort=-updatedAt', { token: tok[who] })), who).toEqual([ids.a, ids.b, ids.c]);
    }
    for (const who of ['repB', 'repC', 'mgrWest']) expect(idsOf(await s.call('GET', '/api/v1/contracts?sort=-updatedAt', { token: tok[who] })), who).toEqual([]);
  });

  it('leaves the amount out of a row when a field rule hides it from the reader', async () => {
    await withTx(t.db, systemActor(), (x) => putSetting(x, 'fieldRules', [{ object: 'contract', field: 'amountCents', hiddenFor: ['manager'], exceptWhen: 'owner' }]));
    const mgr = await s.call('GET', '/api/v1/contracts?sort=-updatedAt', { token: tok.mgrEast });
    expect(mgr.body.items).toHaveLength(3);
    expect(mgr.body.items.every((k: object) => !('amountCents' in k))).toBe(true);
    const rep = await s.call('GET', '/api/v1/contracts?sort=-updatedAt', { token: tok.repA });
    expect(rep.body.items.map((k: { amountCents: number }) => k.amountCents)).toEqual([10_000_00, 20_000_00, 30_000_00]);
  });

  it('gives the page\'s customer names in one call by id, only those the reader may see', async () => {
    const names = (r: { body: { items: { id: number; name: string }[] } }) => Object.fromEntries(r.body.items.map((c) => [c.id, c.name]));
    const mine = await s.call('GET', `/api/v1/customers?id=${north},${south}&limit=100`, { token: tok.repA });
    expect(mine.status).toBe(200);
    expect(names(mine)).toEqual({ [north]: '重庆北碚仪表有限公司', [south]: '重庆南岸物流有限公司' });
    expect(names(await s.call('GET', `/api/v1/customers?id=${north}`, { token: tok.mgrEast }))).toEqual({ [north]: '重庆北碚仪表有限公司' });
    expect((await s.call('GET', `/api/v1/customers?id=${north},${south}`, { token: tok.repC })).body.items).toEqual([]);
    expect((await s.call('GET', '/api/v1/customers?id=abc', { token: tok.repA })).status).toBe(400);
  });
});
