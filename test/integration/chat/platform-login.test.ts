import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg } from '../../helpers/org.js';
import { startChatStack, type ChatStack } from '../../helpers/chat-stack.js';
import { Session } from '../../../server/domain/auth/session.entity.js';

describe.each(TARGETS)('platform login codes on %s', (target) => {
  let t: TestDb; let chat: ChatStack;
  beforeAll(async () => { t = await openTestDb(target); await seedOrg(t.db); chat = await startChatStack(t); });
  afterAll(async () => { await chat?.close(); await t?.close(); });

  const post = (path: string, body: unknown, lang = 'zh-CN') => fetch(chat.url + path, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': lang }, body: JSON.stringify(body) })
    .then(async (r) => ({ status: r.status, body: await r.json() as any }));

  it('exchanges a WeCom H5 OAuth code for a mini-program session, once', async () => {
    const code = chat.wecom.issueLoginCode('rep_zhang');
    const r = await post('/api/v1/auth/wecom', { code });
    expect(r.status).toBe(200);
    expect(r.body.user.name).toBe('张三');
    const me = await fetch(`${chat.url}/api/v1/me`, { headers: { authorization: `Bearer ${r.body.token}` } });
    expect(me.status).toBe(200);
    const session = await t.db.ds.getRepository(Session).findOneByOrFail({ userId: r.body.user.id, method: 'wecom' });
    expect(session.channel).toBe('miniapp');
    const again = await post('/api/v1/auth/wecom', { code }, 'en-US');
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('auth.invalid_code');
  });

  it('exchanges a wx.qy.login code from the WeCom mini-program', async () => {
    const r = await post('/api/v1/auth/wecom', { code: chat.wecom.issueLoginCode('mgr_wang'), kind: 'miniprogram' });
    expect(r.status).toBe(200);
    expect(r.body.user.role).toBe('manager');
  });

  it('refuses a WeCom member who is not a chatcrm user', async () => {
    const r = await post('/api/v1/auth/wecom', { code: chat.wecom.issueLoginCode('someone_else') });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('auth.not_a_user');
  });

  it('exchanges a DingTalk authCode', async () => {
    const r = await post('/api/v1/auth/dingtalk', { authCode: chat.dingtalk.issueLoginCode('dt_rep_zhao') });
    expect(r.status).toBe(200);
    expect(r.body.user.name).toBe('赵六');
    expect((await post('/api/v1/auth/dingtalk', { authCode: 'forged' })).status).toBe(401);
  });

  it('answers 400 naming the field for a missing code', async () => {
    const r = await post('/api/v1/auth/dingtalk', {});
    expect(r.status).toBe(400);
    expect(r.body.error.field).toBe('authCode');
  });
});
