// Field rules on payment amounts (DESIGN §4, every representation): an instalment's planned and received amounts
// follow the payment's own rules and its contract's amount rule (a contract's instalments add up to its amount), as
// the customer 360's payment sums do.
import type { DomainContext } from '../shared/with-tx.js';
import { hiddenFields } from '../shared/permissions.js';

/** True when the reader may not see the amounts of a payment on a contract owned by `ownerId`. */
export async function paymentAmountsHidden(c: DomainContext, ownerId: number | null): Promise<boolean> {
  if ((await hiddenFields(c, 'contract', ownerId)).includes('amountCents')) return true;
  return (await hiddenFields(c, 'payment', ownerId)).some((f) => /amount/i.test(f));
}

/** Cents as yuan for a message parameter ("300000", "12.5"). */
export const yuan = (cents: number): string => String(cents / 100);
