// Column helpers shared by entities: explicit types everywhere (tsx emits no decorator metadata).
import { Column, PrimaryGeneratedColumn, type ValueTransformer } from 'typeorm';
import { fromDbTime } from './sql.js';

/** bigint cents come back as strings from some drivers; the domain always sees numbers. */
const toNumber: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | number | null) => (v === null || v === undefined ? null : Number(v)),
};

/** Dates are stored as UTC; SQLite hands back strings without a zone, MySQL Dates read with timezone 'Z'. */
const utcDate: ValueTransformer = {
  to: (v: Date | null | undefined) => v,
  from: (v: string | Date | null) => {
    if (v === null || v === undefined) return null;
    return fromDbTime(v);
  },
};

/** A JSON column's value as read back (raw queries too): null when empty. */
export function parseJsonText(v: unknown): unknown {
  return v === null || v === undefined || v === '' ? null : typeof v === 'string' ? JSON.parse(v) : v;
}

/** JSON kept as text: both engines' json_extract() read it, so custom fields filter and sort in SQL. */
const jsonText: ValueTransformer = {
  to: (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v)),
  from: parseJsonText,
};

export const Id = () => PrimaryGeneratedColumn({ type: 'integer' });
export const Ref = (nullable = true) => Column({ type: 'integer', nullable, transformer: toNumber });
export const Int = (opts: { nullable?: boolean; default?: number } = {}) => Column({ type: 'integer', nullable: opts.nullable ?? true, default: opts.default, transformer: toNumber });
export const Money = (nullable = true) => Column({ type: 'bigint', nullable, transformer: toNumber });
export const Str = (length = 255, nullable = true) => Column({ type: 'varchar', length, nullable });
export const Text = (nullable = true) => Column({ type: 'text', nullable });
export const Bool = (def = false) => Column({ type: 'boolean', default: def });
export const Time = (nullable = true) => Column({ type: 'datetime', precision: 3, nullable, transformer: utcDate });
export const Json = () => Column({ type: 'text', nullable: true, transformer: jsonText });
/** Set by the domain from its clock (tests control time), not by the database. */
export const Created = () => Time(false);
export const Updated = () => Time(false);
