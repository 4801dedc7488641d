// Where the system can reach a user or a team's group: the user's platform identity (WeCom first, then DingTalk,
// limited to the platforms this server runs) or the group chats bound to the team.
import type { Address, Platform } from '../../../bot/core/message.js';
import type { Db } from '../shared/db.js';
import type { User } from '../user/user.entity.js';
import { userAddresses } from '../user/user-addresses.js';

const tenants = new WeakMap<Db, Partial<Record<Platform, string>>>();

/** Tells the domain which platforms are running and their tenant ids (composeServer). */
export function setPlatformTenants(db: Db, map: Partial<Record<Platform, string>>): void {
  tenants.set(db, map);
}

/** A 1:1 address for the user, or null when they have no identity on a running platform. */
export function userAddress(db: Db, u: Pick<User, 'wecomUserId' | 'dingtalkUserId'>): Address | null {
  // Before compose has said which platforms run (domain tests), every identity counts, with no tenant.
  return userAddresses(tenants.get(db) ?? { wecom: '', dingtalk: '' }, u)[0] ?? null;
}
