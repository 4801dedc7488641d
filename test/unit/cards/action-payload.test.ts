import { describe, expect, it } from 'vitest';
import { ActionPayloadError, decodeCompact, decodeSigned, encodeCompact, encodeSigned, tryDecodeSigned } from '../../../cards/action-payload.js';

const o = { secret: 'server-secret', bind: 'appr-7-s1-u3' };

describe('action payload', () => {
  it('round-trips a signed payload', () => {
    const key = encodeSigned({ action: 'approval.approve', data: { i: '7', v: 3 }, nonce: 'n1' }, o);
    expect(decodeSigned(key, o)).toEqual({ action: 'approval.approve', data: { i: 7, v: 3 }, nonce: 'n1' });
  });
  it('keeps strings with separators intact', () => {
    const key = encodeSigned({ action: 'choice.customer', data: { t: 'a|b&c=d 华为' } }, o);
    expect(decodeSigned(key, o).data.t).toBe('a|b&c=d 华为');
  });
  it('rejects an edited key', () => {
    const key = encodeSigned({ action: 'approval.approve', data: { i: '7', v: 3 } }, o);
    const forged = key.replace('i=7', 'i=8');
    expect(() => decodeSigned(forged, o)).toThrow(ActionPayloadError);
    expect(tryDecodeSigned(forged, o)).toBeUndefined();
  });
  it('rejects a key signed with another secret or lifted onto another card', () => {
    const key = encodeSigned({ action: 'approval.approve', data: { i: '7' } }, o);
    expect(() => decodeSigned(key, { ...o, secret: 'other' })).toThrow(/forged/);
    expect(() => decodeSigned(key, { ...o, bind: 'appr-7-s1-u4' })).toThrow(/forged/);
  });
  it('refuses unsigned keys where a signature is required', () => {
    const compact = encodeCompact({ action: 'reminder.done', data: { i: '55' } });
    expect(compact).toBe('reminder.done|i=55|');
    expect(decodeCompact(compact)).toEqual({ action: 'reminder.done', data: { i: 55 } });
    expect(() => decodeSigned(compact, o)).toThrow(/unsigned/);
  });
  it('rejects malformed input', () => {
    for (const bad of ['', 'x', 'DROP TABLE|a|b|c', 'a|b|c|d|e', 'x'.repeat(2000)]) expect(() => decodeSigned(bad, o)).toThrow(ActionPayloadError);
  });
  it('fits the WeCom 1024-byte key limit or refuses to encode', () => {
    const key = encodeSigned({ action: 'approval.approve', data: { i: 'x'.repeat(900) } }, o);
    expect(Buffer.byteLength(key)).toBeLessThanOrEqual(1024);
    expect(() => encodeSigned({ action: 'approval.approve', data: { i: 'x'.repeat(1100) } }, o)).toThrow(/too_long/);
  });
});
