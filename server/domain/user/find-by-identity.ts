// Maps a chat platform's user id to a CRM user (the platform's name for the column is data, not code here).
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { User } from './user.entity.js';

export type IdentitySource = 'wecom' | 'dingtalk' | 'emulator';

const COLUMN: Record<IdentitySource, string> = { wecom: 'wecom_user_id', dingtalk: 'dingtalk_user_id', emulator: 'username' };

/** The active user with this platform id, as a query (alias `u`) that callers may extend with more columns. */
export function identityQuery(tx: EntityManager, source: IdentitySource, platformUserId: string, caseInsensitive = false): SelectQueryBuilder<User> {
  const column = `u.${COLUMN[source]}`;
  return tx.createQueryBuilder(User, 'u')
    .where(caseInsensitive ? `LOWER(${column}) = :id` : `${column} = :id`, { id: caseInsensitive ? platformUserId.toLowerCase() : platformUserId })
    .andWhere('u.active = :on', { on: true });
}

/**
 * Runs an identity query; WeCom lower-cases userids in some answers (platforms.md A3.3), so a WeCom miss is tried
 * once more case-insensitively.
 */
export async function findByIdentity<R>(source: IdentitySource, query: (caseInsensitive: boolean) => Promise<R | null>): Promise<R | null> {
  return (await query(false)) ?? (source === 'wecom' ? query(true) : null);
}

export async function findUserByIdentity(tx: EntityManager, source: IdentitySource, platformUserId: string): Promise<User | null> {
  return findByIdentity(source, (ci) => identityQuery(tx, source, platformUserId, ci).getOne());
}
