// Sample data for every card template, fixed in time so golden files are stable.
import type { CardDataMap } from '../../../cards/templates/index.js';
import type { CardTemplateId } from '../../../cards/spec.js';

const at = (local: string) => new Date(`${local}+08:00`);

export const samples: { name: string; template: CardTemplateId; data: CardDataMap[CardTemplateId] }[] = [
  { name: 'follow-up-receipt', template: 'follow-up-receipt', data: {
    cardId: 'act-101-u7', activityId: '101', customer: { id: '42', name: '华为技术有限公司' }, activityType: 'call',
    content: '今天电话沟通了方案，客户关心交付周期 <b>&</b>', nextStep: { text: '发报价', due: at('2026-11-25T09:00:00') }, undoUntil: at('2026-11-18T10:05:00'),
  } },
  { name: 'follow-up-receipt.failed', template: 'follow-up-receipt', data: {
    cardId: 'act-102-u7', activityId: '102', customer: { id: '42', name: '华为技术有限公司' }, activityType: 'call', outcome: 'failed', failedStreak: 2,
    content: '电话没人接', nextStep: { text: '再打', due: at('2026-11-19T09:00:00') }, undoUntil: at('2026-11-18T10:05:00'),
  } },
  { name: 'follow-up-receipt.undone', template: 'follow-up-receipt', data: {
    cardId: 'act-101-u7', activityId: '101', customer: { id: '42', name: 'ACME' }, activityType: 'visit', content: 'called about renewal', undone: { at: at('2026-11-18T10:02:00') },
  } },
  { name: 'follow-up-receipt.lead', template: 'follow-up-receipt', data: {
    cardId: 'fu-103', activityId: '103', lead: { id: '31', company: '两江新区智能装备', contact: '王工' }, activityType: 'wechat',
    content: '加了微信，发了产品介绍', nextStep: { text: '电话介绍产品', due: at('2026-11-19T15:00:00') }, undoUntil: at('2026-11-18T10:05:00'),
  } },
  { name: 'follow-up-receipt.lead-undone', template: 'follow-up-receipt', data: {
    cardId: 'fu-104', activityId: '104', lead: { id: '32', company: 'Initech' }, activityType: 'call', outcome: 'reached', content: 'intro call', undone: { at: at('2026-11-18T10:02:00') },
  } },
  { name: 'task-receipt', template: 'task-receipt', data: {
    cardId: 'task-201', taskId: '201', title: '给华为打电话', customer: { id: '42', name: '华为技术有限公司' },
    due: at('2026-11-19T10:00:00'), undoUntil: at('2026-11-18T10:05:00'),
  } },
  { name: 'task-receipt.default-due', template: 'task-receipt', data: {
    cardId: 'task-202', taskId: '202', title: 'prepare the board deck', due: at('2026-11-18T18:00:00'), dueDefault: true, undoUntil: at('2026-11-18T10:05:00'),
  } },
  { name: 'task-receipt.lead', template: 'task-receipt', data: {
    cardId: 'task-203', taskId: '203', title: '给王工发资料', lead: { id: '31', company: '两江新区智能装备', contact: '王工' },
    due: at('2026-11-20T09:00:00'), undoUntil: at('2026-11-18T10:05:00'),
  } },
  { name: 'task-receipt.done', template: 'task-receipt', data: {
    cardId: 'task-201', taskId: '201', title: '给华为打电话', customer: { id: '42', name: '华为技术有限公司' },
    due: at('2026-11-19T10:00:00'), undoUntil: at('2026-11-18T10:05:00'), done: { at: at('2026-11-18T10:03:00') },
  } },
  { name: 'task-receipt.cancelled', template: 'task-receipt', data: {
    cardId: 'task-205', taskId: '205', title: '给华为打电话', customer: { id: '42', name: '华为技术有限公司' },
    due: at('2026-11-19T10:00:00'), undoUntil: at('2026-11-18T10:05:00'), cancelled: { at: at('2026-11-18T16:20:00') },
  } },
  { name: 'task-receipt.deleted', template: 'task-receipt', data: {
    cardId: 'task-206', taskId: '206', title: '给华为打电话', customer: { id: '42', name: '华为技术有限公司' },
    due: at('2026-11-19T10:00:00'), undoUntil: at('2026-11-18T10:05:00'), deleted: { at: at('2026-11-18T16:30:00'), byName: '王经理' },
  } },
  { name: 'task-receipt.undone', template: 'task-receipt', data: {
    cardId: 'task-204', taskId: '204', title: 'call Huawei', due: at('2026-11-19T10:00:00'), undoUntil: at('2026-11-18T10:05:00'), undone: { at: at('2026-11-18T10:02:00') },
  } },
  { name: 'choice.task', template: 'choice', data: {
    cardId: 'pick-wecom-m9', query: '产品演示', of: 'task', action: 'choice.task', turnId: 'm9',
    candidates: [{ id: '7', name: '安排产品演示（华为）', detail: '11月19日 09:56 到期 · 华为技术有限公司' }, { id: '8', name: '安排产品演示（润丰货运代理）', detail: '12月5日 23:26 到期' }],
  } },
  { name: 'payment-receipt', template: 'payment-receipt', data: {
    cardId: 'pr-12', receiptId: '12', customerName: '华为技术有限公司', contract: { id: '9', title: '年度框架合同' }, amountCents: 50_000_000,
    receivedAt: at('2026-11-18T10:00:00'), undoUntil: at('2026-11-18T10:05:00'),
    instalments: [
      { note: '第1期（30%）', plannedAt: at('2026-10-01T00:00:00'), amountCents: 30_000_000, remainingCents: 0, status: 'received' },
      { note: '第2期（60%）', plannedAt: at('2026-11-15T00:00:00'), amountCents: 20_000_000, remainingCents: 40_000_000, status: 'partial' },
    ],
  } },
  { name: 'payment-receipt.undone', template: 'payment-receipt', data: {
    cardId: 'pr-13', receiptId: '13', customerName: 'Globex', contract: { id: '10', title: 'Support renewal' }, amountCents: 12_000_000,
    receivedAt: at('2026-11-18T10:00:00'), undone: { at: at('2026-11-18T10:02:00') },
    instalments: [{ plannedAt: at('2026-11-30T00:00:00'), amountCents: 12_000_000, status: 'partial' }],
  } },
  { name: 'choice.contract', template: 'choice', data: {
    cardId: 'pick-wecom-m12', query: '华为', of: 'contract', action: 'choice.contract', turnId: 'm12',
    candidates: [{ id: '9', name: '华为技术有限公司 · 年度框架合同', detail: '2 期未收齐 · 待收 ¥600,000 · 最早 2026年11月15日 到期' }, { id: '11', name: '华为云计算 · 云服务合同', detail: '1 期未收齐 · 待收 ¥80,000' }],
  } },
  { name: 'choice', template: 'choice', data: {
    cardId: 'turn-9-u7', query: '华为', action: 'choice.customer', turnId: '9',
    candidates: [{ id: '42', name: '华为技术有限公司', detail: '深圳' }, { id: '43', name: '华为云计算', detail: '贵安' }, { id: '44', name: 'Huawei Europe' }],
  } },
  { name: 'customer', template: 'customer', data: {
    cardId: 'cust-42-u7', customer: { id: '42', name: '重庆长安汽车', level: 'A', ownerName: '张三', region: '渝北区' },
    lastFollowUp: { at: at('2026-11-17T16:30:00'), text: '拜访了采购部', byName: '张三' }, openOpportunities: 2, openAmountCents: 150_000_000,
  } },
  { name: 'customer.hidden-amount', template: 'customer', data: {
    cardId: 'cust-42-u8', customer: { id: '42', name: 'Globex' }, openOpportunities: 1, openAmountCents: null,
  } },
  { name: 'approval.pending', template: 'approval', data: {
    cardId: 'appr-7-s1-u3', approvalId: '7', version: 3,
    contract: { id: 'c9', name: '5G基站项目合同', customerName: '华为技术有限公司', amountCents: 8_000_000, startDate: '2026-12-01', endDate: '2027-11-30', submitterName: '张三', submittedAt: at('2026-11-18T09:30:00') },
    step: { index: 1, total: 3, name: '销售总监', mode: 'any' }, deadline: at('2026-11-19T18:00:00'),
  } },
  { name: 'approval.transferred-to-me', template: 'approval', data: {
    cardId: 'ap-12-wecom', approvalId: '7', version: 4,
    contract: { id: 'c9', name: '5G基站项目合同', customerName: '华为技术有限公司', amountCents: 8_000_000, submitterName: '张三', submittedAt: at('2026-11-18T09:30:00') },
    step: { index: 1, total: 3, name: '销售总监', mode: 'any' }, deadline: at('2026-11-19T18:00:00'), handedOver: { via: 'transfer', fromName: '李明远' },
  } },
  { name: 'approval.escalated-to-me', template: 'approval', data: {
    cardId: 'ap-13-wecom', approvalId: '7', version: 5,
    contract: { id: 'c9', name: 'ERP rollout', customerName: 'Globex', amountCents: 8_000_000, submitterName: 'Zhang San', submittedAt: at('2026-11-18T09:30:00') },
    step: { index: 1, total: 3, name: 'Sales director', mode: 'any' }, handedOver: { via: 'escalation', fromName: 'Li Mingyuan' },
  } },
  { name: 'approval.cosign-progress', template: 'approval', data: {
    cardId: 'appr-8-s1-u4', approvalId: '8', version: 2,
    contract: { id: 'c10', name: '框架合同', customerName: '长安汽车', amountCents: 12_000_000, submitterName: '张三', submittedAt: at('2026-11-18T09:30:00') },
    step: { index: 1, total: 1, name: '总监与CEO会签', mode: 'all' },
    progress: { approved: 1, total: 3, people: [{ name: '李总监', state: 'approved' }, { name: '周总', state: 'pending' }, { name: '吴法务', state: 'pending' }] },
  } },
  { name: 'approval.approved', template: 'approval', data: {
    cardId: 'appr-7-s1-u3', approvalId: '7', version: 4,
    contract: { id: 'c9', name: 'ERP rollout', customerName: 'Globex', amountCents: null, submitterName: 'Zhang San', submittedAt: at('2026-11-18T09:30:00') },
    step: { index: 1, total: 3, name: 'Sales director', mode: 'all' }, decision: { outcome: 'approved', byName: '王总', at: at('2026-11-18T11:00:00'), comment: 'OK' },
  } },
  { name: 'reminder.task', template: 'reminder', data: {
    cardId: 'rem-55-u7', reminderId: '55', kind: 'task_due', subject: '发报价', customerName: '华为技术有限公司', customerId: '42', due: at('2026-11-25T09:00:00'), overdueDays: 2,
  } },
  { name: 'reminder.pool', template: 'reminder', data: {
    cardId: 'rem-56-g1', reminderId: '56', kind: 'pool_notice', subject: '重庆某某机械有限公司', level: 'B',
  } },
  { name: 'reminder.lead-pool-return', template: 'reminder', data: {
    cardId: 'rem-57-u7', reminderId: '57', kind: 'lead_pool_return', subject: '璧山电子科技', source: '展会', due: at('2026-12-18T10:00:00'),
  } },
  { name: 'reminder.lead-sla', template: 'reminder', data: {
    cardId: 'rem-58-u7', reminderId: '58', kind: 'lead_sla', subject: '两江新区智能装备', leadId: '31', source: '官网', due: at('2026-11-18T09:00:00'),
  } },
  { name: 'reminder.snoozed', template: 'reminder', data: {
    cardId: 'rem-55-u7', reminderId: '55', kind: 'task_due', subject: 'send quote', state: { outcome: 'snoozed', at: at('2026-11-18T10:00:00'), until: at('2026-11-19T09:00:00') },
  } },
  { name: 'reminder.rescheduled', template: 'reminder', data: {
    cardId: 'rem-60-u7', reminderId: '60', kind: 'task_due', subject: '发报价', customerName: '华为技术有限公司', due: at('2026-11-25T09:00:00'),
    state: { outcome: 'rescheduled', byName: '王经理', byId: 4, at: at('2026-11-25T10:00:00'), until: at('2026-11-27T15:00:00') },
  } },
  { name: 'reminder.task-deleted', template: 'reminder', data: {
    cardId: 'rem-59-u7', reminderId: '59', kind: 'task_due', subject: '发报价', customerName: '华为技术有限公司', due: at('2026-11-25T09:00:00'), state: { outcome: 'deleted', byName: '王经理', at: at('2026-11-25T10:00:00') },
  } },
  { name: 'leaderboard', template: 'leaderboard', data: {
    cardId: 'lb-team1-2026-11', metric: 'won_amount', period: 'month', periodLabel: '2026-11', teamName: '华东区',
    rows: [{ rank: 1, name: '张三', value: 120_000_000 }, { rank: 2, name: '李四', value: 80_000_050 }, { rank: 3, name: 'Wang Wu', value: 5_000_000 }], amountsHidden: false,
  } },
  { name: 'leaderboard.last-week', template: 'leaderboard', data: {
    cardId: 'board_push_3_2026-11-30', metric: 'followups', period: 'week', offset: -1, periodLabel: '2026-11-23~', teamName: '销售一部', teamId: 3,
    rows: [{ rank: 1, name: '张三', value: 31 }, { rank: 2, name: '李四', value: 27 }], amountsHidden: false,
  } },
  { name: 'leaderboard.earlier', template: 'leaderboard', data: {
    cardId: 'board_push_4_2026-09-30', metric: 'payments', period: 'month', offset: -2, periodLabel: '2026-09', teamName: '销售一部', teamId: 3,
    rows: [{ rank: 1, name: '张三', value: 52_000_000 }], amountsHidden: false,
  } },
  { name: 'leaderboard.empty-previous', template: 'leaderboard', data: {
    cardId: 'lb-team1-2026-12', metric: 'won_amount', period: 'month', periodLabel: '2026-12', teamName: '华东区', teamId: 3, rows: [], amountsHidden: false,
    previous: { periodLabel: '2026-11', amountsHidden: false, rows: [{ rank: 1, name: '张三', value: 120_000_000 }, { rank: 2, name: '李四', value: 80_000_050 }] },
  } },
  { name: 'leaderboard.year', template: 'leaderboard', data: {
    cardId: 'lb-team1-2026', metric: 'payments', period: 'year', periodLabel: '2026', teamName: '华东区', teamId: 3,
    rows: [{ rank: 1, name: '张三', value: 1_520_000_000 }, { rank: 2, name: '李四', value: 980_000_000 }, { rank: 2, name: 'Wang Wu', value: 980_000_000 }], amountsHidden: false,
  } },
  { name: 'leaderboard.last-year', template: 'leaderboard', data: {
    cardId: 'board_push_5_2026-12-31', metric: 'followups', period: 'year', offset: -1, periodLabel: '2026', teamName: '销售一部', teamId: 3,
    rows: [{ rank: 1, name: '张三', value: 412 }, { rank: 2, name: '李四', value: 388 }], amountsHidden: false,
  } },
  { name: 'leaderboard.year-empty-previous', template: 'leaderboard', data: {
    cardId: 'lb-team1-2027', metric: 'won_amount', period: 'year', periodLabel: '2027', teamName: '华东区', teamId: 3, rows: [], amountsHidden: false,
    previous: { periodLabel: '2026', amountsHidden: false, rows: [{ rank: 1, name: '张三', value: 1_200_000_000 }, { rank: 2, name: '李四', value: 800_000_050 }] },
  } },
  { name: 'leaderboard.hidden', template: 'leaderboard', data: {
    cardId: 'lb-team1-2026-11', metric: 'payments', period: 'week', rows: [{ rank: 1, name: '张三', value: 120_000_000 }, { rank: 2, name: '李四', value: 1 }], amountsHidden: true,
  } },
  { name: 'funnel', template: 'funnel', data: {
    cardId: 'fn-team1', periodLabel: '2026-Q4', teamId: 3,
    stages: [{ name: '初步接洽', count: 40, amountCents: 400_000_000 }, { name: '需求分析', count: 20, amountCents: 300_000_000 }, { name: '方案报价', count: 10, amountCents: 200_000_000 }, { name: '商务谈判', count: 4, amountCents: 120_000_000 }],
    forecastCents: 210_000_000, amountsHidden: false,
  } },
];
