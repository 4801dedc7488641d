// Debian's chromium driven by playwright-core (no browser download): see toolchain.md.
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

export const launch = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });

/**
 * A 375 px phone; `userAgent` makes it look like a platform's in-app browser (WeCom, DingTalk); `timezoneId` puts the
 * phone in another zone than the company's.
 */
export function phone(browser: Browser, locale = 'zh-CN', userAgent?: string, timezoneId?: string): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale,
    ...(userAgent ? { userAgent } : {}), ...(timezoneId ? { timezoneId } : {}),
  });
}
