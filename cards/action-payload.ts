// What a card button carries, encoded into the platform's key (WeCom: ≤1024 bytes) and decoded on the tap.
// Signed with a server secret (HMAC-SHA256) so a forged or edited key is rejected. It never grants anything by
// itself: the action handler re-checks who may act, and the version (v) in the data detects stale taps.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ActionData } from './spec.js';

export interface ActionPayload {
  /** Dotted action id, e.g. 'approval.approve'. */
  action: string;
  data: ActionData;
  /** Optional uniqueness per send; empty keeps keys deterministic. */
  nonce?: string;
}

export interface SignOptions {
  secret: string;
  /** Extra context the signature covers but the key does not carry (e.g. the card id, returned by the platform). */
  bind?: string;
}

export type ActionPayloadErrorCode = 'malformed' | 'unsigned' | 'forged' | 'too_long';
export class ActionPayloadError extends Error {
  constructor(readonly code: ActionPayloadErrorCode) { super(`action payload ${code}`); }
}

/** WeCom button key / question_key / submit_button.key limit (platforms.md A3.5). */
export const MAX_KEY_BYTES = 1024;
const ACTION_RE = /^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*$/;
const SIG_CHARS = 22; // 16 bytes of HMAC, base64url

function body(p: ActionPayload): string {
  if (!ACTION_RE.test(p.action)) throw new ActionPayloadError('malformed');
  const qs = new URLSearchParams(Object.entries(p.data).map(([k, v]): [string, string] => [k, String(v)])).toString();
  return `${p.action}|${qs}|${p.nonce ?? ''}`;
}

function sign(text: string, o: SignOptions): string {
  return createHmac('sha256', o.secret).update(`${text}|${o.bind ?? ''}`).digest('base64url').slice(0, SIG_CHARS);
}

function checkSize(key: string): string {
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) throw new ActionPayloadError('too_long');
  return key;
}

/** `<action>|<k=v&…>|<nonce>` — for places where integrity comes from elsewhere (tests, the local emulator). */
export function encodeCompact(p: ActionPayload): string {
  return checkSize(body(p));
}

/** `<action>|<k=v&…>|<nonce>|<hmac>` */
export function encodeSigned(p: ActionPayload, o: SignOptions): string {
  const b = body(p);
  return checkSize(`${b}|${sign(b, o)}`);
}

function parse(parts: string[]): ActionPayload {
  const [action, qs, nonce] = parts;
  if (!ACTION_RE.test(action)) throw new ActionPayloadError('malformed');
  const data: ActionData = {};
  for (const [k, v] of new URLSearchParams(qs)) data[k] = /^-?\d{1,15}$/.test(v) ? Number(v) : v;
  return { action, data, ...(nonce ? { nonce } : {}) };
}

/** Decode a signed key; throws ActionPayloadError('forged') on a bad signature. */
export function decodeSigned(key: string, o: SignOptions): ActionPayload {
  if (typeof key !== 'string' || Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) throw new ActionPayloadError('malformed');
  const parts = key.split('|');
  if (parts.length === 3) throw new ActionPayloadError('unsigned');
  if (parts.length !== 4) throw new ActionPayloadError('malformed');
  const expected = Buffer.from(sign(parts.slice(0, 3).join('|'), o));
  const given = Buffer.from(parts[3]);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new ActionPayloadError('forged');
  return parse(parts);
}

export function decodeCompact(key: string): ActionPayload {
  const parts = key.split('|');
  if (parts.length !== 3) throw new ActionPayloadError('malformed');
  return parse(parts);
}

/** decodeSigned that answers undefined instead of throwing. */
export function tryDecodeSigned(key: string, o: SignOptions): ActionPayload | undefined {
  try { return decodeSigned(key, o); } catch { return undefined; }
}

/** The encoder renderers take: binds every key to the copy of the card it sits on. */
export type KeyEncoder = (p: ActionPayload, cardId: string) => string;

export function signedEncoder(secret: string): KeyEncoder {
  return (p, cardId) => encodeSigned(p, { secret, bind: cardId });
}
