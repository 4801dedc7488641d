// The "my …" lists in chat (customers, deals, contracts): one page of the caller's records as one markdown reply,
// a line each, and a pointer to the mini-program when there are more. The full list, with filters, is the app's.
// Asked in a group, the list goes to the asker's own chat (in-private.ts): the group's others may not see those records.
import type { DomainContext } from '../../server/domain/shared/with-tx.js';
import type { Page } from '../../server/domain/shared/records.js';
import { t } from '../../locales/index.js';
import { markdown, reply, type Turn } from './command.js';
import { replyInPrivate } from './in-private.js';

/** Lines per list in one chat message. */
export const LIST_LINES = 10;

/** Keys `${prefix}.list` (with {lines}{more}), `${prefix}.empty` and `${prefix}.more`; `lineOf` numbers from 1. */
export async function replyList(c: DomainContext, turn: Turn, prefix: string, page: Page<Record<string, unknown>>, lineOf: (r: Record<string, unknown>, n: number) => string): Promise<void> {
  if (!page.items.length) return reply(c, turn, markdown(`${prefix}.empty`));
  const lines = page.items.map((r, i) => lineOf(r, i + 1)).join('\n');
  await replyInPrivate(c, turn, markdown(`${prefix}.list`, { lines, more: page.nextCursor ? `\n${t(turn.locale, `${prefix}.more`)}` : '' }));
}

/**
 * Lines for several lists sharing `budget` (sizes in the order shown, the longest first): shared out from the
 * shortest up, so what one list does not need goes to those with more, and one long list does not hide the others.
 */
export function shareLines(sizes: number[], budget: number): number[] {
  const take = sizes.map(() => 0);
  let left = budget;
  for (let k = 0; k < sizes.length; k++) {
    const i = sizes.length - 1 - k;
    take[i] = Math.min(sizes[i], Math.floor(left / (sizes.length - k)));
    left -= take[i];
  }
  return take;
}
