// API keys for integrations: admins create and revoke them; the secret is shown once and stored hashed.
import type { DomainContext } from '../shared/with-tx.js';
import { ApiKey } from './api-key.entity.js';
import { User } from '../user/user.entity.js';
import { newSecret, sha256 } from './tokens.js';
import { audit } from '../audit/audit.js';
import { invalid, notFound } from '../shared/domain-error.js';
import { requireRole } from '../shared/permissions.js';
import { randomBytes } from 'node:crypto';

export async function createApiKey(c: DomainContext, input: { name: string; userId: number }): Promise<{ id: number; name: string; key: string; prefix: string }> {
  requireRole(c, ['admin'], 'api_key.create');
  if (!(await c.tx.exists(User, { where: { id: input.userId } }))) throw invalid('validation.user', 'userId');
  const prefix = randomBytes(6).toString('hex');
  const secret = newSecret(24);
  const row = await c.tx.save(c.tx.create(ApiKey, { name: input.name, userId: input.userId, prefix, hash: sha256(secret), createdAt: c.now }));
  await audit(c, 'create', 'api_key', row.id, null, { name: row.name, userId: row.userId, prefix });
  return { id: row.id, name: row.name, prefix, key: `ck_${prefix}_${secret}` };
}

export async function listApiKeys(c: DomainContext): Promise<Omit<ApiKey, 'hash'>[]> {
  requireRole(c, ['admin'], 'api_key.list');
  const rows = await c.tx.find(ApiKey, { order: { id: 'ASC' } });
  return rows.map(({ hash: _hash, ...rest }) => rest);
}

export async function revokeApiKey(c: DomainContext, id: number): Promise<void> {
  requireRole(c, ['admin'], 'api_key.revoke');
  const row = await c.tx.findOne(ApiKey, { where: { id } });
  if (!row) throw notFound('api_key');
  if (row.revokedAt) return;
  await c.tx.update(ApiKey, { id }, { revokedAt: c.now });
  await audit(c, 'revoke', 'api_key', id, { revokedAt: null }, { revokedAt: c.now });
}
