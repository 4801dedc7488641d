import { Entity } from 'typeorm';
import { Bool, Created, Id, Int, Ref, Str, Time, Updated } from '../shared/columns.js';

/** A scheduled board for a bound group (e.g. Monday 09:00 weekly won amount); a due row is claimed with a lease. */
@Entity('board_push')
export class BoardPush {
  @Id() id: number;
  @Ref(false) bindingId: number;
  @Str(16, false) board: 'leaderboard' | 'funnel';
  @Str(16) metric: string | null;
  @Str(8) period: string | null;
  /** Which period the board shows: 0 = the current one, -1 = the previous (a Monday push of last week). */
  @Int({ nullable: false, default: 0 }) periodOffset: number;
  /** `daily@HH:MM`, `weekly:<1-7>@HH:MM` (1 = Monday), `monthly:<1-28|last>@HH:MM`, `quarterly:<1-28|last>@HH:MM` or
   * `yearly:<MM>-<1-28|last>@HH:MM`, company time (push-schedule.ts). */
  @Str(32, false) schedule: string;
  @Bool(true) active: boolean;
  @Str(16, false) status: 'pending' | 'claimed';
  @Time() nextRunAt: Date | null;
  @Time() lastRunAt: Date | null;
  @Created() createdAt: Date;
  @Updated() updatedAt: Date;
}
