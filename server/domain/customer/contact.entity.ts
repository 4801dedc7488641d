import { Entity } from 'typeorm';
import { Bool, Created, Id, Json, Ref, Str, Updated } from '../shared/columns.js';

/** 联系人: belongs to a customer; visible to whoever may see that customer. */
@Entity('contact')
export class Contact {
  @Id() id: number;
  @Ref(false) customerId: number;
  @Str(64, false) name: string;
  @Str(64) title: string | null;
  @Str(32) phone: string | null;
  @Str(128) email: string | null;
  @Str(64) wechat: string | null;
  @Bool() isPrimary: boolean;
  @Json() custom: Record<string, unknown> | null;
  @Created() createdAt: Date;
  @Updated() updatedAt: Date;
}
