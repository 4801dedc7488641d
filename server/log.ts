// Structured logs (pino); secrets never reach a line. Every line written while a message is being handled
// carries its requestId (and inbox/outbox row id) from server/request-context.ts.
import pino, { type Logger } from 'pino';
import { SECRET_KEYS } from './config.js';
import { currentContext } from './request-context.js';

export function createLogger(level = 'info'): Logger {
  return pino({
    level,
    mixin: () => ({ ...currentContext() }),
    redact: { paths: [...SECRET_KEYS.map((k) => `config.${k}`), 'req.headers.authorization', '*.token', '*.secret', '*.key'], censor: '[redacted]' },
  });
}
export type { Logger };
