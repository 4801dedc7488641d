// Questions about follow-ups rather than follow-ups: "哪些客户很久没跟进了" / "which customers are overdue" (the customers
// past their cadence or about to go back to the pool) and "张伟这周的跟进" / "what did Emily do this week" (someone's
// follow-ups; null: the asker's own). Whole lines only: a follow-up that says these words in passing stays one.
import { describe, expect, it } from 'vitest';
import { understand } from '../../../../bot/understand/intents.js';

// Wednesday 2026-11-18 10:00 in Shanghai.
const now = new Date('2026-11-18T02:00:00Z');

type Row = [text: string, intent: string, entities?: Record<string, unknown>];

const rows: Row[] = [
  // 3. customers past their cadence, or about to go back to the pool
  ['哪些客户很久没跟进了', 'customer.stale', {}],
  ['该跟进的客户', 'customer.stale', {}],
  ['哪些客户快掉公海了', 'customer.stale', {}],
  ['快掉公海的客户', 'customer.stale', {}],
  ['超期未跟进的客户', 'customer.stale', {}],
  ['我们组有哪些客户很久没联系了', 'customer.stale', {}],
  ['团队里哪些客户好久没跟进了？', 'customer.stale', {}],
  ['which customers are overdue', 'customer.stale', {}],
  ["customers I haven't followed up", 'customer.stale', {}],
  ["customers we haven't contacted in a while", 'customer.stale', {}],
  ['which customers are about to go back to the pool', 'customer.stale', {}],
  ["show my team's overdue customers", 'customer.stale', {}],
  ['customers due for a follow-up', 'customer.stale', {}],
  // 4. someone's follow-ups (null: the asker's own)
  ['张伟最近跟进了哪些客户', 'activity.person', { person: '张伟', period: 'recent', offset: 0 }],
  ['张伟这周的跟进', 'activity.person', { person: '张伟', period: 'week', offset: 0 }],
  ['张伟上周做了什么', 'activity.person', { person: '张伟', period: 'week', offset: -1 }],
  ['张伟今天跟进了几个客户', 'activity.person', { person: '张伟', period: 'day', offset: 0 }],
  ['张伟这个月跟进了几次', 'activity.person', { person: '张伟', period: 'month', offset: 0 }],
  ['我这周跟进了多少次', 'activity.person', { person: null, period: 'week', offset: 0 }],
  ['欧阳娜娜这个月的跟进', 'activity.person', { person: '欧阳娜娜', period: 'month', offset: 0 }],
  ['我这周的跟进', 'activity.person', { person: null, period: 'week', offset: 0 }],
  ['我最近跟进了哪些客户', 'activity.person', { person: null, period: 'recent' }],
  ['what did Emily do this week', 'activity.person', { person: 'Emily', period: 'week', offset: 0 }],
  ["Emily's follow-ups last week", 'activity.person', { person: 'Emily', period: 'week', offset: -1 }],
  ['who did Emily follow up with this week', 'activity.person', { person: 'Emily', period: 'week' }],
  ['which customers did Emily Chen visit yesterday', 'activity.person', { person: 'Emily Chen', period: 'day', offset: -1 }],
  ['what has Emily been up to lately', 'activity.person', { person: 'Emily', period: 'recent' }],
  ['my follow-ups today', 'activity.person', { person: null, period: 'day', offset: 0 }],
  ['what did I do this week', 'activity.person', { person: null, period: 'week' }],
  // 5. the team's follow-ups (a manager's team; a rep gets their own, told why)
  ['我们这周的跟进', 'activity.team', { period: 'week', offset: 0 }],
  ['我们团队今天的跟进', 'activity.team', { period: 'day', offset: 0 }],
  ['团队这周的跟进', 'activity.team', { period: 'week', offset: 0 }],
  ['我团队上周的跟进', 'activity.team', { period: 'week', offset: -1 }],
  ['我们组本月的跟进记录', 'activity.team', { period: 'month', offset: 0 }],
  ['团队最近跟进了哪些客户', 'activity.team', { period: 'recent', offset: 0 }],
  ['这周我们组做了什么', 'activity.team', { period: 'week', offset: 0 }],
  ['大家今天做了什么？', 'activity.team', { period: 'day', offset: 0 }],
  ['我们这周的跟进情况怎么样', 'activity.team', { period: 'week', offset: 0 }],
  ["our team's follow-ups this week", 'activity.team', { period: 'week', offset: 0 }],
  ['team follow-ups today', 'activity.team', { period: 'day', offset: 0 }],
  ['what did my team do last week', 'activity.team', { period: 'week', offset: -1 }],
  ['who did our team follow up with this month', 'activity.team', { period: 'month', offset: 0 }],
  // …not the team's board, nor a follow-up that mentions them
  ['我们团队这周跟进量', 'leaderboard.show', { metric: 'followups', period: 'week' }],
  ['跟进 华为 我们这周的跟进', 'followup.log', { customerName: '华为' }],
  ['给张总打了电话，他问我们团队这周的跟进', 'followup.log', { customerName: '张总', activityType: 'call' }],
  // Not these: follow-ups that say "很久没跟进", "这周的跟进" or "which customers are overdue" stay follow-ups; lookups and lists stay so
  ['跟进 华为 客户很久没跟进了，今天电话沟通', 'followup.log', { customerName: '华为', activityType: 'call' }],
  ['跟进 华为 问了该跟进的客户名单', 'followup.log', { customerName: '华为' }],
  ['跟进 张伟 这周的跟进', 'followup.log', { customerName: '张伟' }],
  ['跟进 华为 这周跟进了哪些事项', 'followup.log', { customerName: '华为' }],
  ['给张总打了电话，他问我们这周的跟进情况', 'followup.log', { customerName: '张总', activityType: 'call' }],
  ['follow up ACME: they asked which customers are overdue', 'followup.log', { customerName: 'ACME' }],
  ['华为的跟进记录', 'customer.lookup', { customerName: '华为' }],
  ['公海里有什么线索', 'pool.list', { kind: 'lead' }],
  ['我的客户', 'customer.mine'],
];

describe("understand(): stale customers and someone's follow-ups", () => {
  it.each(rows)('%s → %s', (text, intent, entities) => {
    const u = understand(text, { now, timeZone: 'Asia/Shanghai' });
    expect(u.intent).toBe(intent);
    if (entities) expect(JSON.parse(JSON.stringify(u.entities))).toMatchObject(entities);
  });

  it('reads "华为这周的跟进" as a person\'s (the command falls back to the customer when nobody has that name)', () => {
    expect(understand('华为这周的跟进', { now })).toMatchObject({ intent: 'activity.person', entities: { person: '华为', period: 'week' } });
  });
});
