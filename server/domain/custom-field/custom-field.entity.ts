import { Entity } from 'typeorm';
import { Bool, Created, Id, Int, Json, Str } from '../shared/columns.js';

export type CustomFieldType = 'text' | 'number' | 'money' | 'date' | 'select' | 'multiselect' | 'user' | 'phone';

/** An admin-defined extra field on an object: our users' own vocabulary without code. */
@Entity('custom_field')
export class CustomField {
  @Id() id: number;
  @Str(32, false) object: string;
  /** Stable key used in the API and in filters (`cf.<key>`). */
  @Str(64, false) key: string;
  /** Display label per locale: {"zh-CN": "…", "en-US": "…"}. */
  @Json() label: Record<string, string>;
  @Str(16, false) type: CustomFieldType;
  /** For select/multiselect: [{value, label: {zh-CN, en-US}}]. */
  @Json() options: { value: string; label: Record<string, string> }[] | null;
  @Bool() required: boolean;
  /** min/max for number and money, maxLength and pattern for text. */
  @Json() validation: { min?: number; max?: number; maxLength?: number; pattern?: string } | null;
  @Int({ nullable: false, default: 0 }) position: number;
  @Bool(true) active: boolean;
  @Created() createdAt: Date;
}
