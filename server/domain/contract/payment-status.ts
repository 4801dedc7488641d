// A payment's status is derived from its amounts, never set by hand.
import type { PaymentStatus } from './payment.entity.js';

export function paymentStatus(plannedCents: number, receivedCents: number): PaymentStatus {
  if (receivedCents <= 0) return 'planned';
  return receivedCents >= plannedCents ? 'received' : 'partial';
}
