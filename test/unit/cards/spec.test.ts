import { describe, expect, it } from 'vitest';
import { cardIdFor, isValidCardId } from '../../../cards/spec.js';

describe('cardIdFor', () => {
  it('keeps plain ids readable', () => expect(cardIdFor('appr', 7, 's1', 'zhangsan')).toBe('appr-7-s1-zhangsan'));
  it('always yields a WeCom task_id (charset, ≤128 bytes) and stays deterministic', () => {
    for (const parts of [['appr', 7, '张三'], ['x'.repeat(300)], ['a b', 'c/d'], ['a_b'], ['a b']]) {
      const id = cardIdFor(...parts);
      expect(isValidCardId(id), id).toBe(true);
      expect(Buffer.byteLength(id)).toBeLessThanOrEqual(128);
      expect(cardIdFor(...parts)).toBe(id);
    }
    expect(cardIdFor('a b')).not.toBe(cardIdFor('a_b'));
  });
});
