// Figures asked as a count or a sum ("我这个月签了几单", "我们这个月赢了多少单"), and a customer's last follow-up
// ("华为最近一次跟进是什么时候"): answered by the figures, the team's board and the customer card.
import { describe, expect, it } from 'vitest';
import { understand } from '../../../../bot/understand/intents.js';

const now = new Date('2026-11-18T02:00:00Z');

const rows: [text: string, intent: string, entities: Record<string, unknown>][] = [
  ['我这个月签了几单', 'leaderboard.mine', { metric: 'won_amount', period: 'month', offset: 0 }],
  ['我本月回了多少钱', 'leaderboard.mine', { metric: 'payments', period: 'month' }],
  ['我这周新增了几个客户', 'leaderboard.mine', { metric: 'new_customers', period: 'week' }],
  ['我们这个月赢了多少单', 'leaderboard.show', { metric: 'won_amount', period: 'month' }],
  ['我们团队本季度一共签了多少', 'leaderboard.show', { metric: 'won_amount', period: 'quarter' }],
  ['我们这个月回款了多少款', 'leaderboard.show', { metric: 'payments', period: 'month' }],
  ['华为最近一次跟进是什么时候', 'customer.lookup', { customerName: '华为' }],
  ['华为上次跟进说了什么', 'customer.lookup', { customerName: '华为' }],
  ['长安汽车最后一次联系是哪天', 'customer.lookup', { customerName: '长安汽车' }],
  ['when did we last follow up with Globex', 'customer.lookup', { customerName: 'Globex' }],
];

describe('figures asked as counts, and a customer\'s last follow-up', () => {
  it.each(rows)('%s → %s', (text, intent, entities) => {
    const u = understand(text, { now, timeZone: 'Asia/Shanghai' });
    expect(u.intent).toBe(intent);
    expect(u.entities).toMatchObject(entities);
  });

  it.each(['跟进 华为 对方问我们这个月签了几单', '我最近的跟进'])('"%s" is not a figures question', (text) => {
    expect(understand(text, { now, timeZone: 'Asia/Shanghai' }).intent).not.toMatch(/^leaderboard\./);
  });
});
