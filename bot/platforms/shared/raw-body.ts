// Reads a request body as bytes with a hard size cap. Callback routes read their own body because the
// signature covers the exact bytes and the app's body parser does not run on these paths. Knows no platform.
import type { IncomingMessage } from 'node:http';

export const CALLBACK_BODY_LIMIT = 64 * 1024;

export class BodyTooLarge extends Error {
  constructor() { super('body too large'); this.name = 'BodyTooLarge'; }
}

/**
 * Resolves with the whole body, or rejects with BodyTooLarge as soon as `limit` bytes are exceeded. Plain stream
 * events rather than `for await`: this runs on every platform callback, and the async iterator costs several times
 * more per (usually single-chunk) body.
 */
export function readRawBody(req: IncomingMessage, limit = CALLBACK_BODY_LIMIT): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  // Refuse a declared oversize before reading a byte of it.
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyTooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (e?: Error) => {
      req.off('data', onData).off('end', onEnd).off('error', done).off('aborted', onAborted);
      if (e) reject(e);
      else resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer | string) => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buf.length;
      if (size > limit) {
        // Stop reading; the connection is answered 413 and closed by the caller.
        req.pause();
        done(new BodyTooLarge());
        return;
      }
      chunks.push(buf);
    };
    const onEnd = () => done();
    const onAborted = () => done(new Error('request aborted'));
    req.on('data', onData).on('end', onEnd).on('error', done).on('aborted', onAborted);
  });
}
