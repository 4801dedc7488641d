// Writes outgoing messages as rows in the caller's transaction (transactional outbox): both or neither.
import type { Address, Outbound } from '../../../bot/core/message.js';
import type { Locale } from '../../../locales/index.js';
import type { DomainContext } from '../shared/with-tx.js';
import { OutboxMessage } from './outbox-message.entity.js';
import { insertRow } from '../shared/insert-row.js';
import { currentRequestId } from '../../request-context.js';

export interface QueuedMessage { address: Address; message: Outbound; locale: Locale; dedupeKey?: string; notBefore?: Date }

/** The rate-limit key of an address (platform:tenant:chat or user): the outbox delivers in order per key. */
export function recipientKeyOf(address: Address): string {
  return `${address.platform}:${address.tenant}:${address.chatId ?? address.userId ?? ''}`;
}

export class OutboxWriter {
  /** Rows queued in this transaction: after commit the deliverer is woken when there are any. */
  count = 0;
  private heldUntil: Date | null = null;
  constructor(private readonly c: DomainContext) {}

  /** Messages pushed after this wait until `at` unless they name their own time (quiet hours); null lifts it. */
  holdUntil(at: Date | null): void {
    this.heldUntil = at && at.getTime() > this.c.now.getTime() ? at : null;
  }

  async push(q: QueuedMessage): Promise<OutboxMessage> {
    const { address } = q;
    const row = this.c.tx.create(OutboxMessage, {
      platform: address.platform,
      address: address as unknown as Record<string, unknown>,
      payload: { message: q.message, locale: q.locale } as Record<string, unknown>,
      recipientKey: recipientKeyOf(address),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: q.notBefore ?? this.heldUntil ?? this.c.now,
      dedupeKey: q.dedupeKey ?? null,
      requestId: currentRequestId() ?? null,
      createdAt: this.c.now,
    });
    this.count++;
    // insert, not save: nothing to read back but the id (save would SELECT the row again).
    row.id = await insertRow(this.c.tx, OutboxMessage, row);
    return row;
  }
}
