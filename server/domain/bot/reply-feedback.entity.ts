import { Entity, Index } from 'typeorm';
import { Created, Id, Json, Str, Text, Time } from '../shared/columns.js';
import type { ReplyFeedback } from '../../../bot/core/message.js';

export type FeedbackRating = ReplyFeedback['rating'];
export const FEEDBACK_RATINGS: FeedbackRating[] = ['good', 'bad', 'withdrawn'];

/** A reader's thumbs up or down on one of the bot's answers, stored once per (platform, eventId). */
@Entity('reply_feedback')
@Index(['platform', 'eventId'], { unique: true })
export class ReplyFeedbackRow {
  @Id() id: number;
  @Str(16, false) platform: string;
  @Str(128) tenant: string | null;
  @Str(128, false) eventId: string;
  /** The id the bot gave the answer when sending it (WeCom robot: the answered message's req_id). */
  @Str(256, false) replyRef: string;
  /** The platform's user id (not ours: feedback from someone not in the CRM is still feedback on the bot). */
  @Str(128, false) userId: string;
  @Str(128) chatId: string | null;
  @Str(8) chatType: string | null;
  @Str(12, false) rating: FeedbackRating;
  @Text() comment: string | null;
  /** The platform's reason codes, as sent. */
  @Json() reasons: string[] | null;
  /** When the reader gave it (the platform's time). */
  @Time(false) givenAt: Date;
  @Created() createdAt: Date;
}
