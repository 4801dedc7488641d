// Reads a request body as bytes with a hard size cap. Callback routes read their own body because the
// signature covers the exact bytes and the app's body parser does not run on these paths. Knows no platform.
import type { IncomingMessage } from 'node:http';

export const CALLBACK_BODY_LIMIT = 64 * 1024;

export class BodyTooLarge extends Error {
  constructor() { super('body too large'); this.name = 'BodyTooLarge'; }
}

/** Resolves with the whole body, or rejects with BodyTooLarge as soon as `limit` bytes are exceeded. */
export async function readRawBody(req: IncomingMessage, limit = CALLBACK_BODY_LIMIT): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  // Refuse a declared oversize before reading a byte of it.
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > limit) {
      // Stop reading; the connection is answered 413 and closed by the caller.
      req.pause();
      throw new BodyTooLarge();
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks, size);
}
