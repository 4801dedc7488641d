// Where the engine may reach people: the chat platforms this server runs (set by server/compose.ts), per Db.
// The domain knows no platform; it only knows that a user's WeCom or DingTalk id is an address on a platform
// that is switched on. Without channels (REST-only tests, no platform configured) nothing is sent.
import type { Address } from '../../../bot/core/message.js';
import { userAddresses } from '../user/user-addresses.js';
import type { Db } from '../shared/db.js';
import type { User } from '../user/user.entity.js';

export interface ApprovalChannels {
  /** Tenant id per configured platform (WeCom corpId, DingTalk appKey). */
  platforms: Partial<Record<'wecom' | 'dingtalk', { tenant: string }>>;
}

const channels = new WeakMap<Db, ApprovalChannels>();

export function setApprovalChannels(db: Db, ch: ApprovalChannels): void {
  channels.set(db, ch);
}

export function approvalChannels(db: Db): ApprovalChannels {
  return channels.get(db) ?? { platforms: {} };
}

/**
 * Every address a card for `user` goes to: their WeCom userid and their DingTalk id, on each platform that is on.
 * Both, when both: an approver acts where they happen to be, and a decision on one updates the other copy in place.
 */
export function cardAddresses(db: Db, user: User): Address[] {
  const { platforms } = approvalChannels(db);
  return userAddresses({ wecom: platforms.wecom?.tenant, dingtalk: platforms.dingtalk?.tenant }, user);
}

/** Where a plain notice goes: one address (WeCom first), so a person with both apps is not told twice. */
export function noticeAddress(db: Db, user: User): Address | undefined {
  return cardAddresses(db, user)[0];
}
