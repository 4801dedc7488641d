import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startServer, type TestServer } from '../../helpers/http.js';
import { AuditLog } from '../../../server/domain/audit/audit-log.entity.js';

describe.each(TARGETS)('custom fields on %s', (target) => {
  let t: TestDb; let org: Org; let s: TestServer;
  const tok: Record<string, string> = {};
  const ids: Record<string, number> = {};
  const define = (body: Record<string, unknown>, token = tok.admin) => s.call('POST', '/api/v1/custom-fields', { token, body });
  beforeAll(async () => {
    t = await openTestDb(target);
    org = await seedOrg(t.db);
    s = await startServer(t.db);
    for (const k of ['admin', 'repA', 'repB', 'mgrEast'] as const) tok[k] = await s.login(org.users[k].username);
  });
  afterAll(async () => { await s?.close(); await t?.close(); });

  it('admins define fields of every type; others may not', async () => {
    const defs = [
      { object: 'customer', key: 'budget', label: { 'zh-CN': '预算', 'en-US': 'Budget' }, type: 'money', required: true, validation: { min: 0, max: 1e12 } },
      { object: 'customer', key: 'employees', label: { 'zh-CN': '员工数' }, type: 'number', validation: { min: 1 } },
      { object: 'customer', key: 'signed_on', label: { 'zh-CN': '签约日' }, type: 'date' },
      { object: 'customer', key: 'tier', label: { 'zh-CN': '等级' }, type: 'select', options: [{ value: 'gold', label: { 'zh-CN': '金' } }, { value: 'silver', label: { 'zh-CN': '银' } }] },
      { object: 'customer', key: 'tags', label: { 'zh-CN': '标签' }, type: 'multiselect', options: [{ value: 'vip', label: { 'zh-CN': '重点' } }, { value: 'gov', label: { 'zh-CN': '政府' } }] },
      { object: 'customer', key: 'sponsor', label: { 'zh-CN': '内部支持人' }, type: 'user' },
      { object: 'customer', key: 'hotline', label: { 'zh-CN': '热线' }, type: 'phone' },
      { object: 'customer', key: 'code', label: { 'zh-CN': '编码' }, type: 'text', validation: { maxLength: 8, pattern: '^[A-Z0-9]+$' } },
      { object: 'lead', key: 'budget', label: { 'zh-CN': '预算' }, type: 'money' },
      { object: 'lead', key: 'channel', label: { 'zh-CN': '渠道' }, type: 'select', required: true, options: [{ value: 'expo', label: { 'zh-CN': '展会' } }, { value: 'web', label: { 'zh-CN': '官网' } }] },
    ];
    for (const d of defs) {
      const r = await define(d);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body).toMatchObject({ object: d.object, key: d.key, type: d.type, active: true });
      ids[`${d.object}.${d.key}`] = r.body.id;
    }
    expect((await define({ object: 'customer', key: 'x1', label: { 'zh-CN': 'x' }, type: 'text' }, tok.repA)).status).toBe(403);
    expect((await define({ object: 'customer', key: 'x1', label: { 'zh-CN': 'x' }, type: 'text' }, tok.mgrEast)).status).toBe(403);
    const logs = await t.db.ds.getRepository(AuditLog).find({ where: { entityType: 'custom_field', action: 'create' } });
    expect(logs).toHaveLength(defs.length);
  });

  it('validates keys, uniqueness per object and definitions', async () => {
    const base = { object: 'customer', label: { 'zh-CN': 'x' }, type: 'text' };
    for (const key of ['Budget', '1abc', 'has-dash', 'a'.repeat(65), '']) {
      const r = await define({ ...base, key });
      expect(r.status, key).toBe(400);
      expect(r.body.error.field).toBe('key');
    }
    const dup = await define({ ...base, key: 'budget' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('custom_field.duplicate_key');
    expect((await define({ ...base, object: 'contact', key: 'budget' })).status).toBe(201);
    const race = await Promise.all(Array.from({ length: 4 }, () => define({ ...base, object: 'opportunity', key: 'raced' })));
    expect(race.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    await s.call('DELETE', `/api/v1/custom-fields/${race.find((r) => r.status === 201)!.body.id}`, { token: tok.admin });
    expect((await define({ ...base, object: 'spaceship', key: 'zz' })).body.error.field).toBe('object');
    expect((await define({ ...base, key: 'sel', type: 'select' })).body.error.code).toBe('custom_field.options_required');
    expect((await define({ ...base, key: 'txt', options: [{ value: 'a', label: { 'zh-CN': 'a' } }] })).body.error.code).toBe('custom_field.options_not_allowed');
    expect((await define({ ...base, key: 'txt', validation: { pattern: '([' } })).body.error.code).toBe('validation.pattern_syntax');
    expect((await define({ ...base, key: 'txt', type: 'date', validation: { min: 1 } })).status).toBe(400);
  });

  it('lists definitions for anyone, localized, in form order', async () => {
    const r = await s.call('GET', '/api/v1/custom-fields?object=customer', { token: tok.repB });
    expect(r.status).toBe(200);
    expect(r.body.items.map((f: any) => f.key)).toEqual(['budget', 'employees', 'signed_on', 'tier', 'tags', 'sponsor', 'hotline', 'code']);
    expect(r.body.items[0].displayLabel).toBe('Budget'); // repB reads English
    const zh = await s.call('GET', '/api/v1/custom-fields?object=customer', { token: tok.repA });
    expect(zh.body.items[0].displayLabel).toBe('预算');
  });

  it('stores values on create and answers each type\'s bad value with 400 naming custom.<key>', async () => {
    const ok = await s.call('POST', '/api/v1/customers', { token: tok.repA, body: {
      name: '自定义字段一号', custom: { budget: 500000_00, employees: 120, signed_on: '2026-03-01', tier: 'gold', tags: ['vip', 'vip', 'gov'], sponsor: org.users.mgrEast.id, hotline: '023 6888 8888', code: 'AB12' },
    } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.custom).toEqual({ budget: 50000000, employees: 120, signed_on: '2026-03-01', tier: 'gold', tags: ['vip', 'gov'], sponsor: org.users.mgrEast.id, hotline: '02368888888', code: 'AB12' });
    const got = await s.call('GET', `/api/v1/customers/${ok.body.id}`, { token: tok.repA });
    expect(got.body.custom.tier).toBe('gold');
    const bad: [Record<string, unknown>, string, string][] = [
      [{ budget: 'lots' }, 'custom.budget', 'validation.type_number'],
      [{ budget: 12.5 }, 'custom.budget', 'validation.integer_cents'],
      [{ budget: -1 }, 'custom.budget', 'validation.too_small'],
      [{ budget: 1, employees: 0 }, 'custom.employees', 'validation.too_small'],
      [{ budget: 1, signed_on: '2026-13-45' }, 'custom.signed_on', 'validation.date'],
      [{ budget: 1, tier: 'platinum' }, 'custom.tier', 'validation.option'],
      [{ budget: 1, tags: ['vip', 'nope'] }, 'custom.tags', 'validation.option'],
      [{ budget: 1, sponsor: 999999 }, 'custom.sponsor', 'validation.user'],
      [{ budget: 1, hotline: 'call me' }, 'custom.hotline', 'validation.phone'],
      [{ budget: 1, code: 'lower' }, 'custom.code', 'validation.pattern'],
      [{ budget: 1, code: 'ABCDEFGHIJ' }, 'custom.code', 'validation.too_long'],
      [{ budget: 1, nosuch: 1 }, 'custom.nosuch', 'validation.unknown_field'],
      [{ employees: 3 }, 'custom.budget', 'validation.required'],
    ];
    for (const [custom, field, code] of bad) {
      const r = await s.call('POST', '/api/v1/customers', { token: tok.repA, lang: 'en-US', body: { name: `坏值${field}${code}`, custom } });
      expect(r.status, JSON.stringify(custom)).toBe(400);
      expect(r.body.error, JSON.stringify(custom)).toMatchObject({ field, code });
      expect(r.body.error.message).toContain(field);
    }
    const noCustom = await s.call('POST', '/api/v1/customers', { token: tok.repA, body: { name: '缺必填' } });
    expect(noCustom.body.error).toMatchObject({ code: 'validation.required', field: 'custom.budget' });
    // A lead's required select
    const lead = await s.call('POST', '/api/v1/leads', { token: tok.repA, body: { company: '线索自定义', custom: { channel: 'fax' } } });
    expect(lead.body.error).toMatchObject({ field: 'custom.channel', code: 'validation.option' });
    const lead2 = await s.call('POST', '/api/v1/leads', { token: tok.repA, body: { company: '线索自定义', custom: { channel: 'expo', budget: 30000 } } });
    expect(lead2.status).toBe(201);
    expect(lead2.body.custom).toEqual({ channel: 'expo', budget: 30000 });
  });

  it('updates merge values; required fields may not be cleared', async () => {
    const c = await s.call('POST', '/api/v1/customers', { token: tok.repA, body: { name: '更新合并', custom: { budget: 100, tier: 'silver' } } });
    const u = await s.call('PATCH', `/api/v1/customers/${c.body.id}`, { token: tok.repA, body: { custom: { tier: 'gold', employees: 5 } } });
    expect(u.status).toBe(200);
    expect(u.body.custom).toEqual({ budget: 100, tier: 'gold', employees: 5 });
    const cleared = await s.call('PATCH', `/api/v1/customers/${c.body.id}`, { token: tok.repA, body: { custom: { tier: null } } });
    expect(cleared.body.custom).toEqual({ budget: 100, employees: 5 });
    const req = await s.call('PATCH', `/api/v1/customers/${c.body.id}`, { token: tok.repA, body: { custom: { budget: null } } });
    expect(req.body.error).toMatchObject({ code: 'validation.required', field: 'custom.budget' });
  });

  it('filters by cf.<key> (equality, any-of, ranges) and sorts by cf.<key>', async () => {
    const budgets = [5, 20, 100, 3000, 40];
    for (const [i, b] of budgets.entries()) {
      const r = await s.call('POST', '/api/v1/customers', { token: tok.repB, body: { name: `排序客户${i}`, custom: { budget: b, tier: i % 2 ? 'gold' : 'silver', signed_on: `2026-0${i + 1}-15` } } });
      expect(r.status).toBe(201);
    }
    await s.call('POST', '/api/v1/customers', { token: tok.repB, body: { name: '排序客户无等级', custom: { budget: 7 } } });
    const list = async (qs: string) => {
      const r = await s.call('GET', `/api/v1/customers?${qs}`, { token: tok.repB });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.items.map((x: any) => x.custom.budget);
    };
    expect(await list('sort=cf.budget')).toEqual([5, 7, 20, 40, 100, 3000]);
    expect(await list('sort=-cf.budget')).toEqual([3000, 100, 40, 20, 7, 5]);
    expect(await list('cf.budget.gte=20&cf.budget.lte=100&sort=cf.budget')).toEqual([20, 40, 100]);
    expect(await list('cf.budget.gt=20&sort=cf.budget')).toEqual([40, 100, 3000]);
    expect(await list('cf.tier=gold&sort=cf.budget')).toEqual([20, 3000]);
    expect(await list('cf.tier=gold,silver&sort=cf.budget')).toEqual([5, 20, 40, 100, 3000]);
    expect(await list('cf.tier=null&sort=cf.budget')).toEqual([7]);
    expect(await list('cf.signed_on.gte=2026-02-01&cf.signed_on.lt=2026-04-01&sort=cf.budget')).toEqual([20, 100]);
    // paging over a custom sort is stable
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const r: any = await s.call('GET', `/api/v1/customers?sort=cf.budget&limit=4${cursor ? `&cursor=${cursor}` : ''}`, { token: tok.repB });
      seen.push(...r.body.items.map((x: any) => x.custom.budget));
      cursor = r.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([5, 7, 20, 40, 100, 3000]);
    expect((await s.call('GET', '/api/v1/customers?cf.budget.gte=abc', { token: tok.repB })).status).toBe(400);
    expect((await s.call('GET', '/api/v1/customers?cf.nosuch=1', { token: tok.repB })).body.error.code).toBe('validation.unknown_filter');
    expect((await s.call('GET', '/api/v1/customers?sort=cf.nosuch', { token: tok.repB })).status).toBe(400);
    // multiselect filters by membership (any of the given values) and cannot be sorted or ranged
    const tagged = await s.call('POST', '/api/v1/customers', { token: tok.repB, body: { name: '多选客户', custom: { budget: 9, tags: ['gov'] } } });
    expect(tagged.status).toBe(201);
    await s.call('POST', '/api/v1/customers', { token: tok.repB, body: { name: '多选客户二', custom: { budget: 11, tags: ['vip', 'gov'] } } });
    expect(await list('cf.tags=gov&sort=cf.budget')).toEqual([9, 11]);
    expect(await list('cf.tags=vip&sort=cf.budget')).toEqual([11]);
    expect(await list('cf.tags=vip,nope&sort=cf.budget')).toEqual([11]);
    expect(await list("cf.tags=x') OR 1=1 --")).toEqual([]);
    expect((await s.call('GET', '/api/v1/customers?sort=cf.tags', { token: tok.repB })).status).toBe(400);
    expect((await s.call('GET', '/api/v1/customers?cf.tags.gte=a', { token: tok.repB })).status).toBe(400);
    const leads = await s.call('GET', '/api/v1/leads?cf.channel=expo&cf.budget.gte=1000', { token: tok.repA });
    expect(leads.body.items.map((l: any) => l.company)).toEqual(['线索自定义']);
  });

  it('shows the fields in the OpenAPI document, required ones listed', async () => {
    const doc = await s.call('GET', '/api/v1/openapi.json');
    expect(doc.status).toBe(200);
    const custom = doc.body.components.schemas['customer.create'].properties.custom;
    expect(Object.keys(custom.properties)).toEqual(['budget', 'employees', 'signed_on', 'tier', 'tags', 'sponsor', 'hotline', 'code']);
    expect(custom.properties.tier.enum).toEqual(['gold', 'silver']);
    expect(custom.required).toEqual(['budget']);
    expect(doc.body.components.schemas['lead.create'].properties.custom.required).toEqual(['channel']);
    expect(doc.body.components.schemas['customer.update'].properties.custom.required).toEqual([]);
    expect(doc.body.paths['/api/v1/custom-fields'].post).toBeDefined();
  });

  it('updates label, options, required, position; refuses a type change once values exist', async () => {
    const id = ids['customer.tier'];
    const r = await s.call('PATCH', `/api/v1/custom-fields/${id}`, { token: tok.admin, body: {
      label: { 'zh-CN': '客户等级', 'en-US': 'Tier' }, position: 0, required: false,
      options: [{ value: 'gold', label: { 'zh-CN': '金' } }, { value: 'silver', label: { 'zh-CN': '银' } }, { value: 'bronze', label: { 'zh-CN': '铜' } }],
    } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.label['zh-CN']).toBe('客户等级');
    expect(r.body.options).toHaveLength(3);
    const locked = await s.call('PATCH', `/api/v1/custom-fields/${id}`, { token: tok.admin, body: { type: 'text', options: null } });
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe('custom_field.type_locked');
    // no values yet on contact.budget: its type may change
    const contactField = (await s.call('GET', '/api/v1/custom-fields?object=contact', { token: tok.admin })).body.items[0];
    expect((await s.call('PATCH', `/api/v1/custom-fields/${contactField.id}`, { token: tok.admin, body: { type: 'number' } })).status).toBe(200);
    expect((await s.call('PATCH', `/api/v1/custom-fields/${id}`, { token: tok.admin, body: { key: 'x' } })).status).toBe(400);
    expect((await s.call('PATCH', `/api/v1/custom-fields/${id}`, { token: tok.repA, body: { required: true } })).status).toBe(403);
    // the new option is accepted on records
    const c = await s.call('POST', '/api/v1/customers', { token: tok.repA, body: { name: '铜牌客户', custom: { budget: 1, tier: 'bronze' } } });
    expect(c.status).toBe(201);
  });

  it('deactivates a field: gone from lists, forms and validation; values kept', async () => {
    const id = ids['customer.code'];
    expect((await s.call('DELETE', `/api/v1/custom-fields/${id}`, { token: tok.repA })).status).toBe(403);
    expect((await s.call('DELETE', `/api/v1/custom-fields/${id}`, { token: tok.admin })).status).toBe(204);
    const list = await s.call('GET', '/api/v1/custom-fields?object=customer', { token: tok.repA });
    expect(list.body.items.map((f: any) => f.key)).not.toContain('code');
    const all = await s.call('GET', '/api/v1/custom-fields?object=customer&includeInactive=true', { token: tok.admin });
    expect(all.body.items.find((f: any) => f.key === 'code').active).toBe(false);
    const r = await s.call('POST', '/api/v1/customers', { token: tok.repA, body: { name: '停用字段后', custom: { budget: 1, code: 'X' } } });
    expect(r.body.error).toMatchObject({ code: 'validation.unknown_field', field: 'custom.code' });
    expect((await s.call('GET', '/api/v1/customers?cf.code=AB12', { token: tok.repA })).status).toBe(400);
    const doc = await s.call('GET', '/api/v1/openapi.json');
    expect(Object.keys(doc.body.components.schemas['customer.create'].properties.custom.properties)).not.toContain('code');
    // reactivation brings it back
    expect((await s.call('PATCH', `/api/v1/custom-fields/${id}`, { token: tok.admin, body: { active: true } })).body.active).toBe(true);
  });
});
