// WeCom server API client: access-token cache, per-member and per-group rate limits, retries, sends and card
// updates. Origin comes from config (WECOM_API_BASE) so tests hit test/fakes/wecom-api.ts. Knows no CRM.
import { PlatformError, type SendOptions } from '../../core/platform.js';
import { callJson } from '../shared/http-json.js';
import { RateGate, laneOf, type RateRule } from '../shared/rate-gate.js';
import { silentLog, type EdgeLog } from '../shared/log.js';
import { signJsapi, type JsapiSigned } from '../shared/jsapi-signature.js';
import type { WecomEdgeConfig } from './config.js';

/** platforms.md A3.4: per app per member 30/min and 1000/h, excess silently dropped. */
export const WECOM_MEMBER_LIMITS: RateRule[] = [
  { name: 'wecom-member-min', points: 30, durationMs: 60_000 },
  { name: 'wecom-member-hour', points: 1000, durationMs: 3_600_000 },
];
/** platforms.md A3.8: a group robot takes 20 messages per minute. */
export const WECOM_GROUP_LIMITS: RateRule[] = [{ name: 'wecom-group-min', points: 20, durationMs: 60_000 }];

/** A3.2: codes that mean "this token is bad": refresh once and retry. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
/** -1 system busy; 45009 frequency limit; 45033 concurrency limit: worth another try later. */
const RETRYABLE = new Set([-1, 45009, 45033]);

export interface WecomClientOptions {
  config: Pick<WecomEdgeConfig, 'corpId' | 'secret' | 'agentId' | 'apiBase'>;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  memberLimits?: RateRule[];
  groupLimits?: RateRule[];
  /** Backoff for errcode -1: delays in ms, one retry per entry (WeCom advises at most 3). */
  busyBackoffMs?: number[];
  /** Refresh the token this long before WeCom says it expires. */
  tokenRefreshEarlyMs?: number;
  timeoutMs?: number;
  log?: EdgeLog;
}

export interface WecomSendResult { msgId?: string; responseCode?: string; invalidUsers: string[] }
/** What an H5 page passes to ww.register: corp-level `config` and app-level `agentConfig` signatures for one URL. */
export interface WecomJsapiSignatures { corpId: string; agentId: string; config: JsapiSigned; agentConfig: JsapiSigned }
/** A4.3: the corp ticket signs `config`, the app ticket (`type=agent_config`) signs `agentConfig`. */
export type WecomTicketKind = 'corp' | 'agent';

type Json = Record<string, unknown>;
const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class WecomClient {
  private token?: { value: string; expiresAt: number };
  private pendingToken?: Promise<string>;
  private readonly tickets = new Map<WecomTicketKind, { value: string; expiresAt: number }>();
  private readonly pendingTickets = new Map<WecomTicketKind, Promise<string>>();
  private readonly memberGate: RateGate;
  private readonly groupGate: RateGate;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly log: EdgeLog;

  constructor(private readonly opts: WecomClientOptions) {
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? realSleep;
    this.log = opts.log ?? silentLog;
    this.memberGate = new RateGate({ rules: opts.memberLimits ?? WECOM_MEMBER_LIMITS, sleep: opts.sleep, marginMs: opts.memberLimits ? 0 : 1000 });
    this.groupGate = new RateGate({ rules: opts.groupLimits ?? WECOM_GROUP_LIMITS, sleep: opts.sleep, marginMs: opts.groupLimits ? 0 : 1000 });
  }

  private url(path: string, query: Record<string, string> = {}): string {
    const u = new URL(path, this.opts.config.apiBase);
    for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
    return u.toString();
  }

  /** Cached access token (A3.1: cache it, gettoken is throttled); concurrent callers share one fetch. */
  async getToken(force = false): Promise<string> {
    if (!force && this.token && this.now() < this.token.expiresAt) return this.token.value;
    if (force) this.token = undefined;
    this.pendingToken ??= this.fetchToken().finally(() => { this.pendingToken = undefined; });
    return this.pendingToken;
  }

  private async fetchToken(): Promise<string> {
    const { corpId, secret } = this.opts.config;
    const { json } = await callJson('wecom', { url: this.url('/cgi-bin/gettoken', { corpid: corpId, corpsecret: secret }), timeoutMs: this.opts.timeoutMs });
    const code = Number(json.errcode ?? 0);
    if (code !== 0 || typeof json.access_token !== 'string') {
      // A bad secret (40001 here) will not fix itself: a dead letter, not a retry.
      throw new PlatformError('wecom', code || 'no_token', String(json.errmsg ?? 'gettoken failed'), RETRYABLE.has(code));
    }
    this.token = { value: json.access_token, expiresAt: this.expiryOf(json.expires_in) };
    return json.access_token;
  }

  /** When a token or ticket that WeCom says lives `expiresIn` seconds stops being used: a little early. */
  private expiryOf(expiresIn: unknown): number {
    const ttlMs = Number(expiresIn ?? 7200) * 1000;
    const early = Math.min(this.opts.tokenRefreshEarlyMs ?? 300_000, ttlMs / 2);
    return this.now() + ttlMs - early;
  }

  /**
   * Cached JS-API ticket (7200 s): fetching it is rate-limited like gettoken, so one per kind is shared by every
   * page and renewed shortly before it runs out. Token errors on the way refresh the token once (call()).
   */
  async getJsapiTicket(kind: WecomTicketKind, force = false): Promise<string> {
    const cached = this.tickets.get(kind);
    if (!force && cached && this.now() < cached.expiresAt) return cached.value;
    if (force) this.tickets.delete(kind);
    let pending = this.pendingTickets.get(kind);
    if (!pending) {
      pending = this.fetchJsapiTicket(kind).finally(() => this.pendingTickets.delete(kind));
      this.pendingTickets.set(kind, pending);
    }
    return pending;
  }

  private async fetchJsapiTicket(kind: WecomTicketKind): Promise<string> {
    const json = kind === 'corp'
      ? await this.call('/cgi-bin/get_jsapi_ticket')
      : await this.call('/cgi-bin/ticket/get', undefined, { type: 'agent_config' });
    if (typeof json.ticket !== 'string' || !json.ticket) throw new PlatformError('wecom', 'no_ticket', 'ticket missing in answer', true);
    this.tickets.set(kind, { value: json.ticket, expiresAt: this.expiryOf(json.expires_in) });
    return json.ticket;
  }

  /** Both signatures ww.register asks for, for the page at `url` (its `#` part is not signed). */
  async signJsapi(url: string): Promise<WecomJsapiSignatures> {
    const [corp, agent] = await Promise.all([this.getJsapiTicket('corp'), this.getJsapiTicket('agent')]);
    const now = this.now();
    return {
      corpId: this.opts.config.corpId, agentId: this.opts.config.agentId,
      config: signJsapi(corp, url, now), agentConfig: signJsapi(agent, url, now),
    };
  }

  /** One authenticated call: token errors refresh once, -1 backs off; anything else surfaces as PlatformError. */
  async call(path: string, body?: Json, query: Record<string, string> = {}): Promise<Json> {
    const backoff = this.opts.busyBackoffMs ?? [1000, 2000, 4000];
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const token = await this.getToken();
      const { json } = await callJson('wecom', { url: this.url(path, { ...query, access_token: token }), body, timeoutMs: this.opts.timeoutMs });
      const code = Number(json.errcode ?? 0);
      if (code === 0) return json;
      if (TOKEN_ERRORS.has(code) && !refreshed) {
        refreshed = true;
        this.invalidateToken(token);
        attempt--;
        continue;
      }
      if (code === -1 && attempt < backoff.length) {
        this.log.debug({ path, attempt }, 'wecom busy, backing off');
        await this.sleep(backoff[attempt]);
        continue;
      }
      throw new PlatformError('wecom', code, String(json.errmsg ?? 'error'), RETRYABLE.has(code) || TOKEN_ERRORS.has(code));
    }
  }

  private invalidateToken(used: string): void {
    if (this.token?.value === used) this.token = undefined;
  }

  /**
   * App message to members (message/send). Waits for each member's rate slot first: WeCom drops the excess silently.
   * A push (`opts.push`) waits in its own lane and leaves part of each window to answers.
   */
  async sendToUsers(userIds: string[], message: Json, opts?: SendOptions): Promise<WecomSendResult> {
    for (const id of userIds) await this.memberGate.waitForSlot(id, laneOf(opts));
    const json = await this.call('/cgi-bin/message/send', {
      touser: userIds.join('|'),
      agentid: Number(this.opts.config.agentId),
      ...message,
      // A5.4: makes a retried identical send harmless on WeCom's side.
      enable_duplicate_check: 1,
      duplicate_check_interval: 1800,
    }).finally(() => this.memberGate.markSent(userIds));
    const invalid = String(json.invaliduser ?? '').split('|').filter(Boolean);
    return { msgId: str(json.msgid), responseCode: str(json.response_code), invalidUsers: invalid };
  }

  sendText(userId: string, content: string, opts?: SendOptions): Promise<WecomSendResult> {
    return this.sendToUsers([userId], { msgtype: 'text', text: { content } }, opts);
  }

  sendMarkdown(userId: string, content: string, opts?: SendOptions): Promise<WecomSendResult> {
    return this.sendToUsers([userId], { msgtype: 'markdown', markdown: { content } }, opts);
  }

  sendCard(userId: string, templateCard: Json, opts?: SendOptions): Promise<WecomSendResult> {
    return this.sendToUsers([userId], { msgtype: 'template_card', template_card: templateCard }, opts);
  }

  /** A3.7: update a sent card with its single-use response_code; arrays, not `|` strings. */
  async updateCard(args: { userIds: string[]; responseCode: string; templateCard?: Json; replaceName?: string }): Promise<void> {
    await this.call('/cgi-bin/message/update_template_card', {
      userids: args.userIds,
      agentid: Number(this.opts.config.agentId),
      response_code: args.responseCode,
      ...(args.templateCard ? { template_card: args.templateCard } : { button: { replace_name: args.replaceName ?? '' } }),
    });
  }

  /** Group-robot webhook (A3.8): the key is the credential; 20/min per robot, so wait for a slot (pushes: their lane). */
  async sendWebhook(key: string, message: Json, opts?: SendOptions): Promise<void> {
    await this.groupGate.waitForSlot(`webhook:${key}`, laneOf(opts));
    await this.unauthenticated('/cgi-bin/webhook/send', message, { key });
  }

  /** Intelligent-robot response_url (doc 101138): single-use, one hour. Same origin rules as any API call. */
  async sendRobotResponse(responseUrl: string, message: Json): Promise<void> {
    await this.unauthenticatedUrl(responseUrl, message);
  }

  /** Mini-program login code → member (A4.4). */
  async code2Session(jsCode: string): Promise<{ userId: string; corpId?: string }> {
    const json = await this.call('/cgi-bin/miniprogram/jscode2session', undefined, { js_code: jsCode, grant_type: 'authorization_code' });
    return { userId: String(json.userid ?? ''), corpId: str(json.corpid) };
  }

  /** H5 OAuth code → member (A4.2). Non-members come back without a userid. */
  async getUserInfo(code: string): Promise<{ userId?: string; openId?: string }> {
    const json = await this.call('/cgi-bin/auth/getuserinfo', undefined, { code });
    return { userId: str(json.userid), openId: str(json.openid) };
  }

  private async unauthenticated(path: string, body: Json, query: Record<string, string>): Promise<Json> {
    return this.unauthenticatedUrl(this.url(path, query), body);
  }

  private async unauthenticatedUrl(url: string, body: Json): Promise<Json> {
    const backoff = this.opts.busyBackoffMs ?? [1000, 2000, 4000];
    for (let attempt = 0; ; attempt++) {
      const { json } = await callJson('wecom', { url, body, timeoutMs: this.opts.timeoutMs });
      const code = Number(json.errcode ?? 0);
      if (code === 0) return json;
      if (code === -1 && attempt < backoff.length) {
        await this.sleep(backoff[attempt]);
        continue;
      }
      throw new PlatformError('wecom', code, String(json.errmsg ?? 'error'), RETRYABLE.has(code));
    }
  }
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined;
}
