// The JS-API tickets behind in-app page signatures, against the WeCom and DingTalk fakes: cached, renewed
// shortly before they run out, and fetched again with a fresh token when the platform says the token expired.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WecomClient } from '../../../bot/platforms/wecom/client.js';
import { DingtalkClient } from '../../../bot/platforms/dingtalk/client.js';
import { PlatformError } from '../../../bot/core/platform.js';
import { WecomApiFake } from '../../fakes/wecom-api.js';
import { DingtalkApiFake } from '../../fakes/dingtalk-api.js';

const PAGE = 'https://crm.example.com/m/?corpId=x#/pages/followup/index?customerId=7';

describe('WeCom JS-API tickets', () => {
  let fake: WecomApiFake;
  beforeEach(async () => { fake = new WecomApiFake(); await fake.start(); });
  afterEach(async () => { await fake.stop(); });
  const client = (now: () => number = fake.clock.now) => new WecomClient({
    config: { corpId: fake.corpId, secret: fake.secret, agentId: String(fake.agentId), apiBase: fake.url }, now, sleep: async () => {},
  });

  it('signs config with the corp ticket and agentConfig with the agent_config ticket, both accepted by the WeCom app', async () => {
    const s = await client().signJsapi(PAGE);
    expect(s.corpId).toBe(fake.corpId);
    expect(s.agentId).toBe(String(fake.agentId));
    expect(fake.verifyPageSignature('corp', { url: PAGE, ...s.config })).toBe(true);
    expect(fake.verifyPageSignature('agent', { url: PAGE, ...s.agentConfig })).toBe(true);
    // Each signature belongs to its own ticket: swapped, the app refuses them.
    expect(fake.verifyPageSignature('agent', { url: PAGE, ...s.config })).toBe(false);
    expect(fake.calls('/cgi-bin/ticket/get')[0].query.type).toBe('agent_config');
  });

  it('keeps both tickets for their 7200 s, asks again inside the last 300 s, and signs with a new one after expiry', async () => {
    const c = client();
    await c.signJsapi(PAGE);
    await c.signJsapi(PAGE);
    expect(fake.calls('/cgi-bin/get_jsapi_ticket')).toHaveLength(1);
    expect(fake.calls('/cgi-bin/ticket/get')).toHaveLength(1);
    fake.clock.advance(7200_000 - 200_000);
    await c.signJsapi(PAGE);
    expect(fake.calls('/cgi-bin/get_jsapi_ticket')).toHaveLength(2);
    expect(fake.ticketsIssued.corp).toBe(1); // WeCom answered with the same ticket, still valid
    fake.clock.advance(200_000);
    const later = await c.signJsapi(PAGE);
    expect(fake.ticketsIssued).toEqual({ corp: 2, agent: 2 });
    expect(fake.verifyPageSignature('corp', { url: PAGE, ...later.config })).toBe(true);
  });

  it('shares one ticket fetch between pages asking at the same moment', async () => {
    const c = client();
    await Promise.all([c.signJsapi(PAGE), c.signJsapi(PAGE), c.signJsapi(PAGE)]);
    expect(fake.calls('/cgi-bin/get_jsapi_ticket')).toHaveLength(1);
    expect(fake.calls('/cgi-bin/gettoken')).toHaveLength(1);
  });

  it('on 42001 (expired token) fetches a new token once and retries the ticket call', async () => {
    // This client's clock stands still: it believes its token is fresh when WeCom has expired it.
    const frozen = fake.clock.now();
    const c = client(() => frozen);
    await c.getToken();
    fake.clock.advance(7200_000);
    const s = await c.signJsapi(PAGE);
    const tokensUsed = fake.calls('/cgi-bin/get_jsapi_ticket').map((r) => r.query.access_token);
    expect(tokensUsed).toHaveLength(2);
    expect(tokensUsed[0]).not.toBe(tokensUsed[1]);
    expect(fake.tokensIssued).toBe(2);
    expect(fake.verifyPageSignature('corp', { url: PAGE, ...s.config })).toBe(true);
  });

  it('surfaces a ticket refusal as a typed, non-retryable error', async () => {
    const c = new WecomClient({ config: { corpId: fake.corpId, secret: 'wrong', agentId: '1', apiBase: fake.url }, sleep: async () => {} });
    const e = await c.signJsapi(PAGE).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PlatformError);
    expect((e as PlatformError).code).toBe('40001');
    expect((e as PlatformError).retryable).toBe(false);
  });
});

describe('DingTalk JS-API ticket', () => {
  let fake: DingtalkApiFake;
  beforeEach(async () => { fake = new DingtalkApiFake(); await fake.start(); });
  afterEach(async () => { await fake.stop(); });
  const client = (now: () => number = fake.clock.now, ids = { corpId: fake.corpId, agentId: fake.agentId }) => new DingtalkClient({
    config: { appKey: fake.appKey, appSecret: fake.appSecret, robotCode: fake.robotCode, apiBase: fake.url, oapiBase: fake.url, ...ids },
    now, sleep: async () => {},
  });

  it('gives dd.config a corpId, agentId, timeStamp, nonceStr and signature the DingTalk app accepts', async () => {
    const cfg = await client().signJsapi(`${PAGE.split('#')[0]}&name=%E5%BC%A0%E4%B8%89#/x`);
    expect(cfg).toMatchObject({ corpId: fake.corpId, agentId: fake.agentId });
    expect(fake.verifyPageSignature({ url: `${PAGE.split('#')[0]}&name=%E5%BC%A0%E4%B8%89`, ...cfg })).toBe(true);
    expect(fake.verifyPageSignature({ url: 'https://elsewhere.example.com/m/', ...cfg })).toBe(false);
    expect(fake.calls('/get_jsapi_ticket')[0].method).toBe('GET');
  });

  it('caches the ticket, renews it shortly before 7200 s, and after expiry signs with a new one', async () => {
    const c = client();
    await c.signJsapi(PAGE);
    await c.signJsapi(PAGE);
    expect(fake.calls('/get_jsapi_ticket')).toHaveLength(1);
    fake.clock.advance(7200_000 - 200_000);
    await c.signJsapi(PAGE);
    expect(fake.calls('/get_jsapi_ticket')).toHaveLength(2);
    expect(fake.jsapiTicketsIssued).toBe(1); // renewed, same ticket
    fake.clock.advance(7200_000);
    const cfg = await c.signJsapi(PAGE);
    expect(fake.jsapiTicketsIssued).toBe(2);
    expect(fake.verifyPageSignature({ url: PAGE, ...cfg })).toBe(true);
  });

  it('on 42001 (expired token) fetches a new token once and retries the ticket call', async () => {
    const frozen = fake.clock.now();
    const c = client(() => frozen);
    await c.getOapiToken();
    fake.clock.advance(7200_000);
    const cfg = await c.signJsapi(PAGE);
    expect(fake.calls('/get_jsapi_ticket')).toHaveLength(2);
    expect(fake.tokensIssued.oapi).toBe(2);
    expect(fake.verifyPageSignature({ url: PAGE, ...cfg })).toBe(true);
  });

  it('refuses to sign without the corpId and agentId dd.config needs', async () => {
    const e = await client(fake.clock.now, { corpId: '', agentId: '' }).signJsapi(PAGE).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PlatformError);
    expect((e as PlatformError).code).toBe('config');
    expect(fake.calls('/get_jsapi_ticket')).toHaveLength(0);
  });
});
