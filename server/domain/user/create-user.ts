// Admins add people: role, position, team, manager, language and platform identities.
import type { DomainContext } from '../shared/with-tx.js';
import { requireRole } from '../shared/permissions.js';
import { audit } from '../audit/audit.js';
import { User, type Role } from './user.entity.js';
import { assertIdentitiesFree, assertManager, assertTeam, fullUser, saveUnique } from './user-rules.js';

export interface UserInput {
  username: string;
  name: string;
  role: Role;
  locale?: 'zh-CN' | 'en-US';
  position?: string | null;
  teamId?: number | null;
  managerId?: number | null;
  email?: string | null;
  phone?: string | null;
  wecomUserId?: string | null;
  dingtalkUserId?: string | null;
  dingtalkUnionId?: string | null;
}

/**
 * Create a user.
 * Who: admins. Writes: the user, audit `create`.
 * Not idempotent by design: a second call with the same username or platform identity answers 409 naming the field.
 */
export async function createUser(c: DomainContext, input: UserInput): Promise<Record<string, unknown>> {
  requireRole(c, ['admin'], 'user.create');
  await assertIdentitiesFree(c, input);
  await assertTeam(c, input.teamId);
  await assertManager(c, input.managerId);
  const user = await saveUnique(input, () => c.tx.save(c.tx.create(User, {
    username: input.username, name: input.name, role: input.role, locale: input.locale ?? 'zh-CN',
    position: input.position ?? null, teamId: input.teamId ?? null, managerId: input.managerId ?? null,
    email: input.email ?? null, phone: input.phone ?? null, wecomUserId: input.wecomUserId ?? null,
    dingtalkUserId: input.dingtalkUserId ?? null, dingtalkUnionId: input.dingtalkUnionId ?? null,
    active: true, createdAt: c.now, updatedAt: c.now,
  })));
  await audit(c, 'create', 'user', user.id, null, user);
  c.emit({ type: 'user.created', entity: 'user', id: user.id });
  return fullUser(user);
}
