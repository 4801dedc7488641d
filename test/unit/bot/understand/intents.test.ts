import { describe, expect, it } from 'vitest';
import { understand } from '../../../../bot/understand/intents.js';
import type { StageDef } from '../../../../bot/understand/stages.js';
import { catalogs, LOCALES } from '../../../../locales/index.js';

// Wednesday 2026-11-18 10:00 in Shanghai. Tests run with TZ=UTC (test/vitest.config.ts).
const now = new Date('2026-11-18T02:00:00Z');
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();

type Row = [text: string, intent: string, entities?: Record<string, unknown>];

const rows: Row[] = [
  // follow-ups (the hard ones from the issue first)
  ['跟进 华为 今天电话沟通了方案，下周三发报价', 'followup.log', { customerName: '华为', activityType: 'call', content: '今天电话沟通了方案', nextStep: { text: '发报价', due: sh('2026-11-25T09:00:00'), dueDate: '2026-11-25' } }],
  ['拜访了重庆长安，明天下午3点给张总回电话', 'followup.log', { customerName: '重庆长安', activityType: 'visit', content: '拜访了重庆长安', nextStep: { text: '给张总回电话', due: sh('2026-11-19T15:00:00') } }],
  ['follow up ACME: called about renewal, send quote next Friday', 'followup.log', { customerName: 'ACME', activityType: 'call', content: 'called about renewal', nextStep: { text: 'send quote', due: sh('2026-11-27T09:00:00') } }],
  ['今天拜访了华东电力王总，下周三下午3点发报价', 'followup.log', { customerName: '华东电力', contactName: '王总', activityType: 'visit', nextStep: { text: '发报价', due: sh('2026-11-25T15:00:00') } }],
  ['跟进华为，微信发了资料，月底前给方案', 'followup.log', { customerName: '华为', activityType: 'wechat', content: '微信发了资料', nextStep: { text: '给方案', dueDate: '2026-11-30' } }],
  ['跟进 腾讯 开会讨论了预算', 'followup.log', { customerName: '腾讯', activityType: 'meeting', content: '开会讨论了预算' }],
  ['跟进：小米 发邮件确认了合同条款', 'followup.log', { customerName: '小米', activityType: 'email' }],
  ['跟进 比亚迪 聊了一下需求', 'followup.log', { customerName: '比亚迪', activityType: 'other', content: '聊了一下需求' }],
  ['给美的打了电话，对方要求降价，下周一再联系', 'followup.log', { customerName: '美的', activityType: 'call', nextStep: { text: '再联系', dueDate: '2026-11-23' } }],
  ['和格力开了个会，确定了试点范围', 'followup.log', { customerName: '格力', activityType: 'meeting' }],
  ['电话联系了海尔，约了后天上午10点面谈', 'followup.log', { customerName: '海尔', activityType: 'call', nextStep: { due: sh('2026-11-20T10:00:00') } }],
  ['华为 今天电话沟通了方案', 'followup.log', { customerName: '华为', activityType: 'call', content: '今天电话沟通了方案' }],
  ['跟进华为今天电话沟通了方案', 'followup.log', { customerName: '华为', activityType: 'call' }],
  ['上门拜访了中联重科李经理，下周五前发合同', 'followup.log', { customerName: '中联重科', contactName: '李经理', activityType: 'visit', nextStep: { text: '发合同', dueDate: '2026-11-27' } }],
  ['跟进 宁德时代 电话沟通，3天后回访', 'followup.log', { customerName: '宁德时代', activityType: 'call', nextStep: { dueDate: '2026-11-21' } }],
  ['跟进 京东 下周三下午3点发报价', 'followup.log', { customerName: '京东', nextStep: { text: '发报价', due: sh('2026-11-25T15:00:00') } }],
  ['跟进 阿里 今天下午5点前把方案发过去', 'followup.log', { customerName: '阿里', nextStep: { due: sh('2026-11-18T17:00:00') } }],
  ['跟进 百度 季度末前完成签约', 'followup.log', { customerName: '百度', nextStep: { dueDate: '2026-12-31' } }],
  ['follow up with Globex: demo went well, then send proposal tomorrow 3pm', 'followup.log', { customerName: 'Globex', activityType: 'meeting', nextStep: { text: 'send proposal', due: sh('2026-11-19T15:00:00') } }],
  ['called Initech about the renewal, follow up next Monday', 'followup.log', { customerName: 'Initech', activityType: 'call', content: 'called Initech about the renewal', nextStep: { dueDate: '2026-11-23' } }],
  ['visited Umbrella Corp today, send contract by end of month', 'followup.log', { customerName: 'Umbrella Corp', activityType: 'visit', nextStep: { text: 'send contract', dueDate: '2026-11-30' } }],
  ['met with Stark Industries to discuss pricing', 'followup.log', { customerName: 'Stark Industries', activityType: 'meeting' }],
  ['emailed Wayne Enterprises the quote', 'followup.log', { customerName: 'Wayne Enterprises', activityType: 'email' }],
  ['followed up with Hooli: sent the deck', 'followup.log', { customerName: 'Hooli', activityType: 'other', content: 'sent the deck' }],
  ['f/u Soylent, call back next Wednesday 3pm', 'followup.log', { customerName: 'Soylent', nextStep: { text: 'call back', due: sh('2026-11-25T15:00:00') } }],
  ['had a call with Acme Corp, next step: pricing review on Friday', 'followup.log', { customerName: 'Acme Corp', activityType: 'call', nextStep: { dueDate: '2026-11-20' } }],
  // outcome: a follow-up that did not get through (pool-return rule "three-failed" counts these)
  ['跟进 腾讯 开会讨论了预算，客户很满意', 'followup.log', { customerName: '腾讯', activityType: 'meeting', outcome: 'reached' }],
  ['跟进 华为 电话没人接，明天再打', 'followup.log', { customerName: '华为', activityType: 'call', outcome: 'failed', content: '电话没人接', nextStep: { text: '再打', dueDate: '2026-11-19' } }],
  ['跟进华为未接通', 'followup.log', { customerName: '华为', activityType: 'call', outcome: 'failed' }],
  ['给美的打电话没打通', 'followup.log', { customerName: '美的', activityType: 'call', outcome: 'failed' }],
  ['跟进 格力 对方关机', 'followup.log', { customerName: '格力', activityType: 'call', outcome: 'failed' }],
  ['跟进 海尔 电话占线', 'followup.log', { customerName: '海尔', activityType: 'call', outcome: 'failed' }],
  ['跟进 比亚迪 客户说不需要，没兴趣', 'followup.log', { customerName: '比亚迪', outcome: 'failed' }],
  ['拜访了重庆长安，对方拒绝了我们的方案', 'followup.log', { customerName: '重庆长安', activityType: 'visit', outcome: 'failed' }],
  ['跟进 小米 电话沟通，对方没有拒绝，还要考虑', 'followup.log', { customerName: '小米', activityType: 'call', outcome: 'reached' }],
  ['跟进 京东 电话沟通了方案，如果不需要就下周三再说', 'followup.log', { customerName: '京东', outcome: 'reached', nextStep: { dueDate: '2026-11-25' } }],
  ['called Initech, no answer, try again tomorrow', 'followup.log', { customerName: 'Initech', activityType: 'call', outcome: 'failed', nextStep: { dueDate: '2026-11-19' } }],
  ['follow up ACME: left a voicemail', 'followup.log', { customerName: 'ACME', activityType: 'call', outcome: 'failed' }],
  ['called Globex, not interested', 'followup.log', { customerName: 'Globex', activityType: 'call', outcome: 'failed' }],
  ['called Soylent but they didn\'t pick up', 'followup.log', { customerName: 'Soylent', activityType: 'call', outcome: 'failed' }],
  ['f/u Hooli: they declined the offer', 'followup.log', { customerName: 'Hooli', outcome: 'failed' }],
  ['visited Umbrella Corp, they liked the demo', 'followup.log', { customerName: 'Umbrella Corp', activityType: 'visit', outcome: 'reached' }],
  // a report and its next step without punctuation between them; dates cut out of Chinese close up
  ['华为 微信聊了下 明天下午3点回访', 'followup.log', { customerName: '华为', activityType: 'wechat', content: '微信聊了下', nextStep: { text: '回访', due: sh('2026-11-19T15:00:00') } }],
  ['跟进 华为 电话沟通了方案 下周三发报价', 'followup.log', { customerName: '华为', activityType: 'call', content: '电话沟通了方案', nextStep: { text: '发报价', dueDate: '2026-11-25' } }],
  ['今天拜访了长安汽车，客户对报价有异议，约了周五再谈', 'followup.log', { customerName: '长安汽车', activityType: 'visit', content: '今天拜访了长安汽车，客户对报价有异议', nextStep: { text: '约了再谈', dueDate: '2026-11-20' } }],
  ['跟进 华为 约了周五面谈', 'followup.log', { customerName: '华为', content: '约了周五面谈', nextStep: { text: '约了面谈', dueDate: '2026-11-20' } }],
  ['跟进 华为 打电话确认了明天下午的会议', 'followup.log', { customerName: '华为', activityType: 'call', content: '打电话确认了明天下午的会议', nextStep: { text: '打电话确认了明天下午的会议', dueDate: '2026-11-19' } }],
  ['called ACME about the meeting tomorrow', 'followup.log', { customerName: 'ACME', activityType: 'call', content: 'called ACME about the meeting tomorrow' }],
  // a follow-up announced with nothing said of it: no content, so the bot asks
  ['跟进', 'followup.log', { content: '' }],
  ['跟进 华为', 'followup.log', { customerName: '华为', content: '' }],
  ['记录跟进：华东电力王总', 'followup.log', { customerName: '华东电力', contactName: '王总', content: '' }],
  ['follow up with Acme Corp', 'followup.log', { customerName: 'Acme Corp', content: '' }],
  // "log a call with …" announces the follow-up and its kind
  ['log call with Huawei, they want a discount, follow up in 3 days', 'followup.log', { customerName: 'Huawei', activityType: 'call', content: 'they want a discount', nextStep: { text: 'follow up', dueDate: '2026-11-21' } }],
  ['log a visit to Globex: toured the plant, send proposal next Monday', 'followup.log', { customerName: 'Globex', activityType: 'visit', content: 'toured the plant', nextStep: { text: 'send proposal', dueDate: '2026-11-23' } }],
  // leads
  ['新线索 渝北区 张三 13800138000 重庆某某机械有限公司 想要报价', 'lead.create', { region: '渝北区', contactName: '张三', phone: '13800138000', company: '重庆某某机械有限公司', note: '想要报价' }],
  ['新增线索 江北区 李四 13912345678 想了解产品', 'lead.create', { region: '江北区', contactName: '李四', phone: '13912345678', note: '想了解产品' }],
  ['新线索：王五，成都某某科技有限公司，13700001111，wang@example.com', 'lead.create', { contactName: '王五', company: '成都某某科技有限公司', phone: '13700001111', email: 'wang@example.com' }],
  ['添加线索 联系人:赵六 公司:某某集团 备注:展会认识', 'lead.create', { contactName: '赵六', company: '某某集团', note: '展会认识' }],
  ['new lead: John Smith, ACME Corp, +1 555 0100, john@acme.com, wants a quote', 'lead.create', { contactName: 'John Smith', company: 'ACME Corp', phone: '+15550100', email: 'john@acme.com', note: 'wants a quote' }],
  ['add lead Jane Doe, Globex Inc, region: East', 'lead.create', { contactName: 'Jane Doe', company: 'Globex Inc', region: 'East' }],
  // English without commas: capitalised runs are the person and the company, the rest a note (the en-US help's example)
  ['new lead Jane Doe 13800138000 ACME Robotics wants a quote', 'lead.create', { contactName: 'Jane Doe', phone: '13800138000', company: 'ACME Robotics', note: 'wants a quote' }],
  ['new lead Jane Doe 13800138000 Contoso Ltd wants a quote', 'lead.create', { contactName: 'Jane Doe', company: 'Contoso Ltd', note: 'wants a quote' }],
  // new customers, with their first contact when one is named
  ['新建客户 重庆某某机械有限公司', 'customer.create', { name: '重庆某某机械有限公司' }],
  ['新客户 重庆银行 渝中区 联系人 王行长 13800138000', 'customer.create', { name: '重庆银行', region: '渝中区', contactName: '王行长', phone: '13800138000' }],
  ['新客户 重庆银行 王行长 13800138000', 'customer.create', { name: '重庆银行', contactName: '王行长', phone: '13800138000' }],
  ['新建客户：重庆某某机械有限公司，张三，13912345678，zhang@example.com', 'customer.create', { name: '重庆某某机械有限公司', contactName: '张三', phone: '13912345678', email: 'zhang@example.com' }],
  ['新客户 小米 科技', 'customer.create', { name: '小米 科技' }],
  ['新客户 13800138000', 'customer.create', { name: '', phone: '13800138000' }],
  ['new customer Acme Corp, contact John Smith, +1 555 0100', 'customer.create', { name: 'Acme Corp', contactName: 'John Smith', phone: '+15550100' }],
  ['add customer Globex Industries', 'customer.create', { name: 'Globex Industries' }],
  // customer lookup
  ['查一下 华为', 'customer.lookup', { customerName: '华为' }],
  ['查查重庆长安', 'customer.lookup', { customerName: '重庆长安' }],
  ['看看小米的情况', 'customer.lookup', { customerName: '小米' }],
  ['客户 比亚迪', 'customer.lookup', { customerName: '比亚迪' }],
  ['华为怎么样了', 'customer.lookup', { customerName: '华为' }],
  ['who is ACME', 'customer.lookup', { customerName: 'ACME' }],
  ['look up Globex', 'customer.lookup', { customerName: 'Globex' }],
  ['tell me about Initech?', 'customer.lookup', { customerName: 'Initech' }],
  ['华为的商机', 'customer.lookup', { customerName: '华为' }],
  ['长安汽车的联系人有哪些', 'customer.contacts', { customerName: '长安汽车' }],
  ["ACME's deals", 'customer.lookup', { customerName: 'ACME' }],
  ['我的合同', 'contract.mine', {}],
  ['my contracts', 'contract.mine', {}],
  ['contacts at Globex', 'customer.contacts', { customerName: 'Globex' }],
  // my deals
  ['我的商机', 'opportunity.mine', {}],
  ['我负责的商机有哪些', 'opportunity.mine', {}],
  ['my deals', 'opportunity.mine', {}],
  ['show my open opportunities', 'opportunity.mine', {}],
  // a contract's submitter, by its title
  ['撤回 年度框架合同', 'contract.withdraw', { title: '年度框架合同' }],
  ['撤回审批「年度框架合同」', 'contract.withdraw', { title: '年度框架合同' }],
  ['withdraw contract Annual support', 'contract.withdraw', { title: 'Annual support' }],
  ['提交审批 年度框架合同', 'contract.submit', { title: '年度框架合同' }],
  ['submit contract "Annual support" for approval', 'contract.submit', { title: 'Annual support' }],
  // my approvals
  ['待审批', 'approval.pending', {}],
  ['我的审批', 'approval.pending', {}],
  ['有什么要我审批的', 'approval.pending', {}],
  ['my approvals', 'approval.pending', {}],
  ["what's waiting for my approval", 'approval.pending', {}],
  // my customers
  ['我的客户', 'customer.mine', {}],
  ['我名下的客户有哪些', 'customer.mine', {}],
  ['我有哪些客户？', 'customer.mine', {}],
  ['my customers', 'customer.mine', {}],
  ['show my accounts', 'customer.mine', {}],
  // agenda
  ['今天的待办', 'agenda.today', { date: '2026-11-18' }],
  ['我的待办', 'agenda.today', { date: '2026-11-18' }],
  ['明天有什么安排', 'agenda.today', { date: '2026-11-19' }],
  ["what's on my plate today", 'agenda.today', { date: '2026-11-18' }],
  ['my tasks', 'agenda.today', { date: '2026-11-18' }],
  ['agenda', 'agenda.today', { date: '2026-11-18' }],
  // a whole period is its tasks, not its first day ("今年" is no 1 January); a day inside one is still that day
  ['今年的待办', 'agenda.period', { period: 'year', offset: 0 }],
  ['本周的待办', 'agenda.period', { period: 'week', offset: 0 }],
  ['这个月有哪些待办', 'agenda.period', { period: 'month', offset: 0 }],
  ['下个月的待办', 'agenda.period', { period: 'month', offset: 1 }],
  ['上周的待办', 'agenda.period', { period: 'week', offset: -1 }],
  ['本季度的待办', 'agenda.period', { period: 'quarter', offset: 0 }],
  ['明年的待办', 'agenda.period', { period: 'year', offset: 1 }],
  ['本周有什么安排', 'agenda.period', { period: 'week', offset: 0 }],
  ['my tasks this year', 'agenda.period', { period: 'year', offset: 0 }],
  ["what's due this week", 'agenda.period', { period: 'week', offset: 0 }],
  ['tasks due next month', 'agenda.period', { period: 'month', offset: 1 }],
  ['下周三的待办', 'agenda.today', { date: '2026-11-25' }],
  ['本周五之前的待办', 'agenda.today', { date: '2026-11-20' }],
  ['今年年底前的待办', 'agenda.today', { date: '2026-12-31' }],
  // a to-do due within a period is due on its last day (at the usual hour), not its first; a day inside one is that day
  ['提醒我这个月底前把合同发给华为', 'task.create', { title: '把合同发给华为', dueDate: '2026-11-30', due: sh('2026-11-30T09:00:00') }],
  ['提醒我本月内回访美的', 'task.create', { title: '回访美的', customerName: '美的', dueDate: '2026-11-30', dueText: '本月内' }],
  ['新建待办 下周内给张总报价', 'task.create', { title: '给张总报价', customerName: '张总', dueDate: '2026-11-29', due: sh('2026-11-29T09:00:00') }],
  ['提醒我本周给华为打电话', 'task.create', { title: '给华为打电话', customerName: '华为', dueDate: '2026-11-22' }],
  ['提醒我下周一给华为打电话', 'task.create', { title: '给华为打电话', dueDate: '2026-11-23' }],
  ['remind me by the end of this month to send Globex the quote', 'task.create', { title: 'send Globex the quote', dueDate: '2026-11-30' }],
  ['remind me this week to call Acme', 'task.create', { title: 'call Acme', customerName: 'Acme', dueDate: '2026-11-22' }],
  ['todo: call Acme within this month', 'task.create', { title: 'call Acme', dueDate: '2026-11-30' }],
  ['remind me next Monday to call Acme', 'task.create', { title: 'call Acme', dueDate: '2026-11-23' }],
  ['跟进 华为 电话沟通了，本月内回访', 'followup.log', { content: '电话沟通了', nextStep: { text: '回访', dueDate: '2026-11-30' } }],
  ['跟进 华为 本周第二次拜访，客户同意签约', 'followup.log', { content: '本周第二次拜访，客户同意签约' }],
  // opportunities
  ['华为 新商机 5G基站项目 50万 预计下月底成交', 'opportunity.create', { customerName: '华为', name: '5G基站项目', amountCents: 50_000_000, expectedCloseDate: '2026-12-31' }],
  ['给长安建个商机 智能工厂改造 1.2亿 季度末签约', 'opportunity.create', { customerName: '长安', name: '智能工厂改造', amountCents: 12_000_000_000, expectedCloseDate: '2026-12-31' }],
  ['新商机 客户:小米 门店系统 5w 月底', 'opportunity.create', { customerName: '小米', name: '门店系统', amountCents: 5_000_000, expectedCloseDate: '2026-11-30' }],
  ['new opportunity for ACME: Cloud migration, $120k, close end of quarter', 'opportunity.create', { customerName: 'ACME', name: 'Cloud migration', amountCents: 12_000_000, currency: 'USD', expectedCloseDate: '2026-12-31' }],
  ['new deal for Globex: ERP rollout, ¥120k, expected to close next month', 'opportunity.create', { customerName: 'Globex', name: 'ERP rollout', amountCents: 12_000_000, currency: 'CNY', expectedCloseDate: '2026-12-01' }],
  ['5G基站项目 推进到 商务谈判', 'opportunity.move_stage', { opportunityName: '5G基站项目', stage: 'negotiation', stageKind: 'open' }],
  ['智能工厂改造 进入 方案报价 阶段', 'opportunity.move_stage', { opportunityName: '智能工厂改造', stage: 'proposal' }],
  ['门店系统 改为 需求分析', 'opportunity.move_stage', { opportunityName: '门店系统', stage: 'needs_analysis' }],
  ['5G基站项目 赢单了', 'opportunity.move_stage', { opportunityName: '5G基站项目', stage: 'won', stageKind: 'won' }],
  ['门店系统 输单了，原因：价格太高', 'opportunity.move_stage', { opportunityName: '门店系统', stage: 'lost', stageKind: 'lost', reason: '价格太高' }],
  ['车机系统 输了，客户选了别家', 'opportunity.move_stage', { opportunityName: '车机系统', stage: 'lost', reason: '客户选了别家' }],
  ['门店系统 丢单了 因为预算砍了', 'opportunity.move_stage', { opportunityName: '门店系统', stage: 'lost', reason: '预算砍了' }],
  ['move Cloud migration to negotiation', 'opportunity.move_stage', { opportunityName: 'Cloud migration', stage: 'negotiation' }],
  ['ERP rollout moved to proposal', 'opportunity.move_stage', { opportunityName: 'ERP rollout', stage: 'proposal' }],
  ['Robot arms to negotiation', 'opportunity.move_stage', { opportunityName: 'Robot arms', stage: 'negotiation' }],
  ['5G基站项目 → 商务谈判', 'opportunity.move_stage', { opportunityName: '5G基站项目', stage: 'negotiation' }],
  ['send the quote to Huawei', 'unknown'],
  // a report that ends in 签约 is no stage change of a deal named by the report
  ['电话沟通了，客户下周一签约', 'unknown'],
  ['we won ERP rollout', 'opportunity.move_stage', { opportunityName: 'ERP rollout', stage: 'won' }],
  ['lost Cloud migration, reason: budget cut', 'opportunity.move_stage', { opportunityName: 'Cloud migration', stage: 'lost', reason: 'budget cut' }],
  ['mark Data platform as lost because of pricing', 'opportunity.move_stage', { opportunityName: 'Data platform', stage: 'lost', reason: 'pricing' }],
  // pool
  ['公海里有什么线索', 'pool.list', { kind: 'lead' }],
  ['看看公海客户', 'pool.list', { kind: 'customer' }],
  ["what's in the pool", 'pool.list', {}],
  ['show unassigned leads', 'pool.list', { kind: 'lead' }],
  ['领取 重庆某某机械', 'pool.claim', { name: '重庆某某机械' }],
  ['认领线索 张三', 'pool.claim', { name: '张三' }],
  ['claim lead Globex', 'pool.claim', { name: 'Globex' }],
  ['公海里有什么客户', 'pool.list', { kind: 'customer' }],
  ['公海', 'pool.list', {}],
  ['lead pool', 'pool.list', { kind: 'lead' }],
  // near misses: a follow-up announced up front (跟进 / 记一下 / log), or naming a customer and a contact made, is one
  // whatever its note mentions — 公海, 排行榜, 预测, 待办, 新商机 are the customer's words there, not a question
  ['跟进 华为 对方说快掉公海了，下周再约', 'followup.log', { customerName: '华为', content: '对方说快掉公海了', nextStep: { text: '再约', dueDate: '2026-11-23' } }],
  ['跟进：长安汽车 客户问公海规则怎么算的', 'followup.log', { customerName: '长安汽车', content: '客户问公海规则怎么算的' }],
  ['记一下 华为 对方说快掉公海了', 'followup.log', { customerName: '华为', content: '对方说快掉公海了' }],
  ['拜访了华为，客户说快掉公海了', 'followup.log', { customerName: '华为', activityType: 'visit' }],
  ['给美的打了电话，对方问线索池怎么分配', 'followup.log', { customerName: '美的', activityType: 'call' }],
  ['跟进 华为 聊了他们的排行榜系统', 'followup.log', { customerName: '华为' }],
  ['跟进 华为 讨论了明年的销售预测', 'followup.log', { customerName: '华为' }],
  ['给华为打了电话，对方想看我们的销售漏斗功能', 'followup.log', { customerName: '华为', activityType: 'call' }],
  ['跟进 华为 对方问待办事项怎么导出', 'followup.log', { customerName: '华为' }],
  ['跟进 华为 客户说有个新商机，下周报价', 'followup.log', { customerName: '华为', nextStep: { text: '报价' } }],
  ['跟进 华为 客户问你们能做什么', 'followup.log', { customerName: '华为' }],
  ['log a call with ACME: they asked about the lead pool', 'followup.log', { customerName: 'ACME', activityType: 'call' }],
  ['follow up ACME: worried they drop back to the pool', 'followup.log', { customerName: 'ACME' }],
  ['called ACME about the customer pool', 'followup.log', { customerName: 'ACME', activityType: 'call' }],
  // …and the questions stay questions
  ['本周谁拜访客户最多', 'leaderboard.show', { metric: 'followups', period: 'week' }],
  ['哪些客户快掉公海了', 'customer.stale', {}],
  // leaderboard
  ['排行榜', 'leaderboard.show', { metric: 'won_amount', period: 'month', offset: 0 }],
  ['本月龙虎榜', 'leaderboard.show', { metric: 'won_amount', period: 'month' }],
  ['本周回款排行', 'leaderboard.show', { metric: 'payments', period: 'week' }],
  ['今日跟进排行榜', 'leaderboard.show', { metric: 'followups', period: 'day' }],
  ['本季度新客户排名', 'leaderboard.show', { metric: 'new_customers', period: 'quarter' }],
  ['上月龙虎榜', 'leaderboard.show', { period: 'month', offset: -1 }],
  ['leaderboard this quarter', 'leaderboard.show', { metric: 'won_amount', period: 'quarter' }],
  ['谁跟进最多', 'leaderboard.show', { metric: 'followups', period: 'month', offset: 0 }],
  ['本周谁回款最多？', 'leaderboard.show', { metric: 'payments', period: 'week' }],
  ['上个月谁签单最多', 'leaderboard.show', { metric: 'won_amount', period: 'month', offset: -1 }],
  ['who followed up the most this week', 'leaderboard.show', { metric: 'followups', period: 'week' }],
  ['who closed the most deals last quarter', 'leaderboard.show', { metric: 'won_amount', period: 'quarter', offset: -1 }],
  ['weekly payments leaderboard', 'leaderboard.show', { metric: 'payments', period: 'week' }],
  ['follow-ups leaderboard today', 'leaderboard.show', { metric: 'followups', period: 'day' }],
  // the year: this one, or last ('去年', 'last year')
  ['今年龙虎榜', 'leaderboard.show', { metric: 'won_amount', period: 'year', offset: 0 }],
  ['年度排行榜', 'leaderboard.show', { metric: 'won_amount', period: 'year', offset: 0 }],
  ['今年回款排行', 'leaderboard.show', { metric: 'payments', period: 'year', offset: 0 }],
  ['去年龙虎榜', 'leaderboard.show', { metric: 'won_amount', period: 'year', offset: -1 }],
  ['本年度新客户排名', 'leaderboard.show', { metric: 'new_customers', period: 'year', offset: 0 }],
  ['全年跟进排行榜', 'leaderboard.show', { metric: 'followups', period: 'year', offset: 0 }],
  ['去年谁签单最多', 'leaderboard.show', { metric: 'won_amount', period: 'year', offset: -1 }],
  ['年榜', 'leaderboard.show', { metric: 'won_amount', period: 'year', offset: 0 }],
  ['leaderboard this year', 'leaderboard.show', { metric: 'won_amount', period: 'year', offset: 0 }],
  ['payments leaderboard last year', 'leaderboard.show', { metric: 'payments', period: 'year', offset: -1 }],
  ['who followed up the most this year', 'leaderboard.show', { metric: 'followups', period: 'year', offset: 0 }],
  ['annual new customers ranking', 'leaderboard.show', { metric: 'new_customers', period: 'year', offset: 0 }],
  ['YTD payments leaderboard', 'leaderboard.show', { metric: 'payments', period: 'year', offset: 0 }],
  // a month named outright is still the month, whatever year words come with it
  ['今年每月回款排行', 'leaderboard.show', { metric: 'payments', period: 'month', offset: 0 }],
  ['monthly leaderboard this year', 'leaderboard.show', { period: 'month', offset: 0 }],
  // my rank: the asker's own place (every metric unless one is named)
  ['我排第几', 'leaderboard.mine', { metric: null, period: 'month', offset: 0 }],
  ['我这个月排名怎么样', 'leaderboard.mine', { metric: null, period: 'month', offset: 0 }],
  ['我本周回款排第几', 'leaderboard.mine', { metric: 'payments', period: 'week', offset: 0 }],
  ['上个月我的跟进排名', 'leaderboard.mine', { metric: 'followups', period: 'month', offset: -1 }],
  ['我的名次', 'leaderboard.mine', { metric: null, period: 'month' }],
  ["what's my rank this week", 'leaderboard.mine', { metric: null, period: 'week', offset: 0 }],
  ['where do I stand on payments this quarter', 'leaderboard.mine', { metric: 'payments', period: 'quarter' }],
  ['my ranking last month', 'leaderboard.mine', { metric: null, period: 'month', offset: -1 }],
  ['我今年排第几', 'leaderboard.mine', { metric: null, period: 'year', offset: 0 }],
  ['我去年的回款排名', 'leaderboard.mine', { metric: 'payments', period: 'year', offset: -1 }],
  ['where do I rank this year', 'leaderboard.mine', { metric: null, period: 'year', offset: 0 }],
  ['my rank for follow-ups last year', 'leaderboard.mine', { metric: 'followups', period: 'year', offset: -1 }],
  ['我们组今年排名', 'leaderboard.show', { metric: 'won_amount', period: 'year', offset: 0 }],
  ['我们组本月排名', 'leaderboard.show', { metric: 'won_amount', period: 'month' }],
  ['给我看本周跟进排名', 'leaderboard.show', { metric: 'followups', period: 'week' }],
  // a year's words in what is not a board request: still what it was ('年底' a date, '年度框架合同' a name)
  ['跟进 华为 电话沟通了方案，年底前签约', 'followup.log', { customerName: '华为', content: '电话沟通了方案', nextStep: { text: '签约', dueDate: '2026-12-31' } }],
  ['跟进 华为 年度框架合同谈完了，年底前盖章', 'followup.log', { customerName: '华为', content: '年度框架合同谈完了', nextStep: { text: '盖章', dueDate: '2026-12-31' } }],
  ['华为 新商机 年度框架合同 50万 预计年底成交', 'opportunity.create', { customerName: '华为', name: '年度框架合同', amountCents: 50_000_000, expectedCloseDate: '2026-12-31' }],
  ['follow up ACME: called about the annual renewal, send quote next Friday', 'followup.log', { customerName: 'ACME', content: 'called about the annual renewal', nextStep: { text: 'send quote', dueDate: '2026-11-27' } }],
  // funnel
  ['销售漏斗', 'funnel.show', { view: 'funnel' }],
  ['pipeline', 'funnel.show', { view: 'funnel' }],
  ['show me the pipeline', 'funnel.show', { view: 'funnel' }],
  ['销售预测', 'funnel.show', { view: 'forecast' }],
  ['pipeline by region', 'funnel.show', { view: 'region' }],
  // help / unknown
  ['帮助', 'help'],
  ['help', 'help'],
  ['你能做什么', 'help'],
  ['what can you do?', 'help'],
  ['今天天气不错', 'unknown'],
  ['hello there', 'unknown'],
  ['', 'unknown'],
];

describe('understand()', () => {
  it('has a table of at least 70 utterances', () => expect(rows.length).toBeGreaterThanOrEqual(70));

  it.each(rows)('%s → %s', (text, intent, entities) => {
    const u = understand(text, { now, timeZone: 'Asia/Shanghai' });
    expect(u.intent).toBe(intent);
    if (entities) {
      const got = JSON.parse(JSON.stringify(u.entities)) as Record<string, unknown>;
      expect(got).toMatchObject(entities);
    }
  });

  it('detects the language of the text, not of the reader', () => {
    expect(understand('查一下 华为', { now, locale: 'en-US' }).language).toBe('zh-CN');
    expect(understand('who is ACME', { now, locale: 'zh-CN' }).language).toBe('en-US');
    expect(understand('13800138000', { now, locale: 'en-US' }).language).toBe('en-US');
  });

  it('lands "下周三下午3点" on next week\'s Wednesday 15:00 Shanghai whatever today is', () => {
    // Mon 16 … Sun 22 Nov 2026: next week's Wednesday is always the 25th.
    for (let d = 16; d <= 22; d++) {
      const at = new Date(`2026-11-${d}T10:00:00+08:00`);
      const u = understand('跟进 华为 电话沟通，下周三下午3点发报价', { now: at });
      expect(u.intent).toBe('followup.log');
      if (u.intent !== 'followup.log') return;
      expect(u.entities.nextStep?.due?.toISOString(), `said on Nov ${d}`).toBe(sh('2026-11-25T15:00:00'));
    }
  });

  it('uses configured stages', () => {
    const stages: StageDef[] = [
      { key: 'qualify', kind: 'open', names: ['资格确认', 'qualify'] },
      { key: 'pilot', kind: 'open', names: ['试点', 'pilot'] },
      { key: 'closed_won', kind: 'won', names: ['签约'] },
      { key: 'closed_lost', kind: 'lost', names: ['放弃'] },
    ];
    expect(understand('门店系统 推进到 试点', { now, stages }).entities).toMatchObject({ stage: 'pilot' });
    expect(understand('门店系统 赢单了', { now, stages }).entities).toMatchObject({ stage: 'closed_won', stageKind: 'won' });
    expect(understand('门店系统 推进到 商务谈判', { now, stages }).intent).not.toBe('opportunity.move_stage');
  });

  it.each(LOCALES)('understands every example its %s help text gives', (locale) => {
    const examples = [...catalogs[locale]['bot.help'].matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    expect(examples.length).toBeGreaterThan(8);
    for (const example of examples) expect(understand(example, { now, locale }).intent, example).not.toBe('unknown');
  });

  it('folds full-width digits and keeps the rep\'s punctuation', () => {
    const u = understand('跟进 华为 电话沟通了方案，明天发报价', { now });
    expect(u.entities).toMatchObject({ content: '电话沟通了方案' });
    expect(understand('新线索 张三 １３８００１３８０００', { now }).entities).toMatchObject({ phone: '13800138000' });
  });
});
