// The only reader of process.env. One zod schema: every variable, its default, and which are secrets.
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';

const optional = z.string().trim().min(1).optional().catch(undefined);

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().default('sqlite:data/chatcrm.sqlite'),
  /** dev/demo mode: enables the dev login and seeds demo data into an empty embedded DB. */
  DEMO_MODE: z.enum(['true', 'false', 'auto']).default('auto'),
  COMPANY_TIME_ZONE: z.string().default('Asia/Shanghai'),
  DEFAULT_LOCALE: z.enum(['zh-CN', 'en-US']).default('zh-CN'),
  SESSION_TTL_SECONDS: z.coerce.number().int().positive().default(7 * 24 * 3600),
  BODY_LIMIT_KB: z.coerce.number().int().positive().default(256),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Read the dates in chat lines on a second thread, ahead of each turn (bot/understand/read-ahead.ts). */
  READ_AHEAD_THREAD: z.enum(['true', 'false']).default('true'),
  /** Where people reach this server (links in cards open the mini-program's H5 pages under it). */
  PUBLIC_URL: z.string().url().optional(),
  /** Signs card button payloads; generated and kept in the database when unset. */
  CHATCRM_SECRET: optional,
  /** Run the local chat emulator (default: on when neither platform is configured). */
  EMULATOR: z.enum(['true', 'false', 'auto']).default('auto'),

  WECOM_CORP_ID: optional,
  WECOM_AGENT_ID: optional,
  WECOM_SECRET: optional,
  WECOM_TOKEN: optional,
  WECOM_AES_KEY: optional,
  WECOM_API_BASE: z.string().url().default('https://qyapi.weixin.qq.com'),
  WECOM_BOT_TOKEN: optional,
  WECOM_BOT_AES_KEY: optional,
  WECOM_BOT_ID: optional,
  WECOM_BOT_SECRET: optional,
  WECOM_GROUP_WEBHOOK_KEYS: optional,

  DINGTALK_APP_KEY: optional,
  DINGTALK_APP_SECRET: optional,
  DINGTALK_ROBOT_CODE: optional,
  DINGTALK_API_BASE: z.string().url().default('https://api.dingtalk.com'),
  DINGTALK_OAPI_BASE: z.string().url().default('https://oapi.dingtalk.com'),
  DINGTALK_MODE: z.enum(['http', 'stream']).default('http'),
  DINGTALK_CARD_TEMPLATE_ID: z.string().default('chatcrm-card.schema'),
  /** The organisation's corpId and the H5 app's agentId: dd.config needs both to sign pages (voice input in H5). */
  DINGTALK_CORP_ID: optional,
  DINGTALK_AGENT_ID: optional,
});

/** Keys whose values never reach a log line. */
export const SECRET_KEYS = [
  'CHATCRM_SECRET', 'WECOM_SECRET', 'WECOM_TOKEN', 'WECOM_AES_KEY', 'WECOM_BOT_TOKEN', 'WECOM_BOT_AES_KEY', 'WECOM_BOT_SECRET',
  'WECOM_GROUP_WEBHOOK_KEYS', 'DINGTALK_APP_SECRET', 'DATABASE_URL',
] as const;

export interface WecomConfig {
  corpId: string; agentId: string; secret: string; token: string; aesKey: string; apiBase: string;
  bot?: { token: string; aesKey: string }; botWs?: { botId: string; secret: string }; groupWebhookKeys?: string;
}
export interface DingtalkConfig {
  appKey: string; appSecret: string; robotCode: string; apiBase: string; oapiBase: string; mode: 'http' | 'stream'; cardTemplateId: string;
  corpId?: string; agentId?: string;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  databaseUrl: string;
  demoMode: boolean;
  timeZone: string;
  defaultLocale: 'zh-CN' | 'en-US';
  sessionTtlSeconds: number;
  bodyLimitKb: number;
  logLevel: string;
  readAheadThread: boolean;
  publicUrl: string;
  secret?: string;
  emulator: boolean;
  wecom?: WecomConfig;
  dingtalk?: DingtalkConfig;
  raw: z.infer<typeof EnvSchema>;
}

export class ConfigError extends Error {}

/** Each platform block is all-or-nothing: setting one variable of it makes the others required. */
function requireBlock(env: Record<string, string | undefined>, names: string[], block: string): boolean {
  const set = names.filter((n) => env[n]);
  if (set.length === 0) return false;
  const missing = names.filter((n) => !env[n]);
  if (missing.length) {
    throw new ConfigError(`${block} is partly configured: ${set.join(', ')} set but ${missing.join(', ')} missing.`);
  }
  return true;
}

/** Reads KEY=VALUE lines of a .env file; real environment variables win. */
export function readDotEnv(path = '.env'): Record<string, string> {
  if (!existsSync(path)) return {};
  const out: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
    if (!m || line.trimStart().startsWith('#')) continue;
    out[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

export function loadConfig(source: Record<string, string | undefined> = { ...readDotEnv(), ...process.env }): Config {
  // An empty value means unset (a copied .env.example is all `NAME=`): defaults apply.
  const parsed = EnvSchema.safeParse(Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v.trim() !== '')));
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ConfigError(`Invalid configuration: ${first.path.join('.')}: ${first.message}`);
  }
  const e = parsed.data;
  const wecomOn = requireBlock(source, ['WECOM_CORP_ID', 'WECOM_AGENT_ID', 'WECOM_SECRET', 'WECOM_TOKEN', 'WECOM_AES_KEY'], 'WeCom');
  const dingOn = requireBlock(source, ['DINGTALK_APP_KEY', 'DINGTALK_APP_SECRET', 'DINGTALK_ROBOT_CODE'], 'DingTalk');
  const embedded = e.DATABASE_URL.startsWith('sqlite:');
  requireBlock(source, ['WECOM_BOT_TOKEN', 'WECOM_BOT_AES_KEY'], 'WeCom intelligent robot');
  requireBlock(source, ['WECOM_BOT_ID', 'WECOM_BOT_SECRET'], 'WeCom intelligent robot (long connection)');
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    demoMode: e.DEMO_MODE === 'auto' ? embedded && !wecomOn && !dingOn && e.NODE_ENV !== 'production' : e.DEMO_MODE === 'true',
    timeZone: e.COMPANY_TIME_ZONE,
    defaultLocale: e.DEFAULT_LOCALE,
    sessionTtlSeconds: e.SESSION_TTL_SECONDS,
    bodyLimitKb: e.BODY_LIMIT_KB,
    logLevel: e.LOG_LEVEL,
    readAheadThread: e.READ_AHEAD_THREAD === 'true',
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    secret: e.CHATCRM_SECRET,
    emulator: e.EMULATOR === 'auto' ? !wecomOn && !dingOn : e.EMULATOR === 'true',
    wecom: wecomOn
      ? {
        corpId: e.WECOM_CORP_ID!, agentId: e.WECOM_AGENT_ID!, secret: e.WECOM_SECRET!, token: e.WECOM_TOKEN!, aesKey: e.WECOM_AES_KEY!, apiBase: e.WECOM_API_BASE,
        bot: e.WECOM_BOT_TOKEN && e.WECOM_BOT_AES_KEY ? { token: e.WECOM_BOT_TOKEN, aesKey: e.WECOM_BOT_AES_KEY } : undefined,
        botWs: e.WECOM_BOT_ID && e.WECOM_BOT_SECRET ? { botId: e.WECOM_BOT_ID, secret: e.WECOM_BOT_SECRET } : undefined,
        groupWebhookKeys: e.WECOM_GROUP_WEBHOOK_KEYS,
      }
      : undefined,
    dingtalk: dingOn
      ? { appKey: e.DINGTALK_APP_KEY!, appSecret: e.DINGTALK_APP_SECRET!, robotCode: e.DINGTALK_ROBOT_CODE!, apiBase: e.DINGTALK_API_BASE, oapiBase: e.DINGTALK_OAPI_BASE, mode: e.DINGTALK_MODE, cardTemplateId: e.DINGTALK_CARD_TEMPLATE_ID,
        corpId: e.DINGTALK_CORP_ID, agentId: e.DINGTALK_AGENT_ID }
      : undefined,
    raw: e,
  };
}
