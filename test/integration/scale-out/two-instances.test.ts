// Scale-out: two chatcrm instances (two composed stacks, each with its own connection pool, HTTP port and
// running workers) on one MariaDB database, behind one WeCom (the local fake), as two replicas behind a load
// balancer would be. The platform redelivers every message to both; due tasks are planned and sent by both.
// Each message is stored once, answered once, each outbox row delivered once, each reminder sent once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { createDataSource } from '../../../server/db/data-source.js';
import { makeDb, type Clock, type Db } from '../../../server/domain/shared/db.js';
import { loadConfig } from '../../../server/config.js';
import { createLogger } from '../../../server/log.js';
import { composeServer, type Stack } from '../../../server/compose.js';
import { Task } from '../../../server/domain/activity/task.entity.js';
import { WecomApiFake } from '../../../bot/platforms/emulator/fakes/wecom-api.js';
import { newAesKey, postSigned, wecomAppCallback, wecomTextXml, type WecomKeys } from '../../../bot/platforms/emulator/callers.js';

const NOW = new Date('2026-11-18T02:00:00Z');
const HOUR = 3_600_000;

interface Instance { stack: Stack; url: string; server: Server; db: Db }

async function waitFor(what: string, check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.skipIf(!TARGETS.includes('mariadb'))('two instances on one MariaDB database', () => {
  let t: TestDb;
  let org: Org;
  let wecom: WecomApiFake;
  let keys: WecomKeys;
  const instances: Instance[] = [];

  beforeAll(async () => {
    t = await openTestDb('mariadb');
    t.clock.set(NOW);
    org = await seedOrg(t.db);
    wecom = new WecomApiFake();
    await wecom.start();
    keys = { token: 'scale-out-token', aesKey: newAesKey(), receiveId: wecom.corpId };
    const config = loadConfig({
      DATABASE_URL: t.url, LOG_LEVEL: 'silent', CHATCRM_SECRET: 'scale-out-secret',
      WECOM_CORP_ID: wecom.corpId, WECOM_AGENT_ID: String(wecom.agentId), WECOM_SECRET: wecom.secret, WECOM_TOKEN: keys.token,
      WECOM_AES_KEY: keys.aesKey, WECOM_API_BASE: wecom.url,
    });
    for (let i = 0; i < 2; i++) {
      // Instance 0 uses the test's pool; instance 1 opens its own, as a second process would.
      const db = i === 0 ? t.db : makeDb(await createDataSource(t.url), t.url, t.clock as Clock);
      const stack = await composeServer({
        config, db, log: createLogger('silent'), startWorkers: true,
        wecom: { clientOptions: { sleep: async () => {} } },
        outbox: { idleMs: 50 },
        reminders: { planEveryMs: 300, sendIdleMs: 100 },
      });
      const server: Server = await new Promise((resolve) => { const s = stack.app.listen(0, '127.0.0.1', () => resolve(s)); });
      instances.push({ stack, server, db, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    }
  }, 120_000);

  afterAll(async () => {
    for (const i of instances) {
      i.server.closeAllConnections();
      await new Promise((r) => i.server.close(r));
      await i.stack.stop();
      if (i.db !== t.db) await i.db.ds.destroy();
    }
    await wecom?.stop();
    await t?.close();
  });

  it('the same WeCom message delivered to both instances is stored once and answered once; the outbox delivers each row once', async () => {
    const people = [org.users.repA, org.users.repB, org.users.repC, org.users.mgrEast, org.users.mgrWest, org.users.director];
    const perPerson = 5;
    const posts: Promise<{ status: number }>[] = [];
    let n = 0;
    for (let round = 0; round < perPerson; round++) {
      for (const u of people) {
        const xml = wecomTextXml({ corpId: wecom.corpId, from: u.wecomUserId!, content: '帮助', msgId: `7${String(++n).padStart(18, '0')}`, createTime: Math.floor(NOW.getTime() / 1000) });
        // WeCom retries a slow callback; behind a load balancer the retry may land on the other instance.
        for (const i of instances) posts.push(postSigned(i.url, '/wecom/callback', wecomAppCallback(keys, xml)));
      }
    }
    const answers = await Promise.all(posts);
    expect(answers.filter((a) => a.status !== 200).map((a) => a.status)).toEqual([]);

    const total = people.length * perPerson;
    await waitFor('every reply sent', async () => {
      const [row] = await t.db.ds.query(`SELECT COUNT(*) AS n FROM outbox_message WHERE status = 'sent'`);
      return Number(row.n) >= total;
    });
    const [inbox] = await t.db.ds.query(`SELECT COUNT(*) AS n, SUM(status = 'done') AS done FROM inbox_event`);
    expect(Number(inbox.n)).toBe(total);
    expect(Number(inbox.done)).toBe(total);
    const [outbox] = await t.db.ds.query(`SELECT COUNT(*) AS n, SUM(status = 'sent') AS sent, SUM(attempts) AS attempts FROM outbox_message`);
    expect(Number(outbox.n)).toBe(total);
    expect(Number(outbox.sent)).toBe(total);
    expect(Number(outbox.attempts)).toBe(total);
    for (const u of people) expect(wecom.deliveredTo(u.wecomUserId!), u.username).toHaveLength(perPerson);
    expect(wecom.dropped).toHaveLength(0);

    // Each callback was accepted by exactly one instance; the other saw a duplicate. (Which instance wins each race
    // depends on scheduling, so the split between them is not asserted.)
    const sum = (name: string, labels: Record<string, string>) => instances.reduce((s, i) => s + i.stack.metrics.get(name, labels), 0);
    expect(sum('chatcrm_inbound_received_total', { platform: 'wecom', result: 'accepted' })).toBe(total);
    expect(sum('chatcrm_inbound_received_total', { platform: 'wecom', result: 'duplicate' })).toBe(total);
    expect(sum('chatcrm_inbound_processed_total', { platform: 'wecom' })).toBe(total);
    expect(sum('chatcrm_outbox_sent_total', { platform: 'wecom' })).toBe(total);
    // The request id of each callback reached its outbox row.
    const [missing] = await t.db.ds.query(`SELECT COUNT(*) AS n FROM outbox_message WHERE request_id IS NULL`);
    expect(Number(missing.n)).toBe(0);
  });

  it('due tasks are planned and sent exactly once while both instances run their schedulers', async () => {
    const owners = [org.users.finance, org.users.legal, org.users.gm, org.users.admin];
    const titles: string[] = [];
    for (const u of owners) {
      for (let i = 0; i < 2; i++) {
        const title = `Scale-${u.username}-${i}`;
        titles.push(title);
        const repo = t.db.ds.getRepository(Task);
        await repo.save(repo.create({ title, ownerId: u.id, dueAt: new Date(NOW.getTime() - (i + 1) * HOUR), status: 'open', customerId: null, createdAt: NOW, updatedAt: NOW }));
      }
    }
    for (const i of instances) { i.stack.reminders.planner.poke(); }
    const cardsWith = (title: string) => wecom.delivered.filter((d) => d.msgtype === 'template_card' && JSON.stringify(d.body).includes(title));
    await waitFor('every reminder delivered', async () => titles.every((x) => cardsWith(x).length >= 1));
    // Give both schedulers a few more rounds to make a second send if they were going to.
    await new Promise((r) => setTimeout(r, 1500));
    for (const title of titles) expect(cardsWith(title), title).toHaveLength(1);
    const [dup] = await t.db.ds.query(`SELECT COUNT(*) AS n FROM outbox_message WHERE dedupe_key LIKE 'reminder:%'`);
    expect(Number(dup.n)).toBe(titles.length);
  });
});
