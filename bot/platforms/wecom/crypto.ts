// WeCom callback crypto (platforms.md A1.4-A1.8): signature check, decrypt with receive-id check, reply envelope.
// Wraps @wecom/crypto, which checks neither the signature nor the receive id by itself (A2.2). Knows no CRM.
import { timingSafeEqual, randomBytes } from 'node:crypto';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';

export type CryptoFailure = 'bad_signature' | 'bad_receive_id' | 'decrypt_failed';

export class WecomCryptoError extends Error {
  constructor(readonly reason: CryptoFailure) { super(`wecom crypto: ${reason}`); this.name = 'WecomCryptoError'; }
}

export interface CryptoKeys {
  token: string;
  aesKey: string;
  /** CorpID for the company's own app; '' for the intelligent robot (智能机器人). */
  receiveId: string;
}

/** Timing-safe comparison of `msg_signature` with SHA-1(sorted token, timestamp, nonce, encrypt). */
export function verifySignature(token: string, timestamp: string, nonce: string, encrypted: string, signature: string): boolean {
  if (!signature || !timestamp || !nonce || !encrypted) return false;
  const expected = Buffer.from(getSignature(token, timestamp, nonce, encrypted), 'utf8');
  const given = Buffer.from(signature.toLowerCase(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Checks the signature, decrypts, and insists the trailing receive id is ours (official error -40005). */
export function openEnvelope(keys: CryptoKeys, q: { signature: string; timestamp: string; nonce: string }, encrypted: string): string {
  if (!verifySignature(keys.token, q.timestamp, q.nonce, encrypted, q.signature)) throw new WecomCryptoError('bad_signature');
  let plain: { message: string; id: string };
  try {
    plain = decrypt(keys.aesKey, encrypted);
  } catch {
    throw new WecomCryptoError('decrypt_failed');
  }
  const id = Buffer.from(plain.id, 'utf8');
  const want = Buffer.from(keys.receiveId, 'utf8');
  if (id.length !== want.length || !timingSafeEqual(id, want)) throw new WecomCryptoError('bad_receive_id');
  return plain.message;
}

export interface SealedReply { encrypt: string; signature: string; timestamp: string; nonce: string }

/** Encrypts a passive reply; reusing the request's timestamp and nonce is allowed (A1.8). */
export function sealReply(keys: CryptoKeys, message: string, timestamp: string, nonce: string, random: Buffer = randomBytes(16)): SealedReply {
  const enc = encrypt(keys.aesKey, message, keys.receiveId, random);
  return { encrypt: enc, signature: getSignature(keys.token, timestamp, nonce, enc), timestamp, nonce };
}

/** The XML passive-reply envelope of A1.8 (vector V4). */
export function replyXml(s: SealedReply): string {
  return `<xml>\n<Encrypt><![CDATA[${s.encrypt}]]></Encrypt>\n<MsgSignature><![CDATA[${s.signature}]]></MsgSignature>\n<TimeStamp>${s.timestamp}</TimeStamp>\n<Nonce><![CDATA[${s.nonce}]]></Nonce>\n</xml>`;
}

/** The JSON passive-reply envelope of A1.9 (json_callback), used by the intelligent robot. */
export function replyJson(s: SealedReply): string {
  return JSON.stringify({ encrypt: s.encrypt, msgsignature: s.signature, timestamp: Number(s.timestamp) || s.timestamp, nonce: s.nonce });
}
