// "长安汽车的联系人是谁" / "华为的电话" / "contacts at Globex": the customer's contacts in chat, through the same field
// rules as the customer 360; a customer the asker may not see is not found.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startChatStack, type ChatStack } from '../../helpers/chat-stack.js';
import { Customer } from '../../../server/domain/customer/customer.entity.js';
import { Contact } from '../../../server/domain/customer/contact.entity.js';
import { Activity } from '../../../server/domain/activity/activity.entity.js';
import { withTx } from '../../../server/domain/shared/with-tx.js';
import { systemActor } from '../../../server/domain/shared/actor.js';
import { putSetting } from '../../../server/domain/settings/settings.js';
import { normalizeCompanyName } from '../../../server/domain/shared/normalize-name.js';

const NOW = new Date('2026-11-18T02:00:00Z');

describe.each(TARGETS)('customer contacts by chat on %s', (target) => {
  let t: TestDb; let org: Org; let chat: ChatStack;
  beforeAll(async () => {
    t = await openTestDb(target);
    t.clock.set(NOW);
    org = await seedOrg(t.db);
    const customers = t.db.ds.getRepository(Customer);
    const contacts = t.db.ds.getRepository(Contact);
    const mk = (name: string, aliases: string | null, ownerId: number) => customers.save(customers.create({
      name, normalizedName: normalizeCompanyName(name), aliases, level: 'A', ownerId, failedFollowUps: 0, createdAt: NOW, updatedAt: NOW,
    }));
    const person = (customerId: number, name: string, o: Partial<Contact> = {}) => contacts.save(contacts.create({
      customerId, name, title: null, phone: null, email: null, wechat: null, isPrimary: false, custom: {}, createdAt: NOW, updatedAt: NOW, ...o,
    }));
    const changan = await mk('重庆长安汽车股份有限公司', null, org.users.repA.id);
    await person(changan.id, '王强', { title: '采购经理', phone: '13800138000', isPrimary: true });
    await person(changan.id, '李娜', { title: '技术总监', email: 'lina@changan.example' });
    await person(changan.id, '赵工');
    await mk('华为技术有限公司重庆分公司', '华为', org.users.repA.id);
    const globex = await mk('Globex Corporation', 'Globex', org.users.repB.id);
    await person(globex.id, 'Jane Doe', { title: 'CTO', phone: '+15550100', isPrimary: true });
    chat = await startChatStack(t);
  });
  afterAll(async () => { await chat?.close(); await t?.close(); });

  const answer = async (user: string, line: string) => {
    expect(await chat.wecomSays(user, line)).toBe(200);
    await chat.settle();
    const last = chat.wecom.deliveredTo(user).at(-1)!;
    return last.msgtype === 'markdown' ? (last.body.markdown as { content: string }).content : (last.body.text as { content: string }).content;
  };

  it('lists the customer\'s contacts, the primary one first, with title, phone and e-mail — and logs nothing', async () => {
    const expected = [
      '**重庆长安汽车股份有限公司的联系人（3 位）**',
      '1. 王强（主要联系人 · 采购经理 · 13800138000）',
      '2. 李娜（技术总监 · lina@changan.example）',
      '3. 赵工',
    ].join('\n');
    expect(await answer('rep_zhang', '长安汽车的联系人是谁')).toBe(expected);
    expect(await answer('rep_zhang', '长安汽车 电话')).toBe(expected);
    expect(await t.db.ds.getRepository(Activity).count()).toBe(0);
  });

  it('says when a customer has no contacts yet', async () => {
    expect(await answer('rep_zhang', '华为的电话')).toBe('「华为技术有限公司重庆分公司」还没有联系人。可以在小程序的客户页添加。');
  });

  it('a customer the asker may not see, or none of that name, is not found', async () => {
    expect(await answer('rep_zhao', '长安汽车的联系人是谁')).toBe('没有找到你能查看的客户「长安汽车」。\n如需新建，请发送：新建客户 长安汽车');
    expect(await answer('rep_zhang', '火星矿业的联系人')).toBe('没有找到你能查看的客户「火星矿业」。\n如需新建，请发送：新建客户 火星矿业');
  });

  it('follows the field rules: a phone hidden from reps is not shown to them, and still is to their manager', async () => {
    await withTx(t.db, systemActor(), (x) => putSetting(x, 'fieldRules', [{ object: 'contact', field: 'phone', hiddenFor: ['rep'] }]));
    try {
      expect((await answer('rep_zhang', '长安汽车的联系人')).split('\n')[1]).toBe('1. 王强（主要联系人 · 采购经理）');
      expect((await answer('mgr_wang', '长安汽车的联系人')).split('\n')[1]).toBe('1. 王强（主要联系人 · 采购经理 · 13800138000）');
    } finally {
      await withTx(t.db, systemActor(), (x) => putSetting(x, 'fieldRules', []));
    }
  });

  it('in English', async () => {
    expect(await answer('rep_li', 'contacts at Globex')).toBe('**Contacts at Globex Corporation (1)**\n1. Jane Doe (primary · CTO · +15550100)');
    expect(await answer('rep_li', 'who do we know at Globex?')).toContain('Jane Doe');
  });
});
