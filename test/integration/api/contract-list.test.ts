// The mini-program's "my contracts" list through the REST API as it asks it: most recently updated first, a
// status filter, cursor pages, amounts only where field rules show them, and each row's customer name on the row
// itself (customerName) for whoever may read the contract, as the approval card names it, even where the reader may
// not open the customer (finance; a customer moved to another rep); GET /customers?id=… still names many at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS } from '../../helpers/db.js';
import { closeApi, openApi, type TestServer } from '../../helpers/http.js';
import { MINUTE } from '../../helpers/clock.js';
import type { TestDb } from '../../helpers/db.js';
import { withTx } from '../../../server/domain/shared/with-tx.js';
import { systemActor } from '../../../server/domain/shared/actor.js';
import { putSetting } from '../../../server/domain/settings/settings.js';
import { Customer } from '../../../server/domain/customer/customer.entity.js';

describe.each(TARGETS)('contracts list for the mini-program on %s', (target) => {
  let t: TestDb; let s: TestServer; let org: Awaited<ReturnType<typeof openApi>>['org'];
  const tok: Record<string, string> = {};
  const ids: Record<string, number> = {};
  let north = 0; let south = 0;
  const idsOf = (r: { body: { items: { id: number }[] } }) => r.body.items.map((k) => k.id);

  beforeAll(async () => {
    ({ t, s, org } = await openApi(target, tok));
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
  it('names each contract\'s customer on the contract itself for its readers, also where they may not open the customer; not for others', async () => {
    await withTx(t.db, systemActor(), (x) => putSetting(x, 'fieldRules', []));
    type Row = { id: number; customerId?: number; customerName?: string };
    const named = (r: { body: { items: Row[] } }) => Object.fromEntries(r.body.items.map((k) => [k.id, k.customerName]));
    const want = { [ids.a]: '重庆北碚仪表有限公司', [ids.b]: '重庆南岸物流有限公司', [ids.c]: '重庆北碚仪表有限公司' };
    // The submitter, their manager, finance (every contract, no customer of its own) and an admin.
    for (const who of ['repA', 'mgrEast', 'finance', 'admin']) {
      const list = await s.call('GET', '/api/v1/contracts?sort=-updatedAt', { token: tok[who] });
      expect(list.status, who).toBe(200);
      expect(named(list), who).toEqual(want);
      expect((await s.call('GET', `/api/v1/contracts/${ids.b}`, { token: tok[who] })).body.customerName, who).toBe('重庆南岸物流有限公司');
    }
    // Finance may not open the customers themselves: the name comes with the contract only.
    expect((await s.call('GET', `/api/v1/customers/${north}`, { token: tok.finance })).status).toBe(404);
    expect((await s.call('GET', `/api/v1/customers?id=${north},${south}`, { token: tok.finance })).body.items).toEqual([]);
    // A customer moved to another team's rep: its contract's owner still reads the contract, and whose it is.
    await t.db.ds.getRepository(Customer).update({ id: south }, { ownerId: org.users.repC.id });
    try {
      expect((await s.call('GET', `/api/v1/customers/${south}`, { token: tok.repA })).status).toBe(404);
      expect(named(await s.call('GET', '/api/v1/contracts?sort=-updatedAt', { token: tok.repA }))).toEqual(want);
      expect((await s.call('GET', `/api/v1/contracts/${ids.b}`, { token: tok.repA })).body).toMatchObject({ customerId: south, customerName: '重庆南岸物流有限公司' });
      // The customer's new owner may not read the contract: neither it nor, through it, anything of it.
      expect((await s.call('GET', `/api/v1/contracts/${ids.b}`, { token: tok.repC })).status).toBe(404);
      expect((await s.call('GET', '/api/v1/contracts?sort=-updatedAt', { token: tok.repC })).body.items).toEqual([]);
    } finally {
      await t.db.ds.getRepository(Customer).update({ id: south }, { ownerId: org.users.repA.id });
    }
    // A field rule hiding the contract's customer from managers (but their own) hides its name too; one hiding
    // customer names from finance does the same for finance.
    await withTx(t.db, systemActor(), (x) => putSetting(x, 'fieldRules', [
      { object: 'contract', field: 'customerId', hiddenFor: ['manager'], exceptWhen: 'owner' },
      { object: 'customer', field: 'name', hiddenFor: ['finance'] },
    ]));
    try {
      for (const who of ['mgrEast', 'finance']) {
        const rows = (await s.call('GET', '/api/v1/contracts?sort=-updatedAt', { token: tok[who] })).body.items as Row[];
        expect(rows.map((k) => k.id), who).toEqual([ids.a, ids.b, ids.c]);
        expect(rows.every((k) => !('customerName' in k)), who).toBe(true);
        expect((await s.call('GET', `/api/v1/contracts/${ids.a}`, { token: tok[who] })).body, who).not.toHaveProperty('customerName');
      }
      expect(named(await s.call('GET', '/api/v1/contracts?sort=-updatedAt', { token: tok.repA }))).toEqual(want);
    } finally {
      await withTx(t.db, systemActor(), (x) => putSetting(x, 'fieldRules', []));
    }
  });

  it('names the customer in the approver\'s inbox and on the approval, unless a field rule hides it from them', async () => {
    const row = async () => ((await s.call('GET', '/api/v1/approvals?status=pending', { token: tok.director })).body.items as { objectId: number; id: number; customerName?: string }[])
      .find((a) => a.objectId === ids.b)!;
    const pending = await row();
    expect(pending.customerName).toBe('重庆南岸物流有限公司');
    const detail = await s.call('GET', `/api/v1/approvals/${pending.id}`, { token: tok.director });
    expect(detail.body.contract).toMatchObject({ id: ids.b, customerId: south, customerName: '重庆南岸物流有限公司' });
    await withTx(t.db, systemActor(), (x) => putSetting(x, 'fieldRules', [{ object: 'contract', field: 'customerId', hiddenFor: ['manager'], exceptWhen: 'owner' }]));
    try {
      expect(await row()).not.toHaveProperty('customerName');
      const hidden = (await s.call('GET', `/api/v1/approvals/${pending.id}`, { token: tok.director })).body.contract;
      expect(hidden).not.toHaveProperty('customerName');
      expect(hidden).not.toHaveProperty('customerId');
      // The submitter (the contract's owner) still sees whose it is.
      expect((await s.call('GET', `/api/v1/approvals/${pending.id}`, { token: tok.repA })).body.contract.customerName).toBe('重庆南岸物流有限公司');
    } finally {
      await withTx(t.db, systemActor(), (x) => putSetting(x, 'fieldRules', []));
    }
  });

  it('documents customerName on the contract in the OpenAPI document', async () => {
    const doc = (await s.call('GET', '/api/v1/openapi.json')).body;
    expect(doc.components.schemas.contract.properties.customerName.type).toBe('string');
    expect(doc.paths['/api/v1/contracts'].get.responses['200'].content['application/json'].schema.properties.items.items).toEqual({ $ref: '#/components/schemas/contract' });
    expect(doc.paths['/api/v1/contracts/{id}'].get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/contract' });
  });
});
