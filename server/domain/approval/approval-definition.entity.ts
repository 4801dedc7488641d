import { Entity } from 'typeorm';
import { Created, Id, Int, Json, Ref, Str } from '../shared/columns.js';

/** One version of the approval routing rule set. Rows are never changed: an instance points at the version it started with. */
@Entity('approval_definition')
export class ApprovalDefinition {
  @Id() id: number;
  @Str(64, false) setName: string;
  @Int({ nullable: false }) version: number;
  @Json() body: Record<string, unknown>;
  @Ref() createdById: number | null;
  @Created() createdAt: Date;
}
