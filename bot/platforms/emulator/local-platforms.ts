// WeCom and DingTalk played locally: the same fakes the tests use, on loopback, with freshly generated app
// credentials. `npm start` with no platform configured points the real adapters at them, so every message
// takes the real path (signed callbacks in, platform API calls out). Knows no CRM.
import { randomBytes } from 'node:crypto';
import type { DingtalkConfig, WecomConfig } from '../../../server/config.js';
import { FakeClock } from './fakes/fake-http.js';
import { WecomApiFake } from './fakes/wecom-api.js';
import { DingtalkApiFake } from './fakes/dingtalk-api.js';
import { newAesKey } from './callers.js';

export interface LocalPlatforms {
  wecom?: { fake: WecomApiFake; config: WecomConfig; webhookKeys: Record<string, string> };
  dingtalk?: { fake: DingtalkApiFake; config: DingtalkConfig };
  stop(): Promise<void>;
}

export interface LocalPlatformOptions {
  /** The server's (adjustable) clock, so token expiry and response-code lifetimes move with it. */
  now: () => number;
  /** Which platforms to play (a platform configured for real is left alone). */
  wecom: boolean;
  dingtalk: boolean;
  /** Our chat ids of the team group chats; each gets a group-robot webhook key (scheduled pushes). */
  groupChats: string[];
  cardTemplateId: string;
}

const secret = (n = 16) => randomBytes(n).toString('hex');

export async function startLocalPlatforms(o: LocalPlatformOptions): Promise<LocalPlatforms> {
  const clock = new FakeClock(o.now);
  const out: LocalPlatforms = {
    async stop() {
      await out.wecom?.fake.stop();
      await out.dingtalk?.fake.stop();
    },
  };
  if (o.wecom) {
    const webhookKeys = Object.fromEntries(o.groupChats.map((chat) => [chat, secret()]));
    const fake = new WecomApiFake({ corpId: `wwlocal${secret(5)}`, secret: secret(), clock, webhookKeys: Object.values(webhookKeys) });
    await fake.start();
    out.wecom = {
      fake, webhookKeys,
      config: {
        corpId: fake.corpId, agentId: String(fake.agentId), secret: fake.secret, token: secret(8), aesKey: newAesKey(), apiBase: fake.url,
        bot: { token: secret(8), aesKey: newAesKey() },
        groupWebhookKeys: Object.entries(webhookKeys).map(([chat, key]) => `${chat}=${key}`).join(','),
      },
    };
  }
  if (o.dingtalk) {
    const fake = new DingtalkApiFake({ appKey: `dinglocal${secret(5)}`, appSecret: secret(24), clock });
    await fake.start();
    out.dingtalk = {
      fake,
      config: { appKey: fake.appKey, appSecret: fake.appSecret, robotCode: fake.robotCode, apiBase: fake.url, oapiBase: fake.url, mode: 'http', cardTemplateId: o.cardTemplateId },
    };
  }
  return out;
}
