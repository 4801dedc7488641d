// Moving a deal from chat by its customer's name ("长安汽车那单推进到商务谈判"), with the amount said alongside kept,
// and a choice card when the customer has several open deals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startChatStack, type ChatStack } from '../../helpers/chat-stack.js';
import { Customer } from '../../../server/domain/customer/customer.entity.js';
import { Opportunity } from '../../../server/domain/opportunity/opportunity.entity.js';
import { StageHistory } from '../../../server/domain/opportunity/stage-history.entity.js';
import { AuditLog } from '../../../server/domain/audit/audit-log.entity.js';
import { normalizeCompanyName } from '../../../server/domain/shared/normalize-name.js';

const NOW = new Date('2026-11-18T02:00:00Z');
type Card = Record<string, any>;

describe.each(TARGETS)('deals moved by chat on %s', (target) => {
  let t: TestDb; let org: Org; let chat: ChatStack;
  let changan: Customer; let huawei: Customer; let globex: Customer;
  beforeAll(async () => {
    t = await openTestDb(target);
    t.clock.set(NOW);
    org = await seedOrg(t.db);
    const customers = t.db.ds.getRepository(Customer);
    const mk = (name: string, aliases: string | null, ownerId: number) => customers.save(customers.create({
      name, normalizedName: normalizeCompanyName(name), aliases, level: 'A', ownerId, failedFollowUps: 0, createdAt: NOW, updatedAt: NOW,
    }));
    changan = await mk('重庆长安汽车股份有限公司', null, org.users.repA.id);
    huawei = await mk('华为技术有限公司重庆分公司', '华为', org.users.repA.id);
    await mk('美的集团', '美的', org.users.repA.id);
    globex = await mk('Globex Corporation', 'Globex', org.users.repB.id);
    chat = await startChatStack(t);
  });
  afterAll(async () => { await chat?.close(); await t?.close(); });

  const deal = (name: string, customerId: number, o: Partial<Opportunity> = {}) => {
    const repo = t.db.ds.getRepository(Opportunity);
    return repo.save(repo.create({
      customerId, name, amountCents: 0, expectedCloseAt: new Date('2026-12-20T10:00:00Z'), stage: 'needs_analysis', status: 'open', probability: 30,
      ownerId: org.users.repA.id, stageChangedAt: NOW, lostReason: null, closedAt: null, custom: {}, createdAt: NOW, updatedAt: NOW, ...o,
    }));
  };
  const opp = (id: number) => t.db.ds.getRepository(Opportunity).findOneByOrFail({ id });
  const answer = async (user: string, line: string) => {
    expect(await chat.wecomSays(user, line)).toBe(200);
    await chat.settle();
    const last = chat.wecom.deliveredTo(user).at(-1)!;
    return last.msgtype === 'text' ? (last.body.text as { content: string }).content : last.body.template_card as Card | undefined;
  };

  it('"长安汽车商机推进到方案报价，金额改成80万": the customer\'s one open deal gets the amount, then the stage (which requires it)', async () => {
    const d = await deal('新一期采购项目', changan.id);
    expect(await answer('rep_zhang', '长安汽车商机推进到方案报价，金额改成80万')).toBe('商机「新一期采购项目」已推进到「方案报价」，金额改为 ¥800,000。');
    expect(await opp(d.id)).toMatchObject({ stage: 'proposal', amountCents: 80_000_000, probability: 60 });
    expect(await t.db.ds.getRepository(StageHistory).findOneBy({ opportunityId: d.id })).toMatchObject({ fromStage: 'needs_analysis', toStage: 'proposal', amountCents: 80_000_000 });
    // Both changes audited, as the rep.
    const actions = (await t.db.ds.getRepository(AuditLog).findBy({ entityType: 'opportunity', entityId: d.id })).map((a) => a.action).sort();
    expect(actions).toEqual(['stage_change', 'update']);
  });

  it('"长安汽车那单 赢单了" by the customer; the deal\'s own name still works', async () => {
    const d = await deal('车机系统', changan.id, { stage: 'negotiation', amountCents: 5_000_000 });
    await t.db.ds.getRepository(Opportunity).update({ name: '新一期采购项目' }, { status: 'lost', lostReason: 'x', closedAt: NOW, stage: 'lost' });
    expect(await answer('rep_zhang', '长安汽车那单赢单了')).toBe('商机「车机系统」的合同草稿已生成（客户：重庆长安汽车股份有限公司）。补全条款、回款计划后提交审批：在小程序「我的合同」中，或发送「提交审批 重庆长安汽车股份有限公司」。');
    const texts = chat.wecom.deliveredTo('rep_zhang').filter((d) => d.msgtype === 'text').map((d) => (d.body.text as { content: string }).content);
    expect(texts.at(-2)).toBe('🎉 恭喜！商机「车机系统」赢单了。');
    expect(await opp(d.id)).toMatchObject({ status: 'won', stage: 'won' });
    const named = await deal('5G基站项目', huawei.id);
    expect(await answer('rep_zhang', '5G基站项目 推进到 方案报价 报价30万')).toBe('商机「5G基站项目」已推进到「方案报价」，金额改为 ¥300,000。');
    expect(await opp(named.id)).toMatchObject({ stage: 'proposal', amountCents: 30_000_000 });
  });

  it('a customer with several open deals: a choice card of them with customer and stage; the one picked moves, the other stays', async () => {
    const a = await deal('MES系统', huawei.id, { amountCents: 1_000_000 });
    const b = await deal('API集成服务', huawei.id, { amountCents: 2_000_000 });
    const card = await answer('rep_zhang', '华为的单子推进到商务谈判') as Card;
    expect(card.card_type).toBe('vote_interaction');
    expect(card.main_title.title).toBe('找到多个匹配的商机');
    const options = card.checkbox.option_list as { id: string; text: string }[];
    expect(options.map((o) => o.text)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^MES系统.*华为技术有限公司重庆分公司 · 需求分析 · ¥10,000/), expect.stringMatching(/^API集成服务.*需求分析 · ¥20,000/),
    ]));
    expect([(await opp(a.id)).stage, (await opp(b.id)).stage]).toEqual(['needs_analysis', 'needs_analysis']);
    expect(await chat.wecomTaps('rep_zhang', card.submit_button.key, card.task_id, { selected: [String(b.id)] })).toBe(200);
    await chat.settle();
    expect([(await opp(a.id)).stage, (await opp(b.id)).stage]).toEqual(['needs_analysis', 'negotiation']);
    const texts = chat.wecom.deliveredTo('rep_zhang').filter((d) => d.msgtype === 'text').map((d) => (d.body.text as { content: string }).content);
    expect(texts.at(-1)).toBe('商机「API集成服务」已推进到「商务谈判」。');
  });

  it('a customer with no open deal says so and how to make one; a colleague\'s customer is not found; nothing changes', async () => {
    expect(await answer('rep_zhang', '美的那单推进到方案报价')).toBe('客户「美的集团」没有你能查看的进行中商机。如需新建：美的集团 新商机 项目名称 金额');
    expect(await answer('rep_zhao', '长安汽车那单推进到商务谈判')).toBe('没有找到你能查看的进行中商机「长安汽车」。');
  });

  it('"长安汽车这单到哪个阶段了": the customer\'s open deals with stage and days in it, amount, close date, and the owner when not the asker', async () => {
    const d = await deal('二期扩产', changan.id, { stage: 'proposal', amountCents: 30_000_000, stageChangedAt: new Date(NOW.getTime() - 5 * 86_400_000) });
    expect(await answer('rep_zhang', '长安汽车这单到哪个阶段了')).toBe(undefined);
    const said = chat.wecom.deliveredTo('rep_zhang').at(-1)!;
    expect(said.msgtype).toBe('markdown');
    expect((said.body.markdown as { content: string }).content).toBe([
      '**「长安汽车」的进行中商机**',
      '1. 二期扩产（重庆长安汽车股份有限公司 · 方案报价（5 天） · ¥300,000 · 预计 2026年12月20日 成交）',
    ].join('\n'));
    // Their manager sees whose it is.
    expect(await answer('mgr_wang', '长安汽车那单什么进展')).toBe(undefined);
    expect((chat.wecom.deliveredTo('mgr_wang').at(-1)!.body.markdown as { content: string }).content).toContain('方案报价（5 天） · ¥300,000 · 预计 2026年12月20日 成交 · 负责人 张三');
    // A colleague in another team does not see it; a customer with none says so.
    expect(await answer('rep_zhao', '长安汽车这单到哪个阶段了')).toBe('没有找到你能查看的进行中商机「长安汽车」。');
    expect(await answer('rep_zhang', '美的那单怎么样了')).toBe('客户「美的集团」没有你能查看的进行中商机。如需新建：美的集团 新商机 项目名称 金额');
    await t.db.ds.getRepository(Opportunity).update({ id: d.id }, { status: 'won', stage: 'won' });
  });

  it('in English', async () => {
    const d = await deal('Robot arms', globex.id, { amountCents: 1_000_000, ownerId: org.users.repB.id });
    expect(await answer('rep_li', 'Globex deal to proposal, amount 500k')).toBe('Opportunity "Robot arms" moved to "Proposal"; amount now ¥500,000.');
    expect(await opp(d.id)).toMatchObject({ stage: 'proposal', amountCents: 50_000_000 });
    await answer('rep_li', 'move Robot arms to negotiation');
    expect(await opp(d.id)).toMatchObject({ stage: 'negotiation', amountCents: 50_000_000 });
  });
});
