// Field schemas shared by every resource: the same words for the same kinds of input everywhere.
import { z } from 'zod';
import { PAGE_DEFAULT, PAGE_MAX } from '../../domain/shared/paging.js';

/** Mainland mobile, landline with area code, or an international number. */
export const PHONE_RE = /^(\+?\d{1,3}[- ]?)?(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\d{5,15})$/;

export const text = (max: number) => z.string().trim().max(max);
export const requiredText = (max: number) => z.string().trim().min(1).max(max);
export const phone = z.string().trim().max(32).regex(PHONE_RE, { error: 'validation.phone' });
export const email = z.email({ error: 'validation.email' }).max(128);
/** Money is integer cents (分), never a float; negative amounts are refused. */
export const cents = z.number().int({ error: 'validation.integer_cents' }).min(0).max(1e15);
export const isoTime = z.iso.datetime({ offset: true, error: 'validation.date' }).transform((s) => new Date(s));
export const ref = z.number().int().positive();
export const customValues = z.record(z.string(), z.unknown()).optional();
export const level = z.enum(['A', 'B', 'C']);

/**
 * ?cursor=&limit= of a list paged by cursor (domain/shared/paging.ts), as every list of the API takes them: a limit
 * outside 1–max or not a number, or a cursor not given back by the list, is a 400 naming the parameter.
 */
export const pageQuery = (max = PAGE_MAX, byDefault = PAGE_DEFAULT) => ({
  cursor: z.string().min(1).max(500).optional(),
  limit: z.coerce.number().int().min(1).max(max).default(byDefault),
});
/** The documentation of pageQuery's parameters. */
export const pageQueryDoc = (max = PAGE_MAX, byDefault = PAGE_DEFAULT) => ({
  cursor: 'nextCursor from the previous page',
  limit: `page size, 1–${max} (default ${byDefault}); the answer's nextCursor is null on the last page`,
});
