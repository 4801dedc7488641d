// The local chat emulator for `npm start` with no WeCom/DingTalk account: plays both platforms on loopback
// (local-platforms.ts), posts signed callbacks for the page (play.ts), reads back what our server sent
// (feed.ts) and serves the page at `/` (routes.ts). server/main.ts wires it; nothing else depends on it.
import Router from '@koa/router';
import type { Config } from '../../../server/config.js';
import { serialized, type Db } from '../../../server/domain/shared/db.js';
import type { OffsetClock } from '../../../server/clock.js';
import { Team } from '../../../server/domain/user/team.entity.js';
import { dbTime } from '../../../server/domain/shared/sql.js';
import { startLocalPlatforms, type LocalPlatforms } from './local-platforms.js';
import { createPlayer } from './play.js';
import { emulatorRoutes } from './routes.js';
import type { Typed } from './feed.js';

export interface Emulator {
  /** The config with the emulated platforms filled in (credentials generated, API origins on loopback). */
  config: Config;
  router: Router;
  platforms: LocalPlatforms;
  /** Tell the emulator where our server listens (callbacks go there) and what to wake after a clock jump. */
  attach(o: { baseUrl: string; onClockJump?: () => void }): void;
  stop(): Promise<void>;
}

/** Our chat id for a team's group chat (WeCom group-robot webhook name; DingTalk conversation `cid_<id>`). */
export const teamChatId = (teamId: number) => `team-${teamId}`;

export async function startEmulator(o: { config: Config; db: Db; clock: OffsetClock }): Promise<Emulator> {
  const teams = await o.db.ds.getRepository(Team).find({ order: { id: 'ASC' } });
  const platforms = await startLocalPlatforms({
    now: () => o.clock.nowMs(), wecom: !o.config.wecom, dingtalk: !o.config.dingtalk,
    groupChats: teams.map((t) => teamChatId(t.id)), cardTemplateId: o.config.raw.DINGTALK_CARD_TEMPLATE_ID,
  });
  const config: Config = {
    ...o.config,
    wecom: o.config.wecom ?? platforms.wecom?.config,
    dingtalk: o.config.dingtalk ?? platforms.dingtalk?.config,
  };
  await bindTeamChats(o.db, teams, platforms);
  let baseUrl = `http://127.0.0.1:${o.config.port}`;
  let onClockJump: () => void = () => {};
  const typed: Typed[] = [];
  const robotReplies = new Map<string, string>();
  const player = createPlayer({ platforms, baseUrl: () => baseUrl, now: () => o.clock.nowMs(), robotReplies });
  const router = new Router();
  emulatorRoutes(router, {
    db: o.db, config, clock: o.clock, platforms, player, typed, robotReplies,
    onClockJump: () => onClockJump(),
  });
  return {
    config, router, platforms,
    attach(a) { baseUrl = a.baseUrl; onClockJump = a.onClockJump ?? onClockJump; },
    stop: () => platforms.stop(),
  };
}

/**
 * Binds each team's emulated group chat to the team (as an admin would in a real tenant), so group commands
 * and scheduled group pushes have somewhere to go. Written as plain SQL because the binding table belongs to
 * the leaderboard feature; when that table is absent there is nothing to bind.
 */
async function bindTeamChats(db: Db, teams: Team[], platforms: LocalPlatforms): Promise<void> {
  const qr = db.ds.createQueryRunner();
  try {
    if (!(await qr.hasTable('chat_binding'))) return;
  } finally {
    await qr.release();
  }
  const chats = [
    ...(platforms.wecom ? teams.map((t) => ({ platform: 'wecom', chatId: teamChatId(t.id), team: t })) : []),
    ...(platforms.dingtalk ? teams.map((t) => ({ platform: 'dingtalk', chatId: `cid_${teamChatId(t.id)}`, team: t })) : []),
  ];
  for (const c of chats) {
    const [row] = (await db.ds.query('SELECT COUNT(*) AS n FROM chat_binding WHERE platform = ? AND chat_id = ?', [c.platform, c.chatId])) as { n: number | string }[];
    if (Number(row.n) > 0) continue;
    await serialized(db, () => db.ds.query('INSERT INTO chat_binding (platform, chat_id, team_id, name, created_at) VALUES (?, ?, ?, ?, ?)', [c.platform, c.chatId, c.team.id, c.team.name, dbTime(db, db.clock.now())]));
  }
}
