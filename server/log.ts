// Structured logs (pino); secrets never reach a line.
import pino, { type Logger } from 'pino';
import { SECRET_KEYS } from './config.js';

export function createLogger(level = 'info'): Logger {
  return pino({
    level,
    redact: { paths: [...SECRET_KEYS.map((k) => `config.${k}`), 'req.headers.authorization', '*.token', '*.secret', '*.key'], censor: '[redacted]' },
  });
}
export type { Logger };
