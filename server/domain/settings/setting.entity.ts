import { Entity, PrimaryColumn } from 'typeorm';
import { Json, Time } from '../shared/columns.js';

/** Company settings (stages, claim limit, field rules, object labels…) as JSON values under a key. */
@Entity('setting')
export class Setting {
  @PrimaryColumn({ type: 'varchar', length: 64 }) key: string;
  @Json() value: unknown;
  @Time(false) updatedAt: Date;
}
