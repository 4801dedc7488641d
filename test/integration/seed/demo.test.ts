import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { startServer, type TestServer } from '../../helpers/http.js';
import { DAY } from '../../helpers/clock.js';
import { seedDemo } from '../../../server/db/seed/demo.js';
import { DEFAULT_SETTINGS } from '../../../server/domain/settings/settings.js';
import { normalizeCompanyName } from '../../../server/domain/shared/normalize-name.js';

const q = (t: TestDb, sql: string) => t.db.ds.query(t.db.kind === 'sqlite' ? sql.replace(/`/g, '"') : sql) as Promise<any[]>;
const count = async (t: TestDb, table: string) => Number((await q(t, `SELECT COUNT(*) AS n FROM \`${table}\``))[0].n);
const time = (v: unknown) => new Date(v instanceof Date ? v : `${String(v).replace(' ', 'T')}Z`).getTime();

describe.each(TARGETS)('demo seed on %s', (target) => {
  let t: TestDb; let s: TestServer;
  const lines: string[] = [];
  let seedMs = 0;
  beforeAll(async () => {
    t = await openTestDb(target);
    const started = Date.now();
    await seedDemo(t.db, { log: (l) => lines.push(l) });
    seedMs = Date.now() - started;
    s = await startServer(t.db);
  });
  afterAll(async () => { await s?.close(); await t?.close(); });

  it('is fast and prints progress', () => {
    expect(seedMs).toBeLessThan(10_000);
    expect(lines.some((l) => /customers/.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/done in \d+ ms/);
  });

  it('fills every table within the expected ranges', async () => {
    const ranges: Record<string, [number, number]> = {
      user: [12, 20], team: [3, 3], customer: [200, 240], contact: [215, 700], lead: [55, 65], opportunity: [100, 160],
      stage_history: [150, 800], activity: [700, 2500], task: [60, 400], contract: [20, 50], payment: [20, 150],
    };
    for (const [table, [lo, hi]] of Object.entries(ranges)) {
      const n = await count(t, table);
      expect(n, table).toBeGreaterThanOrEqual(lo);
      expect(n, table).toBeLessThanOrEqual(hi);
    }
    expect(Number((await q(t, 'SELECT COUNT(*) AS n FROM `lead` WHERE owner_id IS NULL'))[0].n)).toBeGreaterThanOrEqual(15);
    expect(Number((await q(t, 'SELECT COUNT(*) AS n FROM customer WHERE owner_id IS NULL'))[0].n)).toBeGreaterThanOrEqual(5);
  });

  it('has opportunities in every stage, won and lost ones with reasons, contracts and payments in every status', async () => {
    const stages = (await q(t, 'SELECT DISTINCT stage FROM opportunity')).map((r) => r.stage).sort();
    expect(stages).toEqual([...DEFAULT_SETTINGS.stages.map((x) => x.key), 'won', 'lost'].sort());
    expect(Number((await q(t, "SELECT COUNT(*) AS n FROM opportunity WHERE status = 'lost' AND lost_reason IS NULL"))[0].n)).toBe(0);
    const contractStatuses = (await q(t, 'SELECT DISTINCT status FROM contract')).map((r) => r.status);
    expect(contractStatuses).toEqual(expect.arrayContaining(['draft', 'pending', 'approved', 'rejected']));
    const paymentStatuses = (await q(t, 'SELECT DISTINCT status FROM payment')).map((r) => r.status);
    expect(paymentStatuses).toEqual(expect.arrayContaining(['planned', 'received']));
    const sources = (await q(t, 'SELECT DISTINCT source FROM `lead`')).map((r) => r.source).sort();
    expect(sources).toEqual(['官网', '展会', '电话营销', '转介绍'].sort());
    const amounts = await q(t, 'SELECT amount_cents AS a FROM opportunity');
    expect(amounts.every((r) => Number.isInteger(Number(r.a)) && Number(r.a) > 0)).toBe(true);
  });

  it('names customers uniquely by normalized name, with the ones the chat examples use', async () => {
    const rows = await q(t, 'SELECT name, normalized_name AS nn FROM customer');
    const keys = rows.map((r) => normalizeCompanyName(r.name));
    expect(new Set(keys).size).toBe(rows.length);
    expect(rows.every((r) => r.nn === normalizeCompanyName(r.name))).toBe(true);
    const names = rows.map((r) => r.name as string);
    for (const n of ['华为技术有限公司重庆分公司', '重庆长安汽车股份有限公司', '长安民生物流股份有限公司', 'Northwind Trading Co., Ltd.', 'ACME Robotics Inc.']) expect(names).toContain(n);
    expect(names.some((n) => n.includes('华东电力'))).toBe(true);
    expect(names.filter((n) => /^[A-Za-z]/.test(n)).length).toBeGreaterThanOrEqual(12);
    const districts = new Set((await q(t, 'SELECT DISTINCT region FROM customer')).map((r) => r.region));
    for (const d of ['渝中区', '江北区', '渝北区', '南岸区', '九龙坡区', '沙坪坝区', '大渡口区', '巴南区', '北碚区']) expect(districts).toContain(d);
  });

  it('links converted leads to customers and gives worked leads their follow-ups', async () => {
    const converted = await q(t, "SELECT converted_customer_id AS c FROM `lead` WHERE status = 'converted'");
    expect(converted.length).toBeGreaterThan(0);
    expect(converted.every((r) => r.c !== null)).toBe(true);
    const worked = Number((await q(t, 'SELECT COUNT(*) AS n FROM `lead` WHERE first_contact_at IS NOT NULL'))[0].n);
    const withFollowUps = Number((await q(t, 'SELECT COUNT(DISTINCT lead_id) AS n FROM activity WHERE lead_id IS NOT NULL'))[0].n);
    expect(withFollowUps).toBe(worked);
  });

  it('gives every record an owner who is a rep or a manager (or none, for pool records)', async () => {
    const sellers = new Set((await q(t, "SELECT id FROM `user` WHERE role IN ('rep', 'manager') AND team_id IS NOT NULL")).map((r) => Number(r.id)));
    for (const [table, col, nullable] of [['customer', 'owner_id', true], ['lead', 'owner_id', true], ['opportunity', 'owner_id', false],
      ['task', 'owner_id', false], ['contract', 'owner_id', false], ['payment', 'owner_id', false], ['activity', 'author_id', false]] as const) {
      for (const r of await q(t, `SELECT ${col} AS o FROM \`${table}\``)) {
        if (r.o === null) expect(nullable, `${table} without owner`).toBe(true);
        else expect(sellers.has(Number(r.o)), `${table}.${col}=${r.o}`).toBe(true);
      }
    }
    const contacts = await q(t, 'SELECT phone FROM contact');
    expect(contacts.every((r) => /^1[3-9]\d{9}$/.test(r.phone))).toBe(true);
  });

  it('spreads follow-ups over the last 90 days and has tasks due today and overdue', async () => {
    const now = t.clock.now().getTime();
    const times = (await q(t, 'SELECT occurred_at AS at FROM activity')).map((r) => time(r.at));
    expect(Math.max(...times)).toBeLessThanOrEqual(now);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(now - 91 * DAY);
    expect(Math.max(...times)).toBeGreaterThan(now - 2 * DAY);
    expect(new Set((await q(t, 'SELECT DISTINCT type FROM activity')).map((r) => r.type))).toEqual(new Set(['call', 'visit', 'wechat', 'meeting', 'email']));
    const open = (await q(t, "SELECT due_at AS d FROM task WHERE status = 'open'")).map((r) => time(r.d));
    expect(open.filter((d) => d < now).length).toBeGreaterThan(0);
    expect(open.filter((d) => d >= now && d < now + DAY).length).toBeGreaterThan(0);
    expect(await count(t, 'task')).toBeGreaterThan(open.length);
  });

  it('lets a demo rep log in and see only their own (and pool) customers through the API', async () => {
    const [rep] = await q(t, "SELECT id FROM `user` WHERE username = 'rep.zhang'");
    const repId = Number(rep.id);
    const token = await s.login('rep.zhang');
    const seen: any[] = [];
    let cursor: string | null = null;
    do {
      const r: any = await s.call('GET', `/api/v1/customers?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token });
      expect(r.status).toBe(200);
      seen.push(...r.body.items);
      cursor = r.body.nextCursor;
    } while (cursor);
    expect(seen.every((c) => c.ownerId === repId || c.ownerId === null)).toBe(true);
    const own = Number((await q(t, `SELECT COUNT(*) AS n FROM customer WHERE owner_id = ${repId}`))[0].n);
    expect(own).toBeGreaterThan(10);
    expect(seen.filter((c) => c.ownerId === repId)).toHaveLength(own);
    const [other] = await q(t, `SELECT id FROM customer WHERE owner_id IS NOT NULL AND owner_id <> ${repId} LIMIT 1`);
    expect((await s.call('GET', `/api/v1/customers/${other.id}`, { token })).status).toBe(404);
    const huawei = seen.find((c) => c.name === '华为技术有限公司重庆分公司');
    expect(huawei).toBeDefined();
    const full = await s.call('GET', `/api/v1/customers/${huawei.id}/360`, { token });
    expect(full.status).toBe(200);
    expect(full.body.contacts.length).toBeGreaterThan(0);
    expect(full.body.followUps.length).toBeGreaterThan(0);
  });

  it('resets to the same company when run again (deterministic)', async () => {
    const before = (await q(t, 'SELECT name FROM customer ORDER BY id')).map((r) => r.name);
    const acts = await count(t, 'activity');
    await seedDemo(t.db, { reset: true });
    expect((await q(t, 'SELECT name FROM customer ORDER BY id')).map((r) => r.name)).toEqual(before);
    expect(await count(t, 'activity')).toBe(acts);
  });
});
