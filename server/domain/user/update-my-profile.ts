// A user changes their own profile (for now: the language the bot, cards and API speak to them in).
import type { DomainContext } from '../shared/with-tx.js';
import { notFound } from '../shared/domain-error.js';
import { audit } from '../audit/audit.js';
import { User } from './user.entity.js';

/**
 * The signed-in user changes their own language (bot replies, cards and the API answer in it from then on).
 * Who: anyone, on themselves only. Writes: the user's locale, audit `update`. Idempotent.
 */
export async function updateMyProfile(c: DomainContext, patch: { locale?: 'zh-CN' | 'en-US' }): Promise<{ id: number; locale: string }> {
  if (!c.actor.userId) throw notFound('user');
  const user = await c.tx.findOne(User, { where: { id: c.actor.userId } });
  if (!user) throw notFound('user');
  if (patch.locale && patch.locale !== user.locale) {
    await c.tx.update(User, { id: user.id }, { locale: patch.locale, updatedAt: c.now });
    await audit(c, 'update', 'user', user.id, { locale: user.locale }, { locale: patch.locale });
    user.locale = patch.locale;
  }
  return { id: user.id, locale: user.locale };
}
