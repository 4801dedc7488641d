// Errors a use case raises on purpose. The code doubles as the locale key (`error.<code>`).
export type ErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'too_many' | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    /** Dotted code, e.g. `customer.claim_limit`; its text is `error.<code>` in locales/. */
    readonly code: string,
    readonly params: Record<string, unknown> = {},
    /** The input field at fault, for validation errors. */
    readonly field?: string,
  ) {
    super(`${kind}: ${code}`);
  }
}

export const notFound = (entity: string) => new DomainError('not_found', 'not_found', { entity });
export const forbidden = (action: string) => new DomainError('forbidden', 'forbidden', { action });
export const invalid = (code: string, field?: string, params: Record<string, unknown> = {}) =>
  new DomainError('invalid', code, { field, ...params }, field);
export const conflict = (code: string, params: Record<string, unknown> = {}) => new DomainError('conflict', code, params);
