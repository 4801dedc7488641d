import { describe, expect, it } from 'vitest';
import { findAmounts, parseAmount } from '../../../../bot/understand/parse-amount.js';

describe('parseAmount', () => {
  it.each([
    ['50万', 50_000_000, undefined],
    ['1.2亿', 12_000_000_000, undefined],
    ['¥120k', 12_000_000, 'CNY'],
    ['￥120k', 12_000_000, 'CNY'],
    ['$120k', 12_000_000, 'USD'],
    ['3,000元', 300_000, 'CNY'],
    ['5w', 5_000_000, undefined],
    ['五十万', 50_000_000, undefined],
    ['两千五百元', 250_000, 'CNY'],
    ['1.5万元', 1_500_000, 'CNY'],
    ['USD 20,000', 2_000_000, 'USD'],
    ['3 million dollars', 300_000_000, 'USD'],
    ['99.99元', 9_999, 'CNY'],
  ] as const)('%s', (text, cents, currency) => {
    const a = parseAmount(text)!;
    expect(a.cents).toBe(cents);
    expect(a.currency).toBe(currency);
  });

  it('ignores numbers that are not amounts', () => {
    expect(findAmounts('13800138000')).toEqual([]);
    expect(findAmounts('下午3点')).toEqual([]);
    expect(findAmounts('5G基站项目')).toEqual([]);
  });

  it('gives the span of the amount', () => {
    const [a] = findAmounts('5G基站项目 50万 预计下月底成交');
    expect(a.text).toBe('50万');
  });
});
