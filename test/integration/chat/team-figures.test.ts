// A manager's "团队业绩" / "我们组本月回款" / "how is my team doing this month" and a rep's "我这个月回款多少", through the
// whole stack (signed callbacks in, the platform fakes out): the asker's own team's board in a 1:1 chat, and one's own
// figures; a follow-up that mentions a team or figures is still logged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startChatStack, type ChatStack } from '../../helpers/chat-stack.js';
import { withTx } from '../../../server/domain/shared/with-tx.js';
import type { Actor } from '../../../server/domain/shared/actor.js';
import { User } from '../../../server/domain/user/user.entity.js';
import { Customer } from '../../../server/domain/customer/customer.entity.js';
import { OutboxMessage } from '../../../server/domain/outbox/outbox-message.entity.js';
import { logFollowUp } from '../../../server/domain/activity/log-follow-up.js';
import { addCustomer } from '../reminders/helpers.js';

// Wednesday 2026-11-18 10:00 in Shanghai (the week began on Monday the 16th).
const NOW = new Date('2026-11-18T02:00:00Z');
const at = (local: string) => new Date(`${local}+08:00`);
const actorOf = (u: User): Actor => ({ userId: u.id, role: u.role, teamId: u.teamId, locale: 'zh-CN', channel: 'bot' });

describe.each(TARGETS)('team figures by chat on %s', (target) => {
  let t: TestDb; let org: Org; let chat: ChatStack;
  let seq = 0;

  /** Says `line` as `user` (a WeCom userid) and returns what the bot answered, as text. */
  const ask = async (user: string, line: string): Promise<string> => {
    const before = chat.wecom.deliveredTo(user).length;
    await chat.wecomSays(user, line, `tf-${seq++}`);
    await chat.settle();
    const got = chat.wecom.deliveredTo(user).slice(before);
    expect(got.length, `an answer to "${line}"`).toBeGreaterThan(0);
    return got.map((d) => d.msgtype === 'template_card' ? JSON.stringify(d.body.template_card) : (d.body[d.msgtype] as { content: string }).content).join('\n---\n');
  };
  /** The message queued last (its payload: a key and params, or a card spec). */
  const lastOutbox = async () => (await t.db.ds.getRepository(OutboxMessage).find({ order: { id: 'DESC' }, take: 1 }))[0];

  beforeAll(async () => {
    t = await openTestDb(target);
    t.clock.set(NOW);
    org = await seedOrg(t.db);
    chat = await startChatStack(t);
    const { repA, repB, repC } = org.users;
    // Follow-ups: 张三 twice this week and once last week, 李四 and 赵六 once this week.
    const huawei = await addCustomer(t, '华为技术有限公司', repA.id, 'A', null);
    const midea = await addCustomer(t, '美的集团', repB.id, 'A', null);
    const changan = await addCustomer(t, '长安汽车', repC.id, 'A', null);
    const log = (u: User, customerId: number, type: 'call' | 'visit' | 'wechat', content: string, occurredAt: Date, outcome: 'reached' | 'failed' = 'reached') =>
      withTx(t.db, actorOf(u), (c) => logFollowUp(c, { customerId, type, content, occurredAt, outcome }));
    await log(repA, huawei.id, 'call', '上周电话介绍了公司', at('2026-11-10T15:00:00'));
    await log(repA, huawei.id, 'call', '电话沟通了5G基站方案的报价细节和交付时间，客户希望下周三之前收到正式报价', at('2026-11-16T10:30:00'));
    await log(repA, huawei.id, 'visit', '上门拜访了采购部', at('2026-11-18T09:00:00'));
    await log(repB, midea.id, 'wechat', '微信发了资料', at('2026-11-17T14:00:00'));
    await log(repC, changan.id, 'call', '电话没人接', at('2026-11-17T16:00:00'), 'failed');
  });
  afterAll(async () => { await chat?.close(); await t?.close(); });

  it('"团队业绩" / "我们组本月回款" / "how is my team doing this month" give the asker\'s own team board in a 1:1 chat', async () => {
    await ask('mgr_wang', '团队业绩');
    expect((await lastOutbox()).payload).toMatchObject({ message: { kind: 'card', template: 'leaderboard', recipientUserId: org.users.mgrEast.id, data: { metric: 'won_amount', period: 'month', teamName: '销售一组' } } });
    await ask('mgr_wang', '我们组本月回款');
    expect((await lastOutbox()).payload).toMatchObject({ message: { kind: 'card', template: 'leaderboard', data: { metric: 'payments', teamName: '销售一组' } } });
    await ask('mgr_chen', 'how is my team doing this month');
    expect((await lastOutbox()).payload).toMatchObject({ message: { kind: 'card', template: 'leaderboard', recipientUserId: org.users.mgrWest.id, data: { teamName: '销售二组' } } });
    const weekly = await ask('mgr_wang', '我团队这周的跟进量');
    expect(weekly).toContain('张三');
    expect((await lastOutbox()).payload).toMatchObject({ message: { data: { metric: 'followups', period: 'week', rows: [{ rank: 1, name: '张三', value: 2 }, { rank: 2, name: '李四', value: 1 }] } } });
  });

  it('"我这周跟进量" / "我这个月回款多少" give the rep\'s own figures', async () => {
    const mine = await ask('rep_zhang', '我这周跟进量');
    expect(mine).toContain('**你的排名');
    expect(mine).toContain('跟进次数：第 1 名 / 2 人上榜 · 2');
    const paid = await ask('rep_zhang', '我这个月回款多少');
    expect(paid).toContain('回款：还没有');
    expect(paid).not.toContain('跟进次数');
  });

  it('leaves follow-ups that mention a team or figures as follow-ups', async () => {
    const before = await t.db.ds.getRepository(Customer).findOneByOrFail({ name: '华为技术有限公司' });
    const answer = await ask('rep_zhang', '跟进 华为技术有限公司 电话沟通了，他们团队这个月的业绩不错');
    expect(answer).toContain('华为技术有限公司');
    const after = await t.db.ds.getRepository(Customer).findOneByOrFail({ id: before.id });
    expect(after.lastFollowUpAt!.getTime()).toBeGreaterThan(before.lastFollowUpAt!.getTime());
  });
});
