import { Entity } from 'typeorm';
import { Created, Id, Int, Json, Str, Text, Time } from '../shared/columns.js';

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'dead';

/** One message to deliver, written in the same transaction as the change that caused it. */
@Entity('outbox_message')
export class OutboxMessage {
  @Id() id: number;
  @Str(16, false) platform: string;
  /** Recipient address (neutral Address JSON). */
  @Json() address: Record<string, unknown>;
  /** Neutral Outbound JSON plus the reader's locale. */
  @Json() payload: Record<string, unknown>;
  /** The rate-limit key (e.g. platform:user): workers deliver in order per key. */
  @Str(128, false) recipientKey: string;
  @Str(8, false) status: OutboxStatus;
  @Int({ nullable: false, default: 0 }) attempts: number;
  @Time(false) nextAttemptAt: Date;
  @Text() lastError: string | null;
  @Time() sentAt: Date | null;
  /** What the platform answered (message id, card handle) once sent. */
  @Json() result: Record<string, unknown> | null;
  /** Idempotency for producers that may retry (one row per key). */
  @Str(128) dedupeKey: string | null;
  @Str(64) requestId: string | null;
  @Created() createdAt: Date;
}
