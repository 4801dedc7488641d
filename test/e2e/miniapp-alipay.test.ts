// The DingTalk mini-program build (Alipay runtime, @tarojs/plugin-platform-alipay): every page compiled to
// .axml, the chart pages in their subpackages, the main package within the same 600 KB target as weapp.
// CI builds it in .ci/run; locally it is built here when stale.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuild, MINIAPP, weappSizes, weappSubpackageRoots } from './helpers/miniapp-build.js';

const installed = existsSync(join(MINIAPP, 'node_modules', '@tarojs', 'plugin-platform-alipay'));
const PAGES = ['today', 'customers', 'customer', 'followup', 'login', 'leads', 'opportunities', 'approvals', 'contract', 'contracts', 'stale', 'payments', 'me'];

describe.skipIf(!installed && !existsSync(join(MINIAPP, 'dist', 'alipay', 'app.json')))('alipay (DingTalk mini-program) build', () => {
  it('has every page as .axml, the chart pages as subpackages, and a main package ≤ 600 KB', () => {
    const dir = ensureBuild('alipay');
    const app = JSON.parse(readFileSync(join(dir, 'app.json'), 'utf8')) as { pages: string[] };
    expect(app.pages).toEqual(expect.arrayContaining(PAGES.map((p) => `pages/${p}/index`)));
    for (const p of PAGES) expect(readdirSync(join(dir, 'pages', p)), p).toEqual(expect.arrayContaining(['index.js', 'index.json', 'index.axml']));
    expect(weappSubpackageRoots(dir)).toEqual(expect.arrayContaining(['pages/leaderboard', 'pages/funnel']));
    const { main, subpackages } = weappSizes(dir);
    expect(main).toBeLessThanOrEqual(600 * 1024);
    for (const b of Object.values(subpackages)) expect(b).toBeLessThanOrEqual(2048 * 1024);
    // The DingTalk runtime signs in with dd.getAuthCode (login.alipay.ts), not the H5 SDK.
    expect(readFileSync(join(dir, 'app.js'), 'utf8')).not.toMatch(/dingtalk-jsapi/);
  }, 300_000);
});
