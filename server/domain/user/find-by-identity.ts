// Maps a chat platform's user id to a CRM user (the platform's name for the column is data, not code here).
import type { EntityManager } from 'typeorm';
import { User } from './user.entity.js';

export type IdentitySource = 'wecom' | 'dingtalk' | 'emulator';

export async function findUserByIdentity(tx: EntityManager, source: IdentitySource, platformUserId: string): Promise<User | null> {
  const where = source === 'wecom' ? { wecomUserId: platformUserId } : source === 'dingtalk' ? { dingtalkUserId: platformUserId } : { username: platformUserId };
  const user = await tx.findOne(User, { where: { ...where, active: true } });
  // WeCom lower-cases userids in some answers (platforms.md A3.3): try case-insensitively once.
  if (!user && source === 'wecom') {
    return tx.createQueryBuilder(User, 'u').where('LOWER(u.wecom_user_id) = :id AND u.active = :on', { id: platformUserId.toLowerCase(), on: true }).getOne();
  }
  return user;
}
