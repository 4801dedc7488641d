// A manager's "团队业绩" / "how is my team doing this month" ask for their team's board; "我这个月回款多少" / "my numbers
// this quarter" for one's own figures (leaderboard.mine). Whole lines only: a follow-up that mentions a team or figures
// ("跟进 华为 他们团队这个月的业绩不错") stays a follow-up.
import { describe, expect, it } from 'vitest';
import { understand } from '../../../../bot/understand/intents.js';

// Wednesday 2026-11-18 10:00 in Shanghai.
const now = new Date('2026-11-18T02:00:00Z');

type Row = [text: string, intent: string, entities?: Record<string, unknown>];

const rows: Row[] = [
  // 1. the asker's team board
  ['我团队这个月的业绩', 'leaderboard.show', { metric: 'won_amount', period: 'month', offset: 0 }],
  ['团队业绩', 'leaderboard.show', { metric: 'won_amount', period: 'month', offset: 0 }],
  ['我们组本月回款', 'leaderboard.show', { metric: 'payments', period: 'month', offset: 0 }],
  ['本月我们团队的回款', 'leaderboard.show', { metric: 'payments', period: 'month' }],
  ['我们团队这周跟进量', 'leaderboard.show', { metric: 'followups', period: 'week' }],
  ['团队上个月业绩怎么样？', 'leaderboard.show', { metric: 'won_amount', period: 'month', offset: -1 }],
  ['团队这个月怎么样', 'leaderboard.show', { period: 'month' }],
  ['部门今年的业绩', 'leaderboard.show', { metric: 'won_amount', period: 'year' }],
  ['how is my team doing this month', 'leaderboard.show', { metric: 'won_amount', period: 'month', offset: 0 }],
  ["how's our team doing", 'leaderboard.show', { period: 'month' }],
  ['team performance this quarter', 'leaderboard.show', { period: 'quarter' }],
  ['how much has my team collected this week', 'leaderboard.show', { metric: 'payments', period: 'week' }],
  ['our team payments last month', 'leaderboard.show', { metric: 'payments', period: 'month', offset: -1 }],
  // 2. the asker's own figures (the place and value on each board, or the one named)
  ['我这个月回款多少', 'leaderboard.mine', { metric: 'payments', period: 'month', offset: 0 }],
  ['我本月业绩', 'leaderboard.mine', { metric: 'won_amount', period: 'month', offset: 0 }],
  ['我这周跟进量', 'leaderboard.mine', { metric: 'followups', period: 'week' }],
  ['今年我的新客户有多少', 'leaderboard.mine', { metric: 'new_customers', period: 'year' }],
  ['我上个月回款了多少？', 'leaderboard.mine', { metric: 'payments', period: 'month', offset: -1 }],
  ['how much have I collected this month', 'leaderboard.mine', { metric: 'payments', period: 'month', offset: 0 }],
  ['my numbers this quarter', 'leaderboard.mine', { metric: null, period: 'quarter', offset: 0 }],
  ['what are my numbers this month', 'leaderboard.mine', { metric: null, period: 'month' }],
  ['how am I doing this week', 'leaderboard.mine', { metric: null, period: 'week' }],
  ['my payments last month', 'leaderboard.mine', { metric: 'payments', period: 'month', offset: -1 }],
  // Not these: follow-ups that mention a team or figures stay follow-ups; the board requests already understood stay so
  ['跟进 华为 团队业绩很好，下周签约', 'followup.log', { customerName: '华为', content: '团队业绩很好' }],
  ['跟进 华为 他们团队这个月的业绩不错', 'followup.log', { customerName: '华为' }],
  ['拜访了华为，和他们团队聊了业绩目标', 'followup.log', { customerName: '华为', activityType: 'visit' }],
  ['跟进 华为 电话沟通了，团队业绩', 'followup.log', { customerName: '华为', activityType: 'call' }],
  ["called ACME, asked about the team's numbers this month", 'followup.log', { customerName: 'ACME', activityType: 'call' }],
  ['我们组本月排名', 'leaderboard.show', { period: 'month' }],
  ['我排第几', 'leaderboard.mine', { metric: null }],
];

describe("understand(): the team's figures and one's own", () => {
  it.each(rows)('%s → %s', (text, intent, entities) => {
    const u = understand(text, { now, timeZone: 'Asia/Shanghai' });
    expect(u.intent).toBe(intent);
    if (entities) expect(JSON.parse(JSON.stringify(u.entities))).toMatchObject(entities);
  });
});
