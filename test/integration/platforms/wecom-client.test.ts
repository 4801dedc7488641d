import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WecomClient, type WecomClientOptions } from '../../../bot/platforms/wecom/client.js';
import { createWecomAdapter } from '../../../bot/platforms/wecom/adapter.js';
import { PlatformError } from '../../../bot/core/platform.js';
import { WecomApiFake } from '../../fakes/wecom-api.js';

let fake: WecomApiFake;
const sleeps: number[] = [];
beforeEach(async () => { fake = new WecomApiFake({ webhookKeys: ['team-east'] }); await fake.start(); sleeps.length = 0; });
afterEach(async () => { await fake.stop(); });

function client(extra: Partial<WecomClientOptions> = {}) {
  return new WecomClient({
    config: { corpId: fake.corpId, secret: fake.secret, agentId: String(fake.agentId), apiBase: fake.url },
    now: fake.clock.now, sleep: async (ms) => { sleeps.push(ms); }, ...extra,
  });
}

async function failure(p: Promise<unknown>): Promise<PlatformError> {
  try { await p; } catch (e) { if (e instanceof PlatformError) return e; throw e; }
  throw new Error('expected a PlatformError');
}

describe('WecomClient against the WeCom fake', () => {
  it('caches the token and fetches a new one shortly before it expires', async () => {
    const c = client();
    await c.sendText('rep.zhang', 'a');
    await c.sendText('rep.zhang', 'b');
    expect(fake.tokensIssued).toBe(1);
    expect(fake.calls('/cgi-bin/gettoken')).toHaveLength(1);
    fake.clock.advance(7200_000 - 200_000); // inside the 300 s early-refresh margin: ask again (WeCom returns the same token)
    await c.sendText('rep.zhang', 'c');
    expect(fake.calls('/cgi-bin/gettoken')).toHaveLength(2);
    fake.clock.advance(200_000); // now really expired: a new token
    await c.sendText('rep.zhang', 'd');
    expect(fake.tokensIssued).toBe(2);
    expect(fake.deliveredTo('rep.zhang').map((d) => (d.body.text as { content: string }).content)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('refreshes once and retries when WeCom invalidates the token early (40014) or it expired (42001)', async () => {
    const c = client();
    await c.sendText('u', '1');
    fake.revokeToken();
    await c.sendText('u', '2');
    expect(fake.tokensIssued).toBe(2);
    const stale = client({ now: () => fake.clock.now() - 10 * 3_600_000 }); // its clock lags: it keeps an expired token
    await stale.sendText('u', '3');
    fake.clock.advance(7200_000);
    await stale.sendText('u', '4');
    expect(fake.deliveredTo('u')).toHaveLength(4);
  });

  it('backs off on -1 (1 s, 2 s) and then succeeds', async () => {
    fake.failNext(2, 'busy');
    await client().sendText('u', 'x');
    expect(sleeps).toEqual([1000, 2000]);
    expect(fake.deliveredTo('u')).toHaveLength(1);
  });

  it('surfaces typed, retryable errors for persistent -1, HTTP 500 and timeouts', async () => {
    fake.failNext(4, 'busy');
    expect(await failure(client().sendText('u', 'x'))).toMatchObject({ platform: 'wecom', code: '-1', retryable: true });
    fake.failNext(1, 'http500');
    expect(await failure(client().sendText('u', 'x'))).toMatchObject({ code: 'http_500', retryable: true });
    fake.failNext(1, 'timeout');
    expect(await failure(client({ timeoutMs: 300 }).sendText('u', 'x'))).toMatchObject({ code: 'timeout', retryable: true });
    expect(fake.deliveredTo('u')).toHaveLength(0);
  });

  it('a wrong secret is a dead letter, not a retry', async () => {
    const c = new WecomClient({ config: { corpId: fake.corpId, secret: 'wrong', agentId: String(fake.agentId), apiBase: fake.url } });
    expect(await failure(c.sendText('u', 'x'))).toMatchObject({ code: '40001', retryable: false });
  });

  it('never exceeds the per-member limit: every message waits and arrives, none is silently dropped', async () => {
    // Fake: 3 per 300 ms per member (stands in for 30/min). Client: 3 per 400 ms, real sleeps.
    const fast = new WecomApiFake({ memberLimits: [{ points: 3, windowMs: 300 }] });
    await fast.start();
    try {
      const c = new WecomClient({ config: { corpId: fast.corpId, secret: fast.secret, agentId: String(fast.agentId), apiBase: fast.url }, memberLimits: [{ name: 't', points: 3, durationMs: 400 }] });
      await Promise.all(Array.from({ length: 8 }, (_, i) => c.sendText('rep.zhang', `m${i}`)));
      expect(fast.dropped).toHaveLength(0);
      expect(fast.deliveredTo('rep.zhang')).toHaveLength(8);
      // Without our gate the same burst loses messages silently (errcode 0), which is what WeCom does.
      const naive = new WecomClient({ config: { corpId: fast.corpId, secret: fast.secret, agentId: String(fast.agentId), apiBase: fast.url }, memberLimits: [{ name: 'n', points: 1000, durationMs: 1 }] });
      await Promise.all(Array.from({ length: 8 }, (_, i) => naive.sendText('rep.li', `m${i}`)));
      expect(fast.dropped.length).toBeGreaterThan(0);
    } finally {
      await fast.stop();
    }
  });

  it('sends an interactive card, gets a response_code, and updates the card once with it', async () => {
    const c = client();
    const sent = await c.sendCard('mgr.wang', { card_type: 'button_interaction', task_id: 'appr-1', main_title: { title: 't' }, button_list: [{ text: 'ok', key: 'k' }] });
    expect(sent.responseCode).toBeTruthy();
    await c.updateCard({ userIds: ['mgr.wang'], responseCode: sent.responseCode!, replaceName: 'done' });
    expect(fake.cardUpdates).toHaveLength(1);
    expect(fake.cardUpdates[0].body.userids).toEqual(['mgr.wang']);
    expect(await failure(c.updateCard({ userIds: ['mgr.wang'], responseCode: sent.responseCode!, replaceName: 'again' }))).toMatchObject({ retryable: false });
    const late = fake.issueResponseCode('mgr.wang', 'appr-2');
    fake.clock.advance(24 * 3_600_000 + 1);
    expect(await failure(c.updateCard({ userIds: ['mgr.wang'], responseCode: late, replaceName: 'x' }))).toMatchObject({ retryable: false });
  });

  it('keeps a group webhook under 20/min: a burst waits instead of being refused', async () => {
    const fast = new WecomApiFake({ webhookLimit: { points: 3, windowMs: 300 } });
    await fast.start();
    try {
      const c = new WecomClient({ config: { corpId: fast.corpId, secret: fast.secret, agentId: String(fast.agentId), apiBase: fast.url }, groupLimits: [{ name: 'g', points: 3, durationMs: 400 }] });
      await Promise.all(Array.from({ length: 7 }, (_, i) => c.sendWebhook('team-east', { msgtype: 'text', text: { content: `p${i}` } })));
      expect(fast.webhookMessages).toHaveLength(7);
    } finally {
      await fast.stop();
    }
  });

  it('exchanges single-use login codes (jscode2session, auth/getuserinfo)', async () => {
    const c = client();
    const code = fake.issueLoginCode('rep.zhang');
    expect(await c.code2Session(code)).toMatchObject({ userId: 'rep.zhang', corpId: fake.corpId });
    expect(await failure(c.code2Session(code))).toMatchObject({ code: '40029', retryable: false });
    expect(await c.getUserInfo(fake.issueLoginCode('rep.li'))).toMatchObject({ userId: 'rep.li' });
  });
});

describe('WeCom adapter', () => {
  function adapter() {
    return createWecomAdapter({
      config: { corpId: fake.corpId, secret: fake.secret, agentId: String(fake.agentId), apiBase: fake.url, token: 't', aesKey: 'k', groupWebhooks: { 'team-east': 'team-east' } },
      now: fake.clock.now, clientOptions: { sleep: async () => {} },
    });
  }
  const to = { platform: 'wecom' as const, tenant: 'c' };

  it('sends 1:1 text, markdown and cards through message/send', async () => {
    const a = adapter();
    await a.send({ ...to, userId: 'rep.zhang', chatType: 'single' }, { kind: 'text', text: '<b>hi</b>' });
    await a.send({ ...to, userId: 'rep.zhang' }, { kind: 'markdown', text: '# hi' });
    const h = await a.send({ ...to, userId: 'rep.zhang' }, { kind: 'card', cardId: 'rcpt-9', card: { card_type: 'button_interaction', main_title: { title: 'x' }, button_list: [{ text: 'undo', key: 'u' }] } });
    expect(fake.deliveredTo('rep.zhang').map((d) => d.msgtype)).toEqual(['text', 'markdown', 'template_card']);
    expect((fake.deliveredTo('rep.zhang')[2].body.template_card as { task_id: string }).task_id).toBe('rcpt-9');
    expect(h).toMatchObject({ platform: 'wecom', cardId: 'rcpt-9' });
    await a.updateCard(h, { ...to, userId: 'rep.zhang' }, { kind: 'card', cardId: 'rcpt-9', card: { card_type: 'button_interaction', main_title: { title: 'undone' } } });
    expect(fake.cardUpdates).toHaveLength(1);
  });

  it('replies in a group through the robot response_url once, then through the group webhook', async () => {
    const a = adapter();
    const group = { ...to, chatType: 'group' as const, chatId: 'team-east', replyUrl: fake.issueRobotResponseUrl(), replyUrlExpiresAt: fake.clock.now() + 3_600_000 };
    await a.send(group, { kind: 'markdown', text: 'first' });
    await a.send(group, { kind: 'text', text: 'second' });
    expect(fake.robotResponses).toHaveLength(1);
    expect(fake.webhookMessages).toHaveLength(1);
  });

  it('a group with no live reply url and no webhook is a non-retryable no_route', async () => {
    expect(await failure(adapter().send({ ...to, chatType: 'group', chatId: 'nowhere' }, { kind: 'text', text: 'x' }))).toMatchObject({ code: 'no_route', retryable: false });
  });

  it('an update without a response_code is refused before calling WeCom', async () => {
    expect(await failure(adapter().updateCard({ platform: 'wecom', cardId: 'x' }, { ...to, userId: 'u' }, { kind: 'card', cardId: 'x', card: {} }))).toMatchObject({ code: 'no_response_code' });
  });
});
