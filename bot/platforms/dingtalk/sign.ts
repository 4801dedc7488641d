// DingTalk robot request signing (platforms.md B2.2): base64(HMAC-SHA256(appSecret, timestamp + "\n" + appSecret)),
// timestamp in ms within one hour of ours. Knows no CRM.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGN_WINDOW_MS = 60 * 60 * 1000;

export function robotSign(timestamp: string, secret: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
}

export type SignCheck = 'ok' | 'missing' | 'stale' | 'bad';

/** Both the freshness check and the signature must pass (B2.2). */
export function checkRobotSign(timestamp: string | undefined, sign: string | undefined, secret: string, nowMs: number): SignCheck {
  if (!timestamp || !sign) return 'missing';
  if (!/^\d{1,16}$/.test(timestamp)) return 'bad';
  if (Math.abs(nowMs - Number(timestamp)) > SIGN_WINDOW_MS) return 'stale';
  const expected = Buffer.from(robotSign(timestamp, secret), 'utf8');
  const given = Buffer.from(sign, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'ok' : 'bad';
}
