// The emulator's HTTP surface: the page at `/`, its assets, and a small JSON API the page polls (people, chat
// feeds, say, tap, clock). Emulator mode only: it lets anyone act as any demo person.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Router from '@koa/router';
import type { RouterContext } from '@koa/router';
import type { Config } from '../../../server/config.js';
import type { Db } from '../../../server/domain/shared/db.js';
import { companyTimeZone } from '../../../server/domain/settings/settings.js';
import type { OffsetClock } from '../../../server/clock.js';
import { User } from '../../../server/domain/user/user.entity.js';
import { Team } from '../../../server/domain/user/team.entity.js';
import { defaultH5Dir } from '../../../server/http/routes/miniapp-static.js';
import { catalogs, normalizeLocale } from '../../../locales/index.js';
import { readRawBody } from '../shared/raw-body.js';
import type { LocalPlatforms } from './local-platforms.js';
import type { Player } from './play.js';
import { feedOf, type ChatRef, type EmuPlatform, type Typed } from './feed.js';

export interface EmulatorRouteDeps {
  db: Db;
  config: Config;
  clock: OffsetClock;
  platforms: LocalPlatforms;
  player: Player;
  typed: Typed[];
  robotReplies: Map<string, string>;
  onClockJump: () => void;
}

const ASSETS: Record<string, string> = { 'app.js': 'text/javascript; charset=utf-8', 'app.css': 'text/css; charset=utf-8' };
const HOUR = 3_600_000;

/** The page's folder, from the source tree (tsx) or from compiled output (dist/bot/platforms/emulator). */
export function pageDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'page'), join(here, '..', '..', '..', '..', 'bot', 'platforms', 'emulator', 'page')];
  return candidates.find((d) => existsSync(join(d, 'index.html'))) ?? candidates[0];
}

async function jsonBody(ctx: RouterContext): Promise<Record<string, unknown>> {
  const raw = (await readRawBody(ctx.req, 64 * 1024)).toString('utf8');
  try {
    const v = JSON.parse(raw || '{}') as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function bad(ctx: RouterContext, message: string): void {
  ctx.status = 400;
  ctx.body = { error: { code: 'validation', message } };
}

export function emulatorRoutes(router: Router, d: EmulatorRouteDeps): void {
  const dir = pageDir();
  const platformsOn = (['wecom', 'dingtalk'] as EmuPlatform[]).filter((p) => d.platforms[p]);

  async function people() {
    const users = await d.db.ds.getRepository(User).find({ where: { active: true }, order: { id: 'ASC' } });
    const teams = await d.db.ds.getRepository(Team).find({ order: { id: 'ASC' } });
    const top = teams.find((t) => t.parentId === null);
    return users.filter((u) => u.wecomUserId || u.dingtalkUserId).map((u) => {
      // People outside a sales team (GM, legal, finance) sit in the top team's group.
      const team = teams.find((t) => t.id === u.teamId) ?? top;
      return {
        username: u.username, name: u.name, role: u.role, position: u.position, locale: u.locale,
        wecom: u.wecomUserId, dingtalk: u.dingtalkUserId, team: team ? { id: team.id, name: team.name, chat: `team-${team.id}` } : null,
      };
    });
  }

  /** Resolves the page's (platform, username, chat) into a chat and the person's platform user id. */
  async function resolve(q: Record<string, unknown>): Promise<{ chat: ChatRef; who: string; name: string } | string> {
    const platform = q.platform === 'dingtalk' ? 'dingtalk' : q.platform === 'wecom' ? 'wecom' : undefined;
    if (!platform || !d.platforms[platform]) return 'unknown platform';
    const person = (await people()).find((p) => p.username === q.username);
    if (!person) return 'unknown person';
    const who = platform === 'wecom' ? person.wecom : person.dingtalk;
    if (!who) return 'this person has no account on that platform';
    if (q.chat === 'group') {
      if (!person.team) return 'no team chat';
      return { chat: { platform, kind: 'group', id: person.team.chat }, who, name: person.name };
    }
    return { chat: { platform, kind: 'direct', id: who }, who, name: person.name };
  }

  router.get('/', (ctx) => {
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = readFileSync(join(dir, 'index.html'));
  });
  router.get('/favicon.ico', (ctx) => { ctx.status = 204; });
  router.get('/emulator/assets/:file', (ctx) => {
    const type = ASSETS[ctx.params.file];
    if (!type) { ctx.status = 404; return; }
    ctx.type = type;
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = readFileSync(join(dir, ctx.params.file));
  });

  router.get('/emulator/api/state', async (ctx) => {
    const locale = normalizeLocale(String(ctx.query.locale ?? '') || d.config.defaultLocale);
    const strings = Object.fromEntries(Object.entries(catalogs[locale]).filter(([k]) => k.startsWith('emulator.')));
    ctx.body = {
      locale, strings, platforms: platformsOn, people: await people(),
      clock: { now: d.clock.now().toISOString(), offsetMs: d.clock.offsetMs, timeZone: companyTimeZone(d.db) },
      miniapp: existsSync(join(defaultH5Dir(), 'index.html')),
    };
  });

  router.get('/emulator/api/feed', async (ctx) => {
    const r = await resolve(ctx.query as Record<string, unknown>);
    if (typeof r === 'string') return bad(ctx, r);
    ctx.body = { chat: r.chat, items: feedOf({ wecom: d.platforms.wecom?.fake, dingtalk: d.platforms.dingtalk?.fake, webhookKeys: d.platforms.wecom?.webhookKeys, robotReplies: d.robotReplies, typed: d.typed }, r.chat) };
  });

  router.post('/emulator/api/say', async (ctx) => {
    const body = await jsonBody(ctx);
    const text = typeof body.text === 'string' ? body.text.trim() : '';
    if (!text || text.length > 2000) return bad(ctx, 'text is required (at most 2000 characters)');
    const r = await resolve(body);
    if (typeof r === 'string') return bad(ctx, r);
    d.typed.push({ chat: r.chat, sender: r.name, text, at: d.clock.nowMs(), seq: d.typed.length });
    const status = await d.player.say(r.chat, r.who, text);
    ctx.body = { status };
  });

  router.post('/emulator/api/tap', async (ctx) => {
    const body = await jsonBody(ctx);
    const r = await resolve(body);
    if (typeof r === 'string') return bad(ctx, r);
    if (typeof body.cardId !== 'string' || typeof body.key !== 'string') return bad(ctx, 'cardId and key are required');
    const selected = Array.isArray(body.selected) ? body.selected.map(String) : undefined;
    const status = await d.player.tap(r.chat, r.who, body.cardId, body.key, { selected, vote: body.vote === true, questionKey: typeof body.questionKey === 'string' ? body.questionKey : undefined });
    ctx.body = { status };
  });

  router.post('/emulator/api/clock', async (ctx) => {
    const body = await jsonBody(ctx);
    if (body.jump === 'morning') d.clock.advanceToNext(8, 30, companyTimeZone(d.db));
    else if (body.jump === 'hour') d.clock.advance(HOUR);
    else if (body.jump === 'day') d.clock.advance(24 * HOUR);
    else if (body.jump === 'week') d.clock.advance(7 * 24 * HOUR);
    else return bad(ctx, 'jump is one of hour, morning, day, week');
    d.onClockJump();
    ctx.body = { now: d.clock.now().toISOString(), offsetMs: d.clock.offsetMs };
  });
}
