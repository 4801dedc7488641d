// P2's server in its own process (as in production: the platform and the load generator are elsewhere): the full
// stack with workers running, on the MariaDB scratch database, talking to the fake WeCom of the parent process.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/log.js';
import { composeServer } from '../../server/compose.js';
import { openScratch } from './mariadb.js';

const env = JSON.parse(process.argv[2]) as { db: string; corpId: string; agentId: string; secret: string; token: string; aesKey: string; apiBase: string };
const { db } = await openScratch(env.db, () => {});
const config = loadConfig({
  DATABASE_URL: 'mysql://bench', LOG_LEVEL: process.env.BENCH_LOG ?? 'silent', CHATCRM_SECRET: 'bench', WECOM_CORP_ID: env.corpId, WECOM_AGENT_ID: env.agentId,
  WECOM_SECRET: env.secret, WECOM_TOKEN: env.token, WECOM_AES_KEY: env.aesKey, WECOM_API_BASE: env.apiBase,
});
const stack = await composeServer({ config, db, log: createLogger(config.logLevel), startWorkers: true });
const server: Server = await new Promise((r) => { const s = stack.app.listen(0, '127.0.0.1', () => r(s)); });
console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
process.on('SIGTERM', async () => { server.close(); await stack.stop(); await db.ds.destroy(); process.exit(0); });
