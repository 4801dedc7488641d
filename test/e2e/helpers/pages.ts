// Page checks shared by the browser tests and the P5 benchmark. The callbacks run in the browser; the
// project's tsconfig has no DOM lib (server code must not see browser globals), hence `globalThis as any`.
import type { Page } from 'playwright-core';
import type { TestClock } from '../../helpers/clock.js';

/** The wall clock behind the TestClock interface: browser and server must agree on "today". */
export const realClock = (): TestClock => ({ now: () => new Date(), set() {}, advance() {} }) as unknown as TestClock;

/**
 * Interface text (everything except elements marked `.uc`, i.e. names and notes users typed) that contains
 * CJK characters, plus placeholders. Demo data is Chinese; the interface must not be in English mode.
 */
export function uiTextWithCjk(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const { document, NodeFilter, getComputedStyle } = globalThis as any;
    const cjk = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;
    const out: string[] = [];
    const root = document.querySelector('.taro_page:not([style*="display: none"])') ?? document.body;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('.uc') || el.closest('style,script')) continue;
      const visible = el.offsetParent !== null || getComputedStyle(el).position === 'fixed';
      if (visible && cjk.test(n.textContent ?? '')) out.push((n.textContent ?? '').trim());
    }
    for (const el of Array.from(root.querySelectorAll('[placeholder]')) as any[]) {
      const p = el.getAttribute('placeholder') ?? '';
      if (cjk.test(p)) out.push(`placeholder: ${p}`);
    }
    return out;
  });
}

/** Buttons, chips and tabs on the visible page smaller than `min` px in height (tap targets). */
export function tapTargetsBelow(page: Page, min: number): Promise<string[]> {
  return page.evaluate((m) => {
    const { document } = globalThis as any;
    const out: string[] = [];
    const root = document.querySelector('.taro_page:not([style*="display: none"])') ?? document.body;
    for (const el of Array.from(root.querySelectorAll('.btn, .chip, .tab, .nut-button')) as any[]) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.height < m - 0.5) out.push(`${el.innerText.trim()} ${r.height.toFixed(1)}px`);
    }
    return out;
  }, min);
}
