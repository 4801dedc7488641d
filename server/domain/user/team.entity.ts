import { Entity } from 'typeorm';
import { Created, Id, Ref, Str } from '../shared/columns.js';

/** Teams nest: a manager sees the records of their team and every sub-team. */
@Entity('team')
export class Team {
  @Id() id: number;
  @Str(64, false) name: string;
  @Ref() parentId: number | null;
  /** The team's head (负责人): approval steps may resolve to it. */
  @Ref() headId: number | null;
  /** Last rep given a lead by round robin; the row is locked while the next one is picked. */
  @Ref() assignCursor: number | null;
  @Created() createdAt: Date;
}
