// Who is acting, and through which channel: every domain call carries one.
import type { Role } from '../user/user.entity.js';
import type { Channel } from '../activity/activity.entity.js';
import type { Locale } from '../../../locales/index.js';

export type { Role, Channel, Locale };

export interface Actor {
  userId: number | null;
  role: Role | 'system';
  teamId: number | null;
  locale: Locale;
  channel: Channel;
  /** Automation or routing rule on whose behalf the system acts (audited). */
  ruleId?: string;
}

export const systemActor = (ruleId?: string, locale: Locale = 'zh-CN'): Actor => ({
  userId: null, role: 'system', teamId: null, locale, channel: 'system', ruleId,
});
