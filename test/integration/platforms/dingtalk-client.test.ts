import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DingtalkClient } from '../../../bot/platforms/dingtalk/client.js';
import { createDingtalkAdapter } from '../../../bot/platforms/dingtalk/adapter.js';
import type { DingtalkEdgeConfig } from '../../../bot/platforms/dingtalk/config.js';
import { PlatformError } from '../../../bot/core/platform.js';
import { DingtalkApiFake } from '../../fakes/dingtalk-api.js';

let fake: DingtalkApiFake;
beforeEach(async () => { fake = new DingtalkApiFake(); await fake.start(); });
afterEach(async () => { await fake.stop(); });

const cfg = (mode: 'http' | 'stream' = 'http'): DingtalkEdgeConfig => ({
  appKey: fake.appKey, appSecret: fake.appSecret, robotCode: fake.robotCode, apiBase: fake.url, oapiBase: fake.url, mode,
  defaultCardTemplateId: 'tpl.receipt',
});

async function failure(p: Promise<unknown>): Promise<PlatformError> {
  try { await p; } catch (e) { if (e instanceof PlatformError) return e; throw e; }
  throw new Error('expected a PlatformError');
}

describe('DingtalkClient against the DingTalk fake', () => {
  it('caches the new-style token and refreshes it once after a 401', async () => {
    const c = new DingtalkClient({ config: cfg(), now: fake.clock.now });
    await c.sendToUser('rep.zhang', 'sampleText', { content: 'a' });
    await c.sendToUser('rep.zhang', 'sampleText', { content: 'b' });
    expect(fake.tokensIssued.api).toBe(1);
    fake.revokeTokens();
    await c.sendToUser('rep.zhang', 'sampleText', { content: 'c' });
    expect(fake.tokensIssued.api).toBe(2);
    expect(fake.sentTo('rep.zhang').map((s) => s.msgParam.content)).toEqual(['a', 'b', 'c']);
  });

  it('refreshes the old-style token after expiry and exchanges single-use login codes', async () => {
    const c = new DingtalkClient({ config: cfg(), now: fake.clock.now });
    expect(await c.getUserInfo(fake.issueLoginCode('rep.zhang'))).toMatchObject({ userId: 'rep.zhang' });
    fake.clock.advance(7200_000);
    const code = fake.issueLoginCode('rep.li');
    expect(await c.getUserInfo(code)).toMatchObject({ userId: 'rep.li' });
    expect(fake.tokensIssued.oapi).toBe(2);
    expect(await failure(c.getUserInfo(code))).toMatchObject({ code: '40078', retryable: false });
  });

  it('surfaces 503 busy and timeouts as retryable, bad credentials as not', async () => {
    const c = new DingtalkClient({ config: cfg(), timeoutMs: 300 });
    fake.failNext(1, 'busy');
    expect(await failure(c.sendToUser('u', 'sampleText', { content: 'x' }))).toMatchObject({ platform: 'dingtalk', code: 'http_503', retryable: true });
    fake.failNext(1, 'timeout');
    expect(await failure(c.sendToUser('u', 'sampleText', { content: 'x' }))).toMatchObject({ code: 'timeout', retryable: true });
    const bad = new DingtalkClient({ config: { ...cfg(), appSecret: 'wrong' } });
    expect(await failure(bad.sendToUser('u', 'sampleText', { content: 'x' }))).toMatchObject({ code: 'invalidClientIdOrSecret', retryable: false });
  });

  it('reports an unknown recipient as a dead letter', async () => {
    const strict = new DingtalkApiFake({ knownUsers: ['rep.zhang'] });
    await strict.start();
    try {
      const c = new DingtalkClient({ config: { ...cfg(), apiBase: strict.url, oapiBase: strict.url } });
      expect(await failure(c.sendToUser('ghost', 'sampleText', { content: 'x' }))).toMatchObject({ code: 'invalid_staff_id', retryable: false });
    } finally { await strict.stop(); }
  });

  it('keeps group sends under the group limit: a burst waits, nothing is throttled', async () => {
    const fast = new DingtalkApiFake({ groupLimit: { points: 3, windowMs: 300 } });
    await fast.start();
    try {
      const c = new DingtalkClient({ config: { ...cfg(), apiBase: fast.url, oapiBase: fast.url }, groupLimits: [{ name: 'g', points: 3, durationMs: 400 }] });
      await Promise.all(Array.from({ length: 7 }, (_, i) => c.sendToGroup('cidGroup01==', 'sampleText', { content: `p${i}` })));
      expect(fast.throttled).toBe(0);
      expect(fast.sentTo('cidGroup01==')).toHaveLength(7);
    } finally { await fast.stop(); }
  });
});

describe('DingTalk adapter', () => {
  const to = { platform: 'dingtalk' as const, tenant: 't' };

  it('replies through a live sessionWebhook, and through the robot API once it has expired', async () => {
    const a = createDingtalkAdapter({ config: cfg(), now: fake.clock.now });
    const hook = fake.issueSessionWebhook('cidAsX==');
    await a.send({ ...to, userId: 'rep.zhang', chatId: 'cidAsX==', chatType: 'single', replyUrl: hook.url, replyUrlExpiresAt: hook.expiresAt }, { kind: 'text', text: 'via webhook' });
    fake.clock.advance(90 * 60_000);
    await a.send({ ...to, userId: 'rep.zhang', chatId: 'cidAsX==', chatType: 'single', replyUrl: hook.url, replyUrlExpiresAt: hook.expiresAt }, { kind: 'markdown', text: '# via api\nbody' });
    expect(fake.sent.map((s) => [s.kind, s.msgKey])).toEqual([['webhook', 'text'], ['user', 'sampleMarkdown']]);
    expect(fake.sent[1].msgParam).toEqual({ title: 'via api', text: '# via api\nbody' });
  });

  it('sends to a group through groupMessages/send', async () => {
    const a = createDingtalkAdapter({ config: cfg(), now: fake.clock.now });
    await a.send({ ...to, chatType: 'group', chatId: 'cidGroup01==' }, { kind: 'text', text: '<script>x</script>' });
    expect(fake.sentTo('cidGroup01==')).toMatchObject([{ kind: 'group', msgKey: 'sampleText', msgParam: { content: '<script>x</script>' } }]);
  });

  it('creates a card instance by outTrackId (idempotently) and updates it in place', async () => {
    const a = createDingtalkAdapter({ config: cfg('stream'), now: fake.clock.now });
    const card = { kind: 'card' as const, cardId: 'receipt-42', card: { cardParamMap: { title: 'Saved', count: 2 } } };
    const h = await a.send({ ...to, userId: 'rep.zhang', chatType: 'single' }, card);
    await a.send({ ...to, userId: 'rep.zhang', chatType: 'single' }, card); // an outbox retry
    expect(fake.cards.size).toBe(1);
    expect(fake.cards.get('receipt-42')).toMatchObject({ cardTemplateId: 'tpl.receipt', openSpaceId: 'dtv1.card//IM_ROBOT.rep.zhang', callbackType: 'STREAM', cardParamMap: { title: 'Saved', count: '2' } });
    await a.updateCard(h, { ...to, userId: 'rep.zhang' }, { kind: 'card', cardId: 'receipt-42', card: { cardParamMap: { title: 'Undone' } } });
    expect(fake.cards.get('receipt-42')).toMatchObject({ updates: 1, cardParamMap: { title: 'Undone', count: '2' } });
    expect(await failure(a.updateCard({ platform: 'dingtalk', cardId: 'nope' }, to, { kind: 'card', cardId: 'nope', card: {} }))).toMatchObject({ retryable: false });
  });

  it('delivers a group card to the group space', async () => {
    const a = createDingtalkAdapter({ config: cfg(), now: fake.clock.now });
    await a.send({ ...to, chatType: 'group', chatId: 'cidGroup01==' }, { kind: 'card', cardId: 'lb-1', templateId: 'tpl.lb', card: { rows: [1, 2] } });
    expect(fake.cards.get('lb-1')).toMatchObject({ openSpaceId: 'dtv1.card//IM_GROUP.cidGroup01==', callbackType: 'HTTP', cardParamMap: { rows: '[1,2]' } });
  });
});
