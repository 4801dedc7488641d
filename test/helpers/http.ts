// The real Koa app on a loopback port, and a tiny client that logs in as a demo user.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp, type AppDeps } from '../../server/app.js';
import { installDomainHooks } from '../../server/domain/install-hooks.js';
import { loadConfig, type Config } from '../../server/config.js';
import { createLogger } from '../../server/log.js';
import type { Db } from '../../server/domain/shared/db.js';

export interface ApiResponse<T = any> { status: number; body: T; headers: Headers }

export interface TestServer {
  url: string;
  config: Config;
  close(): Promise<void>;
  login(username: string, channel?: 'api' | 'miniapp'): Promise<string>;
  call<T = any>(method: string, path: string, opts?: { token?: string; body?: unknown; lang?: string; raw?: string; headers?: Record<string, string> }): Promise<ApiResponse<T>>;
}

export async function startServer(db: Db, env: Record<string, string> = {}, extra: Partial<AppDeps> = {}): Promise<TestServer> {
  const config = loadConfig({ DATABASE_URL: 'sqlite::memory:', DEMO_MODE: 'true', LOG_LEVEL: 'silent', ...env });
  // The same domain hooks as a running server: approvals start on submit, rollups and automations follow changes.
  installDomainHooks(db, { tenants: {} });
  const app = createApp({ config, db, log: createLogger('silent'), authFailuresPerMinute: 1000, ...extra });
  const server: Server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { call, login } = apiClient(url);
  return {
    url, config, call, login,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** A client of the app listening at `url` (a TestServer's, or a chat stack's): JSON calls and the demo login. */
export function apiClient(url: string): Pick<TestServer, 'call' | 'login'> {
  const call: TestServer['call'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.lang) headers['accept-language'] = opts.lang;
    let body: string | undefined = opts.raw;
    if (opts.body !== undefined) { body = JSON.stringify(opts.body); headers['content-type'] = 'application/json'; }
    if (opts.raw !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(url + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try { parsed = text ? JSON.parse(text) : undefined; } catch { /* not JSON */ }
    return { status: res.status, body: parsed as any, headers: res.headers };
  };
  return {
    call,
    async login(username, channel = 'api') {
      const r = await call('POST', '/api/v1/auth/dev', { body: { username, channel } });
      if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.token as string;
    },
  };
}

/** The usual API test set-up: a fresh database on `target`, the test company, the server, and a token per person. */
export async function openApi(target: import('./db.js').Target, tokens: Record<string, string>, env: Record<string, string> = {}) {
  const { openTestDb } = await import('./db.js');
  const { seedOrg } = await import('./org.js');
  const t = await openTestDb(target);
  const org = await seedOrg(t.db);
  const s = await startServer(t.db, env);
  for (const [k, u] of Object.entries(org.users)) tokens[k] = await s.login(u.username);
  return { t, org, s };
}

export async function closeApi(s: TestServer | undefined, t: { close(): Promise<void> } | undefined): Promise<void> {
  await s?.close();
  await t?.close();
}
