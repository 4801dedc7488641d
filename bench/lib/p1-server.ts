// P1's servers, in their own process so autocannon does not share their event loop: the full WeCom inbound path
// (composeServer on MariaDB: verify, decrypt, parse, inbox insert, ack) and a bare Koa handler that only verifies,
// decrypts and acks. Prints {"full": port, "bare": port} and serves until killed.
import Koa from 'koa';
import Router from '@koa/router';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/log.js';
import { composeServer } from '../../server/compose.js';
import { openScratch } from './mariadb.js';
import { openEnvelope, verifySignature } from '../../bot/platforms/wecom/crypto.js';
import { readRawBody } from '../../bot/platforms/shared/raw-body.js';
import { parseXml, textOf } from '../../bot/platforms/wecom/xml.js';

const env = JSON.parse(process.argv[2]) as { token: string; aesKey: string; corpId: string; db: string };
const { db } = await openScratch(env.db, () => {}, true);
const config = loadConfig({
  DATABASE_URL: 'mysql://bench', LOG_LEVEL: 'silent', CHATCRM_SECRET: 'bench', WECOM_CORP_ID: env.corpId, WECOM_AGENT_ID: '1000002',
  WECOM_SECRET: 's', WECOM_TOKEN: env.token, WECOM_AES_KEY: env.aesKey, WECOM_API_BASE: 'http://127.0.0.1:9',
  // No turn runs in this process (workers off): no thread reading dates ahead either.
  READ_AHEAD_THREAD: 'false',
});
const stack = await composeServer({ config, db, log: createLogger('silent'), startWorkers: false });

const bare = new Koa();
const router = new Router();
router.post('/wecom/callback', async (ctx) => {
  const raw = (await readRawBody(ctx.req, 64 * 1024)).toString('utf8');
  const encrypted = textOf(parseXml(raw), 'Encrypt') ?? '';
  const q = ctx.query as Record<string, string>;
  if (!verifySignature(env.token, q.timestamp, q.nonce, encrypted, q.msg_signature)) { ctx.status = 401; return; }
  openEnvelope({ token: env.token, aesKey: env.aesKey, receiveId: env.corpId }, { signature: q.msg_signature, timestamp: q.timestamp, nonce: q.nonce }, encrypted);
  // Acks only what it really verified and decrypted (the run fails on any other answer).
  ctx.status = 200;
  ctx.body = '';
});
bare.use(router.routes());

const listen = (app: Koa) => new Promise<Server>((r) => { const s = app.listen(0, '127.0.0.1', () => r(s)); });
const full = await listen(stack.app);
const bareServer = await listen(bare);
console.log(JSON.stringify({ full: (full.address() as AddressInfo).port, bare: (bareServer.address() as AddressInfo).port }));
process.on('SIGTERM', () => process.exit(0));
