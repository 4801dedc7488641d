// The group chats each platform's bot has heard from, in the database (heard_chat), so a restarted bot still knows
// which groups it can push into. Callers write when a chat is first heard and then only now and then, never per message.
import type { HeardChats, Platform } from './message.js';
import type { Db } from '../../server/domain/shared/db.js';
import { serialized } from '../../server/domain/shared/db.js';
import { dbTime } from '../../server/domain/shared/sql.js';
import { HeardChat } from '../../server/domain/bot/heard-chat.entity.js';

export function createHeardChats(db: Db): HeardChats {
  const repo = db.ds.getRepository(HeardChat);
  // Two frames from a new group may race to insert it: the unique key settles it, and the time only moves forward.
  const upsert = db.kind === 'sqlite'
    ? 'INSERT INTO heard_chat (platform, chat_id, heard_at) VALUES (?, ?, ?) ON CONFLICT(platform, chat_id) DO UPDATE SET heard_at = MAX(heard_at, excluded.heard_at)'
    : 'INSERT INTO heard_chat (platform, chat_id, heard_at) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE heard_at = GREATEST(heard_at, VALUES(heard_at))';

  return {
    async load(platform: Platform) {
      const rows = await repo.find({ where: { platform }, select: { chatId: true, heardAt: true } });
      return rows.map((r) => ({ chatId: r.chatId, heardAt: r.heardAt }));
    },
    async heard(platform: Platform, chatId: string, at: Date) {
      await serialized(db, () => db.ds.query(upsert, [platform, chatId.slice(0, 128), dbTime(db, at)]));
    },
    async forget(platform: Platform, chatId: string) {
      await serialized(db, () => repo.delete({ platform, chatId: chatId.slice(0, 128) }));
    },
  };
}
