import { Entity } from 'typeorm';
import { Created, Id, Ref, Str, Time, Updated } from '../shared/columns.js';

export type TaskStatus = 'open' | 'done' | 'cancelled';

/** 待办: often created from a follow-up's next step. */
@Entity('task')
export class Task {
  @Id() id: number;
  @Str(255, false) title: string;
  @Time(false) dueAt: Date;
  @Ref(false) ownerId: number;
  @Str(16, false) status: TaskStatus;
  @Time() snoozedUntil: Date | null;
  @Time() doneAt: Date | null;
  @Ref() customerId: number | null;
  @Ref() leadId: number | null;
  @Ref() opportunityId: number | null;
  @Ref() activityId: number | null;
  @Time() remindedAt: Date | null;
  @Created() createdAt: Date;
  @Updated() updatedAt: Date;
}
