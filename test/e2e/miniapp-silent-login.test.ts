// Sign-in without typing in the H5 build, opened as WeCom and DingTalk open it: the real server talks to the
// fake WeCom/DingTalk APIs (WECOM_API_BASE, DINGTALK_*_BASE), the browser carries each app's user agent.
// WeCom: the OAuth redirect has put ?code= (issued by the fake) into the URL. DingTalk: dingtalk-jsapi asks
// the app's Android bridge (window.nuva), which this test provides, for an auth code the fake issued.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { openTestDb, type TestDb } from '../helpers/db.js';
import { seedOrg } from '../helpers/org.js';
import { startChatStack, type ChatStack } from '../helpers/chat-stack.js';
import { ensureBuild } from './helpers/miniapp-build.js';
import { CHROMIUM, launch, phone } from './helpers/browser.js';
import { realClock } from './helpers/pages.js';

const WECOM_UA = 'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36 wxwork/4.1.22 MicroMessenger/7.0.1 Language/zh';
const DINGTALK_UA = 'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36 AliApp(DingTalk/7.6.0) com.alibaba.android.rimet/12345 Channel/700159 language/zh-CN DingTalk(7.6.0)';

describe.skipIf(!existsSync(CHROMIUM))('mini-program H5 signs in without typing inside WeCom and DingTalk', () => {
  let tdb: TestDb;
  let chat: ChatStack;
  let browser: Browser;

  beforeAll(async () => {
    ensureBuild('h5');
    tdb = await openTestDb('sqlite', realClock());
    await seedOrg(tdb.db);
    chat = await startChatStack(tdb);
    browser = await launch();
  }, 400_000);

  afterAll(async () => {
    await browser?.close();
    await chat?.close();
    await tdb?.close();
  });

  const phoneAs = (userAgent: string) => phone(browser, 'zh-CN', userAgent);

  it('WeCom: the OAuth code in the URL is exchanged and Today opens, no picker, the code gone from the URL', async () => {
    const ctx = await phoneAs(WECOM_UA);
    const page = await ctx.newPage();
    const code = chat.wecom.issueLoginCode('rep_zhang');
    const exchanged = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/wecom'));
    await page.goto(`${chat.url}/m/?code=${code}&state=chatcrm#/pages/today/index`);
    expect((await exchanged).status()).toBe(200);
    await page.locator('[data-testid="today-tasks"]').waitFor();
    expect(await page.locator('[data-testid^="login-"]').count()).toBe(0);
    expect(page.url()).not.toContain('code=');
    const token = await page.evaluate(() => JSON.parse((globalThis as any).localStorage.getItem('chatcrm.token')).data as string);
    const me = await fetch(`${chat.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json() as Promise<any>);
    expect(me.name ?? me.user?.name).toBe('张三');
    await ctx.close();
  });

  it('WeCom: a code that was already used shows the sign-in picker instead of a broken page', async () => {
    const code = chat.wecom.issueLoginCode('rep_zhang');
    expect((await fetch(`${chat.url}/api/v1/auth/wecom`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) })).status).toBe(200);
    const ctx = await phoneAs(WECOM_UA);
    const page = await ctx.newPage();
    await page.goto(`${chat.url}/m/?code=${code}#/pages/today/index`);
    await page.locator('[data-testid^="login-"]').first().waitFor();
    await ctx.close();
  });

  it('DingTalk: requestAuthCode through the app bridge, exchanged at /auth/dingtalk, Today opens', async () => {
    const ctx = await phoneAs(DINGTALK_UA);
    const authCode = chat.dingtalk.issueLoginCode('dt_rep_zhao');
    // DingTalk's Android container: nuva.require() gives the bridge function dingtalk-jsapi calls.
    await ctx.addInitScript((code) => {
      const w = globalThis as any;
      w.__bridgeCalls = [];
      w.nuva = {
        isReady: true,
        require: () => (ok: (r: unknown) => void, fail: (e: unknown) => void, service: string, action: string, params: { corpId?: string }) => {
          w.__bridgeCalls.push(`${service}.${action}:${params?.corpId ?? ''}`);
          if (service === 'runtime.permission' && action === 'requestAuthCode') ok({ code });
          else fail({ errorCode: '1', errorMessage: `not in this fake: ${service}.${action}` });
        },
      };
    }, authCode);
    const page = await ctx.newPage();
    const exchanged = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/dingtalk'));
    await page.goto(`${chat.url}/m/?corpId=ding-test-corp#/pages/today/index`);
    expect((await exchanged).status()).toBe(200);
    await page.locator('[data-testid="today-tasks"]').waitFor();
    expect(await page.locator('[data-testid^="login-"]').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as any).__bridgeCalls)).toContain('runtime.permission.requestAuthCode:ding-test-corp');
    await ctx.close();
  });
});
