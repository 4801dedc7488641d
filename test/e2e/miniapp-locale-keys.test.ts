// Every catalog key the mini-program's source asks for exists in both languages (a missing key would show
// as "miniapp.x.y" on a phone), and the catalog has no keys nobody uses.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MINIAPP, REPO } from './helpers/miniapp-build.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : /\.(tsx?|ts)$/.test(n) ? [p] : [];
  });
}

describe('mini-program catalog keys', () => {
  const zh = JSON.parse(readFileSync(join(REPO, 'locales', 'zh-CN', 'miniapp.json'), 'utf8')) as Record<string, string>;
  const en = JSON.parse(readFileSync(join(REPO, 'locales', 'en-US', 'miniapp.json'), 'utf8')) as Record<string, string>;
  const code = sources(join(MINIAPP, 'src')).map((f) => readFileSync(f, 'utf8')).join('\n');

  it('every literal key used in src exists in zh-CN and en-US', () => {
    const used = new Set([...code.matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g), ...code.matchAll(/\bk='([a-zA-Z0-9_.-]+)'/g)].map((m) => m[1]));
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter((k) => !(`miniapp.${k}` in zh) || !(`miniapp.${k}` in en));
    expect(missing).toEqual([]);
  });

  it('every key family built at run time (type., stage., role., …) is complete', () => {
    const families: Record<string, string[]> = {
      type: ['call', 'visit', 'wechat', 'meeting', 'email', 'other'],
      stage: ['initial_contact', 'needs_analysis', 'proposal', 'negotiation', 'won', 'lost'],
      role: ['admin', 'manager', 'rep', 'finance'],
      'contract.status': ['draft', 'pending', 'approved', 'rejected', 'withdrawn'],
      'leads.status': ['new', 'contacted', 'qualified', 'converted', 'invalid'],
      'followup.outcomes': ['reached', 'failed'],
      nav: ['today', 'customers', 'opportunities', 'approvals', 'me'],
      'me.lang': ['zh-CN', 'en-US'],
      'stale.summary': ['mine', 'team', 'all', 'one'],
      'stale.empty': ['mine', 'team', 'all', 'one'],
      'payments.view': ['open', 'overdue', 'month'],
      'payments.scope': ['all', 'team', 'teamUnnamed', 'mine'],
    };
    const missing = Object.entries(families).flatMap(([f, ks]) => ks.map((k) => `miniapp.${f}.${k}`)).filter((k) => !(k in zh) || !(k in en));
    expect(missing).toEqual([]);
  });

  it('has no CJK in the mini-program source (words live in the catalogs)', () => {
    expect(code).not.toMatch(/[\u3400-\u9fff]/);
  });
});
