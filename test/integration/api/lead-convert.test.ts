import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { closeApi, openApi, startServer, type TestServer } from '../../helpers/http.js';
import { AuditLog } from '../../../server/domain/audit/audit-log.entity.js';
import { Customer } from '../../../server/domain/customer/customer.entity.js';
import { Activity } from '../../../server/domain/activity/activity.entity.js';

describe.each(TARGETS)('lead convert on %s', (target) => {
  let t: TestDb; let org: Org; let s: TestServer;
  const tok: Record<string, string> = {};
  const mkLead = async (token: string, body: Record<string, unknown>) => (await s.call('POST', '/api/v1/leads', { token, body })).body;
  const convert = (token: string, id: number, body: Record<string, unknown> = {}, lang?: string) => s.call('POST', `/api/v1/leads/${id}/convert`, { token, body, lang });

  beforeAll(async () => { ({ t, org, s } = await openApi(target, tok)); });
  afterAll(() => closeApi(s, t));

  it('converts a lead into a customer with a contact and an opportunity, moving its follow-ups along', async () => {
    const lead = await mkLead(tok.repA, { company: '重庆北碚新材料有限公司', contactName: '黄总', phone: '13811112222', email: 'huang@example.com', region: '北碚区', source: 'expo' });
    await s.call('POST', '/api/v1/activities', { token: tok.repA, body: { leadId: lead.id, type: 'call', content: '展会后电话' } });
    const r = await convert(tok.repA, lead.id, { opportunity: { name: '新材料产线', amountCents: 300_000_00 } });
    expect(r.status).toBe(200);
    expect(r.body.lead).toMatchObject({ status: 'converted', convertedCustomerId: r.body.customer.id });
    expect(r.body.customer).toMatchObject({ name: '重庆北碚新材料有限公司', region: '北碚区', source: 'expo', ownerId: org.users.repA.id });
    expect(r.body.contact).toMatchObject({ name: '黄总', phone: '13811112222', email: 'huang@example.com', isPrimary: true, customerId: r.body.customer.id });
    expect(r.body.opportunity).toMatchObject({ name: '新材料产线', amountCents: 300_000_00, stage: 'initial_contact', customerId: r.body.customer.id, ownerId: org.users.repA.id });
    const acts = await t.db.ds.getRepository(Activity).findBy({ leadId: lead.id });
    expect(acts.map((a) => a.customerId)).toEqual([r.body.customer.id]);
    const convertLog = await t.db.ds.getRepository(AuditLog).findOneByOrFail({ entityType: 'lead', entityId: lead.id, action: 'convert' });
    expect(convertLog).toMatchObject({ channel: 'api', actorId: org.users.repA.id });
    expect(convertLog.diff).toMatchObject({ status: ['contacted', 'converted'] });
    for (const type of ['customer', 'contact', 'opportunity']) {
      const id = r.body[type].id;
      expect(await t.db.ds.getRepository(AuditLog).countBy({ entityType: type, entityId: id, action: 'create', channel: 'api' }), type).toBe(1);
    }
    const again = await convert(tok.repA, lead.id);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('lead.already_converted');
  });

  it('converts into an existing customer by id without duplicating the contact; a name clash is a 409 naming the customer', async () => {
    const existing = (await s.call('POST', '/api/v1/customers', { token: tok.repB, body: { name: '重庆永川食品有限公司' } })).body;
    await s.call('POST', '/api/v1/contacts', { token: tok.repB, body: { customerId: existing.id, name: '郑经理', phone: '13922223333' } });
    const lead = await mkLead(tok.repB, { company: '永川食品', contactName: '郑经理', phone: '13922223333' });
    const clash = await convert(tok.repB, lead.id);
    expect(clash.status).toBe(409);
    expect(clash.body.error).toMatchObject({ code: 'customer.duplicate' });
    // Nothing of the failed attempt stays (one transaction).
    expect((await s.call('GET', `/api/v1/leads/${lead.id}`, { token: tok.repB })).body.status).toBe('new');
    const r = await convert(tok.repB, lead.id, { customerId: existing.id });
    expect(r.status).toBe(200);
    expect(r.body.customer.id).toBe(existing.id);
    expect((await s.call('GET', `/api/v1/contacts?customerId=${existing.id}`, { token: tok.repB })).body.items).toHaveLength(1);
    expect(await t.db.ds.getRepository(Customer).countBy({ normalizedName: existing.normalizedName })).toBe(1);
  });

  it('applies permissions: invisible lead or customer 404, pool lead 403, manager may convert the team\'s lead', async () => {
    const lead = await mkLead(tok.repA, { company: '重庆綦江机电有限公司', contactName: '孙工' });
    expect((await convert(tok.repC, lead.id)).status).toBe(404);
    expect((await convert(tok.repB, lead.id)).status).toBe(404);
    const foreign = (await s.call('POST', '/api/v1/customers', { token: tok.repC, body: { name: '重庆涪陵榨菜贸易有限公司' } })).body;
    expect((await convert(tok.repA, lead.id, { customerId: foreign.id })).status).toBe(404);
    const pooled = await mkLead(tok.admin, { company: '公海线索公司', ownerId: null });
    expect((await convert(tok.repA, pooled.id)).status).toBe(403);
    const r = await convert(tok.mgrEast, lead.id, { customer: { level: 'A' } });
    expect(r.status).toBe(200);
    expect(r.body.customer).toMatchObject({ ownerId: org.users.repA.id, level: 'A' });
  });

  it('answers bad input with a localized 400 naming the field', async () => {
    const lead = await mkLead(tok.repA, { company: '重庆合川校验测试公司' });
    const cases: [Record<string, unknown>, string, string][] = [
      [{ opportunity: { amountCents: 1 } }, 'validation.required', 'opportunity.name'],
      [{ opportunity: { name: 'x', amountCents: -5 } }, 'validation.negative', 'opportunity.amountCents'],
      [{ customer: { name: 'x'.repeat(129) } }, 'validation.too_long', 'customer.name'],
      [{ customerId: 'x' }, 'validation.type_number', 'customerId'],
      [{ customer: { level: 'Z' } }, 'validation.option', 'customer.level'],
    ];
    for (const [body, code, field] of cases) {
      const r = await convert(tok.repA, lead.id, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error, JSON.stringify(body)).toMatchObject({ code, field });
      expect((await convert(tok.repA, lead.id, body, 'en-US')).body.error.message).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
