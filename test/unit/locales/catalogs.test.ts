import { describe, expect, it } from 'vitest';
import { catalogs, t } from '../../../locales/index.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');

describe('locale catalogs', () => {
  it('have the same keys in zh-CN and en-US', () => {
    expect(Object.keys(catalogs['en-US']).sort()).toEqual(Object.keys(catalogs['zh-CN']).sort());
  });
  it('use the same placeholders for every key', () => {
    for (const [k, zh] of Object.entries(catalogs['zh-CN'])) expect(placeholders(catalogs['en-US'][k] ?? ''), k).toBe(placeholders(zh));
  });
  it('keep Chinese out of en-US', () => {
    for (const [k, en] of Object.entries(catalogs['en-US'])) expect(/[\u4e00-\u9fff]/.test(en), k).toBe(false);
  });
  it('interpolates params', () => {
    expect(t('en-US', 'error.not_found', { entity: 'customer' })).toContain('customer');
  });
});
