// GET /api/v1/activities/team: the chat's "我们这周的跟进" over REST, through the one use case
// (server/domain/activity/team-follow-ups.ts) — a manager's team with its sub-teams by person, an admin's everyone,
// anyone else their own; the period as the chat names it; people a page at a time by cursor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, type TestDb } from '../../helpers/db.js';
import { closeApi, openApi, type TestServer } from '../../helpers/http.js';
import type { Org } from '../../helpers/org.js';
import { addCustomer } from '../reminders/helpers.js';
import { Activity } from '../../../server/domain/activity/activity.entity.js';

// Wednesday 2026-11-18 10:00 in Shanghai: this week began Monday 11-16.
const NOW = new Date('2026-11-18T02:00:00Z');
const at = (local: string) => new Date(`${local}+08:00`);

describe.each(TARGETS)('team follow-ups API on %s', (target) => {
  let t: TestDb; let org: Org; let s: TestServer;
  const tok: Record<string, string> = {};
  const get = (q: string, who = 'mgrEast') => s.call('GET', `/api/v1/activities/team${q}`, { token: tok[who] });
  const people = (body: { people: { name: string; count: number }[] }) => body.people.map((p) => [p.name, p.count]);

  beforeAll(async () => {
    ({ t, org, s } = await openApi(target, tok));
    t.clock.set(NOW);
    const { repA, repB, repC, mgrEast } = org.users;
    const cu = await addCustomer(t, 'TF 华为', repA.id, 'A', null);
    const log = (authorId: number, when: string, content: string) => t.db.ds.getRepository(Activity).insert({
      type: 'call', content, occurredAt: at(when), customerId: cu.id, leadId: null, opportunityId: null, authorId, outcome: 'reached',
      channel: 'api', nextStep: null, taskId: null, idempotencyKey: null, custom: null, createdAt: NOW,
    });
    await log(repA.id, '2026-11-16T10:00:00', 'A1');
    await log(repA.id, '2026-11-17T10:00:00', 'A2');
    await log(repA.id, '2026-11-18T09:00:00', 'A3 today');
    await log(repA.id, '2026-11-11T10:00:00', 'A0 last week');
    await log(repB.id, '2026-11-16T11:00:00', 'B1');
    await log(repB.id, '2026-11-17T11:00:00', 'B2');
    await log(mgrEast.id, '2026-11-17T12:00:00', 'M1');
    await log(repC.id, '2026-11-16T12:00:00', 'C1');
    await log(repC.id, '2026-11-17T12:00:00', 'C2');
  });
  afterAll(async () => closeApi(s, t));

  it('a manager gets this week\'s of their team by person, the most first, each newest first with the customer', async () => {
    const r = await get('');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ scope: 'team', total: 6, authors: 3, nextCursor: null, idle: [] });
    expect(people(r.body)).toEqual([['张三', 3], ['李四', 2], ['王经理', 1]]);
    expect(r.body.people[0].items.map((x: { content: string }) => x.content)).toEqual(['A3 today', 'A2', 'A1']);
    expect(r.body.people[0].items[0]).toMatchObject({ subjectName: 'TF 华为', type: 'call', outcome: 'reached' });
    expect(new Date(r.body.start)).toEqual(at('2026-11-16T00:00:00'));
    // The same answer for period=week spelled out; the other periods as the chat says them.
    expect((await get('?period=week&offset=0')).body.total).toBe(6);
    expect(people((await get('?period=week&offset=-1')).body)).toEqual([['张三', 1]]);
    expect(people((await get('?period=day')).body)).toEqual([['张三', 1]]);
    expect((await get('?period=month')).body.total).toBe(7);
    expect((await get('?period=recent')).body.total).toBe(7);
    // perPerson lists fewer; the counts still count them all.
    const one = (await get('?perPerson=1')).body;
    expect(one.people.map((p: { items: unknown[]; count: number }) => [p.items.length, p.count])).toEqual([[1, 3], [1, 2], [1, 1]]);
  });

  it('the same permission rules as the chat: a director every team below (and who logged none), an admin everyone, a rep only their own', async () => {
    const director = (await get('', 'director')).body;
    expect(director).toMatchObject({ scope: 'team', total: 8, authors: 4 });
    expect(people(director)).toEqual([['张三', 3], ['李四', 2], ['赵六', 2], ['王经理', 1]]);
    expect(director.idle).toEqual([{ id: org.users.mgrWest.id, name: '陈经理' }]);
    expect((await get('', 'admin')).body).toMatchObject({ scope: 'all', total: 8, authors: 4 });
    const rep = (await get('', 'repB')).body;
    expect(rep).toMatchObject({ scope: 'mine', total: 2, authors: 1, idle: [] });
    expect(people(rep)).toEqual([['李四', 2]]);
    expect((await get('', 'mgrWest')).body).toMatchObject({ scope: 'team', total: 2 });
    expect((await get('', 'finance')).body).toMatchObject({ scope: 'mine', total: 0, people: [] });
    expect((await s.call('GET', '/api/v1/activities/team')).status).toBe(401);
  });

  it('pages the people by cursor (20 by default, at most 50) in the same order; totals and idle cover everyone; bad input is a 400', async () => {
    const p1 = (await get('?limit=2', 'director')).body;
    expect(people(p1)).toEqual([['张三', 3], ['李四', 2]]);
    expect(p1.nextCursor).toBeTruthy();
    const p2 = (await get(`?limit=2&cursor=${p1.nextCursor}`, 'director')).body;
    expect(people(p2)).toEqual([['赵六', 2], ['王经理', 1]]);
    expect(p2).toMatchObject({ total: 8, authors: 4, nextCursor: null, idle: [{ name: '陈经理' }] });
    for (const [q, field, code] of [['?period=year', 'period', 'validation.option'], ['?offset=1', 'offset', 'validation.too_big'], ['?limit=51', 'limit', 'validation.too_big'],
      ['?limit=0', 'limit', 'validation.too_small'], ['?perPerson=21', 'perPerson', 'validation.too_big'], ['?cursor=nope', 'cursor', 'validation.cursor']] as const) {
      const r = await get(q);
      expect([q, r.status, r.body.error?.field, r.body.error?.code]).toEqual([q, 400, field, code]);
    }
  });

  it('is documented and leaves /activities/:id alone', async () => {
    const doc = (await s.call('GET', '/api/v1/openapi.json', { token: tok.admin })).body;
    expect(doc.paths['/api/v1/activities/team'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['period', 'offset', 'perPerson', 'cursor', 'limit']);
    const mine = (await get('', 'repA')).body.people[0].items[0];
    expect((await s.call('GET', `/api/v1/activities/${mine.id}`, { token: tok.repA })).body).toMatchObject({ content: 'A3 today' });
  });
});
