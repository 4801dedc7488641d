// POST /api/v1/platform/jsapi-config over HTTP: the real server signs its own H5 pages for WeCom's ww.register and
// DingTalk's dd.config with tickets from the fake platform APIs, and the fakes' app-side check accepts them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg } from '../../helpers/org.js';
import { startChatStack, type ChatStack } from '../../helpers/chat-stack.js';

describe.each(TARGETS)('JS-API page signatures for in-app H5 on %s', (target) => {
  let t: TestDb; let chat: ChatStack; let token: string;
  beforeAll(async () => {
    t = await openTestDb(target);
    await seedOrg(t.db);
    chat = await startChatStack(t);
    const login = await fetch(`${chat.url}/api/v1/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'rep.zhang', channel: 'miniapp' }) });
    token = ((await login.json()) as { token: string }).token;
  });
  afterAll(async () => { await chat?.close(); await t?.close(); });

  const sign = (body: unknown, o: { lang?: string; auth?: boolean } = {}) => fetch(`${chat.url}/api/v1/platform/jsapi-config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': o.lang ?? 'zh-CN', ...(o.auth === false ? {} : { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, body: await r.json() as any }));
  const page = () => `${chat.url}/m/?corpId=x#/pages/followup/index?customerId=1&name=%E5%BC%A0`;

  it('replaces a token the platform revoked early (40014) once and retries the ticket call', async () => {
    // Both clients hold a token from a sign-in; then each platform invalidates it before its time.
    const post = (path: string, body: unknown) => fetch(chat.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post('/api/v1/auth/wecom', { code: chat.wecom.issueLoginCode('rep_zhang') })).status).toBe(200);
    expect((await post('/api/v1/auth/dingtalk', { authCode: chat.dingtalk.issueLoginCode('dt_rep_zhang') })).status).toBe(200);
    chat.wecom.revokeToken();
    chat.dingtalk.revokeTokens();
    const w = await sign({ platform: 'wecom', url: page() });
    const d = await sign({ platform: 'dingtalk', url: page() });
    expect(w.status).toBe(200);
    expect(d.status).toBe(200);
    const wecomTokens = chat.wecom.calls('/cgi-bin/get_jsapi_ticket').map((r) => r.query.access_token);
    expect(wecomTokens).toHaveLength(2);
    expect(wecomTokens[0]).not.toBe(wecomTokens[1]);
    expect(chat.dingtalk.calls('/get_jsapi_ticket')).toHaveLength(2);
    expect(chat.wecom.verifyPageSignature('corp', { url: page(), ...w.body.config })).toBe(true);
    expect(chat.dingtalk.verifyPageSignature({ url: page(), ...d.body })).toBe(true);
  });

  it('gives a WeCom page both ww.register signatures, each accepted by the WeCom app for that page', async () => {
    const r = await sign({ platform: 'wecom', url: page() });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ platform: 'wecom', url: `${chat.url}/m/?corpId=x`, corpId: chat.wecom.corpId, agentId: String(chat.wecom.agentId) });
    expect(chat.wecom.verifyPageSignature('corp', { url: page(), ...r.body.config })).toBe(true);
    expect(chat.wecom.verifyPageSignature('agent', { url: page(), ...r.body.agentConfig })).toBe(true);
    expect(chat.wecom.verifyPageSignature('corp', { url: `${chat.url}/m/other`, ...r.body.config })).toBe(false);
  });

  it('gives a DingTalk page the dd.config parameters, accepted by the DingTalk app', async () => {
    const r = await sign({ platform: 'dingtalk', url: page() });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ platform: 'dingtalk', corpId: chat.dingtalk.corpId, agentId: chat.dingtalk.agentId });
    expect(typeof r.body.timeStamp).toBe('number');
    expect(chat.dingtalk.verifyPageSignature({ url: page(), ...r.body })).toBe(true);
  });

  it('fetches each ticket once for many pages, and a new one after it runs out', async () => {
    const before = { corp: chat.wecom.calls('/cgi-bin/get_jsapi_ticket').length, ding: chat.dingtalk.calls('/get_jsapi_ticket').length };
    for (let i = 0; i < 3; i++) {
      expect((await sign({ platform: 'wecom', url: page() })).status).toBe(200);
      expect((await sign({ platform: 'dingtalk', url: page() })).status).toBe(200);
    }
    expect(chat.wecom.calls('/cgi-bin/get_jsapi_ticket').length).toBe(before.corp);
    expect(chat.dingtalk.calls('/get_jsapi_ticket').length).toBe(before.ding);
    chat.wecom.clock.advance(7200_000);
    chat.dingtalk.clock.advance(7200_000);
    const w = await sign({ platform: 'wecom', url: page() });
    const d = await sign({ platform: 'dingtalk', url: page() });
    expect(chat.wecom.ticketsIssued).toEqual({ corp: 2, agent: 2 });
    expect(chat.dingtalk.jsapiTicketsIssued).toBe(2);
    expect(chat.wecom.verifyPageSignature('agent', { url: page(), ...w.body.agentConfig })).toBe(true);
    expect(chat.dingtalk.verifyPageSignature({ url: page(), ...d.body })).toBe(true);
  });

  it('refuses a page on another origin with a localized 400 naming the url field', async () => {
    for (const url of ['https://evil.example.com/m/', `${chat.url.replace('127.0.0.1', 'localhost')}/m/`, 'javascript:alert(1)', 'not a url']) {
      const r = await sign({ platform: 'wecom', url });
      expect(r.status, url).toBe(400);
      expect(r.body.error.field).toBe('url');
      expect(r.body.error.code).toBe('validation.page_url');
      expect(r.body.error.message).toContain(chat.url);
    }
    const en = await sign({ platform: 'dingtalk', url: 'https://evil.example.com/' }, { lang: 'en-US' });
    expect(en.body.error.message).toBe(`Field "url" must be a page on this server (${chat.url}).`);
    const zh = await sign({ platform: 'dingtalk', url: 'https://evil.example.com/' });
    expect(zh.body.error.message).toBe(`字段「url」必须是本服务（${chat.url}）上的页面地址。`);
  });

  it('names the field for a missing url or an unknown platform, and asks for a session', async () => {
    expect((await sign({ platform: 'wecom' })).body.error.field).toBe('url');
    const p = await sign({ platform: 'feishu', url: page() });
    expect(p.status).toBe(400);
    expect(p.body.error.field).toBe('platform');
    expect((await sign({ platform: 'wecom', url: page() }, { auth: false })).status).toBe(401);
  });

  it('says which platform is not set up when DingTalk has no corpId/agentId configured', async () => {
    const bare = await startChatStack(t, {}, { DINGTALK_CORP_ID: '', DINGTALK_AGENT_ID: '' });
    try {
      const r = await fetch(`${bare.url}/api/v1/platform/jsapi-config`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'en-US', authorization: `Bearer ${token}` },
        body: JSON.stringify({ platform: 'dingtalk', url: `${bare.url}/m/` }),
      }).then(async (x) => ({ status: x.status, body: await x.json() as any }));
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'platform.jsapi_off', field: 'platform' });
      expect(r.body.error.message).toContain('DingTalk');
      expect(bare.dingtalk.calls('/get_jsapi_ticket')).toHaveLength(0);
    } finally {
      await bare.close();
    }
  });

  it('answers 503 in the caller\'s language when the platform cannot be reached', async () => {
    chat.wecom.clock.advance(7200_000); // the cached tickets run out
    chat.wecom.failNext(4, 'http500', (path) => path === '/cgi-bin/get_jsapi_ticket');
    const r = await sign({ platform: 'wecom', url: page() }, { lang: 'en-US' });
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe('platform.unavailable');
    expect(r.body.error.message).toBe('WeCom cannot be reached right now. Please try again later.');
  });
});
