// Scale-out with real processes: two `server/main.ts` started at the same moment on one empty MariaDB database
// (they take turns migrating), both serving WeCom (the local fake), the same callback delivered to each:
// one inbox row, one reply.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { TARGETS, createEmptyDatabase } from '../../helpers/db.js';
import { WecomApiFake } from '../../../bot/platforms/emulator/fakes/wecom-api.js';
import { newAesKey, postSigned, wecomAppCallback, wecomTextXml } from '../../../bot/platforms/emulator/callers.js';

const REPO = join(import.meta.dirname, '..', '..', '..');

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)); });
});

/** Polls `probe` until it gives a value; a probe that throws ends the wait with its error (a server that exited). */
async function until<T>(what: string, probe: () => Promise<T | undefined>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

describe.skipIf(!TARGETS.includes('mariadb'))('two server processes on one MariaDB database', () => {
  let db: { url: string; drop(): Promise<void> };
  let wecom: WecomApiFake;
  const procs: { child: ChildProcess; url: string; out: string[] }[] = [];
  const aesKey = newAesKey();
  const token = 'two-processes';

  beforeAll(async () => {
    db = await createEmptyDatabase('mariadb');
    wecom = new WecomApiFake();
    await wecom.start();
    const env = {
      ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'warn', DEMO_MODE: 'false', EMULATOR: 'false', CHATCRM_SECRET: 'two-processes',
      WECOM_CORP_ID: wecom.corpId, WECOM_AGENT_ID: String(wecom.agentId), WECOM_SECRET: wecom.secret, WECOM_TOKEN: token,
      WECOM_AES_KEY: aesKey, WECOM_API_BASE: wecom.url,
    };
    // Both start at once against the empty database.
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const child = spawn(join(REPO, 'node_modules', '.bin', 'tsx'), ['server/main.ts'], { cwd: REPO, env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
      const out: string[] = [];
      child.stdout!.on('data', (b) => out.push(String(b)));
      child.stderr!.on('data', (b) => out.push(String(b)));
      procs.push({ child, url: `http://127.0.0.1:${port}`, out });
    }
    for (const p of procs) {
      await until('healthz', async () => {
        if (p.child.exitCode !== null) throw new Error(`a server exited: ${p.out.join('')}`);
        const r = await fetch(`${p.url}/healthz`).catch(() => undefined);
        return r?.ok ? true : undefined;
      }, 90_000).catch((e) => { throw new Error(`${(e as Error).message}\n${p.out.join('')}`); });
    }
    // A user the WeCom message can come from (no demo data in this database).
    const c = await createConnection(db.url);
    await c.query(`INSERT INTO user (username, name, role, locale, active, wecom_user_id, created_at, updated_at) VALUES ('rep.one', 'One', 'rep', 'zh-CN', 1, 'rep_one', NOW(3), NOW(3))`);
    await c.end();
  }, 150_000);

  afterAll(async () => {
    for (const p of procs) {
      if (p.child.exitCode === null) {
        const exited = new Promise((r) => p.child.once('exit', r));
        p.child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 8000))]);
      }
    }
    await wecom?.stop();
    await db?.drop();
  }, 30_000);

  it('both came up (migrations taken in turn) and a callback sent to both is answered once', async () => {
    const [{ n }] = await (async () => {
      const c = await createConnection(db.url);
      const [rows] = await c.query(`SELECT COUNT(*) AS n FROM migrations`);
      await c.end();
      return rows as { n: number }[];
    })();
    expect(Number(n)).toBeGreaterThan(0);
    const xml = wecomTextXml({ corpId: wecom.corpId, from: 'rep_one', content: '帮助', msgId: '8000000000000000001' });
    const statuses = await Promise.all(procs.map((p) => postSigned(p.url, '/wecom/callback', wecomAppCallback({ token, aesKey, receiveId: wecom.corpId }, xml))));
    expect(statuses.map((s) => s.status)).toEqual([200, 200]);
    await until('the reply', async () => (wecom.deliveredTo('rep_one').length > 0 ? true : undefined), 30_000);
    await new Promise((r) => setTimeout(r, 1500)); // room for a second reply, if either process were to send one
    expect(wecom.deliveredTo('rep_one')).toHaveLength(1);
    const metrics = await Promise.all(procs.map(async (p) => (await fetch(`${p.url}/metrics`)).text()));
    const accepted = metrics.map((m) => Number(/chatcrm_inbound_received_total\{platform="wecom",result="accepted"\} (\d+)/.exec(m)?.[1] ?? 0));
    expect(accepted.reduce((a, b) => a + b, 0)).toBe(1);
  });
});
