// P5 — the mini-program: weapp main package size (target ≤ 600 KB; the platform limit is 2 MB) and total
// size, and the H5 first screen (Today with its data) on loopback in headless chromium (target ≤ 1 s,
// median of several cold loads: a fresh browser context each time, so no HTTP cache, signed in already).
import { existsSync } from 'node:fs';
import type { Benchmark } from './registry.js';
import type { Measurement } from './lib/results.js';
import { median } from './lib/stats.js';
import { createDataSource } from '../server/db/data-source.js';
import { migrate } from '../server/db/migrate.js';
import { makeDb } from '../server/domain/shared/db.js';
import { seedDemo } from '../server/db/seed/demo.js';
import { startServer } from '../test/helpers/http.js';
import { ensureBuild, weappSizes } from '../test/e2e/helpers/miniapp-build.js';
import { CHROMIUM, launch, phone } from '../test/e2e/helpers/browser.js';

const LOADS = 7;
const KB = 1024;

export const p5: Benchmark = {
  id: 'p5',
  title: 'mini-program: weapp package size, H5 first screen (Today with data)',
  async run({ log }) {
    const out: Measurement[] = [];
    log('building weapp (if stale)');
    const weapp = weappSizes(ensureBuild('weapp'));
    log(`weapp main package ${(weapp.main / KB).toFixed(1)} KB, total ${(weapp.total / KB).toFixed(1)} KB`);
    for (const [root, bytes] of Object.entries(weapp.subpackages)) log(`  subpackage ${root}: ${(bytes / KB).toFixed(1)} KB`);
    out.push({ metric: 'weapp main package', value: weapp.main / KB, unit: 'KB', target: 600, better: 'lower' });
    out.push({ metric: 'weapp total', value: weapp.total / KB, unit: 'KB', target: 2048, better: 'lower' });

    if (!existsSync(CHROMIUM)) { log(`no chromium at ${CHROMIUM}: H5 first screen not measured`); return out; }
    log('building h5 (if stale)');
    ensureBuild('h5');
    const url = 'sqlite::memory:';
    const ds = await createDataSource(url);
    await migrate(ds);
    const db = makeDb(ds, url);
    await seedDemo(db);
    const server = await startServer(db);
    const token = await server.login('rep.zhang', 'miniapp');
    const browser = await launch();
    const samples: number[] = [];
    try {
      for (let i = 0; i < LOADS + 1; i++) {
        const context = await phone(browser);
        await context.addInitScript((tk) => { (globalThis as any).localStorage.setItem('chatcrm.token', JSON.stringify({ data: tk })); }, token);
        const page = await context.newPage();
        const started = Date.now();
        await page.goto(`${server.url}/m/#/pages/today/index`);
        await page.locator('[data-testid="task-row"], [data-testid="overdue-row"]').first().waitFor({ timeout: 15_000 });
        const ms = Date.now() - started;
        if (i > 0) samples.push(ms); // the first load warms the server and the disk cache
        log(`load ${i}: ${ms} ms${i === 0 ? ' (warm-up, not counted)' : ''}`);
        await context.close();
      }
    } finally {
      await browser.close();
      await server.close();
      await ds.destroy();
    }
    out.push({ metric: `h5 first screen (Today with data), median of ${LOADS}`, value: median(samples), unit: 'ms', target: 1000, better: 'lower' });
    return out;
  },
};
