import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { closeApi, openApi, startServer, type TestServer } from '../../helpers/http.js';
import { AuditLog } from '../../../server/domain/audit/audit-log.entity.js';

describe.each(TARGETS)('users and teams on %s', (target) => {
  let t: TestDb; let org: Org; let s: TestServer;
  const tok: Record<string, string> = {};
  beforeAll(async () => { ({ t, org, s } = await openApi(target, tok)); });
  afterAll(() => closeApi(s, t));

  it('everyone lists active colleagues with names and teams only; admins see all fields', async () => {
    const rep = await s.call('GET', '/api/v1/users', { token: tok.repA });
    expect(rep.status).toBe(200);
    expect(rep.body.items).toHaveLength(10);
    const zhang = rep.body.items.find((u: any) => u.id === org.users.repA.id);
    expect(zhang).toEqual({ id: org.users.repA.id, name: '张三', teamId: org.teams.east, role: 'rep', position: null, active: true });
    expect(zhang).not.toHaveProperty('wecomUserId');
    const admin = await s.call('GET', '/api/v1/users', { token: tok.admin });
    expect(admin.body.items.find((u: any) => u.id === org.users.repA.id)).toMatchObject({ username: 'rep.zhang', wecomUserId: 'rep_zhang', dingtalkUserId: 'dt_rep_zhang' });
    const east = await s.call('GET', `/api/v1/users?teamId=${org.teams.east}`, { token: tok.repC });
    expect(east.body.items.map((u: any) => u.name).sort()).toEqual(['张三', '李四', '王经理'].sort());
    expect((await s.call('GET', '/api/v1/users?q=经理', { token: tok.repA })).body.items).toHaveLength(2);
    const page = await s.call('GET', '/api/v1/users?limit=4', { token: tok.repA });
    expect(page.body.items).toHaveLength(4);
    const next = await s.call('GET', `/api/v1/users?limit=4&cursor=${page.body.nextCursor}`, { token: tok.repA });
    expect(next.body.items[0].id).toBeGreaterThan(page.body.items[3].id);
    expect((await s.call('GET', `/api/v1/users/${org.users.mgrWest.id}`, { token: tok.repA })).body.name).toBe('陈经理');
  });

  it('admins create users with roles and platform identities; clashes are 409 naming the field', async () => {
    const body = { username: 'new.rep', name: '新同事', role: 'rep', teamId: org.teams.west, managerId: org.users.mgrWest.id, locale: 'en-US', position: 'sales', wecomUserId: 'new_rep', dingtalkUserId: 'dt_new_rep', dingtalkUnionId: 'union_new_rep', email: 'new@example.com', phone: '13800138000' };
    expect((await s.call('POST', '/api/v1/users', { token: tok.mgrWest, body })).status).toBe(403);
    const r = await s.call('POST', '/api/v1/users', { token: tok.admin, body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ username: 'new.rep', role: 'rep', teamId: org.teams.west, locale: 'en-US', active: true, dingtalkUnionId: 'union_new_rep' });
    for (const [field, value] of [['username', 'rep.zhang'], ['wecomUserId', 'rep_zhang'], ['dingtalkUserId', 'dt_rep_zhang'], ['dingtalkUnionId', 'union_new_rep']]) {
      const dup = await s.call('POST', '/api/v1/users', { token: tok.admin, body: { username: `x${field.toLowerCase()}`, name: 'x', role: 'rep', [field]: value } });
      expect(dup.status, field).toBe(409);
      expect(dup.body.error).toMatchObject({ code: 'user.identity_taken', field });
    }
    const bad = await s.call('POST', '/api/v1/users', { token: tok.admin, body: { username: 'y', name: 'y', role: 'boss' } });
    expect(bad.status).toBe(400);
    expect((await s.call('POST', '/api/v1/users', { token: tok.admin, body: { username: 'yy', name: 'y', role: 'rep', teamId: 99999 } })).body.error.field).toBe('teamId');
    expect((await s.call('POST', '/api/v1/users', { token: tok.admin, body: { username: 'yy', name: 'y', role: 'rep', phone: '12' } })).body.error.field).toBe('phone');
    const audit = await t.db.ds.getRepository(AuditLog).findOneOrFail({ where: { entityType: 'user', entityId: r.body.id, action: 'create' } });
    expect(audit.actorId).toBe(org.users.admin.id);
    // the new user can sign in
    expect((await s.login('new.rep')).startsWith('s_')).toBe(true);
  });

  it('two admins adding the same identity at once: one wins, the other gets 409', async () => {
    for (const field of ['wecomUserId', 'dingtalkUnionId']) {
      const results = await Promise.all(Array.from({ length: 4 }, (_, i) => s.call('POST', '/api/v1/users', { token: tok.admin, body: { username: `race.${field}.${i}`, name: 'race', role: 'rep', [field]: 'race_same' } })));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
      for (const r of results.filter((x) => x.status === 409)) expect(r.body.error).toMatchObject({ code: 'user.identity_taken', field });
    }
  });

  it('admins update users; identities stay unique; no manager loops', async () => {
    const u = await s.call('PATCH', `/api/v1/users/${org.users.repC.id}`, { token: tok.admin, body: { role: 'manager', position: 'team_lead', wecomUserId: 'zhao6' } });
    expect(u.status).toBe(200);
    expect(u.body).toMatchObject({ role: 'manager', position: 'team_lead', wecomUserId: 'zhao6' });
    expect((await s.call('PATCH', `/api/v1/users/${org.users.repC.id}`, { token: tok.admin, body: { wecomUserId: 'rep_zhang' } })).status).toBe(409);
    expect((await s.call('PATCH', `/api/v1/users/${org.users.repC.id}`, { token: tok.admin, body: { wecomUserId: 'zhao6' } })).status).toBe(200);
    const loop = await s.call('PATCH', `/api/v1/users/${org.users.director.id}`, { token: tok.admin, body: { managerId: org.users.repA.id } });
    expect(loop.status).toBe(400);
    expect(loop.body.error).toMatchObject({ code: 'user.manager_cycle', field: 'managerId' });
    expect((await s.call('PATCH', `/api/v1/users/${org.users.admin.id}`, { token: tok.admin, body: { role: 'rep' } })).body.error.code).toBe('user.self_demote');
    expect((await s.call('PATCH', `/api/v1/users/${org.users.repA.id}`, { token: tok.repA, body: { role: 'admin' } })).status).toBe(403);
    expect((await s.call('PATCH', '/api/v1/users/99999', { token: tok.admin, body: { name: 'x' } })).status).toBe(404);
  });

  it('deactivated users cannot sign in and vanish from colleagues\' lists', async () => {
    const u = (await s.call('POST', '/api/v1/users', { token: tok.admin, body: { username: 'leaver', name: '离职者', role: 'rep', teamId: org.teams.east } })).body;
    const token = await s.login('leaver');
    expect((await s.call('DELETE', `/api/v1/users/${u.id}`, { token: tok.repA })).status).toBe(403);
    expect((await s.call('DELETE', `/api/v1/users/${u.id}`, { token: tok.admin })).status).toBe(204);
    expect((await s.call('DELETE', `/api/v1/users/${u.id}`, { token: tok.admin })).status).toBe(204);
    expect((await s.call('GET', '/api/v1/customers', { token })).status).toBe(401);
    expect((await s.call('POST', '/api/v1/auth/dev', { body: { username: 'leaver' } })).status).toBe(401);
    expect((await s.call('GET', '/api/v1/users', { token: tok.repA })).body.items.map((x: any) => x.id)).not.toContain(u.id);
    expect((await s.call('GET', `/api/v1/users/${u.id}`, { token: tok.repA })).status).toBe(404);
    const all = await s.call('GET', '/api/v1/users?active=false', { token: tok.admin });
    expect(all.body.items.map((x: any) => x.id)).toEqual([u.id]);
    expect((await s.call('DELETE', `/api/v1/users/${org.users.admin.id}`, { token: tok.admin })).body.error.code).toBe('user.self_deactivate');
  });

  it('PATCH /me changes one\'s own language, and answers follow it', async () => {
    const before = await s.call('POST', '/api/v1/customers', { token: tok.repA, body: {} });
    expect(before.body.error.message).toContain('必填');
    const r = await s.call('PATCH', '/api/v1/me', { token: tok.repA, body: { locale: 'en-US' } });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ id: org.users.repA.id, locale: 'en-US' });
    expect((await s.call('GET', '/api/v1/me', { token: tok.repA })).body.locale).toBe('en-US');
    const after = await s.call('POST', '/api/v1/customers', { token: tok.repA, body: {} });
    expect(after.body.error.message).toMatch(/required/);
    expect((await s.call('PATCH', '/api/v1/me', { token: tok.repA, body: { locale: 'fr-FR' } })).status).toBe(400);
    expect((await s.call('PATCH', '/api/v1/me', { token: tok.repA, body: { role: 'admin' } })).status).toBe(400);
    await s.call('PATCH', '/api/v1/me', { token: tok.repA, body: { locale: 'zh-CN' } });
  });

  it('teams: anyone reads the tree, admins create, nest, move, delete; no cycles', async () => {
    const list = await s.call('GET', '/api/v1/teams', { token: tok.repA });
    expect(list.body.items.map((x: any) => x.name)).toEqual(['销售部', '销售一组', '销售二组']);
    expect((await s.call('POST', '/api/v1/teams', { token: tok.director, body: { name: '三组' } })).status).toBe(403);
    const third = await s.call('POST', '/api/v1/teams', { token: tok.admin, body: { name: '销售三组', parentId: org.teams.sales, headId: org.users.director.id } });
    expect(third.status).toBe(201);
    const sub = await s.call('POST', '/api/v1/teams', { token: tok.admin, body: { name: '三组北区', parentId: third.body.id } });
    expect(sub.body.parentId).toBe(third.body.id);
    // moving a team under itself or below itself is a 400
    for (const parentId of [third.body.id, sub.body.id]) {
      const r = await s.call('PATCH', `/api/v1/teams/${third.body.id}`, { token: tok.admin, body: { parentId } });
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'team.cycle', field: 'parentId' });
    }
    const sales = await s.call('PATCH', `/api/v1/teams/${org.teams.sales}`, { token: tok.admin, body: { parentId: sub.body.id } });
    expect(sales.body.error.code).toBe('team.cycle');
    expect((await s.call('PATCH', `/api/v1/teams/${third.body.id}`, { token: tok.admin, body: { parentId: org.teams.east, name: '销售三组（东）' } })).body).toMatchObject({ parentId: org.teams.east, name: '销售三组（东）' });
    // a manager of east now sees records of the moved team's people
    const member = (await s.call('POST', '/api/v1/users', { token: tok.admin, body: { username: 'north.rep', name: '北区', role: 'rep', teamId: sub.body.id } })).body;
    const memberTok = await s.login('north.rep');
    const cust = await s.call('POST', '/api/v1/customers', { token: memberTok, body: { name: '北区客户' } });
    expect((await s.call('GET', `/api/v1/customers/${cust.body.id}`, { token: tok.mgrEast })).status).toBe(200);
    expect((await s.call('GET', `/api/v1/customers/${cust.body.id}`, { token: tok.mgrWest })).status).toBe(404);
    // deleting a team with people or sub-teams is refused
    expect((await s.call('DELETE', `/api/v1/teams/${third.body.id}`, { token: tok.admin })).body.error.code).toBe('team.not_empty');
    await s.call('PATCH', `/api/v1/users/${member.id}`, { token: tok.admin, body: { teamId: org.teams.east } });
    expect((await s.call('DELETE', `/api/v1/teams/${sub.body.id}`, { token: tok.admin })).status).toBe(204);
    expect((await s.call('DELETE', `/api/v1/teams/${third.body.id}`, { token: tok.admin })).status).toBe(204);
    expect((await s.call('DELETE', `/api/v1/teams/${third.body.id}`, { token: tok.admin })).status).toBe(404);
    const actions = (await t.db.ds.getRepository(AuditLog).find({ where: { entityType: 'team', entityId: third.body.id }, order: { id: 'ASC' } })).map((l) => l.action);
    expect(actions).toEqual(['create', 'update', 'delete']);
  });
});
