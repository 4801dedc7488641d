import { Entity } from 'typeorm';
import { Created, Id, Int, Json, Ref, Str, Time, Updated } from '../shared/columns.js';

/**
 * One delivered copy of a card: to whom, about what (subject), its platform handle and its state. Every copy of an
 * approval card is one row, so a decision can update them all in place.
 */
@Entity('card_instance')
export class CardInstance {
  @Id() id: number;
  /** Our stable id for this copy (WeCom task_id, DingTalk outTrackId). */
  @Str(128, false) cardId: string;
  @Str(16, false) platform: string;
  @Json() address: Record<string, unknown>;
  @Str(32, false) template: string;
  @Json() data: Record<string, unknown>;
  @Str(8, false) locale: 'zh-CN' | 'en-US';
  /** What the card is about (approval step, task, activity…), to find every copy of it. */
  @Str(32) subjectType: string | null;
  @Ref() subjectId: number | null;
  @Ref() recipientUserId: number | null;
  /** active → done (decided, undone, expired); an update re-renders from data. */
  @Str(16, false) state: string;
  @Int({ nullable: false, default: 0 }) version: number;
  @Str(128) messageId: string | null;
  /** WeCom: the latest single-use response_code (from the send or from a tap) and when it was issued. */
  @Str(255) responseCode: string | null;
  @Time() responseCodeAt: Date | null;
  @Created() createdAt: Date;
  @Updated() updatedAt: Date;
}
