// 待办 by chat: "提醒我…" makes a task (never a follow-up), its receipt's 完成 and 撤销 work in place, "… 做完了"
// completes the rep's own task of that title or customer; the task's reminder comes like any other's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startChatStack, type ChatStack } from '../../helpers/chat-stack.js';
import { Customer } from '../../../server/domain/customer/customer.entity.js';
import { Lead } from '../../../server/domain/lead/lead.entity.js';
import { Activity } from '../../../server/domain/activity/activity.entity.js';
import { Task } from '../../../server/domain/activity/task.entity.js';
import { AuditLog } from '../../../server/domain/audit/audit-log.entity.js';
import { Reminder } from '../../../server/domain/reminder/reminder.entity.js';
import { normalizeCompanyName } from '../../../server/domain/shared/normalize-name.js';
import { withTx } from '../../../server/domain/shared/with-tx.js';
import { systemActor } from '../../../server/domain/shared/actor.js';
import { expectFollowUp } from '../../../server/domain/bot/expect-follow-up.js';
import { completeTask } from '../../../server/domain/activity/complete-task.js';
import { CardInstance } from '../../../server/domain/card/card-instance.entity.js';
import { apiClient } from '../../helpers/http.js';
import { setReminderSettings } from '../reminders/helpers.js';

// Wednesday 2026-11-18 02:00 UTC: 11:00 in Tokyo, the company's zone here (so Shanghai's hours would be wrong).
const NOW = new Date('2026-11-18T02:00:00Z');
const tokyo = (local: string) => new Date(`${local}+09:00`);
const LAST_FOLLOW_UP = new Date('2026-11-10T03:00:00Z');

type Card = Record<string, any>;

describe.each(TARGETS)('tasks by chat on %s', (target) => {
  let t: TestDb; let org: Org; let chat: ChatStack;
  let huawei: Customer; let changan: Customer;
  beforeAll(async () => {
    t = await openTestDb(target);
    t.clock.set(NOW);
    // What server/db/open.ts does with COMPANY_TIME_ZONE.
    t.db.timeZone = 'Asia/Tokyo';
    org = await seedOrg(t.db);
    const customers = t.db.ds.getRepository(Customer);
    const mk = (name: string, aliases: string | null, ownerId: number) => customers.save(customers.create({
      name, normalizedName: normalizeCompanyName(name), aliases, level: 'A', ownerId, failedFollowUps: 0, lastFollowUpAt: LAST_FOLLOW_UP, createdAt: NOW, updatedAt: NOW,
    }));
    huawei = await mk('华为技术有限公司重庆分公司', '华为', org.users.repA.id);
    changan = await mk('重庆长安汽车股份有限公司', null, org.users.repA.id);
    await mk('Globex Corporation', 'Globex', org.users.repB.id);
    chat = await startChatStack(t, {}, { COMPANY_TIME_ZONE: 'Asia/Tokyo' });
  });
  afterAll(async () => { await chat?.close(); await t?.close(); });

  const says = async (user: string, line: string) => { expect(await chat.wecomSays(user, line)).toBe(200); await chat.settle(); };
  const cardsTo = (user: string) => chat.wecom.deliveredTo(user).filter((d) => d.msgtype === 'template_card').map((d) => d.body.template_card as Card);
  const receipts = (user: string) => cardsTo(user).filter((c) => c.task_id?.startsWith('task-'));
  const textsTo = (user: string) => chat.wecom.deliveredTo(user).filter((d) => d.msgtype === 'text').map((d) => (d.body.text as { content: string }).content);
  const tasks = () => t.db.ds.getRepository(Task).find({ order: { id: 'ASC' } });
  const task = (id: number) => t.db.ds.getRepository(Task).findOneBy({ id });
  const tap = async (user: string, card: Card, label: string) => {
    const button = (card.button_list as { text: string; key: string }[]).find((b) => b.text === label)!;
    expect(await chat.wecomTaps(user, button.key, card.task_id)).toBe(200);
    await chat.settle();
  };
  const addTask = (title: string, ownerId: number, customerId: number | null, due: Date) => {
    const repo = t.db.ds.getRepository(Task);
    return repo.save(repo.create({ title, dueAt: due, ownerId, status: 'open', snoozedUntil: null, doneAt: null, customerId, leadId: null, opportunityId: null, activityId: null, remindedAt: null, createdAt: NOW, updatedAt: NOW }));
  };

  it('"明天上午10点提醒我给华为打电话" makes a task due then in the company zone, on 华为 — no follow-up, the last follow-up untouched', async () => {
    await says('rep_zhang', '明天上午10点提醒我给华为打电话');
    const [made] = await tasks();
    expect(made).toMatchObject({ title: '给华为打电话', ownerId: org.users.repA.id, customerId: huawei.id, leadId: null, status: 'open', activityId: null });
    expect(made.dueAt.toISOString()).toBe(tokyo('2026-11-19T10:00:00').toISOString());
    expect(await t.db.ds.getRepository(Activity).count()).toBe(0);
    expect((await t.db.ds.getRepository(Customer).findOneByOrFail({ id: huawei.id })).lastFollowUpAt?.toISOString()).toBe(LAST_FOLLOW_UP.toISOString());
    expect(await t.db.ds.getRepository(AuditLog).countBy({ entityType: 'task', entityId: made.id, action: 'create' })).toBe(1);
    const [receipt] = receipts('rep_zhang');
    expect(receipt.main_title.title).toBe('已创建待办');
    expect(receipt.horizontal_content_list).toEqual([
      { keyname: '待办', value: '给华为打电话' }, { keyname: '客户', value: '华为技术有限公司重庆分公司' }, { keyname: '截止', value: '11月19日 10:00' },
    ]);
    expect(receipt.button_list.map((b: { text: string }) => b.text)).toEqual(['完成', '撤销', '在小程序中查看']);
  });

  it('its 完成 completes the task and the card says so in place; a second tap does nothing', async () => {
    const [made] = await tasks();
    const [receipt] = receipts('rep_zhang');
    const updates = chat.wecom.cardUpdates.length;
    await tap('rep_zhang', receipt, '完成');
    await tap('rep_zhang', receipt, '完成');
    expect(await task(made.id)).toMatchObject({ status: 'done', doneAt: NOW });
    expect(chat.wecom.cardUpdates.length).toBe(updates + 1);
    expect(JSON.stringify(chat.wecom.cardUpdates.at(-1)!.body)).toContain('已完成');
    expect(await t.db.ds.getRepository(AuditLog).countBy({ entityType: 'task', entityId: made.id, action: 'complete' })).toBe(1);
  });

  it('"提醒我周五给长安汽车发合同" is a task on Friday 09:00; its 撤销 removes it, only for its author, only for five minutes', async () => {
    await says('rep_zhang', '提醒我周五给长安汽车发合同');
    const made = (await tasks()).at(-1)!;
    expect(made).toMatchObject({ title: '给长安汽车发合同', customerId: changan.id });
    expect(made.dueAt.toISOString()).toBe(tokyo('2026-11-20T09:00:00').toISOString());
    const receipt = receipts('rep_zhang').at(-1)!;
    // Someone else tapping it (a forwarded card) changes nothing.
    await chat.wecomTaps('rep_zhao', receipt.button_list[1].key, receipt.task_id);
    await chat.settle();
    expect(await task(made.id)).not.toBeNull();
    await tap('rep_zhang', receipt, '撤销');
    expect(await task(made.id)).toBeNull();
    expect(JSON.stringify(chat.wecom.cardUpdates.at(-1)!.body)).toContain('已撤销');
    expect(await t.db.ds.getRepository(AuditLog).countBy({ entityType: 'task', entityId: made.id, action: 'delete' })).toBe(1);

    // After five minutes the task stays and the rep is told why.
    await says('rep_zhang', '新建待办 下周一 拜访 长安汽车');
    const late = (await tasks()).at(-1)!;
    expect(late).toMatchObject({ title: '拜访 长安汽车', customerId: changan.id });
    expect(late.dueAt.toISOString()).toBe(tokyo('2026-11-23T09:00:00').toISOString());
    t.clock.set(new Date(NOW.getTime() + 6 * 60_000));
    try {
      await tap('rep_zhang', receipts('rep_zhang').at(-1)!, '撤销');
      expect(await task(late.id)).not.toBeNull();
      expect(textsTo('rep_zhang').at(-1)).toBe('撤销时间已过，如需修改请在小程序中操作。');
    } finally {
      t.clock.set(NOW);
    }

    // Completed elsewhere (a reminder card, the mini-program) within the five minutes: its 撤销 keeps it, saying why.
    await says('rep_zhang', '提醒我周五给长安汽车寄样品');
    const sample = (await tasks()).at(-1)!;
    await withTx(t.db, { userId: org.users.repA.id, role: 'rep', teamId: org.users.repA.teamId, locale: 'zh-CN', channel: 'api' }, (c) => completeTask(c, sample.id));
    await tap('rep_zhang', receipts('rep_zhang').at(-1)!, '撤销');
    expect(await task(sample.id)).toMatchObject({ status: 'done' });
    expect(textsTo('rep_zhang').at(-1)).toBe('这条待办已经完成或取消，不能再撤销。');
    // Its receipt was shown done in place when it was completed; the tap updated nothing more.
    const sampleCard = receipts('rep_zhang').at(-1)!;
    const sampleUpdates = chat.wecom.cardUpdates.filter((u) => (u.body.template_card as Card).task_id === sampleCard.task_id);
    expect(sampleUpdates).toHaveLength(1);
    expect(JSON.stringify(sampleUpdates[0].body)).toContain('已完成');
  });

  it('a to-do naming nobody known is still a task, on nothing; with no time said it is due at 18:00 today, and the card says so', async () => {
    await says('rep_zhang', '提醒我给老王打电话');
    const made = (await tasks()).at(-1)!;
    expect(made).toMatchObject({ title: '给老王打电话', customerId: null, leadId: null });
    expect(made.dueAt.toISOString()).toBe(tokyo('2026-11-18T18:00:00').toISOString());
    const receipt = receipts('rep_zhang').at(-1)!;
    expect(receipt.sub_title_text).toContain('没有说时间，已定为 11月18日 18:00');
    expect(await t.db.ds.getRepository(Activity).count()).toBe(0);
  });

  it('a to-do due within a period ("本月内", "this week") is due on its last work day (Monday to Friday unless the company says otherwise), and the receipt says so; "下周一" is that Monday', async () => {
    await says('rep_zhang', '提醒我本月内给长安汽车寄样品');
    const monthly = (await tasks()).at(-1)!;
    expect(monthly).toMatchObject({ title: '给长安汽车寄样品', customerId: changan.id });
    expect(monthly.dueAt.toISOString()).toBe(tokyo('2026-11-30T09:00:00').toISOString());
    expect(receipts('rep_zhang').at(-1)!.horizontal_content_list).toContainEqual({ keyname: '截止', value: '11月30日 09:00' });
    await says('rep_li', 'remind me this week to email Globex the price list');
    const weekly = (await tasks()).at(-1)!;
    expect(weekly).toMatchObject({ title: 'email Globex the price list' });
    // The week ends on Sunday the 22nd; its last work day is Friday the 20th.
    expect(weekly.dueAt.toISOString()).toBe(tokyo('2026-11-20T09:00:00').toISOString());
    // (赵六: WeCom lets a person get only so many messages a minute, and 张三 gets most of them here)
    await says('rep_zhao', '新建待办 下周内 给老李报价');
    expect((await tasks()).at(-1)!.dueAt.toISOString()).toBe(tokyo('2026-11-27T09:00:00').toISOString());
    await says('rep_zhao', '新建待办 下周一 给老李报价');
    expect((await tasks()).at(-1)!.dueAt.toISOString()).toBe(tokyo('2026-11-23T09:00:00').toISOString());
    // A company that works Saturdays says so (admin); a bad list is refused naming the setting.
    const admin = await apiClient(chat.url).login('admin');
    const put = (value: unknown) => apiClient(chat.url).call('PUT', '/api/v1/settings/workDays', { token: admin, body: { value } });
    expect((await put([1, 2, 3, 4, 5, 5])).body.error).toMatchObject({ code: 'validation.duplicate', field: 'workDays' });
    expect((await put([0, 1])).body.error).toMatchObject({ field: 'workDays.0' });
    expect((await put([1, 2, 3, 4, 5, 6])).status).toBe(200);
    await says('rep_zhao', '新建待办 下周内 给老王报价');
    expect((await tasks()).at(-1)!.dueAt.toISOString()).toBe(tokyo('2026-11-28T09:00:00').toISOString());
    expect((await put([1, 2, 3, 4, 5])).status).toBe(200);
  });

  it('a to-do due next year shows its year on the receipt (this year\'s do not), in both languages', async () => {
    await says('rep_zhao', '提醒我明年1月5日给老李寄台历');
    expect((await tasks()).at(-1)!.dueAt.toISOString()).toBe(tokyo('2027-01-05T09:00:00').toISOString());
    expect(receipts('rep_zhao').at(-1)!.horizontal_content_list).toContainEqual({ keyname: '截止', value: '2027年1月5日 09:00' });
    await says('rep_li', 'remind me to send Globex a calendar on January 5, 2027');
    expect(receipts('rep_li').at(-1)!.horizontal_content_list).toContainEqual({ keyname: 'Due', value: 'Jan 5, 2027, 09:00' });
  });

  it('a to-do naming a lead is on the lead', async () => {
    const leads = t.db.ds.getRepository(Lead);
    const lead = await leads.save(leads.create({ company: '璧山电子科技有限公司', normalizedCompany: normalizeCompanyName('璧山电子科技有限公司'), contactName: '刘伟', ownerId: org.users.repA.id, assignedAt: NOW, status: 'new', failedFollowUps: 0, createdAt: NOW, updatedAt: NOW }));
    await says('rep_zhang', '明天下午3点提醒我给璧山电子发资料');
    expect((await tasks()).at(-1)).toMatchObject({ title: '给璧山电子发资料', leadId: lead.id, customerId: null });
    // A lead reached is a follow-up: this was not one.
    expect(await leads.findOneByOrFail({ id: lead.id })).toMatchObject({ status: 'new', firstContactAt: null });
  });

  it('the task\'s reminder comes when it is due, like any other task\'s', async () => {
    const made = (await tasks()).find((x) => x.title === '给老王打电话')!;
    const before = chat.wecom.deliveredTo('rep_zhang').length;
    t.clock.set(tokyo('2026-11-18T18:01:00'));
    try {
      await chat.stack.reminders.drain();
      await chat.settle();
      expect(await t.db.ds.getRepository(Reminder).findBy({ subjectType: 'task', subjectId: made.id })).toEqual([
        expect.objectContaining({ kind: 'task_due', recipientId: org.users.repA.id, dueAt: tokyo('2026-11-18T18:00:00') }),
      ]);
      // The first run of the day lists it in the digest (a card would follow on a later day); either way the rep hears of it.
      expect(chat.wecom.deliveredTo('rep_zhang').slice(before).some((d) => JSON.stringify(d.body).includes('给老王打电话'))).toBe(true);
      expect(await task(made.id)).toMatchObject({ status: 'open' });
    } finally {
      t.clock.set(NOW);
    }
  });

  it('"<title> 做完了" completes the rep\'s own task of that title — not another rep\'s, not another customer\'s — and closes its receipt', async () => {
    const mine = await addTask('安排产品演示（华为）', org.users.repA.id, huawei.id, tokyo('2026-11-19T09:56:00'));
    const other = await addTask('安排产品演示（长安汽车）', org.users.repA.id, changan.id, tokyo('2026-11-20T09:00:00'));
    const theirs = await addTask('安排产品演示（华为）', org.users.repC.id, null, tokyo('2026-11-19T09:56:00'));
    await says('rep_zhang', '安排产品演示（华为）做完了');
    expect(await task(mine.id)).toMatchObject({ status: 'done' });
    expect(await task(other.id)).toMatchObject({ status: 'open' });
    expect(await task(theirs.id)).toMatchObject({ status: 'open' });
    expect(textsTo('rep_zhang').at(-1)).toBe('已完成待办「安排产品演示（华为）」（华为技术有限公司重庆分公司）。');

    // By its customer's name; a task made in chat shows done on its receipt card too.
    await says('rep_zhang', '下周二提醒我给长安汽车回电话');
    const callBack = (await tasks()).at(-1)!;
    const receipt = receipts('rep_zhang').at(-1)!;
    await says('rep_zhang', '完成 给长安汽车回电话');
    expect(await task(callBack.id)).toMatchObject({ status: 'done' });
    expect(await t.db.ds.getRepository(Task).findOneByOrFail({ id: other.id })).toMatchObject({ status: 'open' });
    await tap('rep_zhang', receipt, '撤销');
    // The receipt was closed when the task was completed: its undo does nothing any more.
    expect(await task(callBack.id)).toMatchObject({ status: 'done' });
  });

  it('several of the rep\'s tasks match: a choice card of them, and the one picked is completed; none: says so and changes nothing', async () => {
    const first = await addTask('准备投标文件（长安汽车）', org.users.repA.id, changan.id, tokyo('2026-11-24T09:00:00'));
    const second = await addTask('准备投标文件（华为）', org.users.repA.id, huawei.id, tokyo('2026-11-25T09:00:00'));
    await says('rep_zhang', '准备投标文件 搞定了');
    expect([(await task(first.id))!.status, (await task(second.id))!.status]).toEqual(['open', 'open']);
    const choice = cardsTo('rep_zhang').filter((c) => c.card_type === 'vote_interaction').at(-1)!;
    expect(choice.main_title.title).toBe('找到多个匹配的待办');
    const options = choice.checkbox.option_list as { id: string; text: string }[];
    expect(options.map((o) => o.text)).toEqual([expect.stringMatching(/^准备投标文件（长安汽车）.*11月24日 09:00 到期/), expect.stringMatching(/^准备投标文件（华为）.*11月25日/)]);
    expect(await chat.wecomTaps('rep_zhang', choice.submit_button.key, choice.task_id, { selected: [String(second.id)] })).toBe(200);
    await chat.settle();
    expect([(await task(first.id))!.status, (await task(second.id))!.status]).toEqual(['open', 'done']);

    const open = (await tasks()).filter((x) => x.status === 'open').length;
    await says('rep_zhang', '火星探险 做完了');
    expect((await tasks()).filter((x) => x.status === 'open').length).toBe(open);
    expect(textsTo('rep_zhang').at(-1)).toBe('没有找到你未完成的待办「火星探险」，什么也没有改。\n发送「今天的待办」查看你的待办。');
  });

  it('in English, and from DingTalk', async () => {
    await says('rep_li', 'remind me to call Globex tomorrow at 10');
    const made = (await tasks()).at(-1)!;
    expect(made).toMatchObject({ title: 'call Globex', ownerId: org.users.repB.id });
    expect(made.dueAt.toISOString()).toBe(tokyo('2026-11-19T10:00:00').toISOString());
    expect(receipts('rep_li').at(-1)!.main_title.title).toBe('Task added');
    await says('rep_li', 'done: call Globex');
    expect(await task(made.id)).toMatchObject({ status: 'done' });
    expect(textsTo('rep_li').at(-1)).toBe('Task "call Globex" (Globex Corporation) is done.');

    expect(await chat.dingtalkSays('dt_rep_zhang', '后天提醒我给华为发报价')).toBe(200);
    await chat.settle();
    const dt = (await tasks()).at(-1)!;
    expect(dt).toMatchObject({ title: '给华为发报价', customerId: huawei.id, ownerId: org.users.repA.id });
    expect(dt.dueAt.toISOString()).toBe(tokyo('2026-11-20T09:00:00').toISOString());
    expect(await t.db.ds.getRepository(Activity).count()).toBe(0);
  });

  it('a real follow-up is still logged as one', async () => {
    await says('rep_zhang', '今天下午拜访了长安汽车，客户对报价有异议，下周二再约');
    expect(await t.db.ds.getRepository(Activity).findBy({ customerId: changan.id })).toEqual([expect.objectContaining({ type: 'visit' })]);
  });

  it('after 写跟进 on a reminder, "… 做完了" naming none of the rep\'s tasks is the follow-up; naming one, it completes it', async () => {
    const wait = () => withTx(t.db, systemActor(), (x) => expectFollowUp(x, org.users.repA.id, { subjectType: 'customer', subjectId: huawei.id, subjectName: huawei.name }));
    await wait();
    await says('rep_zhang', '方案做完了');
    expect(await t.db.ds.getRepository(Activity).findBy({ customerId: huawei.id })).toEqual([expect.objectContaining({ content: '方案做完了' })]);
    const quote = await addTask('发报价（华为）', org.users.repA.id, huawei.id, tokyo('2026-11-19T09:00:00'));
    await wait();
    await says('rep_zhang', '发报价（华为）做完了');
    expect(await task(quote.id)).toMatchObject({ status: 'done' });
    expect(await t.db.ds.getRepository(Activity).countBy({ customerId: huawei.id })).toBe(1);
  });

  describe('a receipt follows its task wherever it is closed', () => {
    /** Card updates WeCom was asked for on copy `taskId` (the card's task_id) since `from`. */
    const updatesOf = (cardId: string, from = 0) => chat.wecom.cardUpdates.slice(from).filter((u) => (u.body.template_card as Card | undefined)?.task_id === cardId);
    const make = async (user: string, line: string) => {
      await says(user, line);
      return { task: (await tasks()).at(-1)!, receipt: receipts(user).at(-1)! };
    };
    let token = '';
    const api = (method: string, path: string, body?: unknown) => apiClient(chat.url).call(method, `/api/v1${path}`, { token, body });

    it('completed from its reminder card: the receipt shows it done in place, once, and its buttons are gone', async () => {
      const { task: made, receipt } = await make('rep_zhang', '明天下午2点提醒我给华为寄发票');
      // Tomorrow, with no morning digest: the reminder comes as its own card.
      await setReminderSettings(t, { digestAt: null });
      t.clock.set(tokyo('2026-11-19T14:01:00'));
      try {
        await chat.stack.reminders.drain();
        await chat.settle();
        const reminder = cardsTo('rep_zhang').filter((c) => JSON.stringify(c).includes('给华为寄发票') && !c.task_id.startsWith('task-')).at(-1)!;
        const from = chat.wecom.cardUpdates.length;
        await tap('rep_zhang', reminder, '已完成');
        expect(await task(made.id)).toMatchObject({ status: 'done' });
        const [update] = updatesOf(receipt.task_id, from);
        expect(updatesOf(receipt.task_id, from)).toHaveLength(1);
        expect(JSON.stringify(update.body)).toContain('已完成');
        expect(update.body.template_card).not.toHaveProperty('button_list');
        // The reminder card itself says so as before.
        expect(updatesOf(reminder.task_id, from)).toHaveLength(1);
        // A late tap on the receipt's 完成 changes nothing and updates nothing more.
        await tap('rep_zhang', receipt, '完成');
        expect(updatesOf(receipt.task_id, from)).toHaveLength(1);
      } finally {
        t.clock.set(NOW);
      }
    });

    it('completed or cancelled through REST (POST …/complete, POST …/cancel, PATCH {status}): done or cancelled in place', async () => {
      token = await apiClient(chat.url).login('rep.zhang');
      const cases: [string, () => Promise<number>, string, string][] = [];
      const a = await make('rep_zhang', '提醒我周五给华为发报价');
      const b = await make('rep_zhang', '提醒我周五给长安汽车发报价');
      const c = await make('rep_zhang', '提醒我下周一拜访华为');
      const d = await make('rep_zhang', '提醒我下周一拜访长安汽车');
      cases.push(
        ['POST complete', async () => (await api('POST', `/tasks/${a.task.id}/complete`)).status, 'done', '已完成'],
        ['POST cancel', async () => (await api('POST', `/tasks/${b.task.id}/cancel`)).status, 'cancelled', '已取消'],
        ['PATCH done', async () => (await api('PATCH', `/tasks/${c.task.id}`, { status: 'done' })).status, 'done', '已完成'],
        ['PATCH cancelled', async () => (await api('PATCH', `/tasks/${d.task.id}`, { title: '拜访长安汽车（改期）', status: 'cancelled' })).status, 'cancelled', '已取消'],
      );
      for (const [[name, run, status, said], made] of cases.map((x, i) => [x, [a, b, c, d][i]] as const)) {
        const from = chat.wecom.cardUpdates.length;
        expect(await run(), name).toBe(200);
        await chat.settle();
        expect(await task(made.task.id), name).toMatchObject({ status });
        const updates = updatesOf(made.receipt.task_id, from);
        expect(updates, name).toHaveLength(1);
        expect(JSON.stringify(updates[0].body), name).toContain(said);
      }
      expect(await task(d.task.id)).toMatchObject({ title: '拜访长安汽车（改期）' });
      expect(await t.db.ds.getRepository(AuditLog).countBy({ entityType: 'task', entityId: b.task.id, action: 'cancel' })).toBe(1);
      // Cancelling again changes nothing; a done task is not cancelled, nor a cancelled one completed.
      const from = chat.wecom.cardUpdates.length;
      expect((await api('POST', `/tasks/${b.task.id}/cancel`)).status).toBe(200);
      expect((await api('POST', `/tasks/${a.task.id}/cancel`)).body.error.code).toBe('task.done');
      expect((await api('PATCH', `/tasks/${b.task.id}`, { status: 'done' })).status).toBe(409);
      expect((await api('PATCH', `/tasks/${b.task.id}`, { status: 'open' })).status).toBe(400);
      await chat.settle();
      expect(chat.wecom.cardUpdates.length).toBe(from);
    });

    it('deleted (DELETE /tasks/:id, the mini-program): the receipt shows it deleted and by whom, in place, once; a tap on it says so', async () => {
      // 赵六 (whose chat has been quiet: WeCom lets a person get only so many messages a minute) and his manager.
      const mgrToken = await apiClient(chat.url).login('mgr.chen');
      const made = await make('rep_zhao', '提醒我周五给老李发样品清单');
      const from = chat.wecom.cardUpdates.length;
      expect((await apiClient(chat.url).call('DELETE', `/api/v1/tasks/${made.task.id}`, { token: mgrToken })).status).toBeLessThan(300);
      await chat.settle();
      expect(await task(made.task.id)).toBeNull();
      const updates = updatesOf(made.receipt.task_id, from);
      expect(updates).toHaveLength(1);
      expect(JSON.stringify(updates[0].body)).toContain('已被陈经理删除');
      expect(updates[0].body.template_card).not.toHaveProperty('button_list');
      expect(await t.db.ds.getRepository(CardInstance).findOneByOrFail({ cardId: made.receipt.task_id })).toMatchObject({ state: 'done' });
      // Its buttons, tapped on the old copy: told why, and nothing else changes.
      const texts = textsTo('rep_zhao').length;
      await tap('rep_zhao', made.receipt, '完成');
      await tap('rep_zhao', made.receipt, '撤销');
      expect(textsTo('rep_zhao').slice(texts)).toEqual(Array(2).fill('这条待办已被陈经理删除，卡片上的操作不再有效。'));
      expect(updatesOf(made.receipt.task_id, from)).toHaveLength(1);

      // A copy still open when its task went (deleted before receipts followed deletions): the tap closes it, saying so.
      const old = await make('rep_zhao', '提醒我周五给老李寄资料');
      await t.db.ds.getRepository(Task).delete({ id: old.task.id });
      const before = chat.wecom.cardUpdates.length;
      await tap('rep_zhao', old.receipt, '完成');
      expect(textsTo('rep_zhao').at(-1)).toBe('这条待办已被删除，卡片上的操作不再有效。');
      expect(JSON.stringify(updatesOf(old.receipt.task_id, before)[0].body)).toContain('已删除');

      // 撤销 still takes a task back as before, and its double tap says nothing.
      const undone = await make('rep_zhao', '提醒我周五给老李打电话');
      await tap('rep_zhao', undone.receipt, '撤销');
      const said = textsTo('rep_zhao').length;
      await tap('rep_zhao', undone.receipt, '撤销');
      expect(textsTo('rep_zhao').length).toBe(said);
      expect(JSON.stringify(updatesOf(undone.receipt.task_id).at(-1)!.body)).toContain('已撤销');
    });

    it('in English and on DingTalk; a WeCom copy whose code has run out is left quietly, with no message', async () => {
      const en = await make('rep_li', 'remind me to send Globex the contract on Friday');
      const liToken = await apiClient(chat.url).login('rep.li');
      let from = chat.wecom.cardUpdates.length;
      expect((await apiClient(chat.url).call('POST', `/api/v1/tasks/${en.task.id}/cancel`, { token: liToken })).status).toBe(200);
      await chat.settle();
      expect(JSON.stringify(updatesOf(en.receipt.task_id, from)[0].body)).toContain('Cancelled');

      expect(await chat.dingtalkSays('dt_rep_zhang', '提醒我周五给华为送样品')).toBe(200);
      await chat.settle();
      const dt = (await tasks()).at(-1)!;
      const copy = await t.db.ds.getRepository(CardInstance).findOneByOrFail({ subjectType: 'task', subjectId: dt.id });
      expect(copy.platform).toBe('dingtalk');
      expect((await api('POST', `/tasks/${dt.id}/complete`)).status).toBe(200);
      await chat.settle();
      const card = chat.dingtalk.cards.get(copy.cardId)!;
      expect(card.updates).toBe(1);
      expect(JSON.stringify(card.cardParamMap)).toContain('已完成');
      expect(await t.db.ds.getRepository(CardInstance).findOneByOrFail({ id: copy.id })).toMatchObject({ state: 'done' });

      // WeCom lets a sent card be changed for 24 hours: later, the receipt is closed without a word in the chat.
      const old = await make('rep_zhang', '提醒我下周三给华为回电话');
      const texts = chat.wecom.deliveredTo('rep_zhang').length;
      chat.wecom.clock.advance(25 * 3_600_000);
      try {
        from = chat.wecom.cardUpdates.length;
        expect((await api('POST', `/tasks/${old.task.id}/complete`)).status).toBe(200);
        await chat.settle();
        expect(updatesOf(old.receipt.task_id, from)).toHaveLength(0);
        expect(chat.wecom.deliveredTo('rep_zhang').length).toBe(texts);
        expect(await t.db.ds.getRepository(CardInstance).findOneByOrFail({ cardId: old.receipt.task_id })).toMatchObject({ state: 'done' });
      } finally {
        chat.wecom.clock.advance(-25 * 3_600_000);
      }
    });
  });
});
