// Where a person can be reached: one direct-chat address per running chat platform on which they have an identity
// (WeCom first). Approvals, reminders and automations all ask this one function.
import type { Address, Platform } from '../../../bot/core/message.js';
import type { User } from './user.entity.js';

/** Tenant id per running platform (WeCom corpId, DingTalk appKey); a platform without one is off. */
export type PlatformTenants = Partial<Record<Platform, string>>;

const direct = (platform: Platform, tenant: string, userId: string): Address => ({ platform, tenant, userId, chatId: userId, chatType: 'single' });

export function userAddresses(tenants: PlatformTenants, u: Pick<User, 'wecomUserId' | 'dingtalkUserId'>): Address[] {
  const out: Address[] = [];
  if (tenants.wecom !== undefined && u.wecomUserId) out.push(direct('wecom', tenants.wecom, u.wecomUserId));
  if (tenants.dingtalk !== undefined && u.dingtalkUserId) out.push(direct('dingtalk', tenants.dingtalk, u.dingtalkUserId));
  return out;
}
