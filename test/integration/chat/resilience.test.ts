import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DWClient, TOPIC_ROBOT } from 'dingtalk-stream';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startChatStack, type ChatStack } from '../../helpers/chat-stack.js';
import { MINUTE } from '../../helpers/clock.js';
import { Customer } from '../../../server/domain/customer/customer.entity.js';
import { Activity } from '../../../server/domain/activity/activity.entity.js';
import { InboxEvent } from '../../../server/domain/inbox/inbox-event.entity.js';
import { OutboxMessage } from '../../../server/domain/outbox/outbox-message.entity.js';
import { createDingtalkStream } from '../../../bot/platforms/dingtalk/receiver-stream.js';
import { dingtalkRobotMessage, dingtalkStreamFrame, postSigned, wecomAppCallback, wecomTextXml } from '../../helpers/platform-callers.js';

const NOW = new Date('2026-11-18T02:00:00Z');

describe.each(TARGETS)('chat loop resilience on %s', (target) => {
  let t: TestDb; let org: Org; let chat: ChatStack;
  beforeAll(async () => {
    t = await openTestDb(target);
    t.clock.set(NOW);
    org = await seedOrg(t.db);
    await t.db.ds.getRepository(Customer).save({ name: '华为技术有限公司重庆分公司', normalizedName: '华为技术重庆', aliases: '华为', level: 'A', ownerId: org.users.repA.id, failedFollowUps: 0, createdAt: NOW, updatedAt: NOW });
    chat = await startChatStack(t);
  });
  afterAll(async () => { await chat?.close(); await t?.close(); });

  const outbox = () => t.db.ds.getRepository(OutboxMessage);

  it('retries while the platform API fails and delivers everything after recovery', async () => {
    chat.wecom.failNext(6, 'http500');
    await chat.wecomSays('rep_zhang', '查一下 华为', 'res-1');
    await chat.wecomSays('rep_zhang', '今天的待办', 'res-2');
    await chat.settle();
    expect(await outbox().countBy({ status: 'pending' })).toBeGreaterThan(0);
    for (let i = 0; i < 8 && (await outbox().countBy({ status: 'pending' })) > 0; i++) {
      t.clock.advance(10 * MINUTE);
      await chat.settle();
    }
    expect(await outbox().countBy({ status: 'pending' })).toBe(0);
    expect(await outbox().countBy({ status: 'dead' })).toBe(0);
    const delivered = chat.wecom.deliveredTo('rep_zhang');
    expect(delivered.filter((d) => d.msgtype === 'template_card')).toHaveLength(1);
    expect(delivered.filter((d) => d.msgtype === 'markdown')).toHaveLength(1);
  });

  it('delivers rows left undelivered by a stopped server after the next start', async () => {
    const before = chat.wecom.deliveredTo('rep_zhang').length;
    await chat.wecomSays('rep_zhang', '帮助', 'res-3');
    await chat.stack.inboxWorker.drain(); // the turn commits its reply to the outbox …
    expect(await outbox().countBy({ status: 'pending' })).toBe(1);
    await chat.close(); // … and the server stops before delivering it.
    chat = await startChatStack(t);
    // The new instance talks to a new fake: the undelivered row is sent there.
    await chat.settle();
    expect(await outbox().countBy({ status: 'pending' })).toBe(0);
    expect(chat.wecom.deliveredTo('rep_zhang').length).toBeGreaterThanOrEqual(1);
    expect(before).toBeGreaterThan(0);
  });

  it('rejects forged, stale-signed, oversized, malformed and XXE callbacks and stores nothing', async () => {
    const inbox = t.db.ds.getRepository(InboxEvent);
    const count = await inbox.count();
    const good = wecomAppCallback(chat.wecomKeys, wecomTextXml({ corpId: chat.wecom.corpId, from: 'rep_zhang', content: 'x', msgId: 'bad-1' }));
    expect((await postSigned(chat.url, '/wecom/callback', { ...good, query: { ...good.query, msg_signature: '0'.repeat(40) } })).status).toBe(401);
    const otherCorp = wecomAppCallback({ ...chat.wecomKeys, receiveId: 'wwsomeoneelse' }, wecomTextXml({ corpId: 'wwsomeoneelse', from: 'rep_zhang', content: 'x', msgId: 'bad-2' }));
    expect((await postSigned(chat.url, '/wecom/callback', otherCorp)).status).toBe(403);
    const big = wecomAppCallback(chat.wecomKeys, wecomTextXml({ corpId: chat.wecom.corpId, from: 'rep_zhang', content: 'x'.repeat(70_000), msgId: 'bad-3' }));
    expect((await postSigned(chat.url, '/wecom/callback', big)).status).toBe(413);
    expect((await postSigned(chat.url, '/wecom/callback', { ...good, body: '<xml><Encrypt>' })).status).toBeGreaterThanOrEqual(400);
    const xxe = wecomAppCallback(chat.wecomKeys, `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><ToUserName>${chat.wecom.corpId}</ToUserName><FromUserName>rep_zhang</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&e;</Content><MsgId>bad-4</MsgId></xml>`);
    expect((await postSigned(chat.url, '/wecom/callback', xxe)).status).toBe(400);
    const stale = await fetch(`${chat.url}/dingtalk/callback`, {
      method: 'POST', headers: { 'content-type': 'application/json', timestamp: String(Date.now() - 2 * 3600_000), sign: 'AAAA' },
      body: JSON.stringify(dingtalkRobotMessage({ msgId: 'bad-5', staffId: 'dt_rep_zhang', content: 'x' })),
    });
    expect(stale.status).toBe(401);
    expect(await inbox.count()).toBe(count);
  });

  it('stores SQL- and HTML-looking text verbatim', async () => {
    const text = "跟进 华为 <script>alert(1)</script> '; DROP TABLE activity; --";
    await chat.wecomSays('rep_zhang', text, 'res-sql');
    await chat.settle();
    const a = await t.db.ds.getRepository(Activity).find({ order: { id: 'DESC' }, take: 1 });
    expect(a[0].content).toContain("<script>alert(1)</script> '; DROP TABLE activity; --");
  });

  it('takes DingTalk Stream frames through the same handler, acking after the inbox write', async () => {
    const dingtalk = chat.stack.adapters.dingtalk!;
    const client = new DWClient({ clientId: chat.dingtalk.appKey, clientSecret: chat.dingtalk.appSecret });
    const acks: string[] = [];
    (client as unknown as { socketCallBackResponse: (id: string) => void }).socketCallBackResponse = (id: string) => { acks.push(id); };
    const stream = createDingtalkStream({ config: { appKey: chat.dingtalk.appKey, appSecret: chat.dingtalk.appSecret, robotCode: chat.dingtalk.robotCode, apiBase: chat.dingtalk.url, oapiBase: chat.dingtalk.url, mode: 'stream' }, inbox: chat.stack.inbox, client });
    const before = await t.db.ds.getRepository(Activity).count();
    const frame = JSON.parse(dingtalkStreamFrame(TOPIC_ROBOT, dingtalkRobotMessage({ msgId: 'stream-1', staffId: 'dt_rep_zhang', content: '跟进 华为 微信沟通了交付计划' }), 'frame-1'));
    expect(await stream.handleFrame(frame)).toBe('acked');
    expect(await stream.handleFrame(frame)).toBe('acked'); // redelivered: stored once
    expect(acks).toEqual(['frame-1', 'frame-1']);
    await chat.settle();
    expect(await t.db.ds.getRepository(Activity).count()).toBe(before + 1);
    expect(dingtalk.platform).toBe('dingtalk');
  });
});
