import { describe, expect, it } from 'vitest';
import { understand } from '../../../../bot/understand/intents.js';

// Wednesday 2026-11-18 10:00 in Shanghai. Tests run with TZ=UTC (test/vitest.config.ts).
const now = new Date('2026-11-18T02:00:00Z');
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();

type Row = [text: string, intent: string, entities?: Record<string, unknown>];

const rows: Row[] = [
  // a to-do: a task to create, never a follow-up (nothing has happened yet)
  ['明天上午10点提醒我给华为打电话', 'task.create', { title: '给华为打电话', customerName: '华为', due: sh('2026-11-19T10:00:00'), dueHasTime: true }],
  ['提醒我周五给长安汽车发合同', 'task.create', { title: '给长安汽车发合同', customerName: '长安汽车', due: sh('2026-11-20T09:00:00'), dueDate: '2026-11-20', dueHasTime: false }],
  ['新建任务 下周一 拜访 润丰货运', 'task.create', { title: '拜访 润丰货运', customerName: '润丰货运', due: sh('2026-11-23T09:00:00') }],
  ['新建待办 下周三下午3点 给京东发报价', 'task.create', { title: '给京东发报价', customerName: '京东', due: sh('2026-11-25T15:00:00') }],
  ['加个待办 给长安汽车发报价', 'task.create', { title: '给长安汽车发报价', customerName: '长安汽车', due: sh('2026-11-18T18:00:00'), dueDefault: true }],
  ['记一下 明天给华为发合同', 'task.create', { title: '给华为发合同', customerName: '华为', dueDate: '2026-11-19' }],
  ['记得提醒我后天和格力开会', 'task.create', { title: '和格力开会', customerName: '格力', dueDate: '2026-11-20' }],
  ['下周一提醒我：整理季度报表', 'task.create', { title: '整理季度报表', dueDate: '2026-11-23' }],
  ['提醒我打卡', 'task.create', { title: '打卡', due: sh('2026-11-18T18:00:00'), dueDefault: true }],
  ['提醒我', 'task.create', { title: '' }],
  ['remind me to call Huawei tomorrow at 10', 'task.create', { title: 'call Huawei', customerName: 'Huawei', due: sh('2026-11-19T10:00:00') }],
  ['remind me tomorrow at 10 to call Huawei', 'task.create', { title: 'call Huawei', customerName: 'Huawei', due: sh('2026-11-19T10:00:00') }],
  ['add a task: send the contract to Globex next Monday', 'task.create', { title: 'send the contract to Globex', customerName: 'Globex', dueDate: '2026-11-23' }],
  ['add a task to email Initech on Friday at 3pm', 'task.create', { title: 'email Initech', customerName: 'Initech', due: sh('2026-11-20T15:00:00') }],
  ['todo: call Huawei', 'task.create', { title: 'call Huawei', customerName: 'Huawei', due: sh('2026-11-18T18:00:00'), dueDefault: true }],
  ['new task prepare the board deck', 'task.create', { title: 'prepare the board deck' }],
  // a task done
  ['安排产品演示（华为）做完了', 'task.complete', { query: '安排产品演示（华为）' }],
  ['给华为打电话 完成了', 'task.complete', { query: '给华为打电话' }],
  ['华为 搞定了', 'task.complete', { query: '华为' }],
  ['完成 给华为打电话', 'task.complete', { query: '给华为打电话' }],
  ['把 发报价 标记为完成', 'task.complete', { query: '发报价' }],
  ['done: call Huawei', 'task.complete', { query: 'call Huawei' }],
  ['call Huawei is done', 'task.complete', { query: 'call Huawei' }],
  ['mark send the quote as done', 'task.complete', { query: 'send the quote' }],
  ['finished: the task prepare the board deck', 'task.complete', { query: 'prepare the board deck' }],
  // still follow-ups: what happened, with a next step or a customer's reminder in it
  ['跟进 华为 今天电话沟通了方案，下周三发报价', 'followup.log', { customerName: '华为', activityType: 'call', content: '今天电话沟通了方案', nextStep: { text: '发报价', dueDate: '2026-11-25' } }],
  ['今天下午拜访了长安汽车，客户对报价有异议，下周二再约', 'followup.log', { customerName: '长安汽车', activityType: 'visit', nextStep: { text: '再约', dueDate: '2026-11-24' } }],
  ['拜访了长安汽车，客户提醒我下周二再约', 'followup.log', { customerName: '长安汽车', activityType: 'visit' }],
  ['跟进 华为 电话沟通了，客户提醒我下周发报价', 'followup.log', { customerName: '华为', activityType: 'call' }],
  ['记一下 华为 今天电话沟通了方案，下周三发报价', 'followup.log', { customerName: '华为', activityType: 'call', content: '今天电话沟通了方案' }],
  // what someone said or fears, noted after 记一下: heard from the customer, so a follow-up, even with a time in it
  ['记一下 华为 客户怕掉进公海，下周再约', 'followup.log', { customerName: '华为', content: '客户怕掉进公海' }],
  ['记一下：美的 张工说预算下月批', 'followup.log', { customerName: '美的', content: '张工说预算下月批' }],
  ['记一下 华为说下周签', 'followup.log', { customerName: '华为', content: '说下周签' }],
  ['记一下 美的担心交期', 'followup.log', { customerName: '美的', content: '担心交期' }],
  ['记一下 长安汽车 王总希望年底前上线', 'followup.log', { customerName: '长安汽车', content: '王总希望年底前上线' }],
  // …but telling them something is the rep's own errand
  ['记一下 给华为说一下价格调整', 'task.create', { title: '给华为说一下价格调整', customerName: '华为' }],
  ['记一下 明天跟王总说报价的事', 'task.create', { title: '跟王总说报价的事', customerName: '王总', dueDate: '2026-11-19' }],
  ['记一下 明天说服华为', 'task.create', { title: '说服华为', dueDate: '2026-11-19' }],
  // a plan said without 提醒我: a time after today, then something to do, nothing done (2026-11-18 is a Wednesday)
  ['明天回访华为', 'task.create', { title: '回访华为', customerName: '华为', dueDate: '2026-11-19' }],
  ['周五前给美的发报价', 'task.create', { title: '给美的发报价', customerName: '美的', dueDate: '2026-11-20' }],
  ['这个月底前把合同发给华为', 'task.create', { title: '把合同发给华为', customerName: '华为', dueDate: '2026-11-30' }],
  ['下午3点拜访润丰货运', 'task.create', { title: '拜访润丰货运', customerName: '润丰货运', due: sh('2026-11-18T15:00:00') }],
  // …while what was done, or today's visit, is still a follow-up
  ['今天拜访华为，聊得不错', 'followup.log', { customerName: '华为', activityType: 'visit' }],
  ['明天回访华为，上次聊了报价', 'followup.log', { customerName: '华为' }],
  // a name with 的 in it (美的) is still a name; "客户的采购" names nobody
  ['提醒我明天跟美的说一下交期', 'task.create', { title: '跟美的说一下交期', customerName: '美的' }],
  ['提醒我给华为的王总打电话', 'task.create', { title: '给华为的王总打电话', customerName: '华为' }],
  ['给华为打了电话，客户说方案做完了再谈', 'followup.log', { customerName: '华为', activityType: 'call' }],
  ['今天拜访了长安汽车，方案做完了', 'followup.log', { customerName: '长安汽车', activityType: 'visit' }],
  ['跟进 华为 年度框架合同谈完了，年底前盖章', 'followup.log', { customerName: '华为' }],
  ['called Initech, they said remind me next week', 'followup.log', { customerName: 'Initech', activityType: 'call' }],
  ['follow up ACME: called about renewal, send quote next Friday', 'followup.log', { customerName: 'ACME' }],
  // asked, not said: a question about one's own plan is that day's to-dos about what it names, never logged
  ['明天给华为打电话吗', 'agenda.today', { date: '2026-11-19', about: '华为', plan: '明天给华为打电话' }],
  ['明天要给华为打电话吗？', 'agenda.today', { date: '2026-11-19', about: '华为', plan: '明天给华为打电话' }],
  ['明天是不是要去华为', 'agenda.today', { date: '2026-11-19', about: '华为', plan: '明天去华为' }],
  ['华为明天要拜访吗', 'agenda.today', { date: '2026-11-19', about: '华为', plan: '明天拜访华为' }],
  ['周五要给美的发报价吗', 'agenda.today', { date: '2026-11-20', about: '美的', plan: '周五给美的发报价' }],
  ['明天要开会吗', 'agenda.today', { date: '2026-11-19', plan: '明天开会' }],
  ['明天要去华为了解需求吗', 'agenda.today', { date: '2026-11-19', about: '华为', plan: '明天去华为了解需求' }],
  ['do I need to call ACME tomorrow?', 'agenda.today', { date: '2026-11-19', about: 'ACME', plan: 'call ACME tomorrow' }],
  ['am I meeting Globex on Friday?', 'agenda.today', { date: '2026-11-20', about: 'Globex', plan: 'meet Globex on Friday' }],
  ['明天要干嘛', 'agenda.today', { date: '2026-11-19' }],
  // asked whether it was done: what is known of whom it names
  ['昨天给华为打电话了吗', 'customer.lookup', { customerName: '华为' }],
  ['拜访过长安汽车吗', 'customer.lookup', { customerName: '长安汽车' }],
  // what a customer asked is no question to the bot, nor a customer named "问明天能来吗"
  ['客户问明天能来吗', 'unknown'],
  // asked whether a deal was won: where it stands
  ['华为的合同签了吗', 'opportunity.status', { opportunityName: '华为' }],
  ['长安汽车这单拿下了没', 'opportunity.status', { opportunityName: '长安汽车' }],
  // a request said politely is still the to-do, without the politeness; a plan said is still a to-do
  ['提醒我明天给华为打电话好吗', 'task.create', { title: '给华为打电话', customerName: '华为', dueDate: '2026-11-19' }],
  ['明天回访华为', 'task.create', { title: '回访华为', customerName: '华为', dueDate: '2026-11-19' }],
  // still what they were
  ['今天的待办', 'agenda.today', { date: '2026-11-18' }],
  ['我的任务', 'agenda.today', { date: '2026-11-18' }],
  ['my tasks', 'agenda.today', { date: '2026-11-18' }],
  ['5G基站项目 赢单了', 'opportunity.move_stage', { stage: 'won' }],
  ['mark Data platform as lost because of pricing', 'opportunity.move_stage', { stage: 'lost' }],
];

describe('understand(): tasks', () => {
  it('"给客户的采购发合同" names no customer', () => {
    expect(understand('提醒我明天给客户的采购发合同', { now }).entities).not.toHaveProperty('customerName');
  });

  it.each(rows)('%s → %s', (text, intent, entities) => {
    const u = understand(text, { now, timeZone: 'Asia/Shanghai' });
    expect(u.intent).toBe(intent);
    if (entities) expect(JSON.parse(JSON.stringify(u.entities))).toMatchObject(entities);
  });

  it('puts a to-do with no time said at the end of today, or at 09:00 tomorrow once 18:00 has passed', () => {
    const late = understand('提醒我给华为打电话', { now: new Date('2026-11-18T11:30:00Z'), timeZone: 'Asia/Shanghai' });
    expect(JSON.parse(JSON.stringify(late.entities))).toMatchObject({ due: sh('2026-11-19T09:00:00'), dueDefault: true });
  });

  it('reads the due time in the company zone', () => {
    const u = understand('remind me to call Huawei tomorrow at 10', { now, timeZone: 'America/New_York' });
    // 2026-11-17 21:00 in New York: "tomorrow at 10" is the 18th, 10:00 there.
    expect(u.entities).toMatchObject({ due: new Date('2026-11-18T15:00:00Z'), dueDate: '2026-11-18' });
  });
});
