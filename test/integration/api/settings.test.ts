import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { closeApi, openApi, startServer, type TestServer } from '../../helpers/http.js';
import { AuditLog } from '../../../server/domain/audit/audit-log.entity.js';

describe.each(TARGETS)('settings, object labels and field rules on %s', (target) => {
  let t: TestDb; let org: Org; let s: TestServer;
  const tok: Record<string, string> = {};
  const put = (key: string, value: unknown, token = tok.admin, lang?: string) => s.call('PUT', `/api/v1/settings/${key}`, { token, body: { value }, lang });
  beforeAll(async () => { ({ t, org, s } = await openApi(target, tok)); });
  afterAll(() => closeApi(s, t));

  it('lists every setting with defaults for admins only', async () => {
    const r = await s.call('GET', '/api/v1/settings', { token: tok.admin });
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(['fieldRules', 'followUpCadence', 'leadAssignment', 'leadPoolReturn', 'objectLabels', 'pool.claimLimit', 'pool.visibility', 'poolReturn', 'reminders', 'stages', 'timeZone', 'workDays']);
    expect(r.body.timeZone).toBe('Asia/Shanghai');
    expect(r.body.workDays).toEqual([1, 2, 3, 4, 5]);
    expect(r.body.leadAssignment.set).toBe('lead-assignment');
    for (const who of ['repA', 'mgrEast', 'finance', 'director']) expect((await s.call('GET', '/api/v1/settings', { token: tok[who] })).status).toBe(403);
    expect((await put('timeZone', 'Asia/Tokyo', tok.mgrEast)).status).toBe(403);
    expect((await put('timeZone', 'not a zone', tok.repA)).status).toBe(403);
  });

  it('validates each setting and names the field in the 400', async () => {
    const cases: [string, unknown, string][] = [
      ['stages', [{ key: 'a', label: { 'zh-CN': '甲', 'en-US': 'A' }, probability: 150 }], 'stages.0.probability'],
      ['stages', [{ key: 'Bad Key', label: { 'zh-CN': '甲', 'en-US': 'A' }, probability: 10 }], 'stages.0.key'],
      ['stages', [], 'stages'],
      ['pool.claimLimit', { customer: -1, lead: 5 }, 'pool.claimLimit.customer'],
      ['pool.claimLimit', { customer: 5 }, 'pool.claimLimit.lead'],
      ['pool.visibility', 'everyone', 'pool.visibility'],
      ['fieldRules', [{ object: 'spaceship', field: 'x', hiddenFor: ['rep'] }], 'fieldRules.0.object'],
      ['fieldRules', [{ object: 'customer', field: 'industry', hiddenFor: ['intern'] }], 'fieldRules.0.hiddenFor.0'],
      ['fieldRules', [{ object: 'customer', field: 'industry', hiddenFor: ['rep'], exceptWhen: 'friday' }], 'fieldRules.0.exceptWhen'],
      ['fieldRules', [{ object: 'customer', field: 'industry', hiddenFor: ['rep'] }, { object: 'customer', field: 'industrie', hiddenFor: ['rep'] }], 'fieldRules.1.field'],
      ['fieldRules', [{ object: 'customer', field: 'custom.nosuch', hiddenFor: ['rep'] }], 'fieldRules.0.field'],
      ['objectLabels', { opportunity: { 'zh-CN': '' } }, 'objectLabels.opportunity.zh-CN'],
      ['timeZone', 'Mars/Olympus_Mons', 'timeZone'],
      ['timeZone', 42, 'timeZone'],
    ];
    for (const [key, value, field] of cases) {
      const r = await put(key, value, tok.admin, 'en-US');
      expect(r.status, `${key} ${JSON.stringify(value)}`).toBe(400);
      expect(r.body.error.field, `${key} ${JSON.stringify(value)}`).toBe(field);
      expect(r.body.error.message).toContain(field);
    }
    expect((await put('nosuch', 1)).status).toBe(404);
    expect((await s.call('PUT', '/api/v1/settings/timeZone', { token: tok.admin, body: { val: 1 } })).status).toBe(400);
  });

  it('stores a valid value, audits it, and the change takes effect', async () => {
    const r = await put('pool.claimLimit', { customer: 1, lead: 50 });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ key: 'pool.claimLimit', value: { customer: 1, lead: 50 } });
    expect((await s.call('GET', '/api/v1/settings', { token: tok.admin })).body['pool.claimLimit']).toEqual({ customer: 1, lead: 50 });
    const log = await t.db.ds.getRepository(AuditLog).findOneOrFail({ where: { entityType: 'setting', action: 'update' }, order: { id: 'DESC' } });
    expect(log).toMatchObject({ actorId: org.users.admin.id, channel: 'api' });
    expect(log.diff).toMatchObject({ value: [{ customer: 50, lead: 50 }, { customer: 1, lead: 50 }] });
    // the new limit applies: repA already owning one customer cannot claim another
    await s.call('POST', '/api/v1/customers', { token: tok.repA, body: { name: '额度内客户' } });
    const pooled = await s.call('POST', '/api/v1/customers', { token: tok.admin, body: { name: '额度外客户', ownerId: null } });
    const claim = await s.call('POST', `/api/v1/customers/${pooled.body.id}/claim`, { token: tok.repA, body: {} });
    expect(claim.status).toBe(409);
    expect(claim.body.error.code).toBe('pool.claim_limit');
    for (const [key, value] of [
      ['stages', [{ key: 'visit', label: { 'zh-CN': '拜访', 'en-US': 'Visit' }, probability: 20 }, { key: 'quote', label: { 'zh-CN': '报价', 'en-US': 'Quote' }, probability: 60, requiredFields: ['amountCents'] }]],
      ['pool.visibility', 'team'], ['timeZone', 'Asia/Urumqi'], ['pool.claimLimit', { customer: 50, lead: 50 }],
    ] as const) expect((await put(key, value)).status, key).toBe(200);
  });

  it('GET /me gives everyone the company time zone and the server clock, so the mini-program counts the same days', async () => {
    const stored = (await s.call('GET', '/api/v1/settings', { token: tok.admin })).body.timeZone as string;
    const before = await s.call('GET', '/api/v1/me', { token: tok.repA });
    expect(before.body).toMatchObject({ id: org.users.repA.id, timeZone: stored });
    expect(before.body.now).toBe(t.db.clock.now().toISOString());
    expect((await put('timeZone', 'America/New_York')).status).toBe(200);
    expect((await s.call('GET', '/api/v1/me', { token: tok.repA })).body.timeZone).toBe('America/New_York');
    expect((await put('timeZone', stored)).status).toBe(200);
  });

  it('documents the settings, objects, users, teams and audit routes in OpenAPI', async () => {
    const doc = (await s.call('GET', '/api/v1/openapi.json')).body;
    const put = doc.paths['/api/v1/settings/{key}'].put;
    expect(put.parameters[0]).toMatchObject({ name: 'key', schema: { type: 'string' } });
    expect(doc.components.schemas['setting.timeZone'].properties.value).toBeDefined();
    expect(doc.components.schemas['setting.fieldRules'].properties.value.items.properties.exceptWhen.enum).toEqual(['owner', 'team']);
    for (const p of ['/api/v1/objects', '/api/v1/settings', '/api/v1/audit-logs', '/api/v1/users', '/api/v1/teams', '/api/v1/leads/{id}/assign', '/api/v1/custom-fields/{id}']) expect(doc.paths[p], p).toBeDefined();
    expect(doc.paths['/api/v1/me'].patch).toBeDefined();
  });

  it('renames objects per language: GET /objects follows the objectLabels setting', async () => {
    const before = await s.call('GET', '/api/v1/objects', { token: tok.repA });
    expect(before.status).toBe(200);
    expect(before.body.items.find((o: any) => o.object === 'opportunity')).toEqual({ object: 'opportunity', label: '商机', defaultLabel: '商机', renamed: false });
    const en = await s.call('GET', '/api/v1/objects', { token: tok.repB });
    expect(en.body.items.find((o: any) => o.object === 'opportunity').label).toBe('Opportunity');
    expect(en.body.items.map((o: any) => o.object)).toEqual(['customer', 'contact', 'lead', 'opportunity', 'activity', 'task', 'contract', 'payment']);
    expect((await put('objectLabels', { opportunity: { 'zh-CN': '项目报备', 'en-US': 'Project' }, lead: { 'zh-CN': '商机线索' } }, tok.repA)).status).toBe(403);
    expect((await put('objectLabels', { opportunity: { 'zh-CN': '项目报备', 'en-US': 'Project' }, lead: { 'zh-CN': '商机线索' } })).status).toBe(200);
    const zh = (await s.call('GET', '/api/v1/objects', { token: tok.repA })).body.items;
    expect(zh.find((o: any) => o.object === 'opportunity')).toEqual({ object: 'opportunity', label: '项目报备', defaultLabel: '商机', renamed: true });
    expect(zh.find((o: any) => o.object === 'lead').label).toBe('商机线索');
    const en2 = (await s.call('GET', '/api/v1/objects', { token: tok.repB })).body.items;
    expect(en2.find((o: any) => o.object === 'opportunity').label).toBe('Project');
    expect(en2.find((o: any) => o.object === 'lead').label).toBe('Lead');
    // ?lang= wins over the user's own language
    expect((await s.call('GET', '/api/v1/objects?lang=en-US', { token: tok.repA })).body.items.find((o: any) => o.object === 'opportunity').label).toBe('Project');
  });
});

describe.each(TARGETS)('field rules end to end on %s', (target) => {
  let t: TestDb; let org: Org; let s: TestServer;
  const tok: Record<string, string> = {};
  let mine: any; let pooled: any; let repCs: any; let ownLead: any; let poolLead: any; let repCLead: any;
  beforeAll(async () => {
    t = await openTestDb(target);
    org = await seedOrg(t.db);
    s = await startServer(t.db);
    for (const [k, u] of Object.entries(org.users)) tok[k] = await s.login(u.username);
    expect((await s.call('POST', '/api/v1/custom-fields', { token: tok.admin, body: { object: 'customer', key: 'budget', label: { 'zh-CN': '预算' }, type: 'money' } })).status).toBe(201);
    expect((await s.call('POST', '/api/v1/custom-fields', { token: tok.admin, body: { object: 'customer', key: 'margin', label: { 'zh-CN': '毛利率' }, type: 'number' } })).status).toBe(201);
    mine = (await s.call('POST', '/api/v1/customers', { token: tok.repA, body: { name: '字段规则甲', industry: '汽车', custom: { budget: 100, margin: 12 } } })).body;
    pooled = (await s.call('POST', '/api/v1/customers', { token: tok.admin, body: { name: '字段规则公海', industry: '能源', ownerId: null, custom: { budget: 200 } } })).body;
    repCs = (await s.call('POST', '/api/v1/customers', { token: tok.repC, body: { name: '字段规则丙', industry: '化工', custom: { budget: 300 } } })).body;
    ownLead = (await s.call('POST', '/api/v1/leads', { token: tok.repA, body: { company: '规则线索自有', email: 'a@example.com' } })).body;
    poolLead = (await s.call('POST', '/api/v1/leads', { token: tok.admin, body: { company: '规则线索公海', email: 'p@example.com', ownerId: null } })).body;
    repCLead = (await s.call('POST', '/api/v1/leads', { token: tok.repC, body: { company: '规则线索丙', email: 'c@example.com' } })).body;
    const rules = [
      { object: 'customer', field: 'industry', hiddenFor: ['rep'] },
      { object: 'customer', field: 'custom.budget', hiddenFor: ['rep'], exceptWhen: 'owner' },
      { object: 'customer', field: 'custom.margin', hiddenFor: ['rep'] },
      { object: 'lead', field: 'email', hiddenFor: ['manager'], exceptWhen: 'team' },
    ];
    expect((await s.call('PUT', '/api/v1/settings/fieldRules', { token: tok.admin, body: { value: rules } })).status).toBe(200);
  });
  afterAll(async () => { await s?.close(); await t?.close(); });

  it('a hidden field is absent (not null) from list, get and update responses for that role', async () => {
    const list = await s.call('GET', '/api/v1/customers', { token: tok.repA });
    expect(list.body.items.length).toBeGreaterThan(1);
    for (const c of list.body.items) expect(c).not.toHaveProperty('industry');
    const got = await s.call('GET', `/api/v1/customers/${mine.id}`, { token: tok.repA });
    expect(got.body).not.toHaveProperty('industry');
    expect(got.body.name).toBe('字段规则甲');
    const upd = await s.call('PATCH', `/api/v1/customers/${mine.id}`, { token: tok.repA, body: { level: 'B' } });
    expect(upd.status).toBe(200);
    expect(upd.body).not.toHaveProperty('industry');
    // others still see it
    expect((await s.call('GET', `/api/v1/customers/${mine.id}`, { token: tok.mgrEast })).body.industry).toBe('汽车');
    expect((await s.call('GET', `/api/v1/customers/${mine.id}`, { token: tok.admin })).body.industry).toBe('汽车');
  });

  it('a rep cannot write, filter or sort by a field hidden from them (403)', async () => {
    const w = await s.call('PATCH', `/api/v1/customers/${mine.id}`, { token: tok.repA, body: { industry: '金融' } });
    expect(w.status).toBe(403);
    expect((await s.call('GET', `/api/v1/customers/${mine.id}`, { token: tok.admin })).body.industry).toBe('汽车');
    expect((await s.call('GET', '/api/v1/customers?industry=能源', { token: tok.repA })).status).toBe(403);
    expect((await s.call('PATCH', `/api/v1/customers/${mine.id}`, { token: tok.mgrEast, body: { industry: '金融' } })).status).toBe(200);
    // the same for a hidden custom field
    expect((await s.call('PATCH', `/api/v1/customers/${mine.id}`, { token: tok.repA, body: { custom: { margin: 99 } } })).status).toBe(403);
    expect((await s.call('GET', '/api/v1/customers?cf.margin.gte=1', { token: tok.repA })).status).toBe(403);
    expect((await s.call('GET', '/api/v1/customers?sort=-cf.margin', { token: tok.repA })).status).toBe(403);
    expect((await s.call('GET', `/api/v1/customers/${mine.id}`, { token: tok.mgrEast })).body.custom.margin).toBe(12);
    expect((await s.call('GET', '/api/v1/customers?cf.margin.gte=1', { token: tok.mgrEast })).body.items).toHaveLength(1);
  });

  it('custom fields follow field rules; exceptWhen owner shows them on the reader\'s own records', async () => {
    const own = await s.call('GET', `/api/v1/customers/${mine.id}`, { token: tok.repA });
    expect(own.body.custom).toEqual({ budget: 100 });
    expect(own.body.custom).not.toHaveProperty('margin');
    const pool = await s.call('GET', `/api/v1/customers/${pooled.id}`, { token: tok.repA });
    expect(pool.status).toBe(200);
    expect(pool.body.custom).toEqual({});
    expect(pool.body).not.toHaveProperty('industry');
    const list = await s.call('GET', '/api/v1/customers?sort=name', { token: tok.repA });
    expect(Object.fromEntries(list.body.items.map((c: any) => [c.name, c.custom]))).toEqual({ '字段规则甲': { budget: 100 }, '字段规则公海': {} });
    expect((await s.call('GET', `/api/v1/customers/${pooled.id}`, { token: tok.mgrWest })).body.custom).toEqual({ budget: 200 });
    // on their own record a rep reads and writes it
    const repCView = await s.call('GET', `/api/v1/customers/${repCs.id}`, { token: tok.repC });
    expect(repCView.body.custom).toEqual({ budget: 300 });
    expect((await s.call('PATCH', `/api/v1/customers/${repCs.id}`, { token: tok.repC, body: { custom: { budget: 301 } } })).status).toBe(200);
  });

  it('exceptWhen team: managers see the field on their team\'s records only', async () => {
    const dir = await s.call('GET', `/api/v1/leads/${repCLead.id}`, { token: tok.director });
    expect(dir.body.email).toBe('c@example.com');
    const dirPool = await s.call('GET', `/api/v1/leads/${poolLead.id}`, { token: tok.director });
    expect(dirPool.status).toBe(200);
    expect(dirPool.body).not.toHaveProperty('email');
    expect((await s.call('GET', `/api/v1/leads/${ownLead.id}`, { token: tok.mgrEast })).body.email).toBe('a@example.com');
    expect((await s.call('GET', `/api/v1/leads/${poolLead.id}`, { token: tok.repA })).body.email).toBe('p@example.com');
    expect((await s.call('GET', `/api/v1/leads/${poolLead.id}`, { token: tok.admin })).body.email).toBe('p@example.com');
  });
});
