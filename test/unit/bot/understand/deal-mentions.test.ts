import { describe, expect, it } from 'vitest';
import { understand } from '../../../../bot/understand/intents.js';

const now = new Date('2026-11-18T02:00:00Z');

// A deal named by its customer, and an amount said with the move: both kept.
const rows: [text: string, entities: Record<string, unknown>][] = [
  ['长安汽车商机推进到方案报价，金额改成80万', { opportunityName: '长安汽车', stage: 'proposal', amountCents: 80_000_000 }],
  ['长安汽车那单推进到商务谈判', { opportunityName: '长安汽车', stage: 'negotiation' }],
  ['华为的单子进入商务谈判阶段了', { opportunityName: '华为', stage: 'negotiation' }],
  ['长安汽车这单赢单了', { opportunityName: '长安汽车', stage: 'won' }],
  ['5G基站项目 推进到 方案报价 报价30万', { opportunityName: '5G基站项目', stage: 'proposal', amountCents: 30_000_000 }],
  ['the Globex deal to proposal, amount 500k', { opportunityName: 'Globex', stage: 'proposal', amountCents: 50_000_000 }],
  ["Globex's opportunity moved to negotiation", { opportunityName: 'Globex', stage: 'negotiation' }],
];

describe('a stage move naming the customer\'s deal', () => {
  it.each(rows)('%s', (text, entities) => {
    const u = understand(text, { now, timeZone: 'Asia/Shanghai' });
    expect(u.intent).toBe('opportunity.move_stage');
    expect(u.entities).toMatchObject(entities);
  });

  it('a lost deal\'s reason is not read as an amount', () => {
    const u = understand('长安汽车那单输单了，原因：对方预算只有5万', { now, timeZone: 'Asia/Shanghai' });
    expect(u.entities).toMatchObject({ opportunityName: '长安汽车', stage: 'lost' });
    expect(u.entities).not.toHaveProperty('amountCents');
  });

  it('a move with no amount has none', () => {
    expect(understand('5G基站项目 推进到 商务谈判', { now, timeZone: 'Asia/Shanghai' }).entities).not.toHaveProperty('amountCents');
  });
});

describe('asking where a deal stands', () => {
  it.each([
    ['长安汽车这单到哪个阶段了', '长安汽车'],
    ['长安汽车那单现在什么阶段？', '长安汽车'],
    ['华为的商机进展怎么样', '华为'],
    ['5G基站项目怎么样了', '5G基站'],
    ['how is the Globex deal going?', 'Globex'],
    ['where are we with the Initech opportunity', 'Initech'],
    ['status of Robot arms', 'Robot arms'],
  ])('%s', (text, opportunityName) => {
    const u = understand(text, { now, timeZone: 'Asia/Shanghai' });
    expect(u.intent).toBe('opportunity.status');
    expect(u.entities).toEqual({ opportunityName });
  });

  it.each([['华为的商机', 'customer.lookup'], ['华为怎么样了', 'customer.lookup'], ['长安汽车那单推进到商务谈判', 'opportunity.move_stage'], ['我的商机', 'opportunity.mine']])('"%s" is still %s', (text, intent) => {
    expect(understand(text, { now, timeZone: 'Asia/Shanghai' }).intent).toBe(intent);
  });
});
