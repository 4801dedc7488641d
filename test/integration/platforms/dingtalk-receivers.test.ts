import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { DWClient, TOPIC_CARD, TOPIC_ROBOT } from 'dingtalk-stream';
import { dingtalkRoutes } from '../../../bot/platforms/dingtalk/receiver-http.js';
import { createDingtalkStream } from '../../../bot/platforms/dingtalk/receiver-stream.js';
import type { DingtalkEdgeConfig } from '../../../bot/platforms/dingtalk/config.js';
import { dingtalkCardCallback, dingtalkRobotMessage, dingtalkSignedHeaders, dingtalkStreamFrame } from '../../helpers/platform-callers.js';
import { MemoryInbox, startApp } from './test-app.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/dingtalk/${name}`, import.meta.url), 'utf8');
const config: DingtalkEdgeConfig = {
  appKey: 'dingfakeappkey', appSecret: 'fake-app-secret-dingtalk', robotCode: 'dingfakeappkey',
  apiBase: 'http://127.0.0.1:9', oapiBase: 'http://127.0.0.1:9', mode: 'http',
};

async function post(url: string, body: string, headers: Record<string, string>) {
  const res = await fetch(`${url}/dingtalk/callback`, { method: 'POST', body, headers });
  return { status: res.status, text: await res.text() };
}

describe('DingTalk HTTP receiver on a plain Koa app', () => {
  const inbox = new MemoryInbox();
  let app: { url: string; close: () => Promise<void> };
  beforeAll(async () => { app = await startApp((r) => dingtalkRoutes(r, { config, inbox })); });
  afterAll(async () => { await app.close(); });
  beforeEach(() => { inbox.rows.clear(); inbox.calls = 0; inbox.failNext = 0; });

  it('accepts a signed 1:1 message once, however often it is delivered', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await post(app.url, fixture('robot-text.json'), dingtalkSignedHeaders(config.appSecret));
      expect(res.status).toBe(200);
    }
    expect(inbox.calls).toBe(3);
    expect(inbox.all).toMatchObject([{ kind: 'message', userId: 'rep.zhang', chatType: 'single', text: '跟进 华为 今天电话沟通了方案' }]);
  });

  it('accepts a group @-message with its mentions', async () => {
    await post(app.url, fixture('robot-group-mention.json'), dingtalkSignedHeaders(config.appSecret));
    expect(inbox.all).toMatchObject([{ chatType: 'group', chatId: 'cidGroup01==', mentions: ['rep.li'] }]);
  });

  it('accepts a signed card callback and answers JSON', async () => {
    const res = await post(app.url, fixture('card-callback.json'), dingtalkSignedHeaders(config.appSecret));
    expect(res).toEqual({ status: 200, text: '{}' });
    expect(inbox.all).toMatchObject([{ kind: 'card_action', handle: { cardId: 'approval-17-v2' } }]);
  });

  it('stores SQL/HTML-looking text verbatim', async () => {
    await post(app.url, fixture('sql-looking-text.json'), dingtalkSignedHeaders(config.appSecret));
    expect((inbox.all[0] as { text: string }).text).toContain("Robert'); DROP TABLE customer;-- <img src=x onerror=alert(1)>");
  });

  it('answers 500 when the inbox cannot store (nothing acked)', async () => {
    inbox.failNext = 1;
    expect((await post(app.url, fixture('robot-text.json'), dingtalkSignedHeaders(config.appSecret))).status).toBe(500);
  });

  describe('hostile input: rejected, nothing stored', () => {
    it('stale timestamp (61 min) → 401', async () => {
      const { ageMs } = JSON.parse(fixture('stale-timestamp.json'));
      expect((await post(app.url, fixture('robot-text.json'), dingtalkSignedHeaders(config.appSecret, Date.now() - ageMs))).status).toBe(401);
    });
    it('forged or missing sign → 401', async () => {
      expect((await post(app.url, fixture('robot-text.json'), dingtalkSignedHeaders('not-the-secret'))).status).toBe(401);
      expect((await post(app.url, fixture('robot-text.json'), { 'content-type': 'application/json' })).status).toBe(401);
      expect((await post(app.url, fixture('card-callback.json'), { 'content-type': 'application/json' })).status).toBe(401);
    });
    it('malformed JSON → 400', async () => {
      expect((await post(app.url, fixture('malformed.json'), dingtalkSignedHeaders(config.appSecret))).status).toBe(400);
      expect((await post(app.url, '[1,2]', dingtalkSignedHeaders(config.appSecret))).status).toBe(400);
    });
    it('over 64 KB → 413', async () => {
      const big = JSON.stringify(dingtalkRobotMessage({ msgId: 'big', staffId: 'u', content: 'x'.repeat(70_000) }));
      expect((await post(app.url, big, dingtalkSignedHeaders(config.appSecret))).status).toBe(413);
    });
    afterAll(() => { expect(inbox.all).toHaveLength(0); });
  });
});

describe('DingTalk Stream receiver (frames fed through the SDK, no network)', () => {
  function setup() {
    const inbox = new MemoryInbox();
    const client = new DWClient({ clientId: config.appKey, clientSecret: config.appSecret });
    const acks: { code: number; headers: { messageId: string }; data: string }[] = [];
    // The SDK writes acks to its socket; a stand-in socket records them.
    (client as unknown as { socket: { send(s: string): void } }).socket = { send: (s: string) => acks.push(JSON.parse(s)) };
    createDingtalkStream({ config: { ...config, mode: 'stream' }, inbox, client });
    return { inbox, client, acks };
  }

  it('accepts a robot frame, then acks it with {"response":null}', async () => {
    const { inbox, client, acks } = setup();
    client.onDownStream(dingtalkStreamFrame(TOPIC_ROBOT, dingtalkRobotMessage({ msgId: 's1', staffId: 'rep.zhang', content: '查一下 华为' }), 'm-1'));
    await vi.waitFor(() => expect(acks).toHaveLength(1));
    expect(inbox.all).toMatchObject([{ kind: 'message', eventId: 's1', text: '查一下 华为' }]);
    expect(acks[0]).toMatchObject({ code: 200, headers: { messageId: 'm-1' }, data: '{"response":null}' });
  });

  it('does not ack before the inbox has the row, and not at all when it fails', async () => {
    const { inbox, client, acks } = setup();
    let release!: () => void;
    inbox.gate = new Promise<void>((r) => { release = r; });
    client.onDownStream(dingtalkStreamFrame(TOPIC_ROBOT, dingtalkRobotMessage({ msgId: 's2', staffId: 'u', content: 'x' }), 'm-2'));
    await vi.waitFor(() => expect(inbox.calls).toBe(1));
    expect(acks).toHaveLength(0);
    release();
    await vi.waitFor(() => expect(acks).toHaveLength(1));

    inbox.gate = undefined;
    inbox.failNext = 1;
    client.onDownStream(dingtalkStreamFrame(TOPIC_ROBOT, dingtalkRobotMessage({ msgId: 's3', staffId: 'u', content: 'x' }), 'm-3'));
    await vi.waitFor(() => expect(inbox.calls).toBe(2));
    await new Promise((r) => setTimeout(r, 20));
    expect(acks.map((a) => a.headers.messageId)).toEqual(['m-2']);
  });

  it('a redelivered frame is stored once and acked each time', async () => {
    const { inbox, client, acks } = setup();
    const frame = dingtalkStreamFrame(TOPIC_ROBOT, dingtalkRobotMessage({ msgId: 's4', staffId: 'u', content: 'x' }), 'm-4');
    client.onDownStream(frame);
    client.onDownStream(frame);
    await vi.waitFor(() => expect(acks).toHaveLength(2));
    expect(inbox.all).toHaveLength(1);
  });

  it('accepts a card frame and acks with an empty card response', async () => {
    const { inbox, client, acks } = setup();
    client.onDownStream(dingtalkStreamFrame(TOPIC_CARD, dingtalkCardCallback({ outTrackId: 'c-1', userId: 'mgr.wang', params: { action: 'approval.approve' } }), 'm-5'));
    await vi.waitFor(() => expect(acks).toHaveLength(1));
    expect(inbox.all).toMatchObject([{ kind: 'card_action', actionKey: 'approval.approve', handle: { cardId: 'c-1' } }]);
    expect(acks[0].data).toBe('{"response":{}}');
  });

  it('acks and drops malformed or oversized data; a garbled frame does not throw', async () => {
    const { inbox, client, acks } = setup();
    client.onDownStream(dingtalkStreamFrame(TOPIC_ROBOT, '{"msgId":', 'm-6'));
    client.onDownStream(dingtalkStreamFrame(TOPIC_ROBOT, dingtalkRobotMessage({ msgId: 's7', staffId: 'u', content: 'x'.repeat(70_000) }), 'm-7'));
    expect(() => client.onDownStream('not a frame at all')).not.toThrow();
    await vi.waitFor(() => expect(acks).toHaveLength(2));
    expect(inbox.calls).toBe(0);
  });
});
