// Where recognized speech goes in the follow-up text (miniapp/src/pages/followup/spoken.ts: plain TS, no Taro).
import { describe, expect, it } from 'vitest';
import { appendSpoken } from '../../../miniapp/src/pages/followup/spoken.js';

describe('recognized speech appended to the follow-up text', () => {
  it('fills an empty box with the words alone', () => {
    expect(appendSpoken('', '客户同意签约', 2000)).toEqual({ text: '客户同意签约', cut: false });
    expect(appendSpoken('  \n', 'Deal agreed', 2000).text).toBe('Deal agreed');
  });

  it('joins Chinese to Chinese without a space, and other text with one', () => {
    expect(appendSpoken('电话沟通。', '客户同意', 2000).text).toBe('电话沟通。客户同意');
    expect(appendSpoken('Called the buyer.', 'They agreed', 2000).text).toBe('Called the buyer. They agreed');
    expect(appendSpoken('报价 v2', '已发出', 2000).text).toBe('报价 v2 已发出');
  });

  it('keeps a line break the writer left at the end', () => {
    expect(appendSpoken('第一条\n', '第二条', 2000).text).toBe('第一条\n第二条');
  });

  it('says when the limit cut the words off', () => {
    expect(appendSpoken('abc', 'defgh', 6)).toEqual({ text: 'abc de', cut: true });
  });
});
