// What a sales manager asks about follow-ups, through the whole stack (signed callbacks in, the platform fakes out): the
// customers waiting too long ("哪些客户很久没跟进了"), someone's follow-ups ("张三这周的跟进") and the team's
// ("我们这周的跟进") — each within what the asker may see: a manager their team (by rep), a director the teams below, a
// rep only themselves; otherwise a refusal (or, for the team's, their own).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startChatStack, type ChatStack } from '../../helpers/chat-stack.js';
import { withTx } from '../../../server/domain/shared/with-tx.js';
import type { Actor } from '../../../server/domain/shared/actor.js';
import { User } from '../../../server/domain/user/user.entity.js';
import { OutboxMessage } from '../../../server/domain/outbox/outbox-message.entity.js';
import { Customer } from '../../../server/domain/customer/customer.entity.js';
import { logFollowUp } from '../../../server/domain/activity/log-follow-up.js';
import { addCustomer, DAY } from '../reminders/helpers.js';

// Wednesday 2026-11-18 10:00 in Shanghai (the week began on Monday the 16th).
const NOW = new Date('2026-11-18T02:00:00Z');
const at = (local: string) => new Date(`${local}+08:00`);
const actorOf = (u: User): Actor => ({ userId: u.id, role: u.role, teamId: u.teamId, locale: 'zh-CN', channel: 'bot' });

describe.each(TARGETS)('stale customers and people\'s follow-ups by chat on %s', (target) => {
  let t: TestDb; let org: Org; let chat: ChatStack;
  let seq = 0;

  /** Says `line` as `user` (a WeCom userid) and returns what the bot answered, as text. */
  const ask = async (user: string, line: string): Promise<string> => {
    const before = chat.wecom.deliveredTo(user).length;
    await chat.wecomSays(user, line, `mq-${seq++}`);
    await chat.settle();
    const got = chat.wecom.deliveredTo(user).slice(before);
    expect(got.length, `an answer to "${line}"`).toBeGreaterThan(0);
    return got.map((d) => d.msgtype === 'template_card' ? JSON.stringify(d.body.template_card) : (d.body[d.msgtype] as { content: string }).content).join('\n---\n');
  };

  beforeAll(async () => {
    t = await openTestDb(target);
    t.clock.set(NOW);
    org = await seedOrg(t.db);
    const users = t.db.ds.getRepository(User);
    // Two people called 王芳, one in each team: a name that needs a choice.
    for (const [username, teamId, managerId] of [['rep.wangfang', org.teams.east, org.users.mgrEast.id], ['rep.wangfang2', org.teams.west, org.users.mgrWest.id]] as const) {
      await users.save(users.create({ username, name: '王芳', role: 'rep', teamId, managerId, position: null, locale: 'zh-CN', active: true, createdAt: NOW, updatedAt: NOW, wecomUserId: username.replace('.', '_'), dingtalkUserId: `dt_${username.replace('.', '_')}` }));
    }
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
    // Waiting too long: 15 of 张三's (A customers followed up 8+ days ago), one of 李四's, one of 赵六's.
    for (let i = 1; i <= 15; i++) await addCustomer(t, `张三的老客户${String(i).padStart(2, '0')}`, repA.id, 'A', new Date(NOW.getTime() - (7 + i) * DAY));
    await addCustomer(t, '李四的老客户', repB.id, 'B', new Date(NOW.getTime() - 20 * DAY));
    await addCustomer(t, '赵六的老客户', repC.id, 'A', new Date(NOW.getTime() - 9 * DAY));
  });
  afterAll(async () => { await chat?.close(); await t?.close(); });

  it('"哪些客户很久没跟进了": a rep gets their own, most urgent first, in 15 lines at most', async () => {
    const answer = await ask('rep_zhang', '哪些客户很久没跟进了');
    const lines = answer.split('\n');
    expect(lines.length).toBeLessThanOrEqual(15);
    expect(lines[0]).toBe('**该跟进的客户（15 个）**');
    // The longest waiting is nearest the pool: 22 days, back in 8 (outside the 7 days' look-ahead, so no pool word).
    expect(lines[2]).toBe('- 张三的老客户15（A 类，22 天未跟进，8 天后回公海）');
    expect(answer).toContain('……另有 3 个未列出。');
    expect(answer).not.toContain('李四的老客户');
    expect(answer).not.toContain('华为技术');
  });

  it('"该跟进的客户": a manager gets their team\'s, by rep, and nobody outside it', async () => {
    const answer = await ask('mgr_wang', '该跟进的客户');
    const lines = answer.split('\n');
    expect(lines.length).toBeLessThanOrEqual(15);
    expect(lines[0]).toBe('**团队该跟进的客户（16 个）**');
    expect(lines[2]).toBe('**张三**（15 个）');
    expect(answer).toContain('**李四**（1 个）\n- 李四的老客户（B 类，20 天未跟进，10 天后回公海）');
    expect(answer).not.toContain('赵六');
    expect(answer).toMatch(/……另有 \d+ 个未列出。$/);
    const west = await ask('mgr_chen', '哪些客户快掉公海了');
    expect(west).toContain('赵六的老客户');
    expect(west).not.toContain('张三');
  });

  it('answers in English to an English reader', async () => {
    const answer = await ask('rep_li', 'which customers are overdue');
    expect(answer.split('\n')[0]).toBe('**Customers to follow up (1)**');
    expect(answer).toContain('- 李四的老客户 (B, 20 days without a follow-up, back to the pool in 10 days)');
  });

  it('"张三这周的跟进": a manager reads a person of their team, newest first, with the first words of each', async () => {
    const answer = await ask('mgr_wang', '张三这周的跟进');
    expect(answer.split('\n')).toEqual([
      '**张三本周的跟进（2 条）**',
      '- 11月18日 09:00 拜访 · 华为技术有限公司：上门拜访了采购部',
      '- 11月16日 10:30 电话 · 华为技术有限公司：电话沟通了5G基站方案的报价细节和交付时间，客户希望下周三之…',
    ]);
    const recent = await ask('mgr_wang', '张三最近跟进了哪些客户');
    expect(recent).toContain('**张三最近 7 天的跟进（2 条）**');
    const last = await ask('mgr_wang', '张三上周的跟进');
    expect(last).toContain('上周电话介绍了公司');
    // The director reads anyone of the teams below; a failed call says so.
    expect(await ask('director_li', '赵六这周的跟进')).toContain('电话（未联系上） · 长安汽车：电话没人接');
  });

  it('a rep reads their own ("我这周的跟进", "my follow-ups this week") and is refused a colleague\'s', async () => {
    expect(await ask('rep_zhang', '我这周的跟进')).toContain('**你本周的跟进（2 条）**');
    expect(await ask('rep_li', 'my follow-ups this week')).toContain('**Your follow-ups this week (1)**\n- Nov 17, 14:00 WeChat · 美的集团: 微信发了资料');
    expect(await ask('rep_zhang', '李四这周的跟进')).toBe('你只能查看自己的跟进记录，看不了李四的。可以问：我这周的跟进');
  });

  it('a manager is refused someone outside their team; nobody of that name, or a customer\'s name, is said so', async () => {
    expect(await ask('mgr_wang', '赵六这周的跟进')).toBe('赵六不在你的团队里：你只能查看自己团队成员的跟进记录。');
    expect(await ask('mgr_wang', '钱七这周的跟进')).toBe('没有找到名叫「钱七」的同事。');
    // Nobody is called 华为技术, but a customer is: its card.
    expect(await ask('rep_zhang', '华为技术这周的跟进')).toContain('华为技术有限公司');
  });

  it('two people of one name: a choice card, then the one picked — within the asker\'s team or refused', async () => {
    const card = JSON.parse(await ask('mgr_wang', '王芳这周的跟进')) as { card_type: string; task_id: string; main_title: { title: string }; checkbox: { option_list: { id: string; text: string }[] }; submit_button: { key: string } };
    expect(card.card_type).toBe('vote_interaction');
    expect(card.main_title.title).toBe('找到多个匹配的同事');
    const options = card.checkbox.option_list;
    expect(options.map((o) => o.text)).toEqual([expect.stringContaining('销售一组'), expect.stringContaining('销售二组')]);
    const wangfang2 = await t.db.ds.getRepository(User).findOneByOrFail({ username: 'rep.wangfang2' });
    const west = options.find((o) => o.id === String(wangfang2.id))!;
    await chat.wecomTaps('mgr_wang', card.submit_button.key, card.task_id, { selected: [west.id] });
    await chat.settle();
    const texts = chat.wecom.deliveredTo('mgr_wang').filter((d) => d.msgtype === 'text').map((d) => (d.body.text as { content: string }).content);
    expect(texts.at(-1)).toBe('王芳不在你的团队里：你只能查看自己团队成员的跟进记录。');
    const again = JSON.parse(await ask('director_li', '王芳这周的跟进')) as typeof card;
    await chat.wecomTaps('director_li', again.submit_button.key, again.task_id, { selected: [west.id] });
    await chat.settle();
    const told = chat.wecom.deliveredTo('director_li').filter((d) => d.msgtype === 'text').map((d) => (d.body.text as { content: string }).content);
    expect(told.at(-1)).toBe('王芳本周还没有跟进记录。');
  });

  it('in a group chat the lists go to the asker alone, and the group is told so', async () => {
    const GROUP = 'cid_east_group';
    await chat.dingtalkSays('dt_mgr_wang', '哪些客户很久没跟进了', { group: GROUP });
    await chat.settle();
    const rows = await t.db.ds.getRepository(OutboxMessage).find({ order: { id: 'DESC' }, take: 2 });
    const [told, list] = rows;
    expect(told.address).toMatchObject({ chatId: GROUP });
    expect(told.payload).toMatchObject({ message: { kind: 'text', key: 'bot.private.sent' } });
    expect(list.address).toMatchObject({ platform: 'dingtalk', userId: 'dt_mgr_wang', chatType: 'single' });
    expect(list.payload).toMatchObject({ message: { kind: 'markdown', key: 'bot.stale.list' } });
    expect(list.status).toBe('sent');
  });

  it('"我们这周的跟进": a manager gets the team\'s follow-ups by person, the most first, and who on the team logged none', async () => {
    expect((await ask('mgr_wang', '我们这周的跟进')).split('\n')).toEqual([
      '**团队本周的跟进（3 条，2 人）**',
      '**张三**（2 条）',
      '- 11月18日 09:00 拜访 · 华为技术有限公司：上门拜访了采购部',
      '- 11月16日 10:30 电话 · 华为技术有限公司：电话沟通了5G基站方案的报价细节和交付时间，客户希望下周三之…',
      '**李四**（1 条）',
      '- 11月17日 14:00 微信 · 美的集团：微信发了资料',
      '本周没有跟进：王芳',
    ]);
    // A director reads the teams below; today only 张三 logged one.
    const today = await ask('director_li', '我们团队今天的跟进');
    expect(today.split('\n').slice(0, 3)).toEqual(['**团队今天的跟进（1 条，1 人）**', '**张三**（1 条）', '- 11月18日 09:00 拜访 · 华为技术有限公司：上门拜访了采购部']);
    for (const name of ['李四', '赵六', '王经理', '陈经理']) expect(today.split('\n')[3]).toContain(name);
    // An admin reads everyone's.
    expect((await ask('admin', '大家这周做了什么')).split('\n')[0]).toBe('**全公司本周的跟进（4 条，3 人）**');
  });

  it("in English (\"our team's follow-ups this week\"); a rep asking gets their own, told team views are for managers", async () => {
    const users = t.db.ds.getRepository(User);
    await users.update({ id: org.users.mgrWest.id }, { locale: 'en-US' });
    try {
      const answer = (await ask('mgr_chen', "our team's follow-ups this week")).split('\n');
      expect(answer[0]).toBe("**Your team's follow-ups this week (1, from 1 person)**");
      expect(answer[1]).toBe('**赵六** (1)');
      expect(answer[2]).toMatch(/^- Nov 17, 16:00 .* \(not reached\) · 长安汽车: 电话没人接$/);
      expect(answer[3]).toBe('No follow-ups this week: 王芳');
    } finally {
      await users.update({ id: org.users.mgrWest.id }, { locale: 'zh-CN' });
    }
    expect(await ask('rep_zhang', '我们这周的跟进')).toBe('团队的跟进记录只有经理能查看，下面是你自己的：\n**你本周的跟进（2 条）**\n'
      + '- 11月18日 09:00 拜访 · 华为技术有限公司：上门拜访了采购部\n- 11月16日 10:30 电话 · 华为技术有限公司：电话沟通了5G基站方案的报价细节和交付时间，客户希望下周三之…');
    expect(await ask('rep_wangfang', '我们今天的跟进')).toBe('团队的跟进记录只有经理能查看，下面是你自己的：\n你今天还没有跟进记录。');
    expect(await ask('rep_li', "our team's follow-ups this week")).toContain("Team follow-ups are for managers; here are your own:\n**Your follow-ups this week (1)**");
  });

  it('a long team list stops at 15 lines, sharing them among the people, and points to the mini-program; in a group it goes to the asker', async () => {
    const midea = (await t.db.ds.getRepository(Customer).findOneByOrFail({ name: '美的集团' })).id;
    for (let i = 0; i < 20; i++) {
      await withTx(t.db, actorOf(org.users.repB), (c) => logFollowUp(c, { customerId: midea, type: 'call', content: `第${i + 1}次电话回访`, occurredAt: at(`2026-11-17T0${i % 10}:${String(10 + i).padStart(2, '0')}:00`) }));
    }
    const lines = (await ask('mgr_wang', '团队这周的跟进')).split('\n');
    expect(lines.length).toBeLessThanOrEqual(15);
    expect(lines[0]).toBe('**团队本周的跟进（23 条，2 人）**');
    expect(lines[1]).toBe('**李四**（21 条）');
    expect(lines).toContain('**张三**（2 条）');
    expect(lines.filter((l) => l.startsWith('- 11月18日 09:00 拜访'))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/^……另有 \d+ 条未列出，请在小程序的客户页中查看各客户的跟进。$/);
    // One person's long list points there too.
    expect((await ask('mgr_wang', '李四这周的跟进')).split('\n').at(-1)).toBe('……另有 9 条未列出，请在小程序的客户页中查看各客户的跟进。');

    const GROUP = 'cid_east_group';
    await chat.dingtalkSays('dt_mgr_wang', '我们这周的跟进', { group: GROUP });
    await chat.settle();
    const [told, list] = await t.db.ds.getRepository(OutboxMessage).find({ order: { id: 'DESC' }, take: 2 });
    expect(told.address).toMatchObject({ chatId: GROUP });
    expect(told.payload).toMatchObject({ message: { kind: 'text', key: 'bot.private.sent' } });
    expect(list.address).toMatchObject({ platform: 'dingtalk', userId: 'dt_mgr_wang', chatType: 'single' });
    expect(list.payload).toMatchObject({ message: { kind: 'markdown', key: 'bot.followups.list' } });
  });
});
