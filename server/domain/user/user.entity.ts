import { Entity, Index } from 'typeorm';
import { Bool, Created, Id, Ref, Str, Updated } from '../shared/columns.js';

export type Role = 'rep' | 'manager' | 'admin' | 'finance';
export const ROLES: Role[] = ['rep', 'manager', 'admin', 'finance'];

/** A person in the company: a CRM user with a role, a team and platform identities. */
@Entity('user')
export class User {
  @Id() id: number;
  @Index({ unique: true }) @Str(64, false) username: string;
  @Str(64, false) name: string;
  @Str(8, false) locale: 'zh-CN' | 'en-US';
  @Str(16, false) role: Role;
  /** Job position used by approval routing (sales_director, legal, gm, …); not a permission. */
  @Str(32) position: string | null;
  @Ref() teamId: number | null;
  @Ref() managerId: number | null;
  @Str(128) email: string | null;
  @Str(32) phone: string | null;
  @Str(64) wecomUserId: string | null;
  @Str(64) dingtalkUserId: string | null;
  @Str(64) dingtalkUnionId: string | null;
  @Bool(true) active: boolean;
  @Created() createdAt: Date;
  @Updated() updatedAt: Date;
}
