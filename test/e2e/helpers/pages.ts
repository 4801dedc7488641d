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

/** Pixels of the chart's canvas that carry paint (not transparent, not white): 0 means nothing was drawn. */
export function inkedPixels(page: Page, chartTestId: string): Promise<number> {
  return page.evaluate((id) => {
    const { document } = globalThis as any;
    const canvas = document.querySelector(`[data-testid="${id}"] canvas`);
    if (!canvas || !canvas.width || !canvas.height) return 0;
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && !(data[i] > 245 && data[i + 1] > 245 && data[i + 2] > 245)) n++;
    return n;
  }, chartTestId);
}

/**
 * Turns column `column` of the open NutUI picker wheel by `rows` (negative: later values) with real touch
 * events through the DevTools protocol, as a finger does.
 */
export async function dragWheel(page: Page, column: number, rows: number): Promise<void> {
  const list = page.locator('.nut-picker .nut-pickerview-list').nth(column);
  await list.waitFor();
  // The sheet slides up when it opens: wait until the column stands still before touching it.
  let box = await list.boundingBox();
  for (let i = 0; i < 50; i++) {
    await page.waitForTimeout(100);
    const next = await list.boundingBox();
    if (box && next && next.y === box.y) break;
    box = next;
  }
  if (!box) throw new Error('picker column not visible');
  const rowHeight = await page.evaluate(() => {
    const { document } = globalThis as any;
    const item = document.querySelector('.nut-picker .nut-pickerview-roller-item');
    return item ? item.getBoundingClientRect().height : 36;
  });
  const cdp = await page.context().newCDPSession(page);
  const x = box.x + box.width / 2;
  const y0 = box.y + box.height / 2;
  const y1 = y0 + rows * rowHeight;
  const steps = 10; // slower than 300 ms in all: a quick flick would add inertia (more rows)
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: y0 }] });
  for (let i = 1; i <= steps; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y0 + ((y1 - y0) * i) / steps }] });
    await page.waitForTimeout(50);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
  // The wheel settles with a short transition before it reports the new value.
  await page.waitForTimeout(600);
}
