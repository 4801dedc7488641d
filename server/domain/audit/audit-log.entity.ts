import { Entity } from 'typeorm';
import { Id, Json, Ref, Str, Time } from '../shared/columns.js';

/** 审计日志: who did what to which record, from which channel, with the before/after diff. */
@Entity('audit_log')
export class AuditLog {
  @Id() id: number;
  @Ref() actorId: number | null;
  @Str(16, false) channel: string;
  @Str(32, false) action: string;
  @Str(32, false) entityType: string;
  @Ref() entityId: number | null;
  /** {field: [before, after]} for updates; the whole record for create/delete. */
  @Json() diff: Record<string, unknown> | null;
  /** The automation or routing rule that caused a system change. */
  @Str(64) ruleId: string | null;
  @Time(false) at: Date;
}
