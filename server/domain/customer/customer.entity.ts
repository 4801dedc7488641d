import { Entity } from 'typeorm';
import { Created, Id, Int, Json, Ref, Str, Text, Time, Updated } from '../shared/columns.js';

export type CustomerLevel = 'A' | 'B' | 'C';

/** 客户. ownerId null means the customer sits in the public pool (公海). */
@Entity('customer')
export class Customer {
  @Id() id: number;
  @Str(128, false) name: string;
  /** Name without legal suffixes, region prefixes and punctuation: the dedupe and fuzzy-search key. */
  @Str(128, false) normalizedName: string;
  /** Other names people use (简称, English name), comma separated. */
  @Str(255) aliases: string | null;
  @Str(1, false) level: CustomerLevel;
  @Str(64) industry: string | null;
  @Str(64) region: string | null;
  @Str(255) address: string | null;
  @Str(32) source: string | null;
  @Ref() ownerId: number | null;
  @Time() poolEnteredAt: Date | null;
  @Text() poolReason: string | null;
  @Time() lastFollowUpAt: Date | null;
  /** Follow-ups that did not reach anyone in a row; a pool-return rule reads it. */
  @Int({ nullable: false, default: 0 }) failedFollowUps: number;
  @Json() custom: Record<string, unknown> | null;
  @Ref() createdById: number | null;
  @Created() createdAt: Date;
  @Updated() updatedAt: Date;
}
