import { Entity } from 'typeorm';
import { Id, Int, Json, Str, Text, Time } from '../shared/columns.js';

export type InboxStatus = 'pending' | 'processing' | 'done' | 'failed';

/** An inbound chat message or card tap, stored once per (platform, eventId) before the platform is answered. */
@Entity('inbox_event')
export class InboxEvent {
  @Id() id: number;
  @Str(16, false) platform: string;
  @Str(128, false) eventId: string;
  @Str(16, false) kind: string;
  @Json() payload: Record<string, unknown>;
  @Str(12, false) status: InboxStatus;
  @Int({ nullable: false, default: 0 }) attempts: number;
  @Time(false) receivedAt: Date;
  @Time() processedAt: Date | null;
  @Text() lastError: string | null;
  /** Not before this time (backoff), or the end of a worker's lease while processing. */
  @Time() availableAt: Date | null;
  /** The accept batch that inserted the row (tells new events from repeats after INSERT IGNORE). */
  @Str(24) batch: string | null;
}
