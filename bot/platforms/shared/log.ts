// The minimal logger the platform edge writes to (pino-compatible). Knows no platform.
export interface EdgeLog {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export const silentLog: EdgeLog = { debug() {}, info() {}, warn() {} };
