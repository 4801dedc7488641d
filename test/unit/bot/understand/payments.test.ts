import { describe, expect, it } from 'vitest';
import { understand } from '../../../../bot/understand/intents.js';

// Wednesday 2026-11-18 10:00 in Shanghai. Tests run with TZ=UTC (test/vitest.config.ts).
const now = new Date('2026-11-18T02:00:00Z');
const said = (text: string, locale: 'zh-CN' | 'en-US' = 'zh-CN') => understand(text, { now, locale });

describe('回款 said in chat', () => {
  it.each([
    ['华为回款50万到账了', '华为', 50_000_000],
    ['收到华为 50 万回款', '华为', 50_000_000],
    ['长安汽车打款 12.5 万', '长安汽车', 12_500_000],
    ['收到长安汽车的回款12.5万', '长安汽车', 12_500_000],
    ['今天收到华为技术50万', '华为技术', 50_000_000],
    ['华为的50万回款已到账', '华为', 50_000_000],
    ['华为50万到账了', '华为', 50_000_000],
    ['华为技术有限公司打来30万', '华为技术有限公司', 30_000_000],
    ['重庆银行付了8万尾款', '重庆银行', 8_000_000],
    ['received 500k from Huawei', 'Huawei', 50_000_000],
    ['Huawei paid 120,000', 'Huawei', 12_000_000],
    ['got ¥80k from ACME Robotics today', 'ACME Robotics', 8_000_000],
    ['Globex has paid 25k', 'Globex', 2_500_000],
    ["Initech's payment of 12,500 arrived", 'Initech', 1_250_000],
  ])('%s → a receipt from %s', (text, customerName, amountCents) => {
    const u = said(text);
    expect(u.intent).toBe('payment.receive');
    expect(u.entities).toEqual({ customerName, amountCents, ...(/¥/.test(text) ? { currency: 'CNY' } : {}) });
  });

  it('keeps the amount when the customer is not said, and the currency when it is not yuan', () => {
    expect(said('回款50万到账了')).toMatchObject({ intent: 'payment.receive', entities: { amountCents: 50_000_000 } });
    expect(said('回款50万到账了').entities).not.toHaveProperty('customerName');
    expect(said('received $20k from Globex')).toMatchObject({ intent: 'payment.receive', entities: { customerName: 'Globex', amountCents: 2_000_000, currency: 'USD' } });
  });

  it.each([
    // A follow-up about money stays a follow-up.
    ['跟进 华为 催回款，客户说下周付', 'followup.log'],
    ['跟进 华为 客户说50万下周到账', 'followup.log'],
    ['给华为打了电话，50万的回款月底到账', 'followup.log'],
    ['called Huawei, they paid 50k yesterday', 'followup.log'],
    // Boards stay boards; the rep's own figures stay theirs.
    ['本周回款排行', 'leaderboard.show'],
    ['本月谁回款最多', 'leaderboard.show'],
    ['payments ranking this week', 'leaderboard.show'],
    ['我本周回款排第几', 'leaderboard.mine'],
  ])('%s stays %s', (text, intent) => {
    expect(said(text).intent).toBe(intent);
  });

  it.each([
    '华为下周打款50万', '华为答应月底前付50万', '华为50万到账了吗？', '华为的50万还没到账', 'Huawei will pay 500k next week', 'Huawei has not paid 500k yet',
  ])('%s is no receipt', (text) => {
    expect(said(text).intent).not.toBe('payment.receive');
  });
});

describe('open instalments and the month', () => {
  it.each([
    ['哪些合同还没回款', false], ['还有哪些客户没付款', false], ['待回款', false], ['待回款清单', false], ['应收账款', false],
    ['逾期回款', true], ['逾期的回款有哪些', true], ['回款逾期', true],
    ['outstanding payments', false], ['show outstanding payments', false], ['unpaid instalments', false], ['which contracts are unpaid?', false],
    ['overdue payments', true], ['show me the overdue payments', true],
  ] as const)('%s → the open instalments (overdue only: %s)', (text, overdueOnly) => {
    expect(said(text)).toMatchObject({ intent: 'payment.outstanding', entities: { overdueOnly } });
  });

  it.each([
    ['本月回款情况', 0], ['这个月回款多少', 0], ['本月回款', 0], ['回款情况', 0], ['我们这个月回款多少', 0], ['上个月回款情况', -1], ['这个月到账多少', 0],
    ['payments this month', 0], ['payments last month', -1], ['how much have we collected this month?', 0], ["this month's payments", 0], ['payment summary', 0],
  ] as const)('%s → the month\'s summary (offset %s)', (text, offset) => {
    expect(said(text)).toMatchObject({ intent: 'payment.summary', entities: { offset } });
  });

  it('leaves the asker\'s own figures to the board ("我…"), whatever routes them', () => {
    expect(said('我这个月回款多少').intent).not.toBe('payment.summary');
    expect(said('my payments this month').intent).not.toBe('payment.summary');
  });
});
