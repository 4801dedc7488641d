// The mini-program's H5 build, served at /m/ by the real server (embedded DB, demo data), in Debian's chromium
// at 375 px: demo sign-in, Today, a follow-up in three taps that lands in the timeline, English with no Chinese
// left in the interface, an offline follow-up that syncs exactly once, and screenshots of the main pages.
// Each test sets up what it needs (the rep signed in on the shared page, a contract of their own, the page it starts
// on), so `-t` runs any one of them alone; run together they share the sign-in and the contract and stay as fast.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { openTestDb, type TestDb } from '../helpers/db.js';
import { startServer, type TestServer } from '../helpers/http.js';
import { seedDemo } from '../../server/db/seed/demo.js';
import { installApprovalEngine } from '../../server/domain/approval/approval-engine.js';
import { installRollups } from '../../server/domain/leaderboard/maintain-rollups.js';
import { ensureBuild, REPO } from './helpers/miniapp-build.js';
import { CHROMIUM, launch, phone } from './helpers/browser.js';
import { dragWheel, inkedPixels, realClock, tapTargetsBelow, uiTextWithCjk } from './helpers/pages.js';

const ARTIFACTS = join(REPO, 'test-artifacts', 'miniapp');
const zh = JSON.parse(readFileSync(join(REPO, 'locales', 'zh-CN', 'miniapp.json'), 'utf8')) as Record<string, string>;
const enCatalog = JSON.parse(readFileSync(join(REPO, 'locales', 'en-US', 'miniapp.json'), 'utf8')) as Record<string, string>;
const RESULT_APPROVED = zh['miniapp.approvals.result.approved'];
const haveChromium = existsSync(CHROMIUM);
const PHONE_ZONE = 'America/Los_Angeles';
/** A moment's day and hour on the company's wall clock. */
const companyDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
const companyHour = (d: Date) => Number(new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', hour: 'numeric', hourCycle: 'h23' }).format(d));
const yearLater = (day: string) => `${Number(day.slice(0, 4)) + 1}${day.slice(4)}`;

describe.skipIf(!haveChromium)('mini-program H5 in a real browser', () => {
  let tdb: TestDb;
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let token: string;
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const open = async (route: string) => {
    await page.goto(`${server.url}/m/#${route}`);
    await page.waitForLoadState('networkidle');
  };
  /** Whether the shared page holds the rep's session (the first test signs in through the picker; any other, alone, here). */
  let signedIn = false;
  const signIn = async () => {
    await page.goto(`${server.url}/m/`);
    await page.locator('[data-testid="login-rep.zhang"]').click();
    await page.locator('[data-testid="today-tasks"]').waitFor();
    signedIn = true;
  };
  /** A full load (Taro's H5 router keeps earlier pages in the DOM, hidden, when only the hash changes). */
  const fresh = async (route: string) => {
    await page.goto('about:blank');
    await open(route);
  };

  beforeAll(async () => {
    ensureBuild('h5');
    mkdirSync(ARTIFACTS, { recursive: true });
    // Real time: the browser's "today" and the server's must agree for due tasks and next steps.
    tdb = await openTestDb('sqlite', realClock());
    await seedDemo(tdb.db);
    // What server/compose.ts installs: contracts that become pending start an approval; rollups follow records.
    installApprovalEngine(tdb.db, { platforms: {} });
    installRollups(tdb.db);
    server = await startServer(tdb.db);
    token = await server.login('rep.zhang');
    browser = await launch();
    // A phone 16 hours behind the company (Asia/Shanghai): its days and hours must still be the company's.
    context = await phone(browser, 'zh-CN', undefined, PHONE_ZONE);
    page = await context.newPage();
  }, 400_000);

  // Every test but the sign-in picker's own starts with the rep signed in on the shared page.
  // …in Chinese (the English test switches the phone's language; whatever follows it reads the Chinese catalog again).
  let english = false;
  beforeEach(async (t) => {
    if (!signedIn && !t.task.name.startsWith('signs in with the demo picker')) await signIn();
    if (english) {
      await page.evaluate(() => (globalThis as any).localStorage.setItem('chatcrm.locale', JSON.stringify({ data: 'zh-CN' })));
      await page.goto('about:blank'); // the next page loads afresh, in Chinese
      english = false;
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await tdb?.close();
  });

  it('signs in with the demo picker (people by name, role, team and username beside) and opens Today with data', async () => {
    await page.goto(`${server.url}/m/`);
    await page.locator('[data-testid="login-rep.zhang"]').waitFor();
    await shot('01-login');
    // Every person the server offers, by name first (not the username), sales reps first.
    const people = (await server.call('GET', '/api/v1/auth/dev')).body.items as { username: string; name: string; role: string; team: string | null }[];
    const rows = page.locator('[data-testid="people"] [data-testid^="login-"]');
    expect(await rows.count()).toBe(people.length);
    const titles = await page.locator('[data-testid="people"] .row-title').allInnerTexts();
    expect([...titles].sort()).toEqual(people.map((p) => p.name).sort());
    expect(titles[0]).toBe(people.find((p) => p.role === 'rep' && p.team)!.name);
    const zhang = people.find((p) => p.username === 'rep.zhang')!;
    const row = page.locator('[data-testid="login-rep.zhang"]');
    expect(await row.locator('.row-title').innerText()).toBe(zhang.name);
    expect(await row.locator('[data-testid="person-sub"]').innerText()).toBe(`${zh['miniapp.role.rep']} · ${zhang.team} · rep.zhang`);
    // A position, where the person has one, says more than the role (the GM is an admin).
    expect(await page.locator('[data-testid="login-gm.zhou"] [data-testid="person-sub"]').innerText()).toBe(`${zh['miniapp.position.gm']} · gm.zhou`);
    // In English the picker's own words are English; names and teams are the company's data.
    const en = await phone(browser, 'en-US');
    await en.addInitScript(() => (globalThis as any).localStorage.setItem('chatcrm.locale', JSON.stringify({ data: 'en-US' })));
    const p = await en.newPage();
    await p.goto(`${server.url}/m/`);
    await p.locator('[data-testid="login-rep.zhang"]').waitFor();
    expect(await p.locator('[data-testid="login-rep.zhang"] [data-testid="person-sub"]').innerText()).toBe(`${enCatalog['miniapp.role.rep']} · ${zhang.team} · rep.zhang`);
    expect(await uiTextWithCjk(p)).toEqual([]);
    await p.screenshot({ path: join(ARTIFACTS, '01b-login-en.png'), fullPage: true });
    await en.close();
    await page.locator('[data-testid="login-rep.zhang"]').click();
    await page.locator('[data-testid="today-tasks"]').waitFor();
    await page.locator('[data-testid="task-row"]').first().waitFor();
    await shot('02-today');
    expect(await page.locator('[data-testid="task-row"]').count()).toBeGreaterThan(0);
    signedIn = true;
    // 375 px: nothing wider than the screen, every button at least 44 px tall.
    expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number)).toBeLessThanOrEqual(375);
    expect(await tapTargetsBelow(page, 44)).toEqual([]);
  });

  it('明天 lists what falls due tomorrow in the company\'s calendar (the phone is 16 hours behind), and 今天 comes back', async () => {
    const today = await server.call('GET', '/api/v1/my-day', { token });
    const day = new Date(Date.parse(`${today.body.day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const tomorrow = await server.call('GET', `/api/v1/my-day?day=${day}`, { token });
    expect(tomorrow.body).toMatchObject({ day, today: false });
    await fresh('/pages/today/index');
    await page.locator('[data-testid="today-tasks"]').filter({ hasText: '今日待办' }).waitFor();
    const asked = page.waitForRequest((r) => r.url().includes(`/my-day?day=${day}`));
    await page.locator('[data-testid="day-tomorrow"]').click();
    await asked;
    await page.locator('[data-testid="today-tasks"]').filter({ hasText: '明日待办' }).waitFor();
    expect(await page.locator('[data-testid="task-row"]:visible').count()).toBe(tomorrow.body.tasks.length);
    for (const x of tomorrow.body.tasks) await page.locator('[data-testid="task-row"]:visible', { hasText: x.title }).first().waitFor();
    if (tomorrow.body.earlier > 0) expect(await page.locator('[data-testid="today-earlier"]').innerText()).toContain(`另有 ${tomorrow.body.earlier} 项`);
    await shot('02b-tomorrow');
    await page.locator('[data-testid="day-today"]').click();
    await page.locator('[data-testid="today-tasks"]').filter({ hasText: '今日待办' }).waitFor();
    await page.locator('[data-testid="task-row"]').first().waitFor();
  });

  it('cancels a task from Today\'s list, asked once more on its row (保留 keeps it), and the API has it cancelled', async () => {
    const title = `E2E 取消的待办 ${Date.now().toString(36)}`;
    const made = await server.call('POST', '/api/v1/tasks', { token, body: { title, dueAt: new Date(Date.now() - 60_000).toISOString() } });
    expect(made.status).toBe(201);
    await fresh('/pages/today/index');
    const row = page.locator('[data-testid="task-row"]', { hasText: title });
    await row.waitFor();
    await row.locator('[data-testid="task-cancel"]').click();
    await row.locator('[data-testid="task-cancel-ask"]').waitFor();
    expect(await row.innerText()).toContain(zh['miniapp.today.cancelAsk']);
    expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number)).toBeLessThanOrEqual(375);
    expect(await tapTargetsBelow(page, 44)).toEqual([]);
    await shot('02c-today-cancel-ask');
    // 保留: nothing sent, the row as it was.
    await row.locator('[data-testid="task-keep"]').click();
    await row.locator('[data-testid="task-complete"]').waitFor();
    expect((await server.call('GET', `/api/v1/tasks/${made.body.id}`, { token })).body.status).toBe('open');
    const cancelled = page.waitForResponse((r) => r.url().includes(`/api/v1/tasks/${made.body.id}/cancel`) && r.request().method() === 'POST');
    await row.locator('[data-testid="task-cancel"]').click();
    await row.locator('[data-testid="task-cancel-confirm"]').click();
    expect((await cancelled).status()).toBe(200);
    await row.waitFor({ state: 'detached' });
    expect((await server.call('GET', `/api/v1/tasks/${made.body.id}`, { token })).body.status).toBe('cancelled');
  });

  it('logs a follow-up in three taps and the API shows it in the customer timeline', async () => {
    await fresh('/pages/today/index');
    await page.locator('[data-testid="task-row"]').first().waitFor();
    const row = page.locator('[data-testid="task-row"]').filter({ has: page.locator('[data-testid="task-followup"]') }).first();
    const content = `E2E follow-up ${Date.now()}`;
    await row.locator('[data-testid="task-followup"]').click(); // tap 1: open the form for this task's customer
    const textarea = page.locator('[data-testid="content"] textarea');
    await textarea.waitFor();
    await textarea.fill(content); // typing, not a tap: the box already has focus
    await page.locator('[data-testid="next-tomorrow"]').click(); // tap 2: next step tomorrow
    await shot('04-follow-up');
    const customerId = Number(new URL(page.url().replace('#', '')).searchParams.get('customerId'));
    await page.locator('[data-testid="save"]').click(); // tap 3: save
    await page.locator('[data-testid="today-tasks"]').waitFor();

    const list = await server.call('GET', `/api/v1/activities?customerId=${customerId}&limit=50`, { token });
    expect(list.status).toBe(200);
    const mine = list.body.items.filter((a: { content: string }) => a.content === content);
    expect(mine).toHaveLength(1);
    expect(mine[0].channel).toBe('miniapp');
    // The outcome chips add no tap: reached unless the rep says otherwise.
    expect(mine[0].outcome).toBe('reached');
    const c360 = await server.call('GET', `/api/v1/customers/${customerId}/360`, { token });
    expect(c360.body.followUps.map((a: { content: string }) => a.content)).toContain(content);

    // ...and the customer page shows it at the top of the timeline.
    await open(`/pages/customer/index?id=${customerId}`);
    await page.locator('[data-testid="timeline-item"]').first().waitFor();
    expect(await page.locator('[data-testid="timeline-item"]').first().innerText()).toContain(content);
    await shot('05-customer-360');
  });

  it('logs a follow-up on a lead from my leads (marked no answer), from a card\'s deep link, and offline as a draft stored once', async () => {
    const leadFollowUps = async (leadId: number, content: string) => {
      const r = await server.call('GET', `/api/v1/activities?leadId=${leadId}&limit=100`, { token });
      expect(r.status).toBe(200);
      return (r.body.items as { content: string; outcome: string; channel: string }[]).filter((a) => a.content === content);
    };
    await fresh('/pages/leads/index');
    await page.locator('[data-testid="lead-followup"]').first().click();
    await page.locator('[data-testid="content"] textarea').waitFor();
    const leadId = Number(new URL(page.url().replace('#', '')).searchParams.get('leadId'));
    expect(leadId).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="outcome-reached"]').getAttribute('class')).toContain('chip-on');
    const failed = `E2E lead no answer ${Date.now()}`;
    await page.locator('[data-testid="content"] textarea').fill(failed);
    await page.locator('[data-testid="outcome-failed"]').click();
    await shot('04c-lead-follow-up');
    await page.locator('[data-testid="save"]').click();
    await page.locator('[data-testid="lead-tab"]').waitFor(); // back on the list it came from
    expect(await leadFollowUps(leadId, failed)).toMatchObject([{ outcome: 'failed', channel: 'miniapp' }]);

    // As a lead reminder card opens it: the form alone, and after saving the leads page.
    const name = (await server.call('GET', `/api/v1/leads/${leadId}`, { token })).body.company as string;
    await fresh(`/pages/followup/index?leadId=${leadId}&name=${encodeURIComponent(name)}`);
    expect(await page.locator('.row-title').first().innerText()).toBe(name);
    const linked = `E2E lead from card ${Date.now()}`;
    await page.locator('[data-testid="content"] textarea').fill(linked);
    await page.locator('[data-testid="save"]').click();
    await page.locator('[data-testid="lead-tab"]').waitFor();
    expect(await leadFollowUps(leadId, linked)).toMatchObject([{ outcome: 'reached' }]);

    // Offline: kept as a draft with its idempotency key, sent once when the network returns, however often it syncs.
    await page.locator('[data-testid="lead-row"]').first().waitFor();
    await context.setOffline(true);
    await page.locator('[data-testid="lead-followup"]').first().click();
    const offlineLead = Number(new URL(page.url().replace('#', '')).searchParams.get('leadId'));
    const offline = `E2E lead offline ${Date.now()}`;
    await page.locator('[data-testid="content"] textarea').fill(offline);
    await page.locator('[data-testid="save"]').click();
    await page.locator('[data-testid="lead-tab"]').waitFor();
    const pending = () => page.evaluate((text) => ((globalThis as any).localStorage.getItem('chatcrm.drafts') ?? '').includes(text), offline);
    expect(await pending()).toBe(true);
    expect(await leadFollowUps(offlineLead, offline)).toHaveLength(0);
    await context.setOffline(false);
    await page.evaluate(() => (globalThis as any).dispatchEvent(new Event('online')));
    await page.waitForFunction((text) => !((globalThis as any).localStorage.getItem('chatcrm.drafts') ?? '').includes(text), offline, { timeout: 30_000 });
    await page.evaluate(() => (globalThis as any).dispatchEvent(new Event('online')));
    await page.waitForTimeout(1500);
    expect(await leadFollowUps(offlineLead, offline)).toHaveLength(1);
  });

  it('sets the next step on a day picked from the date wheel (quick picks stay one tap)', async () => {
    await fresh('/pages/today/index');
    await page.locator('[data-testid="task-followup"], [data-testid="overdue-followup"]').first().click();
    const customerId = Number(new URL(page.url().replace('#', '')).searchParams.get('customerId'));
    const content = `E2E picked day ${Date.now()}`;
    await page.locator('[data-testid="content"] textarea').fill(content);
    await page.locator('[data-testid="next-date"]').click();
    const wheel = page.locator('.nut-picker');
    await wheel.locator('.nut-picker-confirm-btn').waitFor();
    expect(await wheel.locator('.nut-picker-confirm-btn').innerText()).toBe(zh['miniapp.common.confirm']);
    await shot('04b-follow-up-date-wheel');
    await dragWheel(page, 0, -1); // one year later
    await wheel.locator('.nut-picker-confirm-btn').click();
    // The wheel opened on the company's today (the phone's calendar may still be on yesterday).
    const expected = yearLater(companyDay(new Date()));
    await page.locator('[data-testid="next-date"]', { hasText: expected }).waitFor();
    expect(await page.locator('[data-testid="next-date"]').getAttribute('class')).toContain('chip-on');
    await page.locator('[data-testid="save"]').click();
    await page.locator('[data-testid="today-tasks"]').waitFor();
    const list = await server.call('GET', `/api/v1/activities?customerId=${customerId}&limit=50`, { token });
    const mine = list.body.items.filter((a: { content: string }) => a.content === content);
    expect(mine).toHaveLength(1);
    const tasks = await server.call('GET', `/api/v1/tasks?customerId=${customerId}&status=open&limit=100`, { token });
    const due = tasks.body.items.map((x: { dueAt: string }) => new Date(x.dueAt)).find((d: Date) => companyDay(d) === expected);
    expect(due && companyHour(due)).toBe(9);
  });

  it('edits an opportunity close date on the date wheel and the API stores that day', async () => {
    const opps = await server.call('GET', '/api/v1/opportunities?limit=1&sort=-updatedAt', { token });
    const opp = opps.body.items[0] as { id: number; expectedCloseAt: string | null };
    await fresh(`/pages/opportunities/index?id=${opp.id}`);
    await page.locator('[data-testid="opp-edit"]').click();
    await page.locator('[data-testid="opp-close"]').click();
    await page.locator('.nut-picker-confirm-btn').waitFor();
    const expected = yearLater(companyDay(opp.expectedCloseAt ? new Date(opp.expectedCloseAt) : new Date()));
    await dragWheel(page, 0, -1);
    await page.locator('.nut-picker-confirm-btn').click();
    expect(await page.locator('[data-testid="opp-close"]').innerText()).toBe(expected);
    expect(await tapTargetsBelow(page, 44)).toEqual([]);
    await page.locator('[data-testid="opp-save"]').click();
    await page.locator('[data-testid="opp-editor"]').waitFor({ state: 'detached' });
    const after = await server.call('GET', `/api/v1/opportunities/${opp.id}`, { token });
    // The start of that company day, so the forecast's close month and the list read the same day back.
    const stored = new Date(after.body.expectedCloseAt);
    expect([companyDay(stored), companyHour(stored)]).toEqual([expected, 0]);
  });

  it('takes screenshots of the other main pages', async () => {
    for (const [name, route, ready] of [
      ['03-customers', '/pages/customers/index', 'customer-row'],
      ['06-opportunities', '/pages/opportunities/index', 'opp'],
      ['07-leads', '/pages/leads/index', 'lead-tab'],
      ['08-approvals', '/pages/approvals/index', 'approval-tab'],
      ['09-funnel', '/pages/funnel/index', 'funnel'],
      ['10-me', '/pages/me/index', 'language'],
    ] as const) {
      await open(route);
      await page.locator(`[data-testid="${ready}"]`).first().waitFor();
      await page.waitForTimeout(300);
      await shot(name);
      expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number), name).toBeLessThanOrEqual(375);
      expect(await tapTargetsBelow(page, 44), name).toEqual([]);
    }
  });

  it('lands a deep link (as a card button opens it) on the record, through the sign-in picker when needed', async () => {
    const mine = await server.call('GET', '/api/v1/customers?limit=1&sort=-updatedAt', { token });
    const id = mine.body.items[0].id as number;
    const fresh = await phone(browser);
    const p = await fresh.newPage();
    const failed: string[] = [];
    p.on('requestfailed', (r) => failed.push(r.url()));
    p.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
    await p.goto(`${server.url}/m/#/pages/customer/index?id=${id}`);
    await p.locator('[data-testid="login-rep.zhang"]').click();
    await p.locator('[data-testid="timeline"]').waitFor();
    expect(p.url()).toContain(`/pages/customer/index?id=${id}`);
    expect(await p.locator('.header .uc').innerText()).toBe(mine.body.items[0].name);
    // Everything the page needs comes from our own origin and answers.
    expect(failed.filter((u) => !u.endsWith('/favicon.ico'))).toEqual([]);
    await fresh.close();
  });

  it('shows the approvals inbox, or a clear "not available yet" while the server has no approval API', async () => {
    const probe = await server.call('GET', '/api/v1/approvals?status=pending', { token });
    await open('/pages/approvals/index');
    if (probe.status === 404) {
      await page.locator('[data-testid="unavailable"]').waitFor();
    } else {
      expect(probe.status).toBe(200);
      await page.locator('[data-testid="approval-row"], [data-testid="empty"]').first().waitFor();
    }
  });

  let contractId = 0;
  const contractTitle = `E2E 合同 ${Date.now().toString(36)}`;
  /**
   * The rep's contract the tests below read: the one the creating test made through the form, or (a test run alone)
   * one made and submitted through the API; 'approved' has the director approve it as the inbox test does.
   */
  const ensureContract = async (want: 'pending' | 'approved') => {
    if (!contractId) {
      const mine = await server.call('GET', '/api/v1/customers?limit=1&sort=-updatedAt', { token });
      const made = await server.call('POST', '/api/v1/contracts', { token, body: {
        customerId: mine.body.items[0].id, title: contractTitle, amountCents: 3_000_000, startAt: '2027-01-01T00:00:00+08:00', endAt: '2027-12-31T00:00:00+08:00',
      } });
      expect(made.status).toBe(201);
      expect((await server.call('POST', `/api/v1/contracts/${made.body.id}/submit`, { token })).body.status).toBe('pending');
      contractId = made.body.id;
    }
    const k = (await server.call('GET', `/api/v1/contracts/${contractId}`, { token })).body as { status: string; approvalId: number };
    if (want === 'approved' && k.status === 'pending') {
      const director = await server.login('director.li');
      expect((await server.call('POST', `/api/v1/approvals/${k.approvalId}/decide`, { token: director, body: { action: 'approve', comment: '同意，E2E' } })).status).toBe(200);
      expect((await server.call('GET', `/api/v1/contracts/${contractId}`, { token })).body.status).toBe('approved');
    } else {
      expect(k.status).toBe(want);
    }
  };

  it('a rep creates a contract from the customer page, sees errors inline, submits it, and it shows pending', async () => {
    const mine = await server.call('GET', '/api/v1/customers?limit=1&sort=-updatedAt', { token });
    const customerId = mine.body.items[0].id as number;
    await fresh(`/pages/customer/index?id=${customerId}`);
    await page.locator('[data-testid="new-contract"]').click();
    await page.locator('[data-testid="contract-form"]').waitFor();
    await page.locator('[data-testid="contract-title"] input').fill(contractTitle);
    // The form's own check: no amount.
    await page.locator('[data-testid="contract-submit-new"]').click();
    await page.locator('[data-testid="error-amount"]').waitFor();
    // The server's localized answer, shown under the field it names (amountCents → the amount input).
    await page.locator('[data-testid="contract-amount"] input').fill('99999999999999');
    await page.locator('[data-testid="contract-submit-new"]').click();
    expect(await page.locator('[data-testid="error-amount"]').innerText()).toContain('分');
    expect((await server.call('GET', `/api/v1/contracts?customerId=${customerId}&limit=100`, { token })).body.items
      .filter((k: { title: string }) => k.title === contractTitle)).toHaveLength(0);

    await page.locator('[data-testid="contract-amount"] input').fill('30000');
    await page.locator('[data-testid="contract-startAt"] input').fill('2027-01-01');
    await page.locator('[data-testid="contract-endAt"] input').fill('2027-12-31');
    await shot('14-contract-new');
    expect(await tapTargetsBelow(page, 44)).toEqual([]);
    await page.locator('[data-testid="contract-submit-new"]').click();
    await page.locator('[data-testid="contract-status"][data-status="pending"]').waitFor();
    await page.locator('[data-testid="approval-step"]').first().waitFor();
    await shot('15-contract-pending');
    expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number)).toBeLessThanOrEqual(375);

    const list = await server.call('GET', `/api/v1/contracts?customerId=${customerId}&limit=100`, { token });
    const created = list.body.items.filter((k: { title: string }) => k.title === contractTitle);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ status: 'pending', amountCents: 3_000_000 });
    expect(created[0].approvalId).toBeTruthy();
    expect(new Date(created[0].endAt).getFullYear()).toBe(2027);
    contractId = created[0].id;
    // The customer's contracts list shows it pending.
    await fresh(`/pages/customer/index?id=${customerId}`);
    expect(await page.locator(`[data-testid="contract-row"][data-id="${contractId}"]`).innerText()).toContain(zh['miniapp.contract.status.pending']);
  });

  it('a director approves the pending contract from the inbox (reject needs a comment) and it is approved', async () => {
    await ensureContract('pending');
    const ctx = await phone(browser);
    const p = await ctx.newPage();
    await p.goto(`${server.url}/m/#/pages/approvals/index`);
    await p.locator('[data-testid="login-director.li"]').click();
    const row = p.locator(`[data-testid="approval-row"][data-object="${contractId}"]`);
    await row.waitFor();
    // Whose contract it is, on the row itself.
    const customer = (await server.call('GET', `/api/v1/contracts/${contractId}`, { token })).body.customerName as string;
    expect(customer).toBeTruthy();
    expect(await row.locator('[data-testid="approval-customer"]').innerText()).toContain(customer);
    await row.locator('.row').click();
    await row.locator('[data-testid="approval-detail"]').waitFor();
    // Reject without a comment: refused inline, nothing sent.
    await row.locator('[data-testid="approval-reject"]').click();
    await row.locator('[data-testid="decide-error"]').waitFor();
    // Transfer opens a colleague picker from /users.
    await row.locator('[data-testid="approval-transfer"]').click();
    await row.locator('[data-testid="colleague"]').first().waitFor();
    await p.screenshot({ path: join(ARTIFACTS, '16-approval-transfer.png'), fullPage: true });
    expect(await tapTargetsBelow(p, 44)).toEqual([]);
    await row.locator('.btn', { hasText: zh['miniapp.common.cancel'] }).click();
    await row.locator('[data-testid="approval-comment"] textarea').fill('同意，E2E');
    await row.locator('[data-testid="approval-approve"]').click();
    await row.waitFor({ state: 'detached' });

    const k = await server.call('GET', `/api/v1/contracts/${contractId}`, { token });
    expect(k.body.status).toBe('approved');
    // Done tab: the decision, marked approved.
    await p.locator('[data-testid="approval-tab-done"]').click();
    const done = p.locator(`[data-testid="approval-row"][data-object="${contractId}"]`);
    await done.waitFor();
    expect(await done.locator('[data-testid="approval-result"]').innerText()).toBe(RESULT_APPROVED);
    await p.screenshot({ path: join(ARTIFACTS, '17-approvals-done.png'), fullPage: true });
    await ctx.close();

    // The rep's contract page shows it approved, with the director's approval in the progress.
    await fresh(`/pages/contract/index?id=${contractId}`);
    await page.locator('[data-testid="contract-status"][data-status="approved"]').waitFor();
    expect(await page.locator('[data-testid="approval-step"]').first().getAttribute('data-status')).toBe('approved');
    expect(await page.locator('[data-testid="approval-history"]').innerText()).toContain('同意，E2E');
  });

  it('my contracts (from Me): most recently updated first with customer, status and amount; a status chip filters; a tap opens the contract', async () => {
    await ensureContract('approved');
    const page1 = (await server.call('GET', '/api/v1/contracts?sort=-updatedAt&limit=20', { token })).body as { items: any[]; nextCursor: string | null };
    expect(page1.items[0].id).toBe(contractId); // just approved: the most recent
    await fresh('/pages/me/index');
    await page.locator('[data-testid="go-contracts"]').click();
    const rows = page.locator('[data-testid="contract-list"] [data-testid="contract-row"]');
    await rows.first().waitFor();
    expect(page.url()).toContain('/pages/contracts/index');
    // The page slides in from the right (navigateTo): its rows may be there before it comes to rest.
    await expect.poll(() => page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number)).toBeLessThanOrEqual(375);
    await shot('20-contracts');
    expect(await tapTargetsBelow(page, 44)).toEqual([]);
    const rowIds = async () => (await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-id')))));
    expect(await rowIds()).toEqual(page1.items.map((k) => k.id));
    // Each row: title, status word, the customer's name (the contract carries it), the amount as the API gives it.
    for (const k of page1.items.slice(0, 5)) {
      expect(k.customerName).toBe((await server.call('GET', `/api/v1/customers/${k.customerId}`, { token })).body.name);
      const row = page.locator(`[data-testid="contract-list"] [data-testid="contract-row"][data-id="${k.id}"]`);
      const text = await row.innerText();
      expect(text).toContain(k.title);
      expect(text).toContain(zh[`miniapp.contract.status.${k.status}`]);
      expect(text).toContain(k.customerName);
      expect(await row.locator('[data-testid="contract-row-amount"]').count()).toBe(k.amountCents === undefined ? 0 : 1);
    }
    expect(await rows.first().innerText()).toContain(contractTitle);
    // A rep's few contracts fit one page.
    expect(page1.nextCursor).toBeNull();
    await page.getByText(zh['miniapp.common.noMore']).waitFor();
    expect(await page.locator('[data-testid="load-more"]').count()).toBe(0);

    // A status chip: only that status, still most recently updated first; 全部状态 brings all back.
    const other = page1.items.map((k) => k.status as string).find((x) => x !== 'approved');
    for (const status of ['approved', ...(other ? [other] : [])]) {
      const want = (await server.call('GET', `/api/v1/contracts?status=${status}&sort=-updatedAt&limit=20`, { token })).body.items.map((k: { id: number }) => k.id);
      expect(want.length).toBeGreaterThan(0);
      await page.locator(`[data-testid="contracts-status-${status}"]`).click();
      await expect.poll(rowIds).toEqual(want);
      expect(await page.locator(`[data-testid="contracts-status-${status}"]`).getAttribute('class')).toContain('chip-on');
      expect(new Set(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-status'))))).toEqual(new Set([status]));
    }
    await page.locator('[data-testid="contracts-status-approved"]').click();
    await expect.poll(async () => (await rowIds())[0]).toBe(contractId);
    await shot('21-contracts-approved');

    // A tap opens the contract page on that contract.
    await rows.first().click();
    await page.locator('[data-testid="contract-header"]', { hasText: contractTitle }).waitFor();
    expect(page.url()).toContain(`/pages/contract/index?id=${contractId}`);
    await page.locator('[data-testid="contract-status"][data-status="approved"]').waitFor();
    // Back on the list it asks again (the contract may have moved: submitted, withdrawn, edited).
    const again = page.waitForRequest((r) => r.url().includes('/api/v1/contracts?') && r.url().includes('status=approved'));
    await page.goBack();
    await again;
    await expect.poll(async () => (await rowIds())[0]).toBe(contractId);
  });

  it('my contracts for a sales director: the department\'s contracts, a page at a time ("load more")', async () => {
    const ctx = await phone(browser);
    const p = await ctx.newPage();
    await p.goto(`${server.url}/m/#/pages/contracts/index`);
    await p.locator('[data-testid="login-director.li"]').click();
    const rows = p.locator('[data-testid="contract-list"] [data-testid="contract-row"]');
    await rows.first().waitFor();
    const director = await server.login('director.li');
    const first = (await server.call('GET', '/api/v1/contracts?sort=-updatedAt&limit=20', { token: director })).body as { items: { id: number }[]; nextCursor: string | null };
    expect(first.nextCursor).toBeTruthy();
    const rowIds = () => rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-id'))));
    await expect.poll(rowIds).toEqual(first.items.map((k) => k.id));
    const second = (await server.call('GET', `/api/v1/contracts?sort=-updatedAt&limit=20&cursor=${first.nextCursor}`, { token: director })).body as { items: { id: number }[]; nextCursor: string | null };
    // Tapped where it is (a click would scroll it into view first, and reaching the bottom loads the page too).
    await p.locator('[data-testid="load-more"]').dispatchEvent('click');
    await expect.poll(rowIds).toEqual([...first.items, ...second.items].map((k) => k.id));
    if (!second.nextCursor) await p.getByText(zh['miniapp.common.noMore']).waitFor();
    expect(await tapTargetsBelow(p, 44)).toEqual([]);
    await ctx.close();
  });

  it('my contracts for finance: every contract with its customer\'s name, though finance may not open the customers', async () => {
    const ctx = await phone(browser);
    const p = await ctx.newPage();
    const fin = await server.login('finance.sun');
    const listed = (await server.call('GET', '/api/v1/contracts?sort=-updatedAt&limit=20', { token: fin })).body.items as { id: number; customerId: number; customerName?: string }[];
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((k) => k.customerName)).toBe(true);
    expect((await server.call('GET', `/api/v1/customers/${listed[0].customerId}`, { token: fin })).status).toBe(404);
    // The page asks for contracts only: no customer lookups it would be refused.
    const asked: string[] = [];
    p.on('request', (r) => { if (r.url().includes('/api/v1/')) asked.push(new URL(r.url()).pathname); });
    await p.goto(`${server.url}/m/#/pages/contracts/index`);
    await p.locator('[data-testid="login-finance.sun"]').click();
    const rows = p.locator('[data-testid="contract-list"] [data-testid="contract-row"]');
    await rows.first().waitFor();
    for (const k of listed.slice(0, 5)) {
      expect(await p.locator(`[data-testid="contract-list"] [data-testid="contract-row"][data-id="${k.id}"] .contract-row-customer`).innerText()).toBe(k.customerName);
    }
    expect(asked.filter((x) => x.startsWith('/api/v1/customers'))).toEqual([]);
    await p.screenshot({ path: join(ARTIFACTS, '22-contracts-finance.png'), fullPage: true });
    await ctx.close();
  });

  it('my contracts leave amounts out where a field rule hides them from the reader', async () => {
    const admin = await server.login('admin');
    const before = await server.call('GET', '/api/v1/settings', { token: admin });
    const hide = [{ object: 'contract', field: 'amountCents', hiddenFor: ['rep'] }];
    expect((await server.call('PUT', '/api/v1/settings/fieldRules', { token: admin, body: { value: hide } })).status).toBe(200);
    try {
      const listed = (await server.call('GET', '/api/v1/contracts?sort=-updatedAt&limit=20', { token })).body.items as object[];
      expect(listed.every((k) => !('amountCents' in k))).toBe(true);
      await fresh('/pages/contracts/index');
      const rows = page.locator('[data-testid="contract-list"] [data-testid="contract-row"]');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(listed.length);
      expect(await page.locator('[data-testid="contract-row-amount"]').count()).toBe(0);
      expect(await rows.first().innerText()).not.toMatch(/¥/);
    } finally {
      expect((await server.call('PUT', '/api/v1/settings/fieldRules', { token: admin, body: { value: before.body.fieldRules } })).status).toBe(200);
    }
  });

  /** A catalog sentence with its placeholders filled, as the page's t() does. */
  const say = (key: string, params: Record<string, string | number> = {}) =>
    zh[`miniapp.${key}`].replace(/\{(\w+)\}/g, (m, k: string) => (params[k] === undefined ? m : String(params[k])));
  const attrs = (rows: ReturnType<Page['locator']>, name: string) => rows.evaluateAll((els, n) => els.map((e) => e.getAttribute(n)), name);
  /** Every page of a paged list as one answer (the first page's figures, all the items, no cursor left). */
  const allPages = async <B extends { items: unknown[]; nextCursor: string | null }>(path: string, who: string): Promise<B> => {
    const sep = path.includes('?') ? '&' : '?';
    const first = (await server.call('GET', `/api/v1${path}${sep}limit=100`, { token: who })).body as B;
    const items = [...first.items];
    for (let cursor = first.nextCursor; cursor;) {
      const next = (await server.call('GET', `/api/v1${path}${sep}limit=100&cursor=${cursor}`, { token: who })).body as B;
      items.push(...next.items);
      cursor = next.nextCursor;
    }
    return { ...first, items, nextCursor: null };
  };
  interface StaleRow { id: number; name: string; ownerId: number; lastFollowUpAt: string | null; days: number; everyDays: number | null; overdueDays: number | null; returnAt: string | null; daysLeft: number | null }
  interface StaleBody { scope: string; total: number; items: StaleRow[]; nextCursor: string | null; owners: { id: number; name: string; count: number }[]; poolSoonDays: number }
  /** One row of the overdue-customers page says what the API says: days since the last follow-up and why it is listed. */
  const checkStaleRow = async (row: ReturnType<Page['locator']>, c: StaleRow) => {
    expect(await row.locator('.row-title').innerText()).toContain(c.name);
    const waited = c.lastFollowUpAt ? say(c.days === 1 ? 'stale.daysOne' : 'stale.days', { days: c.days }) : say(c.days === 1 ? 'stale.neverOne' : 'stale.never', { days: c.days });
    expect(await row.locator('[data-testid="stale-days"]').innerText()).toBe(waited);
    const reasons = row.locator('[data-testid="stale-reason"]');
    expect(await attrs(reasons, 'data-reason')).toEqual([...(c.overdueDays !== null ? ['cadence'] : []), ...(c.returnAt !== null ? ['pool'] : [])]);
    if (c.overdueDays !== null) {
      expect(await row.locator('[data-reason="cadence"]').innerText()).toBe(c.overdueDays > 0
        ? say(c.overdueDays === 1 ? 'stale.pastCadenceOne' : 'stale.pastCadence', { days: c.overdueDays, every: c.everyDays! })
        : say('stale.cadenceNow', { every: c.everyDays! }));
    }
    if (c.returnAt !== null) {
      expect(await row.locator('[data-reason="pool"]').innerText()).toBe(Date.parse(c.returnAt) <= Date.now() ? say('stale.poolDue') : c.daysLeft === 0
        ? say('stale.poolWithinDay')
        : say(c.daysLeft === 1 ? 'stale.poolOnOne' : 'stale.poolOn', { date: companyDay(new Date(c.returnAt)), days: c.daysLeft! }));
    }
  };

  it('overdue customers (Today → 全部): a rep\'s own, most urgent first, each with days since the last follow-up and why it is listed; a tap opens the customer', async () => {
    const me = (await server.call('GET', '/api/v1/me', { token })).body as { id: number };
    await fresh('/pages/today/index');
    await page.locator('[data-testid="today-overdue"] [data-testid="go-stale"]').scrollIntoViewIfNeeded();
    await page.locator('[data-testid="today-overdue"]').screenshot({ path: join(ARTIFACTS, '23a-today-overdue.png') });
    await page.locator('[data-testid="today-overdue"] [data-testid="go-stale"]').click();
    const rows = page.locator('[data-testid="stale-row"]');
    await rows.first().waitFor();
    expect(page.url()).toContain('/pages/stale/index');
    const stale = (await server.call('GET', '/api/v1/customers/stale', { token })).body as StaleBody;
    expect(stale.scope).toBe('mine');
    // A rep's few fit the first page (20).
    expect(stale.nextCursor).toBeNull();
    await page.locator('[data-testid="no-more"]').waitFor();
    expect(await page.locator('[data-testid="load-more"]').count()).toBe(0);
    expect(stale.items.length).toBeGreaterThan(0);
    expect(stale.items.every((c) => c.ownerId === me.id)).toBe(true);
    expect((await attrs(rows, 'data-id')).map(Number)).toEqual(stale.items.map((c) => c.id));
    expect(await page.locator('[data-testid="stale-summary"]').innerText()).toBe(say('stale.summary.mine', { count: stale.total, days: stale.poolSoonDays }));
    // A rep's own list: no owner chips, no per-person groups; each row one tap from a follow-up.
    expect(await page.locator('[data-testid="stale-owner"]').count()).toBe(0);
    expect(await page.locator('[data-testid="stale-group-title"]').count()).toBe(0);
    expect(await page.locator('[data-testid="stale-followup"]').count()).toBe(stale.items.length);
    for (const c of stale.items) await checkStaleRow(page.locator(`[data-testid="stale-row"][data-id="${c.id}"]`), c);
    // Both reasons occur in the demo data: past the cadence, and a day back in the pool.
    expect(stale.items.some((c) => c.overdueDays !== null) && stale.items.some((c) => c.returnAt !== null)).toBe(true);
    await expect.poll(() => page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number)).toBeLessThanOrEqual(375);
    await shot('23-stale-rep');
    expect(await tapTargetsBelow(page, 44)).toEqual([]);

    // A tap opens the customer's page; back, the list asks again (a follow-up may have taken a customer off it).
    const first = stale.items[0];
    await page.locator(`[data-testid="stale-row"][data-id="${first.id}"] .row-main`).click();
    await page.locator('[data-testid="timeline"]').waitFor();
    expect(page.url()).toContain(`/pages/customer/index?id=${first.id}`);
    expect(await page.locator('.header .uc:visible').innerText()).toBe(first.name);
    const again = page.waitForRequest((r) => r.url().includes('/api/v1/customers/stale?'));
    await page.goBack();
    await again;
    // Also on Me.
    await fresh('/pages/me/index');
    await page.locator('[data-testid="go-stale"]').click();
    await page.locator('[data-testid="stale-row"]').first().waitFor();
  });

  it('overdue customers for a manager: the team\'s, grouped by rep (the most first), and a rep\'s chip shows only theirs', async () => {
    const ctx = await phone(browser);
    const p = await ctx.newPage();
    await p.goto(`${server.url}/m/#/pages/me/index`);
    await p.locator('[data-testid="login-mgr.wang"]').click();
    await p.locator('[data-testid="go-stale"]').click();
    await p.locator('[data-testid="stale-group"]').first().waitFor();
    const mgr = await server.login('mgr.wang');
    const me = (await server.call('GET', '/api/v1/me', { token: mgr })).body as { id: number };
    const first = (await server.call('GET', '/api/v1/customers/stale', { token: mgr })).body as StaleBody;
    const stale = await allPages<StaleBody>('/customers/stale', mgr);
    expect(stale.scope).toBe('team');
    expect(stale.owners.length).toBeGreaterThan(1);
    expect(stale.total).toBe(stale.items.length);
    expect(await p.locator('[data-testid="stale-summary"]').innerText()).toBe(say('stale.summary.team', { count: stale.total, days: stale.poolSoonDays }));
    // A team's list comes a page (20) at a time, grouped by person as far as it has come; "load more" brings the rest.
    expect(first.nextCursor).toBeTruthy();
    expect(first.items).toHaveLength(20);
    const shownIds = () => attrs(p.locator('[data-testid="stale-row"]'), 'data-id').then((x) => x.map(Number));
    const inGroups = (items: StaleRow[]) => stale.owners.flatMap((o) => items.filter((c) => c.ownerId === o.id).map((c) => c.id));
    await expect.poll(shownIds).toEqual(inGroups(first.items));
    for (let pages = 1; pages < 10 && await p.locator('[data-testid="load-more"]').count(); pages++) {
      const before = (await shownIds()).length;
      // Tapped where it is (a click would scroll it into view first, and reaching the bottom loads the page too).
      await p.locator('[data-testid="load-more"]').dispatchEvent('click');
      await expect.poll(async () => (await shownIds()).length).toBeGreaterThan(before);
    }
    await p.locator('[data-testid="no-more"]').waitFor();
    expect(await shownIds()).toEqual(inGroups(stale.items));
    // One group per person, the one with the most first, each with its rows most urgent first.
    const groups = p.locator('[data-testid="stale-group"]');
    expect((await attrs(groups, 'data-owner')).map(Number)).toEqual(stale.owners.map((o) => o.id));
    for (const o of stale.owners) {
      const g = p.locator(`[data-testid="stale-group"][data-owner="${o.id}"]`);
      const title = await g.locator('[data-testid="stale-group-title"]').innerText();
      expect(title).toContain(o.name);
      expect(title).toContain(say('stale.count', { count: o.count }));
      const ids = stale.items.filter((c) => c.ownerId === o.id).map((c) => c.id);
      expect(ids).toHaveLength(o.count);
      expect((await attrs(g.locator('[data-testid="stale-row"]'), 'data-id')).map(Number)).toEqual(ids);
    }
    // The rep's own customers are in it; a follow-up button only on the manager's own.
    const zhang = (await server.call('GET', '/api/v1/me', { token })).body as { id: number };
    expect(stale.owners.map((o) => o.id)).toContain(zhang.id);
    expect((await attrs(p.locator('[data-testid="stale-row"]:has([data-testid="stale-followup"])'), 'data-owner')).map(Number))
      .toEqual(stale.items.filter((c) => c.ownerId === me.id).map(() => me.id));
    for (const c of stale.items.slice(0, 8)) await checkStaleRow(p.locator(`[data-testid="stale-row"][data-id="${c.id}"]`), c);
    await p.screenshot({ path: join(ARTIFACTS, '24-stale-manager.png'), fullPage: true });
    expect(await tapTargetsBelow(p, 44)).toEqual([]);

    // One person's chip: only theirs, as GET /customers/stale?ownerId= lists them, no groups; 全部 brings the groups back.
    const one = stale.owners.find((o) => o.id === zhang.id)!;
    const theirs = (await server.call('GET', `/api/v1/customers/stale?ownerId=${one.id}`, { token: mgr })).body as StaleBody;
    expect(theirs.nextCursor).toBeNull();
    await p.locator(`[data-testid="stale-owner-${one.id}"]`).click();
    const rowIds = () => attrs(p.locator('[data-testid="stale-row"]'), 'data-id').then((x) => x.map(Number));
    await expect.poll(rowIds).toEqual(theirs.items.map((c) => c.id));
    expect(await p.locator('[data-testid="stale-group-title"]').count()).toBe(0);
    expect(await p.locator('[data-testid="stale-summary"]').innerText()).toBe(say('stale.summary.one', { count: theirs.total, days: theirs.poolSoonDays }));
    await p.locator('[data-testid="stale-owner-all"]').click();
    await expect.poll(() => p.locator('[data-testid="stale-group-title"]').count()).toBe(stale.owners.length);
    await ctx.close();
  });

  interface Instalment { paymentId: number; contractId: number; contractTitle: string; customerName?: string; ownerId: number | null; ownerName: string | null; daysOverdue: number; plannedDate: string | null; remainingCents?: number; plannedAmountCents?: number }
  interface OutstandingBody { total: number; overdue: number; remainingCents?: number; overdueCents?: number; amountsHidden: boolean; items: Instalment[]; nextCursor: string | null }
  /** The instalment rows on the page say what the API says, an amount as its number or as hidden. */
  const checkInstalments = async (p: Page, body: OutstandingBody) => {
    const rows = p.locator('[data-testid="payment-list"] [data-testid="payment-row"]');
    await expect.poll(async () => (await attrs(rows, 'data-id')).map(Number)).toEqual(body.items.map((x) => x.paymentId));
    for (const x of body.items) {
      const row = p.locator(`[data-testid="payment-row"][data-id="${x.paymentId}"]`);
      const text = await row.innerText();
      expect(text).toContain(x.contractTitle);
      if (x.customerName) expect(text).toContain(x.customerName);
      expect(await row.getAttribute('data-contract')).toBe(String(x.contractId));
      expect(await row.locator('[data-testid="payment-due"]').innerText()).toBe(x.daysOverdue > 0
        ? say(x.daysOverdue === 1 ? 'payments.overdueDaysOne' : 'payments.overdueDays', { days: x.daysOverdue, date: x.plannedDate! })
        : x.plannedDate ? say('payments.dueOn', { date: x.plannedDate }) : say('payments.undated'));
      const amount = row.locator('[data-testid="payment-amount"]');
      if (x.remainingCents === undefined) {
        expect(await amount.getAttribute('data-hidden')).toBe('yes');
        expect(await amount.innerText()).toBe(say('payments.hidden'));
      } else {
        expect(await amount.getAttribute('data-cents')).toBe(String(x.remainingCents));
        expect(await amount.innerText()).toMatch(/^¥[\d.,]+万?$/);
      }
    }
    const totals = p.locator('[data-testid="payments-totals"]');
    expect(await totals.getAttribute('data-total')).toBe(String(body.total));
    expect(await totals.getAttribute('data-overdue')).toBe(String(body.overdue));
    expect(await p.locator('[data-testid="payments-totals-hidden"]').count()).toBe(body.amountsHidden && body.total > 0 ? 1 : 0);
    expect(await p.locator('[data-testid="payments-totals-amount"]').count()).toBe(!body.amountsHidden && body.total > 0 ? 1 : 0);
  };
  interface SummaryBody { scope: 'mine' | 'team' | 'all'; teamName: string | null; month: { label: string }; receivedCount: number; receivedCents?: number; plannedCount: number; plannedCents?: number; overdueCount: number; overdueCents?: number; amountsHidden: boolean; topCustomers: { customerName?: string; receivedCents?: number }[] }
  const checkSummary = async (p: Page, s: SummaryBody) => {
    await p.locator(`[data-testid="payments-summary"][data-month="${s.month.label}"]`).waitFor();
    // Whose money it is: the company's, the team's by name, or the reader's own contracts.
    const scope = p.locator('[data-testid="payments-scope"]');
    expect(await scope.getAttribute('data-scope')).toBe(s.scope);
    expect(await scope.innerText()).toBe(s.scope === 'team' ? say('payments.scope.team', { team: s.teamName! }) : say(`payments.scope.${s.scope}`));
    for (const [id, count, cents] of [['received', s.receivedCount, s.receivedCents], ['planned', s.plannedCount, s.plannedCents], ['overdue', s.overdueCount, s.overdueCents]] as const) {
      expect(await p.locator(`[data-testid="summary-${id}"]`).getAttribute('data-count'), id).toBe(String(count));
      const amount = p.locator(`[data-testid="summary-${id}-amount"]`);
      if (cents === undefined) expect(await amount.innerText(), id).toBe(say('payments.hidden'));
      else expect(await amount.getAttribute('data-cents'), id).toBe(String(cents));
    }
    const top = await p.locator('[data-testid="top-customer"]').allInnerTexts();
    expect(top).toHaveLength(s.topCustomers.length);
    s.topCustomers.forEach((c, i) => { if (c.customerName) expect(top[i]).toContain(c.customerName); });
    expect(await p.locator('[data-testid="summary-hidden-note"]').count()).toBe(s.amountsHidden ? 1 : 0);
  };

  it('payments for finance (Today → 待回款): every approved contract\'s open instalments, overdue first, the month\'s summary, 逾期回款 and last month; a tap opens the contract', async () => {
    const ctx = await phone(browser);
    const p = await ctx.newPage();
    await p.goto(`${server.url}/m/#/pages/today/index`);
    await p.locator('[data-testid="login-finance.sun"]').click();
    await p.locator('[data-testid="today-shortcuts"] [data-testid="go-payments"]').click();
    await p.locator('[data-testid="payment-row"]').first().waitFor();
    expect(p.url()).toContain('/pages/payments/index');
    const fin = await server.login('finance.sun');
    const admin = await server.login('admin');
    const open = (await server.call('GET', '/api/v1/payments/outstanding', { token: fin })).body as OutstandingBody;
    // Finance reads them all, as an admin does.
    expect(open.total).toBe((await server.call('GET', '/api/v1/payments/outstanding', { token: admin })).body.total);
    expect(open.overdue).toBeGreaterThan(0);
    expect(open.amountsHidden).toBe(false);
    // The first page (20), the totals of them all, and more to load.
    expect(open.nextCursor).toBeTruthy();
    await checkInstalments(p, open);
    await p.locator('[data-testid="load-more"]').waitFor();
    // Owners' names: finance reads everyone's.
    const withOwner = open.items.find((x) => x.ownerName)!;
    expect(await p.locator(`[data-testid="payment-row"][data-id="${withOwner.paymentId}"]`).innerText()).toContain(withOwner.ownerName);
    expect(await p.locator('[data-testid="payments-totals"]').innerText()).toContain(say('payments.count', { count: open.total, overdue: open.overdue }));
    expect(await p.locator('[data-testid="payments-view-open"]').getAttribute('class')).toContain('chip-on');
    await expect.poll(() => p.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number)).toBeLessThanOrEqual(375);
    await p.screenshot({ path: join(ARTIFACTS, '25-payments-finance.png'), fullPage: true });
    expect(await tapTargetsBelow(p, 44)).toEqual([]);
    // Scrolled to the bottom, the next page comes (as the other lists load); at the end, nothing more to load.
    const everything = await allPages<OutstandingBody>('/payments/outstanding', fin);
    expect(everything.items.length).toBe(open.total);
    await p.locator('[data-testid="payment-list"]').evaluate((el) => { const scroller = el.closest('.taro_page') as any; scroller.scrollTop = scroller.scrollHeight; });
    await checkInstalments(p, everything);
    await p.locator('[data-testid="no-more"]').waitFor();
    expect(await p.locator('[data-testid="load-more"]').count()).toBe(0);

    // 逾期回款: only those past their planned day.
    const overdue = (await server.call('GET', '/api/v1/payments/outstanding?overdue=true', { token: fin })).body as OutstandingBody;
    expect(overdue.nextCursor).toBeNull();
    expect(overdue.total).toBe(open.overdue);
    await p.locator('[data-testid="payments-view-overdue"]').click();
    await checkInstalments(p, overdue);
    expect(overdue.items.every((x) => x.daysOverdue > 0)).toBe(true);
    expect(await p.locator('[data-testid="payments-totals"]').innerText()).toContain(say('payments.countOverdue', { count: overdue.total }));
    // The month's summary, this month and last.
    await p.locator('[data-testid="payments-view-month"]').click();
    const company = (await server.call('GET', '/api/v1/payments/summary', { token: fin })).body as SummaryBody;
    expect(company.scope).toBe('all');
    await checkSummary(p, company);
    await p.screenshot({ path: join(ARTIFACTS, '25b-payments-month.png'), fullPage: true });
    expect(await tapTargetsBelow(p, 44)).toEqual([]);
    const last = (await server.call('GET', '/api/v1/payments/summary?offset=-1', { token: fin })).body as SummaryBody;
    await p.locator('[data-testid="payments-when--1"]').click();
    await checkSummary(p, last);
    expect(await p.locator('[data-testid="payments-month-label"]').innerText()).toBe(last.month.label);
    await p.locator('[data-testid="payments-view-overdue"]').click();

    // A tap opens the instalment's contract (finance reads every contract).
    const x = overdue.items[0];
    await p.locator(`[data-testid="payment-row"][data-id="${x.paymentId}"]`).click();
    await p.locator('[data-testid="contract-header"]', { hasText: x.contractTitle }).waitFor();
    expect(p.url()).toContain(`/pages/contract/index?id=${x.contractId}`);
    // Finance's Today links straight to the overdue ones.
    await p.goto('about:blank');
    await p.goto(`${server.url}/m/#/pages/today/index`);
    await p.locator('[data-testid="go-payments-overdue"]').click();
    await expect.poll(() => p.locator('[data-testid="payments-view-overdue"]').getAttribute('class')).toContain('chip-on');
    await checkInstalments(p, overdue);
    await ctx.close();
  });

  it('payments for a rep (Me → 回款) list only their own contracts\' instalments; a manager\'s, the team\'s', async () => {
    const me = (await server.call('GET', '/api/v1/me', { token })).body as { id: number };
    const mine = (await server.call('GET', '/api/v1/payments/outstanding?limit=100', { token })).body as OutstandingBody;
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((x) => x.ownerId === me.id)).toBe(true);
    await fresh('/pages/me/index');
    await page.locator('[data-testid="go-payments"]').click();
    await page.locator('[data-testid="payment-row"]').first().waitFor();
    await checkInstalments(page, mine);
    await shot('26-payments-rep');
    await page.locator('[data-testid="payments-view-month"]').click();
    const own = (await server.call('GET', '/api/v1/payments/summary', { token })).body as SummaryBody;
    expect(own.scope).toBe('mine');
    await checkSummary(page, own);

    const ctx = await phone(browser);
    const p = await ctx.newPage();
    await p.goto(`${server.url}/m/#/pages/payments/index`);
    await p.locator('[data-testid="login-mgr.wang"]').click();
    await p.locator('[data-testid="payment-row"]').first().waitFor();
    const mgr = await server.login('mgr.wang');
    const team = (await server.call('GET', '/api/v1/payments/outstanding?limit=100', { token: mgr })).body as OutstandingBody;
    const fin = (await server.call('GET', '/api/v1/payments/outstanding', { token: await server.login('finance.sun') })).body as OutstandingBody;
    expect(team.total).toBeGreaterThan(mine.total);
    expect(team.total).toBeLessThan(fin.total);
    expect(new Set(team.items.map((x) => x.ownerId)).size).toBeGreaterThan(1);
    await checkInstalments(p, team);
    // The month's summary says it is the manager's team's.
    const summary = (await server.call('GET', '/api/v1/payments/summary', { token: mgr })).body as SummaryBody;
    expect(summary.scope).toBe('team');
    expect(summary.teamName).toBeTruthy();
    await p.locator('[data-testid="payments-view-month"]').click();
    await checkSummary(p, summary);
    await ctx.close();
  });

  it('a field rule hiding amounts shows them as hidden, never as 0: all of a rep\'s, and a manager\'s reps\' while his own keep theirs', async () => {
    const admin = await server.login('admin');
    const before = await server.call('GET', '/api/v1/settings', { token: admin });
    const rules = [
      { object: 'contract', field: 'amountCents', hiddenFor: ['rep'] },
      { object: 'contract', field: 'amountCents', hiddenFor: ['manager'], exceptWhen: 'owner' },
    ];
    expect((await server.call('PUT', '/api/v1/settings/fieldRules', { token: admin, body: { value: rules } })).status).toBe(200);
    try {
      const open = (await server.call('GET', '/api/v1/payments/outstanding?limit=100', { token })).body as OutstandingBody;
      const summary = (await server.call('GET', '/api/v1/payments/summary', { token })).body as SummaryBody;
      expect(open.amountsHidden && summary.amountsHidden).toBe(true);
      expect(open.items.every((x) => x.remainingCents === undefined)).toBe(true);
      await fresh('/pages/payments/index');
      await page.locator('[data-testid="payment-row"]').first().waitFor();
      await checkInstalments(page, open);
      expect(await page.locator('[data-testid="payment-amount"][data-hidden="yes"]').count()).toBe(open.items.length);
      // No number stands in for a hidden amount.
      expect(await page.locator('[data-testid="payment-list"]').innerText()).not.toMatch(/¥/);
      await page.locator('[data-testid="payments-totals-hidden"]').waitFor();
      await shot('27-payments-hidden');
      await page.locator('[data-testid="payments-view-month"]').click();
      await checkSummary(page, summary);
      expect(await page.locator('[data-testid="payments-summary"]').innerText()).not.toMatch(/¥/);

      // The manager sees the amounts of his own contracts and not those of his reps: per row, and no totals.
      const mgr = await server.login('mgr.wang');
      const me = (await server.call('GET', '/api/v1/me', { token: mgr })).body as { id: number };
      const team = (await server.call('GET', '/api/v1/payments/outstanding?limit=100', { token: mgr })).body as OutstandingBody;
      expect(team.amountsHidden).toBe(true);
      expect(team.remainingCents).toBeUndefined();
      const own = team.items.filter((x) => x.ownerId === me.id);
      expect(own.length).toBeGreaterThan(0);
      expect(own.every((x) => x.remainingCents !== undefined)).toBe(true);
      expect(team.items.filter((x) => x.ownerId !== me.id).every((x) => x.remainingCents === undefined)).toBe(true);
      const ctx = await phone(browser);
      const p = await ctx.newPage();
      await p.goto(`${server.url}/m/#/pages/payments/index`);
      await p.locator('[data-testid="login-mgr.wang"]').click();
      await p.locator('[data-testid="payment-row"]').first().waitFor();
      await checkInstalments(p, team);
      expect(await p.locator('[data-testid="payment-amount"][data-hidden="yes"]').count()).toBe(team.items.length - own.length);
      await p.screenshot({ path: join(ARTIFACTS, '28-payments-hidden-mixed.png'), fullPage: true });
      await ctx.close();
    } finally {
      expect((await server.call('PUT', '/api/v1/settings/fieldRules', { token: admin, body: { value: before.body.fieldRules } })).status).toBe(200);
    }
  });

  it('the leaderboard draws an F2 bar chart and lists every rank and amount in text, for each period including today', async () => {
    // The demo seed writes records without the rollup hooks: rebuild the rollups the boards read.
    const admin = await server.login('admin');
    expect((await server.call('POST', '/api/v1/leaderboard/rebuild', { token: admin })).status).toBe(200);
    const board = await server.call('GET', '/api/v1/leaderboard?metric=followUps&period=quarter', { token });
    expect(board.status).toBe(200);
    expect(board.body.items.length).toBeGreaterThan(0);
    // Opened as the leaderboard card's "open in mini-program" link does (the domain's metric name).
    await fresh('/pages/leaderboard/index?metric=followups&period=quarter');
    expect(await page.locator('[data-testid="metric-followUps"]').getAttribute('class')).toContain('chip-on');
    expect(await page.locator('[data-testid="period-quarter"]').getAttribute('class')).toContain('chip-on');
    await page.locator('[data-testid="board-chart"][data-drawn="yes"]').waitFor();
    expect(await inkedPixels(page, 'board-chart')).toBeGreaterThan(500);
    // The numbers stay readable as text: one row per person with rank, name and value.
    const rows = await page.locator('[data-testid="board-row"]').allInnerTexts();
    expect(rows).toHaveLength(board.body.items.length);
    board.body.items.forEach((r: { name: string; value: number; rank: number }, i: number) => {
      expect(rows[i]).toContain(String(r.rank));
      expect(rows[i]).toContain(r.name);
      expect(rows[i]).toContain(String(r.value));
    });
    await shot('18-leaderboard');
    expect(await tapTargetsBelow(page, 44)).toEqual([]);
    expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number)).toBeLessThanOrEqual(375);

    // Today: the server's day board, as the API answers it.
    const dayAnswered = page.waitForResponse((r) => r.url().includes('/leaderboard?') && r.url().includes('period=day'));
    await page.locator('[data-testid="period-day"]').click();
    expect((await dayAnswered).status()).toBe(200);
    const day = await server.call('GET', '/api/v1/leaderboard?metric=followUps&period=day', { token });
    if (day.body.items.length) {
      await page.locator('[data-testid="board-chart"][data-drawn="yes"]').waitFor();
      expect(await page.locator('[data-testid="board-row"]').count()).toBe(day.body.items.length);
    } else {
      await page.locator('[data-testid="empty"]').waitFor();
    }
    expect(await page.locator('[data-testid="period-day"]').getAttribute('class')).toContain('chip-on');
    expect(await page.locator('[data-testid="leaderboard"] .section-title').innerText()).toContain(day.body.periodLabel);

    // A "last month" group card opens last month's board of its team: the chips say 上月 and 上一期.
    const me = await server.call('GET', '/api/v1/me', { token });
    const last = await server.call('GET', `/api/v1/leaderboard?metric=followUps&period=month&offset=-1&teamId=${me.body.teamId}`, { token });
    expect(last.status).toBe(200);
    const lastAnswered = page.waitForResponse((r) => r.url().includes('/leaderboard?') && r.url().includes('offset=-1') && r.url().includes(`teamId=${me.body.teamId}`));
    await fresh(`/pages/leaderboard/index?metric=followups&period=month&offset=-1&teamId=${me.body.teamId}`);
    expect((await lastAnswered).status()).toBe(200);
    expect(await page.locator('[data-testid="when--1"]').getAttribute('class')).toContain('chip-on');
    expect(await page.locator('[data-testid="period-month"]').innerText()).toBe('上月');
    expect(await page.locator('[data-testid="leaderboard"] .section-title').innerText()).toContain(last.body.periodLabel);
    if (last.body.items.length) await page.locator('[data-testid="board-row"]').first().waitFor();
    expect(await page.locator('[data-testid="board-row"]').count()).toBe(last.body.items.length);
    // Back to the current period with one tap.
    await page.locator('[data-testid="when-0"]').click();
    await expect.poll(() => page.locator('[data-testid="period-month"]').innerText()).toBe('本月');
  });

  it('a field rule that hides amounts from reps leaves ranks and no amounts: no chart, no number in the list', async () => {
    const admin = await server.login('admin');
    const before = await server.call('GET', '/api/v1/settings', { token: admin });
    const hideFromReps = [{ object: 'opportunity', field: 'amountCents', hiddenFor: ['rep'] }];
    expect((await server.call('PUT', '/api/v1/settings/fieldRules', { token: admin, body: { value: hideFromReps } })).status).toBe(200);
    try {
      const board = await server.call('GET', '/api/v1/leaderboard?metric=wonAmount&period=quarter', { token });
      expect(board.body.amountsHidden).toBe(true);
      await fresh('/pages/leaderboard/index?metric=won_amount&period=quarter');
      await page.locator('[data-testid="amounts-hidden"]').waitFor();
      expect(await page.locator('[data-testid="board-chart"]').count()).toBe(0);
      const values = await page.locator('[data-testid="board-value"]').allInnerTexts();
      expect(values).toHaveLength(board.body.items.length);
      for (const v of values) expect(v).toBe(zh['miniapp.stats.hidden']);
      const ranks = await page.locator('[data-testid="board-row"] .rank').allInnerTexts();
      expect(ranks).toEqual(board.body.items.map((r: { rank: number }) => String(r.rank)));
    } finally {
      expect((await server.call('PUT', '/api/v1/settings/fieldRules', { token: admin, body: { value: before.body.fieldRules } })).status).toBe(200);
    }
  });

  it('the funnel draws an F2 funnel and lists every stage with count and amount in text', async () => {
    const funnel = await server.call('GET', '/api/v1/funnel', { token });
    expect(funnel.status).toBe(200);
    await fresh('/pages/funnel/index');
    await page.locator('[data-testid="funnel-chart"][data-drawn="yes"]').waitFor();
    expect(await inkedPixels(page, 'funnel-chart')).toBeGreaterThan(500);
    const rows = await page.locator('[data-testid="funnel-row"]').allInnerTexts();
    expect(rows).toHaveLength(funnel.body.stages.length);
    funnel.body.stages.forEach((s: { label: string; count: number }, i: number) => {
      expect(rows[i]).toContain(s.label);
      expect(rows[i]).toContain(String(s.count));
    });
    await page.locator('[data-testid="forecast"]').waitFor();
    await shot('19-funnel');
    expect(await tapTargetsBelow(page, 44)).toEqual([]);
    expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number)).toBeLessThanOrEqual(375);
    // A group's funnel card opens its team's funnel (the team's name shows; its stages as the API gives them).
    const me = await server.call('GET', '/api/v1/me', { token });
    const team = await server.call('GET', `/api/v1/funnel?teamId=${me.body.teamId}`, { token });
    const teamAnswered = page.waitForResponse((r) => r.url().includes(`/funnel?teamId=${me.body.teamId}`));
    await fresh(`/pages/funnel/index?teamId=${me.body.teamId}`);
    expect((await teamAnswered).status()).toBe(200);
    await page.locator('[data-testid="funnel"]').getByText(team.body.teamName).waitFor();
    const teamStages = team.body.stages as { count: number }[];
    const expected = teamStages.some((s) => s.count > 0) ? teamStages.length : 0;
    if (expected) await page.locator('[data-testid="funnel-row"]').first().waitFor();
    expect(await page.locator('[data-testid="funnel-row"]').count()).toBe(expected);
    await page.goto('about:blank');
  });

  it('switches to English and leaves no Chinese in the interface', async () => {
    if (!contractId) await ensureContract('pending');
    await open('/pages/me/index');
    await page.locator('[data-testid="lang-en-US"]').click();
    english = true;
    await page.locator('[data-testid="language"]').getByText('Language').waitFor();
    const offenders: Record<string, string[]> = {};
    for (const route of ['/pages/me/index', '/pages/today/index', '/pages/customers/index', '/pages/opportunities/index',
      '/pages/leads/index', '/pages/approvals/index', '/pages/leaderboard/index', '/pages/funnel/index', `/pages/contract/index?id=${contractId}`,
      '/pages/contracts/index', '/pages/stale/index', '/pages/payments/index']) {
      await open(route);
      await page.waitForTimeout(400);
      const bad = await uiTextWithCjk(page);
      if (bad.length) offenders[route] = bad;
    }
    // The follow-up form and a customer 360, reached the way a rep does.
    await open('/pages/today/index');
    await page.locator('[data-testid="task-followup"], [data-testid="overdue-followup"]').first().click();
    await page.locator('[data-testid="content"]').waitFor();
    const form = await uiTextWithCjk(page);
    if (form.length) offenders.followup = form;
    await shot('11-follow-up-en');
    await page.goBack();
    await page.locator('[data-testid="today-tasks"] .row-main, [data-testid="today-overdue"] .row-main').first().click();
    await page.locator('[data-testid="timeline"]').waitFor();
    await page.waitForTimeout(300);
    const c360 = await uiTextWithCjk(page);
    if (c360.length) offenders.customer = c360;
    await shot('12-customer-en');
    expect(offenders).toEqual({});
    expect(await page.title()).not.toMatch(/[\u3400-\u9fff]/);
  });

  it('keeps a follow-up written offline as a draft and stores it exactly once when back online', async () => {
    // The H5 build loads each page's code when first opened: the form's, online first, as a follow-up saved earlier
    // (here one of its own) would have loaded it; the form then goes back to Today.
    await fresh('/pages/today/index');
    await page.locator('[data-testid="overdue-followup"], [data-testid="task-followup"]').first().click();
    await page.locator('[data-testid="content"] textarea').fill(`Online visit ${Date.now()}`);
    await page.locator('[data-testid="save"]').click();
    await page.locator('[data-testid="overdue-row"]:visible, [data-testid="task-row"]:visible').first().waitFor();
    const content = `Offline visit ${Date.now()}`;
    await context.setOffline(true);
    await page.locator('[data-testid="offline"]').waitFor();
    await page.locator('[data-testid="overdue-followup"]:visible, [data-testid="task-followup"]:visible').first().click();
    const customerId = Number(new URL(page.url().replace('#', '')).searchParams.get('customerId'));
    await page.locator('[data-testid="content"] textarea').fill(content);
    await page.locator('[data-testid="type-visit"]').click();
    await page.locator('[data-testid="save"]').click();
    await page.locator('[data-testid="drafts-banner"]').waitFor();
    await shot('13-offline-draft');
    // Nothing reached the server while offline.
    const before = await server.call('GET', `/api/v1/activities?customerId=${customerId}&limit=100`, { token });
    expect(before.body.items.filter((a: { content: string }) => a.content === content)).toHaveLength(0);

    await context.setOffline(false);
    await page.locator('[data-testid="drafts-banner"]').waitFor({ state: 'detached', timeout: 30_000 });
    // A second sync (interval, "sync now") must not store it again.
    await page.evaluate(() => (globalThis as any).dispatchEvent(new Event('online')));
    await page.waitForTimeout(1500);
    const after = await server.call('GET', `/api/v1/activities?customerId=${customerId}&limit=100`, { token });
    const stored = after.body.items.filter((a: { content: string }) => a.content === content);
    expect(stored).toHaveLength(1);
    expect(stored[0].type).toBe('visit');
  });
});
