import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startChatStack, type ChatStack } from '../../helpers/chat-stack.js';
import { Customer } from '../../../server/domain/customer/customer.entity.js';
import { Lead, type LeadStatus } from '../../../server/domain/lead/lead.entity.js';
import { Activity } from '../../../server/domain/activity/activity.entity.js';
import { normalizeCompanyName } from '../../../server/domain/shared/normalize-name.js';

// 2026-11-18 10:00 Asia/Shanghai (a Wednesday).
const NOW = new Date('2026-11-18T02:00:00Z');

describe.each(TARGETS)('logging a follow-up on a lead by naming it in chat on %s', (target) => {
  let t: TestDb; let org: Org; let chat: ChatStack;
  beforeAll(async () => {
    t = await openTestDb(target);
    t.clock.set(NOW);
    org = await seedOrg(t.db);
    chat = await startChatStack(t);
  });
  afterAll(async () => { await chat?.close(); await t?.close(); });

  const addLead = (company: string, ownerId: number | null, o: { contactName?: string; status?: LeadStatus; convertedCustomerId?: number } = {}) => {
    const repo = t.db.ds.getRepository(Lead);
    return repo.save(repo.create({
      company, normalizedCompany: normalizeCompanyName(company), contactName: o.contactName ?? null, ownerId, assignedAt: ownerId ? NOW : null,
      status: o.status ?? 'new', convertedCustomerId: o.convertedCustomerId ?? null, failedFollowUps: 0, createdAt: NOW, updatedAt: NOW,
    }));
  };
  const addCustomer = (name: string, ownerId: number) => {
    const repo = t.db.ds.getRepository(Customer);
    return repo.save(repo.create({ name, normalizedName: normalizeCompanyName(name), level: 'B', ownerId, failedFollowUps: 0, createdAt: NOW, updatedAt: NOW }));
  };
  const onLead = (leadId: number) => t.db.ds.getRepository(Activity).findBy({ leadId });
  const onCustomer = (customerId: number) => t.db.ds.getRepository(Activity).findBy({ customerId });
  const says = async (user: string, line: string) => { expect(await chat.wecomSays(user, line)).toBe(200); await chat.settle(); };
  const cardsTo = (user: string) => chat.wecom.deliveredTo(user).filter((d) => d.msgtype === 'template_card').map((d) => d.body.template_card as Record<string, any>);
  const receiptsTo = (user: string, title: string) => cardsTo(user).filter((c) => c.main_title?.title === title);
  const textsTo = (user: string) => chat.wecom.deliveredTo(user).filter((d) => d.msgtype === 'text').map((d) => (d.body.text as { content: string }).content);

  it('by its company: logged on the lead (now contacted), answered with the lead\'s receipt and its undo', async () => {
    const lead = await addLead('璧山电子科技有限公司', org.users.repA.id, { contactName: '刘伟' });
    await says('rep_zhang', '跟进 璧山电子 电话沟通了需求，下周三发报价');
    expect(await onLead(lead.id)).toEqual([expect.objectContaining({ type: 'call', content: '电话沟通了需求', authorId: org.users.repA.id, customerId: null })]);
    expect(await t.db.ds.getRepository(Lead).findOneByOrFail({ id: lead.id })).toMatchObject({ status: 'contacted', firstContactAt: NOW });
    const [receipt] = receiptsTo('rep_zhang', '已记录线索跟进：璧山电子科技有限公司（刘伟）');
    expect(receipt.button_list[0].text).toBe('撤销');
    // The undo is the same as a customer's: the lead is new again.
    await chat.wecomTaps('rep_zhang', receipt.button_list[0].key, receipt.task_id);
    await chat.settle();
    expect(await onLead(lead.id)).toEqual([]);
    expect(await t.db.ds.getRepository(Lead).findOneByOrFail({ id: lead.id })).toMatchObject({ status: 'new', firstContactAt: null });
  });

  it('by its contact\'s name', async () => {
    const lead = await addLead('铜梁五金制品厂', org.users.repA.id, { contactName: '周晓梅' });
    await says('rep_zhang', '跟进 周晓梅 微信沟通了报价');
    expect(await onLead(lead.id)).toEqual([expect.objectContaining({ type: 'wechat', content: '微信沟通了报价' })]);
    expect(receiptsTo('rep_zhang', '已记录线索跟进：铜梁五金制品厂（周晓梅）')).toHaveLength(1);
  });

  it('a customer of the same name wins over the lead', async () => {
    const customer = await addCustomer('江北机电有限公司', org.users.repA.id);
    const lead = await addLead('江北机电有限公司', org.users.repA.id);
    await says('rep_zhang', '跟进 江北机电 上门拜访了采购部');
    expect(await onCustomer(customer.id)).toHaveLength(1);
    expect(await onLead(lead.id)).toEqual([]);
  });

  it('an ambiguous name asks with a choice card of leads, and logs on the one picked', async () => {
    await addLead('永川纺织一厂', org.users.repA.id, { contactName: '王强' });
    const second = await addLead('永川纺织二厂', org.users.repA.id);
    const before = await t.db.ds.getRepository(Activity).count();
    await says('rep_zhang', '跟进 永川纺织 电话沟通了合作');
    expect(await t.db.ds.getRepository(Activity).count()).toBe(before);
    const choice = cardsTo('rep_zhang').find((c) => c.card_type === 'vote_interaction')!;
    expect(choice.main_title.title).toBe('找到多个匹配的线索');
    const options = choice.checkbox.option_list as { id: string; text: string }[];
    expect(options.map((o) => o.text).sort()).toEqual([expect.stringMatching(/^永川纺织一厂.*王强/), expect.stringMatching(/^永川纺织二厂/)]);
    const pick = options.find((o) => o.text.startsWith('永川纺织二厂'))!;
    expect(await chat.wecomTaps('rep_zhang', choice.submit_button.key, choice.task_id, { selected: [pick.id] })).toBe(200);
    await chat.settle();
    expect(await onLead(second.id)).toEqual([expect.objectContaining({ content: '电话沟通了合作', authorId: org.users.repA.id })]);
    expect(receiptsTo('rep_zhang', '已记录线索跟进：永川纺织二厂')).toHaveLength(1);
  });

  it('a lead the rep may not see, or one marked invalid, is not found: the answer says customers and leads were looked for, nothing logged', async () => {
    const others = await addLead('荣昌食品有限公司', org.users.repC.id);
    const invalid = await addLead('潼南柠檬合作社', org.users.repA.id, { status: 'invalid' });
    await says('rep_zhang', '跟进 荣昌食品 电话沟通了需求');
    await says('rep_zhang', '跟进 潼南柠檬 电话沟通了需求');
    expect([...await onLead(others.id), ...await onLead(invalid.id)]).toEqual([]);
    expect(textsTo('rep_zhang').slice(-2)).toEqual([
      '没有找到你能查看的客户或线索「荣昌食品」，什么也没有记录。\n如需新建客户，请发送：新建客户 荣昌食品\n如需新建线索，请发送：新线索 公司：荣昌食品',
      '没有找到你能查看的客户或线索「潼南柠檬」，什么也没有记录。\n如需新建客户，请发送：新建客户 潼南柠檬\n如需新建线索，请发送：新线索 公司：潼南柠檬',
    ]);
    // Looking a customer up searches customers only, and says so.
    await says('rep_zhang', '查一下 荣昌食品');
    expect(textsTo('rep_zhang').at(-1)).toBe('没有找到你能查看的客户「荣昌食品」。\n如需新建，请发送：新建客户 荣昌食品');
  });

  it('the lead the not-found answer offers is created as written, and the follow-up then finds it (zh-CN and en-US)', async () => {
    await says('rep_zhang', '跟进 火星矿业 电话沟通了需求');
    const zh = textsTo('rep_zhang').at(-1)!;
    expect(zh).toContain('没有找到你能查看的客户或线索「火星矿业」');
    await says('rep_zhang', zh.split('请发送：').at(-1)!);
    const mars = await t.db.ds.getRepository(Lead).findOneByOrFail({ company: '火星矿业' });
    expect(mars).toMatchObject({ ownerId: org.users.repA.id, contactName: null });
    await says('rep_zhang', '跟进 火星矿业 电话沟通了需求');
    expect(await onLead(mars.id)).toEqual([expect.objectContaining({ content: '电话沟通了需求' })]);

    await says('rep_li', 'follow up Jupiter Mining: called about the demo');
    const en = textsTo('rep_li').at(-1)!;
    expect(en).toBe('I could not find a customer or lead "Jupiter Mining" that you can see, so nothing was saved.\n'
      + 'To create it as a customer, send: new customer Jupiter Mining\nOr as a lead: new lead company: Jupiter Mining');
    await says('rep_li', en.split('as a lead: ').at(-1)!);
    const jupiter = await t.db.ds.getRepository(Lead).findOneByOrFail({ company: 'Jupiter Mining' });
    expect(jupiter).toMatchObject({ ownerId: org.users.repB.id, contactName: null });
    await says('rep_li', 'follow up Jupiter Mining: called about the demo');
    expect(await onLead(jupiter.id)).toEqual([expect.objectContaining({ content: 'called about the demo' })]);
  });

  it('a lead converted into a customer is found as that customer', async () => {
    const customer = await addCustomer('重庆石刻文旅集团', org.users.repA.id);
    const lead = await addLead('大足石刻旅游开发', org.users.repA.id, { contactName: '陈静', status: 'converted', convertedCustomerId: customer.id });
    await says('rep_zhang', '跟进 陈静 电话沟通了年度合作');
    expect(await onCustomer(customer.id)).toEqual([expect.objectContaining({ content: '电话沟通了年度合作', leadId: null })]);
    expect(await onLead(lead.id)).toEqual([]);
    expect(receiptsTo('rep_zhang', '已记录跟进：重庆石刻文旅集团')).toHaveLength(1);
  });

  it('understands English and answers in the rep\'s language: by company and by contact', async () => {
    const lead = await addLead('Contoso Ltd.', org.users.repB.id, { contactName: 'John Smith' });
    await says('rep_li', 'followed up with Contoso: called, they want a demo');
    await says('rep_li', 'follow up John Smith: emailed the brochure');
    expect((await onLead(lead.id)).map((a) => [a.type, a.content])).toEqual([['call', 'called, they want a demo'], ['email', 'emailed the brochure']]);
    expect(receiptsTo('rep_li', 'Follow-up logged on lead: Contoso Ltd. (John Smith)')).toHaveLength(2);
  });
});
