import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startChatStack, type ChatStack } from '../../helpers/chat-stack.js';
import { Customer } from '../../../server/domain/customer/customer.entity.js';
import { Contract, type ContractStatus } from '../../../server/domain/contract/contract.entity.js';
import { Payment } from '../../../server/domain/contract/payment.entity.js';
import { PaymentReceipt } from '../../../server/domain/contract/payment-receipt.entity.js';
import { PaymentCredit } from '../../../server/domain/contract/payment-credit.entity.js';
import { AuditLog } from '../../../server/domain/audit/audit-log.entity.js';
import { normalizeCompanyName } from '../../../server/domain/shared/normalize-name.js';
import { withRead, withTx } from '../../../server/domain/shared/with-tx.js';
import { systemActor, type Actor } from '../../../server/domain/shared/actor.js';
import { leaderboard } from '../../../server/domain/leaderboard/leaderboard.js';
import { rebuildRollups } from '../../../server/domain/leaderboard/rebuild-rollups.js';
import { putSetting } from '../../../server/domain/settings/settings.js';

// 2026-11-18 10:00 Asia/Shanghai (a Wednesday).
const NOW = new Date('2026-11-18T02:00:00Z');
const day = (local: string) => new Date(`${local}T00:00:00+08:00`);

describe.each(TARGETS)('回款 by chat on %s', (target) => {
  let t: TestDb; let org: Org; let chat: ChatStack;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await openTestDb(target);
    t.clock.set(NOW);
    org = await seedOrg(t.db);
    const customers = t.db.ds.getRepository(Customer);
    const contracts = t.db.ds.getRepository(Contract);
    const payments = t.db.ds.getRepository(Payment);
    const customer = async (key: string, name: string, ownerId: number, aliases: string | null = null) => {
      ids[key] = (await customers.save(customers.create({ name, normalizedName: normalizeCompanyName(name), aliases, level: 'A', ownerId, failedFollowUps: 0, createdAt: NOW, updatedAt: NOW }))).id;
    };
    const contract = async (key: string, customerKey: string, title: string, ownerId: number, amountCents: number, status: ContractStatus = 'approved') => {
      ids[key] = (await contracts.save(contracts.create({
        title, customerId: ids[customerKey], amountCents, status, ownerId, number: null, opportunityId: null, signedAt: day('2026-09-01'), startAt: null, endAt: null,
        submittedAt: null, decidedAt: null, approvalId: null, custom: null, createdAt: NOW, updatedAt: NOW,
      }))).id;
    };
    const payment = async (key: string, contractKey: string, plannedAmountCents: number, plannedAt: Date, note: string, received = 0, receivedAt: Date | null = null) => {
      const k = await contracts.findOneByOrFail({ id: ids[contractKey] });
      ids[key] = (await payments.save(payments.create({
        contractId: k.id, plannedAmountCents, plannedAt, receivedAmountCents: received, receivedAt, status: received ? (received < plannedAmountCents ? 'partial' : 'received') : 'planned',
        note, ownerId: k.ownerId, createdAt: NOW, updatedAt: NOW,
      }))).id;
      // Money received before this test: its credit, as the migration back-fills one for money without receipts.
      if (received) await t.db.ds.getRepository(PaymentCredit).insert({ receiptId: null, paymentId: ids[key], ownerId: k.ownerId, receivedAt: receivedAt!, amountCents: received, undoneAt: null, createdAt: NOW });
    };
    await customer('huawei', '华为技术有限公司重庆分公司', org.users.repA.id, '华为');
    await contract('huaweiDeal', 'huawei', '年度框架合同', org.users.repA.id, 100_000_000);
    await payment('hw1', 'huaweiDeal', 30_000_000, day('2026-10-01'), '第1期（30%）');
    await payment('hw2', 'huaweiDeal', 60_000_000, day('2026-11-25'), '第2期（60%）');
    await payment('hw3', 'huaweiDeal', 10_000_000, day('2027-01-10'), '第3期（10%）');
    await customer('changan', '重庆长安汽车股份有限公司', org.users.repA.id);
    await contract('carSystem', 'changan', '车机系统合同', org.users.repA.id, 20_000_000);
    await payment('car1', 'carSystem', 20_000_000, day('2026-11-05'), '首付款');
    await contract('afterSales', 'changan', '售后服务合同', org.users.repA.id, 12_500_000);
    await payment('after1', 'afterSales', 12_500_000, day('2026-12-01'), '全款');
    await customer('acme', 'ACME Robotics', org.users.repC.id, 'ACME');
    await contract('acmeDeal', 'acme', 'Robot arms', org.users.repC.id, 8_000_000);
    await payment('acme1', 'acmeDeal', 8_000_000, day('2026-11-10'), 'Instalment 1', 2_000_000, day('2026-11-12'));
    await customer('mars', '火星矿业', org.users.repB.id);
    await contract('marsDeal', 'mars', '勘探合同', org.users.repB.id, 10_000_000, 'pending');
    await payment('mars1', 'marsDeal', 10_000_000, day('2026-11-01'), '全款');
    await customer('bank', '重庆银行', org.users.repA.id);
    await contract('bankDeal', 'bank', '网点改造合同', org.users.repA.id, 5_000_000);
    await payment('bank1', 'bankDeal', 5_000_000, day('2026-11-01'), '全款', 5_000_000, day('2026-11-03'));
    // The boards as a running server keeps them: the seeded receipts counted.
    await withTx(t.db, systemActor(), (c) => rebuildRollups(c));
    chat = await startChatStack(t);
  });
  afterAll(async () => { await chat?.close(); await t?.close(); });

  const says = async (user: string, line: string, msgId?: string) => { expect(await chat.wecomSays(user, line, msgId)).toBe(200); await chat.settle(); };
  const cardsTo = (user: string) => chat.wecom.deliveredTo(user).filter((d) => d.msgtype === 'template_card').map((d) => d.body.template_card as Record<string, any>);
  const textsTo = (user: string) => chat.wecom.deliveredTo(user).filter((d) => d.msgtype === 'text').map((d) => (d.body.text as { content: string }).content);
  const markdownTo = (user: string) => chat.wecom.deliveredTo(user).filter((d) => d.msgtype === 'markdown').map((d) => (d.body.markdown as { content: string }).content);
  const pay = (key: string) => t.db.ds.getRepository(Payment).findOneByOrFail({ id: ids[key] });
  const actorOf = (u: Org['users'][keyof Org['users']]): Actor => ({ userId: u.id, role: u.role, teamId: u.teamId, locale: 'zh-CN', channel: 'api' });
  /** repA's payments this month on the company board, as the admin reads it. */
  const boardValue = async (userId: number) => (await withRead(t.db, actorOf(org.users.admin), (c) => leaderboard(c, { metric: 'payments', period: 'month', teamId: null })))
    .rows.find((r) => r.userId === userId)?.value ?? 0;
  const audits = (entityType: string, entityId: number) => t.db.ds.getRepository(AuditLog).find({ where: { entityType, entityId }, order: { id: 'ASC' } });

  it('finance records "华为回款50万到账了": the oldest instalment filled, the rest on the next, audited, the board up, a receipt card', async () => {
    const before = await boardValue(org.users.repA.id);
    await says('fin_sun', '华为回款50万到账了', 'pay-1');
    expect(await pay('hw1')).toMatchObject({ receivedAmountCents: 30_000_000, status: 'received', receivedAt: NOW });
    expect(await pay('hw2')).toMatchObject({ receivedAmountCents: 20_000_000, status: 'partial', receivedAt: NOW });
    expect(await pay('hw3')).toMatchObject({ receivedAmountCents: 0, status: 'planned', receivedAt: null });
    const receipts = await t.db.ds.getRepository(PaymentReceipt).find();
    expect(receipts).toEqual([expect.objectContaining({ contractId: ids.huaweiDeal, amountCents: 50_000_000, recordedById: org.users.finance.id, channel: 'bot', undoneAt: null })]);
    expect((await audits('payment', ids.hw1)).map((a) => [a.action, a.channel, a.actorId])).toEqual([['receive', 'bot', org.users.finance.id]]);
    expect((await audits('payment', ids.hw2))[0].diff).toMatchObject({ receivedAmountCents: [0, 20_000_000], status: ['planned', 'partial'] });
    expect(await boardValue(org.users.repA.id)).toBe(before + 50_000_000);
    const [card] = cardsTo('fin_sun');
    expect(card.main_title.title).toBe('已登记回款：华为技术有限公司重庆分公司');
    expect(card.emphasis_content).toEqual({ title: '¥500,000', desc: '本次到账' });
    expect(card.horizontal_content_list).toEqual(expect.arrayContaining([
      { keyname: '合同', value: '年度框架合同' },
      { keyname: '2026年10月1日到期', value: '第1期（30%） ¥300,000 · 已收齐' },
      { keyname: '2026年11月25日到期', value: '¥200,000 · 尚欠 ¥400,000' },
    ]));
    expect(card.button_list[0].text).toBe('撤销');
  });

  it('stores a message delivered three times once', async () => {
    for (let i = 0; i < 3; i++) expect(await chat.wecomSays('fin_sun', '华为回款50万到账了', 'pay-1')).toBe(200);
    await chat.settle();
    expect(await t.db.ds.getRepository(PaymentReceipt).count()).toBe(1);
    expect((await pay('hw2')).receivedAmountCents).toBe(20_000_000);
  });

  it('撤销 takes exactly that receipt back: amounts, dates and statuses as before, audited, the board down, the card updated in place', async () => {
    const before = await boardValue(org.users.repA.id);
    const [card] = cardsTo('fin_sun');
    const updates = chat.wecom.cardUpdates.length;
    // Someone else's tap does nothing.
    await chat.wecomTaps('rep_zhang', card.button_list[0].key, card.task_id);
    await chat.settle();
    expect((await pay('hw1')).receivedAmountCents).toBe(30_000_000);
    await chat.wecomTaps('fin_sun', card.button_list[0].key, card.task_id);
    await chat.wecomTaps('fin_sun', card.button_list[0].key, card.task_id);
    await chat.settle();
    for (const key of ['hw1', 'hw2']) expect(await pay(key)).toMatchObject({ receivedAmountCents: 0, status: 'planned', receivedAt: null });
    expect(await t.db.ds.getRepository(PaymentReceipt).findOneByOrFail({ contractId: ids.huaweiDeal })).toMatchObject({ undoneAt: NOW });
    expect((await audits('payment', ids.hw1)).map((a) => [a.action, a.actorId])).toEqual([['receive', org.users.finance.id], ['undo_receive', org.users.finance.id]]);
    expect((await audits('payment', ids.hw2))[1].diff).toMatchObject({ receivedAmountCents: [20_000_000, 0], status: ['partial', 'planned'] });
    expect(await boardValue(org.users.repA.id)).toBe(before - 50_000_000);
    expect(chat.wecom.cardUpdates.length).toBe(updates + 1);
    expect(JSON.stringify(chat.wecom.cardUpdates.at(-1))).toContain('已撤销');
  });

  it('refuses undo after five minutes, and the receipt stays', async () => {
    await says('fin_sun', '收到华为 10 万回款', 'pay-late');
    const card = cardsTo('fin_sun').at(-1)!;
    expect((await pay('hw1')).receivedAmountCents).toBe(10_000_000);
    t.clock.set(new Date(NOW.getTime() + 6 * 60_000));
    try {
      await chat.wecomTaps('fin_sun', card.button_list[0].key, card.task_id);
      await chat.settle();
      expect((await pay('hw1')).receivedAmountCents).toBe(10_000_000);
      expect(textsTo('fin_sun').at(-1)).toContain('撤销时间已过');
    } finally {
      t.clock.set(NOW);
    }
  });

  it('asks with a choice card when the customer has several contracts awaiting payment, and records on the one picked', async () => {
    await says('fin_sun', '长安汽车打款 12.5 万', 'pay-2');
    expect((await pay('car1')).receivedAmountCents).toBe(0);
    const choice = cardsTo('fin_sun').find((c) => c.card_type === 'vote_interaction')!;
    expect(choice.main_title.title).toBe('有多张合同在等回款');
    const options = choice.checkbox.option_list as { id: string; text: string }[];
    expect(options.map((o) => o.text)).toEqual([
      '重庆长安汽车股份有限公司 · 车机系统合同 (1 期未收齐 · 待收 ¥200,000 · 最早 2026年11月5日 到期)',
      '重庆长安汽车股份有限公司 · 售后服务合同 (1 期未收齐 · 待收 ¥125,000 · 最早 2026年12月1日 到期)',
    ]);
    const pick = options.find((o) => o.text.includes('售后服务合同'))!;
    await chat.wecomTaps('fin_sun', choice.submit_button.key, choice.task_id, { selected: [pick.id] });
    await chat.wecomTaps('fin_sun', choice.submit_button.key, choice.task_id, { selected: [pick.id] });
    await chat.settle();
    expect(await pay('after1')).toMatchObject({ receivedAmountCents: 12_500_000, status: 'received' });
    expect((await pay('car1')).receivedAmountCents).toBe(0);
    expect(await t.db.ds.getRepository(PaymentReceipt).countBy({ contractId: ids.afterSales })).toBe(1);
    expect(cardsTo('fin_sun').at(-1)!.main_title.title).toBe('已登记回款：重庆长安汽车股份有限公司');
  });

  it('refuses more than the contract has open, a customer with nothing open, and one without an approved contract; records nothing', async () => {
    const count = await t.db.ds.getRepository(PaymentReceipt).count();
    await says('fin_sun', 'received 100k from ACME');
    expect(textsTo('fin_sun').at(-1)).toBe('「Robot arms」待收只有 ¥60,000，本次 ¥100,000 超出了，未登记。请核对金额，或先为合同添加回款计划。');
    await says('fin_sun', '重庆银行回款5万到账了');
    expect(textsTo('fin_sun').at(-1)).toContain('「重庆银行」的已审批合同没有待收的回款分期');
    await says('fin_sun', '火星矿业回款10万到账了');
    expect(textsTo('fin_sun').at(-1)).toBe('没有找到「火星矿业」的已审批合同，未登记。请核对客户名称。');
    expect(await t.db.ds.getRepository(PaymentReceipt).count()).toBe(count);
    expect((await pay('acme1')).receivedAmountCents).toBe(2_000_000);
  });

  it('records an English line the same way ("received 60,000 from ACME" settles the rest)', async () => {
    await says('fin_sun', 'received 60,000 from ACME');
    expect(await pay('acme1')).toMatchObject({ receivedAmountCents: 8_000_000, status: 'received', receivedAt: NOW });
  });

  it('tells a rep that finance records receipts, tells finance, and changes nothing', async () => {
    const count = await t.db.ds.getRepository(PaymentReceipt).count();
    const told = textsTo('fin_sun').length;
    await says('rep_zhang', '华为回款50万到账了');
    expect(textsTo('rep_zhang').at(-1)).toBe('回款由财务登记，已转告财务（孙会计）核对后登记。');
    expect(textsTo('fin_sun').length).toBe(told + 1);
    expect(textsTo('fin_sun').at(-1)).toContain('张三 说：「华为回款50万到账了」');
    expect(await t.db.ds.getRepository(PaymentReceipt).count()).toBe(count);
    await says('mgr_wang', '收到华为 50 万回款');
    expect(textsTo('mgr_wang').at(-1)).toContain('回款由财务登记');
  });

  it('leaves the payments boards equal to a rebuild from the rows, after receipts, spills and undos', async () => {
    const boards = async () => {
      const out: unknown[] = [];
      for (const period of ['day', 'month', 'year'] as const) out.push((await withRead(t.db, actorOf(org.users.admin), (c) => leaderboard(c, { metric: 'payments', period, teamId: null }))).rows);
      return out;
    };
    const kept = await boards();
    await withTx(t.db, systemActor(), (c) => rebuildRollups(c));
    expect(await boards()).toEqual(kept);
  });

  describe('the open instalments and the month', () => {
    // By now: 华为 has 10万 on its first instalment (the late receipt), 售后服务合同 and ACME are paid in full.
    it('lists what finance may see, overdue first, with amounts and days overdue', async () => {
      await says('fin_sun', '哪些合同还没回款');
      const md = markdownTo('fin_sun').at(-1)!;
      expect(md).toContain('**待回款：4 期**，其中逾期 2 期');
      expect(md).toContain('待收合计 ¥1,100,000，其中逾期 ¥400,000');
      const lines = md.split('\n').filter((l) => /^\d+\. /.test(l));
      expect(lines).toEqual([
        '1. **华为技术有限公司重庆分公司** · 年度框架合同（第1期（30%） · ¥300,000，待收 ¥200,000 · 逾期 48 天（2026年10月1日） · 负责人 张三）',
        '2. **重庆长安汽车股份有限公司** · 车机系统合同（首付款 · ¥200,000 · 逾期 13 天（2026年11月5日） · 负责人 张三）',
        '3. **华为技术有限公司重庆分公司** · 年度框架合同（第2期（60%） · ¥600,000 · 2026年11月25日 到期 · 负责人 张三）',
        '4. **华为技术有限公司重庆分公司** · 年度框架合同（第3期（10%） · ¥100,000 · 2027年1月10日 到期 · 负责人 张三）',
      ]);
      await says('fin_sun', '逾期回款');
      expect(markdownTo('fin_sun').at(-1)!.split('\n').filter((l) => /^\d+\. /.test(l))).toHaveLength(2);
    });

    it('gives a rep their own contracts, a manager their team\'s, and nothing of others', async () => {
      await says('rep_zhao', '待回款');
      expect(textsTo('rep_zhao').at(-1)).toBe('没有待回款的分期。');
      await says('mgr_wang', 'outstanding payments');
      expect(markdownTo('mgr_wang').at(-1)).toContain('**待回款：4 期**');
      await says('rep_zhang', '哪些合同还没回款');
      const mine = markdownTo('rep_zhang').at(-1)!;
      expect(mine).toContain('年度框架合同');
      expect(mine).not.toContain('负责人');
    });

    it('sums up the month for finance and for a rep', async () => {
      await says('fin_sun', '本月回款情况');
      // Received in November: 华为 10万 (today), 售后服务 12.5万 (today), ACME 8万 (today), 重庆银行 5万 (Nov 3).
      expect(markdownTo('fin_sun').at(-1)).toBe([
        '**2026年11月回款情况**（全公司）',
        '- 到账：¥355,000（4 期）',
        '- 当月计划：¥930,000（4 期），已收 ¥130,000（14%）',
        '- 逾期未收：¥400,000（2 期）',
        '- 到账最多：重庆长安汽车股份有限公司 ¥125,000、华为技术有限公司重庆分公司 ¥100,000、ACME Robotics ¥80,000、重庆银行 ¥50,000',
      ].join('\n'));
      await says('rep_zhao', '这个月回款多少');
      expect(markdownTo('rep_zhao').at(-1)).toContain('- 到账：¥80,000（1 期）');
      expect(markdownTo('rep_zhao').at(-1)).toContain('（你的合同）');
      // A manager's summary names the team it counts, as GET /payments/summary and the mini-program do.
      await says('mgr_wang', '本月回款情况');
      expect(markdownTo('mgr_wang').at(-1)).toMatch(/^\*\*2026年11月回款情况\*\*（[^）你]+）/);
    });

    it('hides amounts where field rules hide them, and in a group chat', async () => {
      await withTx(t.db, systemActor(), (x) => putSetting(x, 'fieldRules', [{ object: 'payment', field: 'plannedAmountCents', hiddenFor: ['rep'] }]));
      try {
        await says('rep_zhang', '待回款');
        const list = markdownTo('rep_zhang').at(-1)!;
        expect(list).not.toContain('¥');
        expect(list).toContain('部分金额按字段权限不显示');
        await says('rep_zhang', '本月回款情况');
        const month = markdownTo('rep_zhang').at(-1)!;
        expect(month).not.toContain('¥');
        expect(month).toContain('- 到账：3 期');
      } finally {
        await withTx(t.db, systemActor(), (x) => putSetting(x, 'fieldRules', [{ object: 'contract', field: 'amountCents', hiddenFor: ['rep'], exceptWhen: 'team' }]));
      }
      // In a group: counts only there, the whole answer to finance's own chat (payments-in-group.test.ts has more).
      expect(await chat.dingtalkSays('dt_fin_sun', '本月回款情况', { group: 'cid_group_fin' })).toBe(200);
      await chat.settle();
      const sent = chat.dingtalk.received.map((r) => ({ path: r.path, body: JSON.stringify(r.body) })).filter((r) => r.body.includes('回款情况'));
      const [mine, group] = ['/v1.0/robot/oToMessages/batchSend', null].map((path) => sent.filter((r) => (path ? r.path === path : r.path !== '/v1.0/robot/oToMessages/batchSend')).at(-1)!.body);
      expect(group).toContain('群聊中不显示金额');
      expect(group).not.toContain('¥');
      expect(mine).toContain('¥');
    });
  });
});
