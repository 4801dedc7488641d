// The local chat emulator in Debian's chromium, against the same thing `npm start` runs with nothing configured:
// embedded DB with the demo company, WeCom and DingTalk played by the local fakes, real signed callbacks.
// A rep logs a follow-up by chat and sees the receipt card; submits an 80,000 contract from the mini-program pane
// beside the chat; it goes through director → legal → GM by taps on the cards, each copy updated in place, and the
// pane shows it approved; the clock jumps forward, and the week's scheduled board reaches the team group.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../../server/config.js';
import { startChatcrm, type Running } from '../../server/start.js';
import { createLogger } from '../../server/log.js';
import { Contract } from '../../server/domain/contract/contract.entity.js';
import { createEmptyDatabase } from '../helpers/db.js';
import { CHROMIUM, launch } from './helpers/browser.js';
import { ensureBuild, REPO } from './helpers/miniapp-build.js';

const ARTIFACTS = join(REPO, 'test-artifacts', 'emulator');
const FOLLOW_UP = '跟进 华为 今天电话沟通了方案，下周三发报价';
const CUSTOMER = '华为技术有限公司重庆分公司';

describe.skipIf(!existsSync(CHROMIUM))('the local chat emulator in a real browser', () => {
  let app: Running;
  let drop: () => Promise<void>;
  let browser: Browser;
  let page: Page;
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  const cards = (hasText: string) => page.locator('[data-testid="card"]', { hasText });
  const asPerson = async (username: string) => {
    await page.selectOption('[data-testid="person-select"]', username);
    await page.locator('[data-testid="chat-direct"]').click();
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    ensureBuild('h5'); // the mini-program pane serves it
    const empty = await createEmptyDatabase('sqlite');
    drop = empty.drop;
    const config = loadConfig({ DATABASE_URL: empty.url, PORT: '0', LOG_LEVEL: 'silent', DEMO_MODE: 'true', EMULATOR: 'true' });
    app = await startChatcrm(config, { log: createLogger('silent'), host: '127.0.0.1' });
    browser = await launch();
    page = await (await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' })).newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    // After the morning's reminder burst the deliverer may be waiting out WeCom's per-member rate (up to a minute);
    // the rows are leased, so a process that stops sooner loses nothing. Do not wait on it here either.
    await Promise.race([app?.stop(), new Promise((r) => setTimeout(r, 5000))]);
    await drop?.();
  });

  it('serves the page and both emulated platforms with generated credentials', async () => {
    expect(app.emulator?.platforms.wecom).toBeDefined();
    expect(app.emulator?.platforms.dingtalk).toBeDefined();
    expect(app.config.wecom?.apiBase).toMatch(/^http:\/\/127\.0\.0\.1:/);
    const res = await fetch(`${app.url}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('/emulator/assets/app.js');
  });

  it('a rep types the follow-up sentence and gets the receipt card (WeCom look)', async () => {
    await page.goto(`${app.url}/?as=rep.zhang&platform=wecom`);
    await page.locator('[data-testid="composer"]').fill(FOLLOW_UP);
    await page.locator('[data-testid="send"]').click();
    const receipt = cards('已记录跟进').filter({ hasText: '华为技术有限公司' });
    await receipt.first().waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid="msg"][data-from="user"]').first().textContent()).toContain(FOLLOW_UP);
    expect(await receipt.first().textContent()).toContain('发报价');
    await shot('01-follow-up-receipt');
    const [activity] = await app.db.ds.query(`SELECT COUNT(*) AS n FROM activity WHERE content LIKE '%今天电话沟通了方案%'`);
    expect(Number(activity.n)).toBe(1);
    // It went through the real WeCom path, and /metrics counted it.
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(/chatcrm_inbound_received_total\{platform="wecom",result="accepted"\} [1-9]/);
    expect(metrics).toMatch(/chatcrm_outbox_sent_total\{platform="wecom"\} [1-9]/);
    expect(metrics).toContain('chatcrm_delivery_latency_seconds_bucket');
  });

  it('the same sentence on DingTalk gets a DingTalk card', async () => {
    await page.locator('[data-testid="platform-dingtalk"]').click();
    await page.locator('[data-testid="composer"]').fill(FOLLOW_UP.replace('今天电话', '今天微信'));
    await page.locator('[data-testid="send"]').click();
    await page.locator('.card.dingtalk', { hasText: '已记录跟进' }).first().waitFor({ timeout: 20_000 });
    await shot('02-dingtalk-receipt');
    await page.locator('[data-testid="platform-wecom"]').click();
  });

  it('an 80,000 contract is submitted from the mini-program pane, goes director → legal → GM by card taps; every copy ends updated', async () => {
    const title = `E2E 合同 ${Date.now().toString(36)}`;
    // The rep's phone beside the chat: Customers → search → the customer → 签合同 → fill → 保存并提交审批.
    await asPerson('rep.zhang');
    const pane = page.frameLocator('[data-testid="miniapp"]');
    await pane.locator('[data-testid="tab-customers"]').click();
    const search = pane.locator('[data-testid="search"] input');
    await search.fill(CUSTOMER);
    await search.press('Enter');
    await pane.locator('[data-testid="customer-row"] .row-main', { hasText: CUSTOMER }).first().click();
    await pane.locator('[data-testid="new-contract"]').click();
    await pane.locator('[data-testid="contract-title"] input').fill(title);
    await pane.locator('[data-testid="contract-amount"] input').fill('80000');
    await shot('03-0-miniapp-contract-form');
    await pane.locator('[data-testid="contract-submit-new"]').click();
    await pane.locator('[data-testid="contract-status"][data-status="pending"]').waitFor({ timeout: 20_000 });
    await pane.locator('[data-testid="approval-step"]').first().waitFor();
    // Three steps (director, legal, GM) for 80,000 yuan; the first one is in progress.
    expect(await pane.locator('[data-testid="approval-step"]').count()).toBe(3);
    await shot('03-0-miniapp-contract-pending');
    const created = await app.db.ds.getRepository(Contract).findOneByOrFail({ title });
    expect(created).toMatchObject({ status: 'pending', amountCents: 80_000 * 100 });
    expect(created.approvalId).toBeTruthy();

    for (const [i, approver] of ['director.li', 'legal.wu', 'gm.zhou'].entries()) {
      await asPerson(approver);
      const card = cards(title).last();
      await card.waitFor({ timeout: 20_000 });
      await shot(`03-${i + 1}-${approver}-card`);
      await card.locator('[data-testid="card-button"]', { hasText: '同意' }).first().click();
      await card.locator('[data-testid="card-updated"]').waitFor({ timeout: 20_000 });
      expect(await card.locator('[data-testid="card-button"]').count()).toBe(0);
      await shot(`03-${i + 1}-${approver}-decided`);
    }
    const contract = await app.db.ds.getRepository(Contract).findOneByOrFail({ id: created.id });
    expect(contract.status).toBe('approved');

    // Every recipient's copies show the outcome: each approver's WeCom card and DingTalk card.
    for (const approver of ['director.li', 'legal.wu', 'gm.zhou']) {
      await asPerson(approver);
      await cards(title).last().locator('[data-testid="card-updated"]').waitFor({ timeout: 20_000 });
      await page.locator('[data-testid="platform-dingtalk"]').click();
      await page.locator('.card.dingtalk', { hasText: title }).last().locator('[data-testid="card-updated"]').waitFor({ timeout: 20_000 });
      await page.locator('[data-testid="platform-wecom"]').click();
    }
    // The submitter is told in chat.
    await asPerson('rep.zhang');
    await page.locator('[data-testid="msg"][data-from="bot"]', { hasText: title }).filter({ hasText: '通过' }).first().waitFor({ timeout: 20_000 });
    await shot('04-rep-told');
    // ...and the rep's mini-program shows the contract approved, every step done (as a card link would open it).
    await page.locator('[data-testid="miniapp"]').evaluate((f: any, id: number) => { f.src = `/m/#/pages/contract/index?id=${id}`; }, created.id);
    const pane2 = page.frameLocator('[data-testid="miniapp"]');
    await pane2.locator('[data-testid="contract-status"][data-status="approved"]').waitFor({ timeout: 20_000 });
    expect(await pane2.locator('[data-testid="approval-step"][data-status="approved"]').count()).toBe(3);
    await shot('04-rep-miniapp-approved');
  });

  it('the clock jumps to the next morning: the day\'s digest arrives (what it lists is not sent again card by card); then a week ahead, and the phone follows', async () => {
    const before = app.clock!.nowMs();
    const digests = page.locator('[data-testid="messages"]').getByText(/早上好/);
    const seen = await digests.count();
    await page.locator('[data-testid="clock-morning"]').click();
    await expect.poll(() => app.clock!.offsetMs).toBeGreaterThan(0);
    await expect.poll(() => digests.count(), { timeout: 30_000 }).toBeGreaterThan(seen);
    expect(await page.locator('[data-testid="messages"]').textContent()).toMatch(/个待办|该跟进/);
    await shot('05-next-morning');
    await page.locator('[data-testid="clock-week"]').click();
    await expect.poll(() => app.clock!.nowMs() - before).toBeGreaterThan(7 * 24 * 3_600_000);
    expect(app.db.clock.now().getTime()).toBeGreaterThan(before + 7 * 24 * 3_600_000);
    // A Monday 09:00 went by: last week's 龙虎榜 is in the rep's team group (the emulator schedules it for every team
    // group, as an admin would).
    await page.locator('[data-testid="chat-group"]').click();
    await page.locator('[data-testid="messages"]').getByText(/龙虎榜/).first().waitFor({ timeout: 30_000 });
    await shot('05b-weekly-board-in-the-team-group');
    await page.locator('[data-testid="chat-direct"]').click();
    // One day more and the quote promised for 下周三 (3 to 9 days after the real today) is due by the server's today:
    // the phone pane reopens on the jumped clock and lists it, though the browser's own clock is days behind.
    await page.locator('[data-jump="day"]').click();
    await expect.poll(() => app.clock!.nowMs() - before).toBeGreaterThan(8 * 24 * 3_600_000);
    await page.frameLocator('[data-testid="miniapp"]').locator('[data-testid="task-row"]', { hasText: '发报价' }).first().waitFor({ timeout: 30_000 });
    await shot('06-miniapp-on-the-jumped-day');
  });
});
