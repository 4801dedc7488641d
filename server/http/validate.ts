// zod at the edge: parse input, and turn the first issue into a localized 400 that names the field.
import { z } from 'zod';
import { DomainError } from '../domain/shared/domain-error.js';

/** Our schemas set `error: 'validation.<code>'` where a generic reason is not clear enough (phone, email). */
function issueToError(issue: z.core.$ZodIssue, input: unknown): DomainError {
  const field = issue.path.map(String).join('.') || 'body';
  const params: Record<string, unknown> = {};
  const valueAt = () => issue.path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), input);
  let code: string;
  // A schema's own message (phone, email, date) speaks about a malformed value; an absent one is "required".
  if (issue.code === 'invalid_type' && valueAt() === undefined) code = 'validation.required';
  else if (issue.message.startsWith('validation.')) code = issue.message;
  else switch (issue.code) {
    case 'invalid_type': {
      const value = issue.path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), input);
      code = value === undefined ? 'validation.required' : `validation.type_${issue.expected === 'int' ? 'number' : issue.expected}`;
      break;
    }
    case 'too_big':
      code = issue.origin === 'string' ? 'validation.too_long' : 'validation.too_big';
      params.max = issue.maximum;
      break;
    case 'too_small':
      if (issue.origin === 'string' && issue.minimum === 1) code = 'validation.required';
      else { code = issue.origin === 'string' ? 'validation.too_short' : issue.minimum === 0 ? 'validation.negative' : 'validation.too_small'; params.min = issue.minimum; }
      break;
    case 'invalid_format':
      code = issue.format === 'email' ? 'validation.email' : issue.format === 'datetime' || issue.format === 'date' ? 'validation.date' : 'validation.format';
      break;
    case 'invalid_value':
      // A missing enum field is "required", not "not one of the options".
      if (valueAt() === undefined) { code = 'validation.required'; break; }
      code = 'validation.option';
      params.options = issue.values.join(', ');
      break;
    case 'unrecognized_keys':
      // Named from the top (`value.quietHours.stat`), so a nested typo is found as easily as a top-level one.
      return new DomainError('invalid', 'validation.unknown_field', {}, issue.keys.map((k) => [...issue.path.map(String), k].join('.')).join(', '));
    default:
      code = 'validation.invalid';
  }
  return new DomainError('invalid', code, params, field);
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input ?? {});
  if (!r.success) throw issueToError(r.error.issues[0], input);
  return r.data;
}
