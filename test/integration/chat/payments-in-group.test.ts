// 回款 questions asked in a group chat ("待回款", "逾期回款", "本月回款情况"): the group reads only counts and that the
// answer went to the asker; the asker gets the whole answer — contracts, customers, amounts — in their own chat, as
// other private lists said in a group do (bot/commands/in-private.ts). Asked one to one, nothing changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startChatStack, type ChatStack } from '../../helpers/chat-stack.js';
import { Customer } from '../../../server/domain/customer/customer.entity.js';
import { Contract } from '../../../server/domain/contract/contract.entity.js';
import { Payment } from '../../../server/domain/contract/payment.entity.js';
import { OutboxMessage } from '../../../server/domain/outbox/outbox-message.entity.js';
import { User } from '../../../server/domain/user/user.entity.js';
import { normalizeCompanyName } from '../../../server/domain/shared/normalize-name.js';
import { t as say, type Locale } from '../../../locales/index.js';

// 2026-11-18 10:00 Asia/Shanghai.
const NOW = new Date('2026-11-18T02:00:00Z');
const day = (local: string) => new Date(`${local}T00:00:00+08:00`);
const GROUP = 'cid_finance_group';

describe.each(TARGETS)('回款 questions in a group chat on %s', (target) => {
  let t: TestDb; let org: Org; let chat: ChatStack;
  beforeAll(async () => {
    t = await openTestDb(target);
    t.clock.set(NOW);
    org = await seedOrg(t.db);
    const customers = t.db.ds.getRepository(Customer);
    const contracts = t.db.ds.getRepository(Contract);
    const payments = t.db.ds.getRepository(Payment);
    const deal = async (customer: string, title: string, amountCents: number, plans: [number, string, string][]) => {
      const cu = await customers.save(customers.create({ name: customer, normalizedName: normalizeCompanyName(customer), aliases: null, level: 'A', ownerId: org.users.repA.id, failedFollowUps: 0, createdAt: NOW, updatedAt: NOW }));
      const k = await contracts.save(contracts.create({
        title, customerId: cu.id, amountCents, status: 'approved', ownerId: org.users.repA.id, number: null, opportunityId: null, signedAt: day('2026-09-01'), startAt: null, endAt: null,
        submittedAt: null, decidedAt: null, approvalId: null, custom: null, createdAt: NOW, updatedAt: NOW,
      }));
      for (const [cents, at, note] of plans) {
        await payments.save(payments.create({ contractId: k.id, plannedAmountCents: cents, plannedAt: day(at), receivedAmountCents: 0, receivedAt: null, status: 'planned', note, ownerId: k.ownerId, createdAt: NOW, updatedAt: NOW }));
      }
    };
    await deal('华为技术有限公司重庆分公司', '年度框架合同', 100_000_000, [[30_000_000, '2026-10-01', '第1期'], [60_000_000, '2026-11-25', '第2期'], [10_000_000, '2027-01-10', '第3期']]);
    await deal('重庆长安汽车股份有限公司', '车机系统合同', 20_000_000, [[20_000_000, '2026-11-05', '首付款']]);
    chat = await startChatStack(t);
  });
  afterAll(async () => { await chat?.close(); await t?.close(); });

  /** Says `line` in the group as finance; returns what the group and what finance alone were sent, as they read it. */
  const askInGroup = async (line: string): Promise<{ group: string; mine: string }> => {
    const last = (await t.db.ds.getRepository(OutboxMessage).find({ order: { id: 'DESC' }, take: 1 }))[0]?.id ?? 0;
    expect(await chat.dingtalkSays('dt_fin_sun', line, { group: GROUP })).toBe(200);
    await chat.settle();
    const rows = (await t.db.ds.getRepository(OutboxMessage).find({ order: { id: 'ASC' } })).filter((r) => r.id > last);
    const read = (r: OutboxMessage) => {
      const { message, locale } = r.payload as { message: { key: string; params?: Record<string, unknown> }; locale: Locale };
      return say(locale, message.key, message.params ?? {});
    };
    const group = rows.filter((r) => (r.address as { chatId?: string }).chatId === GROUP);
    const mine = rows.filter((r) => (r.address as { chatType?: string; userId?: string }).chatType === 'single' && (r.address as { userId?: string }).userId === 'dt_fin_sun');
    expect(group, 'one answer to the group').toHaveLength(1);
    expect(mine, 'one answer to finance alone').toHaveLength(1);
    for (const r of [...group, ...mine]) expect(r.status).toBe('sent');
    return { group: read(group[0]), mine: read(mine[0]) };
  };
  const names = ['华为', '长安', '年度框架合同', '车机系统合同', '第1期', '首付款'];

  it('"待回款": the group reads the counts and that the list went to finance; finance gets it with contracts, customers and amounts', async () => {
    const { group, mine } = await askInGroup('待回款');
    expect(group).toBe('**待回款：4 期**，其中逾期 2 期\n\n群聊中不显示金额和客户，完整内容已私信发给你。');
    for (const word of [...names, '¥']) expect(group).not.toContain(word);
    expect(mine.split('\n')[0]).toBe('**待回款：4 期**，其中逾期 2 期');
    for (const word of ['华为技术有限公司重庆分公司', '年度框架合同', '重庆长安汽车股份有限公司', '¥300,000', '逾期 48 天']) expect(mine).toContain(word);
  });

  it('"逾期回款" and "本月回款情况" likewise; in English for an English reader', async () => {
    const overdue = await askInGroup('逾期回款');
    expect(overdue.group).toBe('**逾期回款：2 期**\n\n群聊中不显示金额和客户，完整内容已私信发给你。');
    expect(overdue.mine).toContain('车机系统合同');
    const month = await askInGroup('本月回款情况');
    for (const word of [...names, '¥']) expect(month.group).not.toContain(word);
    expect(month.group).toContain('- 逾期未收：2 期');
    expect(month.group).toMatch(/群聊中不显示金额和客户，完整内容已私信发给你。$/);
    expect(month.mine).toContain('¥');
    const users = t.db.ds.getRepository(User);
    await users.update({ id: org.users.finance.id }, { locale: 'en-US' });
    try {
      const en = await askInGroup('overdue payments');
      expect(en.group).toBe('**Overdue instalments: 2**\n\nAmounts and customers are not shown in a group chat: the full answer was sent to you privately.');
      expect(en.mine).toContain('重庆长安汽车股份有限公司');
    } finally {
      await users.update({ id: org.users.finance.id }, { locale: 'zh-CN' });
    }
  });

  it('asked one to one, the list comes as before, with amounts', async () => {
    expect(await chat.wecomSays('fin_sun', '待回款')).toBe(200);
    await chat.settle();
    const answer = chat.wecom.deliveredTo('fin_sun').filter((d) => d.msgtype === 'markdown').map((d) => (d.body.markdown as { content: string }).content).at(-1)!;
    expect(answer).toContain('华为技术有限公司重庆分公司');
    expect(answer).toContain('¥');
    expect(answer).not.toContain('私信');
  });
});
