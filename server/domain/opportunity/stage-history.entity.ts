import { Entity } from 'typeorm';
import { Id, Money, Ref, Str, Time } from '../shared/columns.js';

/** One row per stage change: the funnel's stage-to-stage conversion reads it. */
@Entity('stage_history')
export class StageHistory {
  @Id() id: number;
  @Ref(false) opportunityId: number;
  @Str(32) fromStage: string | null;
  @Str(32, false) toStage: string;
  @Money() amountCents: number | null;
  @Ref() changedById: number | null;
  @Time(false) changedAt: Date;
}
