// Bearer sessions that expire, and the actor a token stands for.
import type { DomainContext } from '../shared/with-tx.js';
import type { Db } from '../shared/db.js';
import { Session } from './session.entity.js';
import { ApiKey } from './api-key.entity.js';
import { User } from '../user/user.entity.js';
import { newSecret, sameHash, sha256 } from './tokens.js';
import { audit } from '../audit/audit.js';
import { DomainError } from '../shared/domain-error.js';
import { dbTime } from '../shared/sql.js';
import { MoreThan } from 'typeorm';

export interface IssuedSession { token: string; expiresAt: Date; user: { id: number; name: string; role: string; locale: string } }

/**
 * Open a session for a user found by a login method (dev, wecom, dingtalk). Writes: session, audit `login`.
 * The channel is fixed here, from the kind of login, never from anything the client sends later.
 */
export async function issueSession(c: DomainContext, user: User, channel: 'api' | 'miniapp', method: string, ttlSeconds: number): Promise<IssuedSession> {
  if (!user.active) throw new DomainError('unauthenticated', 'auth.user_inactive');
  const token = `s_${newSecret()}`;
  const expiresAt = new Date(c.now.getTime() + ttlSeconds * 1000);
  await c.tx.insert(Session, { tokenHash: sha256(token), userId: user.id, channel, method, expiresAt, createdAt: c.now });
  await audit(c, 'login', 'user', user.id, null, { method, channel });
  return { token, expiresAt, user: { id: user.id, name: user.name, role: user.role, locale: user.locale } };
}

export interface Authenticated { user: User; channel: 'api' | 'miniapp'; via: 'session' | 'api_key' }

/** Resolves a bearer credential: a session token (`s_…`) or an API key (`ck_<prefix>_<secret>`). */
export async function authenticate(db: Db, credential: string): Promise<Authenticated | null> {
  const now = db.clock.now();
  if (credential.startsWith('s_')) {
    const s = await db.ds.getRepository(Session).findOne({ where: { tokenHash: sha256(credential), expiresAt: MoreThan(dbTime(db, now) as Date) } });
    if (!s) return null;
    const user = await db.ds.getRepository(User).findOne({ where: { id: s.userId, active: true } });
    return user ? { user, channel: s.channel, via: 'session' } : null;
  }
  const m = /^ck_([A-Za-z0-9]{8,16})_([A-Za-z0-9_-]{20,})$/.exec(credential);
  if (!m) return null;
  const key = await db.ds.getRepository(ApiKey).findOne({ where: { prefix: m[1] } });
  if (!key || key.revokedAt || !sameHash(key.hash, sha256(m[2]))) return null;
  const user = await db.ds.getRepository(User).findOne({ where: { id: key.userId, active: true } });
  if (!user) return null;
  await db.ds.getRepository(ApiKey).update({ id: key.id }, { lastUsedAt: now });
  return { user, channel: 'api', via: 'api_key' };
}

export async function endSession(c: DomainContext, token: string): Promise<void> {
  await c.tx.delete(Session, { tokenHash: sha256(token) });
}
