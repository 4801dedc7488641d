// Voice-to-text in the follow-up form, in Chromium with each app's user agent against the real server and the fake
// WeCom/DingTalk APIs. The apps' JS bridges are faked in the page (WeCom: window.WeixinJSBridge; DingTalk's Android
// container: window.nuva); when the page hands them its signature they ask the fake platform, as the real apps ask
// theirs, whether it was made with a live ticket for this page. Recording and recognition answer from a script.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { openTestDb, type TestDb } from '../helpers/db.js';
import { seedOrg } from '../helpers/org.js';
import { startChatStack, type ChatStack } from '../helpers/chat-stack.js';
import { ensureBuild, REPO } from './helpers/miniapp-build.js';
import { CHROMIUM, launch, phone } from './helpers/browser.js';
import { realClock } from './helpers/pages.js';

const WECOM_UA = 'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36 wxwork/4.1.22 MicroMessenger/7.0.1 Language/zh';
const DINGTALK_UA = 'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36 AliApp(DingTalk/7.6.0) com.alibaba.android.rimet/12345 Channel/700159 language/zh-CN DingTalk(7.6.0)';
const zh = JSON.parse(readFileSync(join(REPO, 'locales', 'zh-CN', 'miniapp.json'), 'utf8')) as Record<string, string>;

/** What the fake apps' recorders do next: `start` fails with a permission error, or recognition returns `text`. */
interface VoiceScript { start: 'ok' | 'denied'; text: string }

describe.skipIf(!existsSync(CHROMIUM))('mini-program H5: voice input in the follow-up form where the app gives it', () => {
  let tdb: TestDb;
  let chat: ChatStack;
  let browser: Browser;
  let token: string;
  let customerId: number;
  const customerName = '语音测试客户';

  beforeAll(async () => {
    ensureBuild('h5');
    tdb = await openTestDb('sqlite', realClock());
    await seedOrg(tdb.db);
    chat = await startChatStack(tdb);
    const login = await fetch(`${chat.url}/api/v1/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'rep.zhang' }) });
    token = ((await login.json()) as { token: string }).token;
    const created = await fetch(`${chat.url}/api/v1/customers`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ name: customerName }),
    });
    customerId = ((await created.json()) as { id: number }).id;
    browser = await launch();
  }, 400_000);

  afterAll(async () => {
    await browser?.close();
    await chat?.close();
    await tdb?.close();
  });

  const formRoute = () => `#/pages/followup/index?customerId=${customerId}&name=${encodeURIComponent(customerName)}`;
  const phoneAs = (userAgent: string) => phone(browser, 'zh-CN', userAgent);
  const script = (page: Page, s: VoiceScript) => page.evaluate((v) => { (globalThis as any).__voiceScript = v; }, s);
  // Taro's toast is one element whose box is its fixed-position child: wait for the words themselves to show.
  const toast = (page: Page, text: string) => page.locator('.taro__toast').getByText(text, { exact: true }).waitFor();

  async function followUpsOf(id: number): Promise<{ content: string; channel: string }[]> {
    const r = await fetch(`${chat.url}/api/v1/activities?customerId=${id}&limit=50`, { headers: { authorization: `Bearer ${token}` } });
    return ((await r.json()) as { items: { content: string; channel: string }[] }).items;
  }

  /** Speaks `text` through the mic button (tap, tap) and waits until the button is ready again. */
  async function speak(page: Page, s: VoiceScript): Promise<void> {
    await script(page, s);
    const mic = page.locator('[data-testid="voice"]');
    await mic.click();
    if (s.start === 'denied') return;
    await page.locator('[data-testid="voice"][data-phase="listening"]').waitFor();
    await mic.click();
    await page.locator('[data-testid="voice"][data-phase="idle"]').waitFor();
  }

  /** The page's signed-config requests and what the server answered. */
  function watchConfigs(page: Page): { status: number; body: any }[] {
    const seen: { status: number; body: any }[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('/api/v1/platform/jsapi-config')) void r.json().then((body) => seen.push({ status: r.status(), body }));
    });
    return seen;
  }

  it('outside both apps there is no mic button and no signature is asked for', async () => {
    const ctx = await phone(browser);
    const page = await ctx.newPage();
    const asked: string[] = [];
    page.on('request', (r) => { if (r.url().includes('/platform/jsapi-config')) asked.push(r.url()); });
    await page.goto(`${chat.url}/m/${formRoute()}`);
    await page.locator('[data-testid="login-rep.zhang"]').click();
    await page.locator('[data-testid="content"] textarea').waitFor();
    await page.locator('[data-testid="save"]').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('[data-testid="voice"]').count()).toBe(0);
    expect(asked).toEqual([]);
    await ctx.close();
  });

  it('WeCom: ww.register with the server\'s signatures, then the recognized text lands in the form and is saved', async () => {
    const ctx = await phoneAs(WECOM_UA);
    const verified: { kind: string; ok: boolean }[] = [];
    await ctx.exposeFunction('__wecomChecks', (kind: 'corp' | 'agent', p: { url: string; timestamp: string; nonceStr: string; signature: string }) => {
      const ok = chat.wecom.verifyPageSignature(kind, p);
      verified.push({ kind, ok });
      return ok;
    });
    await ctx.addInitScript(() => {
      const w = globalThis as any;
      w.__voiceScript = { start: 'ok', text: '' };
      w.__bridgeCalls = [];
      let configured = false;
      let recording = false;
      const listeners: Record<string, (r: unknown) => void> = {};
      w.WeixinJSBridge = {
        on(name: string, cb: (r: unknown) => void) { listeners[name] = cb; },
        invoke(name: string, p: any, cb: (r: unknown) => void) {
          w.__bridgeCalls.push(name);
          const url = String(w.location.href).split('#')[0];
          const reply = (r: object) => setTimeout(() => cb(r), 0);
          if (name === 'preVerifyJSAPI') {
            void w.__wecomChecks('corp', { url, timestamp: p.verifyTimestamp, nonceStr: p.verifyNonceStr, signature: p.verifySignature })
              .then((ok: boolean) => { configured ||= ok; reply({ err_msg: ok ? 'config:ok' : 'config:fail invalid signature' }); });
          } else if (name === 'agentConfig') {
            void w.__wecomChecks('agent', { url, timestamp: p.timestamp, nonceStr: p.nonceStr, signature: p.signature })
              .then((ok: boolean) => { configured ||= ok; reply({ err_msg: ok ? 'agentConfig:ok' : 'agentConfig:fail invalid signature' }); });
          } else if (!configured) {
            reply({ err_msg: `${name}:fail no permission` });
          } else if (name === 'checkJsApi') {
            reply({ err_msg: 'checkJsApi:ok', checkResult: Object.fromEntries(p.jsApiList.map((n: string) => [n, true])) });
          } else if (name === 'startRecord') {
            if (w.__voiceScript.start === 'denied') reply({ err_msg: 'startRecord:fail auth deny' });
            else { recording = true; reply({ err_msg: 'startRecord:ok' }); }
          } else if (name === 'stopRecord') {
            reply(recording ? { err_msg: 'stopRecord:ok', localId: 'weixin://resourceid/voice1' } : { err_msg: 'stopRecord:fail not recording' });
            recording = false;
          } else if (name === 'translateVoice') {
            reply({ err_msg: 'translateVoice:ok', translateResult: w.__voiceScript.text });
          } else {
            reply({ err_msg: `${name}:fail not in this fake` });
          }
        },
      };
    });
    const page = await ctx.newPage();
    const configs = watchConfigs(page);
    await page.goto(`${chat.url}/m/?code=${chat.wecom.issueLoginCode('rep_zhang')}&state=chatcrm${formRoute()}`);
    const mic = page.locator('[data-testid="voice"]');
    await mic.waitFor();
    expect(await mic.innerText()).toBe(zh['miniapp.followup.voice']);
    expect((await mic.boundingBox())!.height).toBeGreaterThanOrEqual(44);

    // The page asked the server for its signatures, and the (fake) WeCom app accepted them.
    expect(configs.map((c) => c.status)).toEqual([200]);
    expect(configs[0].body).toMatchObject({ platform: 'wecom', url: `${chat.url}/m/`, corpId: chat.wecom.corpId });
    expect(chat.wecom.verifyPageSignature('agent', { url: `${chat.url}/m/`, ...configs[0].body.agentConfig })).toBe(true);
    expect(chat.wecom.verifyPageSignature('corp', { url: `${chat.url}/m/`, ...configs[0].body.config })).toBe(true);
    expect(verified.length).toBeGreaterThan(0);
    expect(verified.every((v) => v.ok)).toBe(true);

    // Refusals are explained in our words, and nothing is added.
    await speak(page, { start: 'denied', text: '' });
    await toast(page, zh['miniapp.followup.voiceDenied']);
    await speak(page, { start: 'ok', text: '  ' });
    await toast(page, zh['miniapp.followup.voiceNothing']);
    const textarea = page.locator('[data-testid="content"] textarea');
    expect(await textarea.inputValue()).toBe('');

    // Typed text first, then two spoken sentences appended after it.
    await textarea.fill('电话沟通。');
    await speak(page, { start: 'ok', text: '客户同意下周签合同' });
    await speak(page, { start: 'ok', text: '需要先发报价单' });
    const expected = '电话沟通。客户同意下周签合同需要先发报价单';
    expect(await textarea.inputValue()).toBe(expected);
    expect(await page.evaluate(() => (globalThis as any).__bridgeCalls as string[])).toEqual(expect.arrayContaining(['agentConfig', 'checkJsApi', 'startRecord', 'stopRecord', 'translateVoice']));

    await page.locator('[data-testid="save"]').click();
    await expect.poll(async () => (await followUpsOf(customerId)).filter((a) => a.content === expected).length).toBe(1);
    expect((await followUpsOf(customerId)).find((a) => a.content === expected)!.channel).toBe('miniapp');
    await ctx.close();
  });

  it('DingTalk: dd.config with the server\'s signature, then the recognized text lands in the form and is saved', async () => {
    const ctx = await phoneAs(DINGTALK_UA);
    const verified: boolean[] = [];
    await ctx.exposeFunction('__dingtalkChecks', (p: { url: string; corpId: string; agentId: string; timeStamp: number; nonceStr: string; signature: string }) => {
      const ok = chat.dingtalk.verifyPageSignature(p);
      verified.push(ok);
      return ok;
    });
    await ctx.addInitScript((authCode) => {
      const w = globalThis as any;
      w.__voiceScript = { start: 'ok', text: '' };
      w.__bridgeCalls = [];
      let configured = false;
      w.nuva = {
        isReady: true,
        require: () => (ok: (r: unknown) => void, fail: (e: unknown) => void, service: string, action: string, p: any) => {
          const api = `${service}.${action}`;
          w.__bridgeCalls.push(api);
          const url = String(w.location.href).split('#')[0];
          if (api === 'runtime.permission.requestAuthCode') ok({ code: authCode });
          else if (api === 'runtime.permission.requestJsApis') {
            void w.__dingtalkChecks({ url, corpId: p.corpId, agentId: p.agentId, timeStamp: p.timeStamp, nonceStr: p.nonceStr, signature: p.signature })
              .then((good: boolean) => { configured = good; if (good) ok({}); else fail({ errorCode: '3', errorMessage: 'jsapi signature invalid' }); });
          } else if (!configured) fail({ errorCode: '3', errorMessage: 'no permission for this jsapi' });
          else if (api === 'device.audio.startRecord') {
            if (w.__voiceScript.start === 'denied') fail({ errorCode: '3', errorMessage: 'permission denied: microphone' });
            else ok({});
          } else if (api === 'device.audio.onRecordEnd') { /* answers only when the client stops by itself */ }
          else if (api === 'device.audio.stopRecord') ok({ mediaId: '@lATPDfake', duration: 3 });
          else if (api === 'device.audio.translateVoice') ok({ mediaId: p.mediaId, content: w.__voiceScript.text });
          else fail({ errorCode: '1', errorMessage: `not in this fake: ${api}` });
        },
      };
    }, chat.dingtalk.issueLoginCode('dt_rep_zhang'));
    const page = await ctx.newPage();
    const configs = watchConfigs(page);
    await page.goto(`${chat.url}/m/?corpId=${chat.dingtalk.corpId}${formRoute()}`);
    const mic = page.locator('[data-testid="voice"]');
    await mic.waitFor();
    expect((await mic.boundingBox())!.height).toBeGreaterThanOrEqual(44);

    const pageUrl = `${chat.url}/m/?corpId=${chat.dingtalk.corpId}`;
    expect(configs.map((c) => c.status)).toEqual([200]);
    expect(configs[0].body).toMatchObject({ platform: 'dingtalk', url: pageUrl, corpId: chat.dingtalk.corpId, agentId: chat.dingtalk.agentId });
    expect(chat.dingtalk.verifyPageSignature({ url: pageUrl, ...configs[0].body })).toBe(true);
    expect(verified).toEqual([true]);

    await speak(page, { start: 'denied', text: '' });
    await toast(page, zh['miniapp.followup.voiceDenied']);
    await speak(page, { start: 'ok', text: '客户要求周五前回复报价' });
    const textarea = page.locator('[data-testid="content"] textarea');
    expect(await textarea.inputValue()).toBe('客户要求周五前回复报价');
    expect(await page.evaluate(() => (globalThis as any).__bridgeCalls as string[]))
      .toEqual(expect.arrayContaining(['runtime.permission.requestJsApis', 'device.audio.startRecord', 'device.audio.stopRecord', 'device.audio.translateVoice']));

    await page.locator('[data-testid="type-visit"]').click();
    await page.locator('[data-testid="save"]').click();
    await expect.poll(async () => (await followUpsOf(customerId)).filter((a) => a.content === '客户要求周五前回复报价').length).toBe(1);
    await ctx.close();
  });
});
