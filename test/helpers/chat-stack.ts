// The whole product on loopback for chat tests: real DB, real Koa app, real adapters, fake WeCom/DingTalk APIs,
// and callers that sign and encrypt exactly as the platforms do. Workers are driven by settle(), not timers.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { loadConfig, type Config } from '../../server/config.js';
import { createLogger } from '../../server/log.js';
import { composeServer, type ComposeOptions, type Stack } from '../../server/compose.js';
import { WecomApiFake } from '../fakes/wecom-api.js';
import { DingtalkApiFake } from '../fakes/dingtalk-api.js';
import { newAesKey, postSigned, wecomAppCallback, wecomTextXml, wecomCardEventXml, dingtalkRobotMessage, dingtalkSignedHeaders, type WecomKeys } from './platform-callers.js';
import type { TestDb } from './db.js';

export interface ChatStack {
  url: string;
  stack: Stack;
  config: Config;
  wecom: WecomApiFake;
  dingtalk: DingtalkApiFake;
  wecomKeys: WecomKeys;
  /** A WeCom app text message from `from` (a WeCom userid); returns the HTTP status of our callback. */
  wecomSays(from: string, content: string, msgId?: string): Promise<number>;
  wecomTaps(from: string, eventKey: string, taskId: string, o?: { selected?: string[]; createTime?: number }): Promise<number>;
  dingtalkSays(from: string, content: string, o?: { msgId?: string; group?: string }): Promise<number>;
  settle(): Promise<void>;
  close(): Promise<void>;
}

let seq = 0;

export async function startChatStack(t: TestDb, extra: Partial<ComposeOptions> = {}, env: Record<string, string> = {}): Promise<ChatStack> {
  const wecom = new WecomApiFake();
  const dingtalk = new DingtalkApiFake();
  await wecom.start();
  await dingtalk.start();
  const wecomKeys: WecomKeys = { token: 'chatcrm-test-token', aesKey: newAesKey(), receiveId: wecom.corpId };
  const config = loadConfig({
    DATABASE_URL: t.url, LOG_LEVEL: 'silent', DEMO_MODE: 'true', CHATCRM_SECRET: 'test-secret',
    WECOM_CORP_ID: wecom.corpId, WECOM_AGENT_ID: String(wecom.agentId), WECOM_SECRET: wecom.secret, WECOM_TOKEN: wecomKeys.token,
    WECOM_AES_KEY: wecomKeys.aesKey, WECOM_API_BASE: wecom.url,
    DINGTALK_APP_KEY: dingtalk.appKey, DINGTALK_APP_SECRET: dingtalk.appSecret, DINGTALK_ROBOT_CODE: dingtalk.robotCode,
    DINGTALK_API_BASE: dingtalk.url, DINGTALK_OAPI_BASE: dingtalk.url, DINGTALK_CORP_ID: dingtalk.corpId, DINGTALK_AGENT_ID: dingtalk.agentId,
    // Lines are understood in the turn here; read-ahead.test.ts covers the second thread.
    READ_AHEAD_THREAD: 'false',
    ...env,
  });
  // Client retries sleep for real seconds by default; tests let the outbox own retries instead.
  const noSleep = { sleep: async () => {} };
  const stack = await composeServer({
    config, db: t.db, log: createLogger('silent'), startWorkers: false,
    // The server's platform clients share the fakes' clocks (as a real server and the platform share the time), so a
    // test that moves a fake's clock moves token and ticket expiry for both sides.
    wecom: { clientOptions: { ...noSleep, now: wecom.clock.now } }, dingtalk: { clientOptions: { ...noSleep, now: dingtalk.clock.now } }, ...extra,
  });
  const server: Server = await new Promise((resolve) => { const s = stack.app.listen(0, '127.0.0.1', () => resolve(s)); });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The port is known only now: the stack's public address is where it listens (pages signed for JS-APIs live here).
  if (!env.PUBLIC_URL) config.publicUrl = url;
  const now = () => Math.floor(t.clock.now().getTime() / 1000);

  return {
    url, stack, config, wecom, dingtalk, wecomKeys,
    async wecomSays(from, content, msgId = `m${Date.now()}${seq++}`) {
      const call = wecomAppCallback(wecomKeys, wecomTextXml({ corpId: wecom.corpId, from, content, msgId, createTime: now() }));
      return (await postSigned(url, '/wecom/callback', call)).status;
    },
    async wecomTaps(from, eventKey, taskId, o = {}) {
      const xml = wecomCardEventXml({
        corpId: wecom.corpId, from, eventKey, taskId, responseCode: wecom.issueResponseCode(from, taskId), createTime: o.createTime ?? now() + seq++,
        cardType: o.selected ? 'vote_interaction' : 'button_interaction', selected: o.selected ? [{ questionKey: 'pick', optionIds: o.selected }] : undefined,
      });
      return (await postSigned(url, '/wecom/callback', wecomAppCallback(wecomKeys, xml))).status;
    },
    async dingtalkSays(from, content, o = {}) {
      const conversationId = o.group ?? `cid_${from}`;
      const body = dingtalkRobotMessage({
        msgId: o.msgId ?? `dm${Date.now()}${seq++}`, staffId: from, content, group: !!o.group, conversationId,
        ...(() => { const w = dingtalk.issueSessionWebhook(conversationId); return { sessionWebhook: w.url, sessionWebhookExpiredTime: w.expiresAt }; })(),
        robotCode: dingtalk.robotCode,
      });
      const res = await fetch(`${url}/dingtalk/callback`, { method: 'POST', headers: dingtalkSignedHeaders(dingtalk.appSecret), body: JSON.stringify(body) });
      return res.status;
    },
    settle: () => stack.settle(),
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await stack.stop();
      await wecom.stop();
      await dingtalk.stop();
    },
  };
}
