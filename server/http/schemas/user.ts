// Users, teams and the signed-in user's own profile.
import { z } from 'zod';
import { ROLES } from '../../domain/user/user.entity.js';
import { email, phone, ref, requiredText, text } from './common.js';

const locale = z.enum(['zh-CN', 'en-US']);
const identity = z.string().trim().min(1).max(64).nullable().optional();

export const UserCreate = z.strictObject({
  username: z.string().trim().regex(/^[A-Za-z0-9_.-]{2,64}$/, { error: 'validation.format' }),
  name: requiredText(64),
  role: z.enum(ROLES),
  locale: locale.optional(),
  position: text(32).nullable().optional(),
  teamId: ref.nullable().optional(),
  managerId: ref.nullable().optional(),
  email: email.nullable().optional(),
  phone: phone.nullable().optional(),
  wecomUserId: identity,
  dingtalkUserId: identity,
  dingtalkUnionId: identity,
});

export const UserUpdate = UserCreate.partial().extend({ active: z.boolean().optional() });

export const TeamCreate = z.strictObject({ name: requiredText(64), parentId: ref.nullable().optional(), headId: ref.nullable().optional() });
export const TeamUpdate = TeamCreate.partial();

export const MeUpdate = z.strictObject({ locale: locale.optional() });
