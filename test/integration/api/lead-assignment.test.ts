import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startServer, type TestServer } from '../../helpers/http.js';
import { AuditLog } from '../../../server/domain/audit/audit-log.entity.js';
import { Lead } from '../../../server/domain/lead/lead.entity.js';

describe.each(TARGETS)('lead assignment by rule on %s', (target) => {
  let t: TestDb; let org: Org; let s: TestServer;
  const tok: Record<string, string> = {};
  let teamId: number;
  const reps: number[] = [];
  const countBy = (ids: (number | null)[]) => ids.reduce<Record<string, number>>((m, id) => ({ ...m, [String(id)]: (m[String(id)] ?? 0) + 1 }), {});
  const newLead = async (body: Record<string, unknown>, token = tok.admin) => {
    const r = await s.call('POST', '/api/v1/leads', { token, body: { ownerId: null, ...body } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  };
  const setRules = (rules: unknown[], token = tok.admin) => s.call('PUT', '/api/v1/settings/leadAssignment', { token, lang: 'en-US', body: { value: { rules } } });

  beforeAll(async () => {
    t = await openTestDb(target);
    org = await seedOrg(t.db);
    s = await startServer(t.db);
    for (const [k, u] of Object.entries(org.users)) tok[k] = await s.login(u.username);
    const team = await s.call('POST', '/api/v1/teams', { token: tok.admin, body: { name: '电销组', parentId: org.teams.sales } });
    teamId = team.body.id;
    for (const n of ['tele.a', 'tele.b', 'tele.c']) {
      const u = await s.call('POST', '/api/v1/users', { token: tok.admin, body: { username: n, name: n, role: 'rep', teamId, managerId: org.users.director.id } });
      expect(u.status, JSON.stringify(u.body)).toBe(201);
      reps.push(u.body.id);
    }
    // a manager in the team is not a rep: round robin skips them
    await s.call('POST', '/api/v1/users', { token: tok.admin, body: { username: 'tele.boss', name: 'boss', role: 'manager', teamId } });
    const r = await setRules([
      { id: 'jiangbei', when: "lead.region == '江北区'", assignTo: { userId: org.users.repA.id } },
      { id: 'web', when: "lead.source == 'web'", assignTo: { teamId, strategy: 'round_robin' } },
    ]);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.value.version).toBe(2);
  });
  afterAll(async () => { await s?.close(); await t?.close(); });

  it('a region rule gives a new pool lead to its rep, audited as assign with channel and rule id', async () => {
    const lead = await newLead({ company: '江北线索公司', region: '江北区' });
    expect(lead).toMatchObject({ ownerId: org.users.repA.id, assignRuleId: 'jiangbei@2' });
    expect(lead.poolEnteredAt).toBeNull();
    const logs = await t.db.ds.getRepository(AuditLog).find({ where: { entityType: 'lead', entityId: lead.id }, order: { id: 'ASC' } });
    expect(logs.map((l) => l.action)).toEqual(['create', 'assign']);
    expect(logs[1]).toMatchObject({ channel: 'api', ruleId: 'jiangbei@2', actorId: org.users.admin.id });
    expect(logs[1].diff).toMatchObject({ ownerId: [null, org.users.repA.id] });
    expect((await s.call('GET', `/api/v1/leads/${lead.id}`, { token: tok.repA })).status).toBe(200);
  });

  it('a team rule deals 6 leads round robin: 2/2/2 among the team\'s active reps', async () => {
    const owners: number[] = [];
    for (let i = 0; i < 6; i++) owners.push((await newLead({ company: `官网线索${i}`, source: 'web' })).ownerId);
    expect(Object.values(countBy(owners))).toEqual([2, 2, 2]);
    expect(new Set(owners)).toEqual(new Set(reps));
    // the order is a rotation: no rep gets two in a row
    for (let i = 1; i < owners.length; i++) expect(owners[i]).not.toBe(owners[i - 1]);
  });

  it('unmatched leads stay in the pool; a rep\'s own new lead is theirs without rules', async () => {
    const lead = await newLead({ company: '无规则线索', region: '渝北区' });
    expect(lead.ownerId).toBeNull();
    expect(lead.poolEnteredAt).not.toBeNull();
    const own = await newLead({ company: '自己的官网线索', source: 'web', ownerId: undefined }, tok.repB);
    expect(own.ownerId).toBe(org.users.repB.id);
  });

  it('a match that cannot be carried out (empty team, inactive user) falls through to the next rule', async () => {
    const empty = (await s.call('POST', '/api/v1/teams', { token: tok.admin, body: { name: '空组' } })).body.id;
    const gone = (await s.call('POST', '/api/v1/users', { token: tok.admin, body: { username: 'gone.rep', name: 'gone', role: 'rep' } })).body.id;
    expect((await setRules([
      { id: 'empty-team', when: "lead.region == '南岸区'", assignTo: { teamId: empty, strategy: 'round_robin' } },
      { id: 'gone-user', when: "lead.region == '南岸区'", assignTo: { userId: gone } },
      { id: 'fallback', when: "lead.region == '南岸区'", assignTo: { userId: org.users.repB.id } },
    ])).status).toBe(200);
    await s.call('DELETE', `/api/v1/users/${gone}`, { token: tok.admin });
    const lead = await newLead({ company: '南岸线索', region: '南岸区' });
    expect(lead.ownerId).toBe(org.users.repB.id);
    expect(lead.assignRuleId).toMatch(/^fallback@/);
    await setRules([
      { id: 'jiangbei', when: "lead.region == '江北区'", assignTo: { userId: org.users.repA.id } },
      { id: 'web', when: "lead.source == 'web'", assignTo: { teamId, strategy: 'round_robin' } },
    ]);
  });

  it('a deactivated rep drops out of the rotation', async () => {
    expect((await s.call('DELETE', `/api/v1/users/${reps[2]}`, { token: tok.admin })).status).toBe(204);
    const owners: number[] = [];
    for (let i = 0; i < 4; i++) owners.push((await newLead({ company: `停用后线索${i}`, source: 'web' })).ownerId);
    expect(countBy(owners)).toEqual({ [reps[0]]: 2, [reps[1]]: 2 });
    expect((await s.call('PATCH', `/api/v1/users/${reps[2]}`, { token: tok.admin, body: { active: true } })).status).toBe(200);
  });

  it('POST /leads/:id/assign: managers and admins only, by hand or by rules', async () => {
    const lead = await newLead({ company: '手工分配线索' });
    expect(lead.ownerId).toBeNull();
    expect((await s.call('POST', `/api/v1/leads/${lead.id}/assign`, { token: tok.repA, body: { userId: org.users.repA.id } })).status).toBe(403);
    // a manager may not hand a lead to someone outside their team
    expect((await s.call('POST', `/api/v1/leads/${lead.id}/assign`, { token: tok.mgrEast, body: { userId: org.users.repC.id } })).status).toBe(403);
    const byHand = await s.call('POST', `/api/v1/leads/${lead.id}/assign`, { token: tok.mgrEast, body: { userId: org.users.repB.id } });
    expect(byHand.status, JSON.stringify(byHand.body)).toBe(200);
    expect(byHand.body).toEqual({ id: lead.id, ownerId: org.users.repB.id, ruleId: null });
    const log = await t.db.ds.getRepository(AuditLog).findOneOrFail({ where: { entityType: 'lead', entityId: lead.id, action: 'assign' } });
    expect(log).toMatchObject({ actorId: org.users.mgrEast.id, channel: 'api', ruleId: null });
    // by rules: only for pool leads
    expect((await s.call('POST', `/api/v1/leads/${lead.id}/assign`, { token: tok.admin, body: {} })).body.error.code).toBe('lead.already_assigned');
    const pool = await newLead({ company: '规则后补线索', region: '渝北区' });
    expect((await s.call('POST', `/api/v1/leads/${pool.id}/assign`, { token: tok.admin, body: {} })).body).toEqual({ id: pool.id, ownerId: null, ruleId: null });
    await setRules([{ id: 'yubei', when: "lead.region == '渝北区'", assignTo: { userId: org.users.repC.id } }]);
    const byRules = await s.call('POST', `/api/v1/leads/${pool.id}/assign`, { token: tok.director, body: {} });
    expect(byRules.body).toEqual({ id: pool.id, ownerId: org.users.repC.id, ruleId: 'yubei@5' });
    expect((await s.call('POST', '/api/v1/leads/999999/assign', { token: tok.admin, body: {} })).status).toBe(404);
    expect((await s.call('POST', `/api/v1/leads/${pool.id}/assign`, { token: tok.admin, body: { userId: 999999 } })).status).toBe(400);
  });

  it('an invalid rule is refused with a 400 naming it', async () => {
    const typo = await setRules([
      { id: 'ok', when: 'true', assignTo: { userId: org.users.repA.id } },
      { id: 'typo-rule', when: "lead.regoin == '江北区'", assignTo: { userId: org.users.repA.id } },
    ]);
    expect(typo.status).toBe(400);
    expect(typo.body.error).toMatchObject({ code: 'rules.invalid', field: 'leadAssignment.rules.1' });
    expect(typo.body.error.message).toContain('typo-rule');
    expect(typo.body.error.message).toContain('unknown field lead.regoin');
    const syntax = await setRules([{ id: 'broken', when: "lead.region == '江北区' &&", assignTo: { userId: org.users.repA.id } }]);
    expect(syntax.status).toBe(400);
    expect(syntax.body.error.message).toContain('broken');
    const zh = await s.call('PUT', '/api/v1/settings/leadAssignment', { token: tok.admin, body: { value: { rules: [{ id: 'broken', when: '(((', assignTo: { userId: 1 } }] } } });
    expect(zh.body.error.message).toContain('规则「broken」无效');
    const target = await setRules([{ id: 'ghost', when: 'true', assignTo: { teamId: 99999, strategy: 'round_robin' } }]);
    expect(target.body.error).toMatchObject({ code: 'rules.unknown_target', field: 'leadAssignment.rules.0.assignTo' });
    const shape = await setRules([{ id: 'noassign', when: 'true' }]);
    expect(shape.body.error.message).toContain('noassign');
    expect((await setRules([], tok.mgrEast)).status).toBe(403);
    // the last good rules still apply
    expect((await newLead({ company: '仍按旧规则', region: '渝北区' })).ownerId).toBe(org.users.repC.id);
  });

  it('rules may read custom fields: a budget rule', async () => {
    expect((await s.call('POST', '/api/v1/custom-fields', { token: tok.admin, body: { object: 'lead', key: 'budget', label: { 'zh-CN': '预算' }, type: 'money' } })).status).toBe(201);
    expect((await setRules([{ id: 'big', when: 'lead.custom.budget >= 100000000', assignTo: { userId: org.users.repB.id } }])).status).toBe(200);
    expect((await newLead({ company: '大预算', custom: { budget: 200000000 } })).ownerId).toBe(org.users.repB.id);
    expect((await newLead({ company: '小预算', custom: { budget: 100 } })).ownerId).toBeNull();
    expect((await newLead({ company: '无预算' })).ownerId).toBeNull();
    expect((await setRules([{ id: 'cf-typo', when: 'lead.custom.budjet > 1', assignTo: { userId: org.users.repB.id } }])).body.error.message).toContain('lead.custom.budjet');
    // retiring the field later does not break lead creation: the condition simply no longer matches
    const fields = (await s.call('GET', '/api/v1/custom-fields?object=lead', { token: tok.admin })).body.items;
    expect((await s.call('DELETE', `/api/v1/custom-fields/${fields.find((f: any) => f.key === 'budget').id}`, { token: tok.admin })).status).toBe(204);
    expect((await newLead({ company: '字段停用后' })).ownerId).toBeNull();
  });

  it('concurrent assignments stay fair and never double-assign', async () => {
    expect((await setRules([{ id: 'rr', when: "lead.source == 'expo'", assignTo: { teamId, strategy: 'round_robin' } }])).status).toBe(200);
    // 12 leads created at once go 4/4/4
    const created = await Promise.all(Array.from({ length: 12 }, (_, i) => s.call('POST', '/api/v1/leads', { token: tok.admin, body: { company: `并发展会线索${i}`, source: 'expo', ownerId: null } })));
    expect(created.map((r) => r.status)).toEqual(Array(12).fill(201));
    expect(Object.values(countBy(created.map((r) => r.body.ownerId))).sort()).toEqual([4, 4, 4]);
    // 12 pool leads assigned by rules at once go 4/4/4 too
    await setRules([]);
    const pool = [];
    for (let i = 0; i < 12; i++) pool.push(await newLead({ company: `并发池线索${i}`, source: 'expo' }));
    expect(pool.every((l) => l.ownerId === null)).toBe(true);
    await setRules([{ id: 'rr', when: "lead.source == 'expo'", assignTo: { teamId, strategy: 'round_robin' } }]);
    const assigned = await Promise.all(pool.map((l) => s.call('POST', `/api/v1/leads/${l.id}/assign`, { token: tok.admin, body: {} })));
    expect(assigned.map((r) => r.status)).toEqual(Array(12).fill(200));
    expect(Object.values(countBy(assigned.map((r) => r.body.ownerId))).sort()).toEqual([4, 4, 4]);
    // the same pool lead assigned by rules five times at once: one owner, one audit row, the rest told it is taken
    await setRules([]);
    const one = await newLead({ company: '争抢线索', source: 'expo' });
    await setRules([{ id: 'rr', when: "lead.source == 'expo'", assignTo: { teamId, strategy: 'round_robin' } }]);
    const race = await Promise.all(Array.from({ length: 5 }, () => s.call('POST', `/api/v1/leads/${one.id}/assign`, { token: tok.admin, body: {} })));
    expect(race.filter((r) => r.status === 200)).toHaveLength(1);
    expect(race.filter((r) => r.status === 409).every((r) => r.body.error.code === 'lead.already_assigned')).toBe(true);
    expect(race.filter((r) => r.status === 409)).toHaveLength(4);
    const row = await t.db.ds.getRepository(Lead).findOneByOrFail({ id: one.id });
    expect(row.ownerId).toBe(race.find((r) => r.status === 200)!.body.ownerId);
    expect(await t.db.ds.getRepository(AuditLog).count({ where: { entityType: 'lead', entityId: one.id, action: 'assign' } })).toBe(1);
  });
});
