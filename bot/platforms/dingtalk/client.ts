// DingTalk server API client: both token kinds cached, group rate limit, retries, robot sends, card instances,
// login codes. Origins come from config (DINGTALK_API_BASE, DINGTALK_OAPI_BASE) so tests hit the fake. Knows no CRM.
import { PlatformError, type SendOptions } from '../../core/platform.js';
import { callJson } from '../shared/http-json.js';
import { RateGate, laneOf, type RateRule } from '../shared/rate-gate.js';
import { silentLog, type EdgeLog } from '../shared/log.js';
import { jsapiSignature, newNonce, signableUrl } from '../shared/jsapi-signature.js';
import type { DingtalkEdgeConfig } from './config.js';

/** B3.2: 20 per minute per group robot (throttled for 10 min beyond). Applied to robot group sends as well. */
export const DINGTALK_GROUP_LIMITS: RateRule[] = [{ name: 'dingtalk-group-min', points: 20, durationMs: 60_000 }];

/** Old-API errcodes: 40014 invalid token, 42001 expired → refresh once. */
const OAPI_TOKEN_ERRORS = new Set([40014, 42001]);
/** -1 busy; 15/88 remote timeout (B1.5); 90002/90018/90019 frequency limits (B1.4). */
const OAPI_RETRYABLE = new Set([-1, 15, 88, 90002, 90018, 90019]);
const API_RETRYABLE = /throttl|qpslimit|flowcontrol|frequency|serviceunavailable|timeout|system\.busy/i;

/** What an H5 page passes to dd.config (field names as dd.config spells them). */
export interface DingtalkJsapiConfig { corpId: string; agentId: string; timeStamp: number; nonceStr: string; signature: string }

export interface DingtalkClientOptions {
  config: Pick<DingtalkEdgeConfig, 'appKey' | 'appSecret' | 'robotCode' | 'apiBase' | 'oapiBase' | 'corpId' | 'agentId'>;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  groupLimits?: RateRule[];
  busyBackoffMs?: number[];
  tokenRefreshEarlyMs?: number;
  timeoutMs?: number;
  log?: EdgeLog;
}

type Json = Record<string, unknown>;
interface Cached { value: string; expiresAt: number }
const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class DingtalkClient {
  private apiToken?: Cached;
  private oapiToken?: Cached;
  private jsapiTicket?: Cached;
  private pending = new Map<string, Promise<string>>();
  private readonly groupGate: RateGate;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly log: EdgeLog;

  constructor(private readonly opts: DingtalkClientOptions) {
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? realSleep;
    this.log = opts.log ?? silentLog;
    this.groupGate = new RateGate({ rules: opts.groupLimits ?? DINGTALK_GROUP_LIMITS, sleep: opts.sleep, marginMs: opts.groupLimits ? 0 : 1000 });
  }

  private early(ttlMs: number): number {
    // The official SDK refreshes 300 s before expiry (B1.1).
    return Math.min(this.opts.tokenRefreshEarlyMs ?? 300_000, ttlMs / 2);
  }

  private single(kind: string, fetcher: () => Promise<string>): Promise<string> {
    let p = this.pending.get(kind);
    if (!p) {
      p = fetcher().finally(() => this.pending.delete(kind));
      this.pending.set(kind, p);
    }
    return p;
  }

  /** New-style token for api.dingtalk.com: POST /v1.0/oauth2/accessToken → {accessToken, expireIn}. */
  async getApiToken(force = false): Promise<string> {
    if (!force && this.apiToken && this.now() < this.apiToken.expiresAt) return this.apiToken.value;
    if (force) this.apiToken = undefined;
    return this.single('api', async () => {
      const { status, json } = await callJson('dingtalk', {
        url: new URL('/v1.0/oauth2/accessToken', this.opts.config.apiBase).toString(),
        body: { appKey: this.opts.config.appKey, appSecret: this.opts.config.appSecret },
        timeoutMs: this.opts.timeoutMs,
      });
      if (status >= 400 || typeof json.accessToken !== 'string') {
        throw new PlatformError('dingtalk', String(json.code ?? `http_${status}`), String(json.message ?? 'accessToken failed'), false);
      }
      const ttl = Number(json.expireIn ?? 7200) * 1000;
      this.apiToken = { value: json.accessToken, expiresAt: this.now() + ttl - this.early(ttl) };
      return json.accessToken;
    });
  }

  /** Old-style token for oapi.dingtalk.com: GET /gettoken → {access_token, expires_in}. */
  async getOapiToken(force = false): Promise<string> {
    if (!force && this.oapiToken && this.now() < this.oapiToken.expiresAt) return this.oapiToken.value;
    if (force) this.oapiToken = undefined;
    return this.single('oapi', async () => {
      const u = new URL('/gettoken', this.opts.config.oapiBase);
      u.searchParams.set('appkey', this.opts.config.appKey);
      u.searchParams.set('appsecret', this.opts.config.appSecret);
      const { json } = await callJson('dingtalk', { url: u.toString(), timeoutMs: this.opts.timeoutMs });
      const code = Number(json.errcode ?? 0);
      if (code !== 0 || typeof json.access_token !== 'string') {
        throw new PlatformError('dingtalk', code || 'no_token', String(json.errmsg ?? 'gettoken failed'), OAPI_RETRYABLE.has(code));
      }
      const ttl = Number(json.expires_in ?? 7200) * 1000;
      this.oapiToken = { value: json.access_token, expiresAt: this.now() + ttl - this.early(ttl) };
      return json.access_token;
    });
  }

  /** New-style call: errors are HTTP 4xx with {code, message}; 401 or an auth code refreshes the token once. */
  async api(method: 'POST' | 'PUT', path: string, body: Json): Promise<Json> {
    let refreshed = false;
    for (;;) {
      const token = await this.getApiToken();
      const { status, json } = await callJson('dingtalk', {
        method, url: new URL(path, this.opts.config.apiBase).toString(), body,
        headers: { 'x-acs-dingtalk-access-token': token }, timeoutMs: this.opts.timeoutMs,
      });
      if (status < 400) return json;
      const code = String(json.code ?? `http_${status}`);
      if (!refreshed && (status === 401 || /InvalidAuthentication|token/i.test(code))) {
        refreshed = true;
        if (this.apiToken?.value === token) this.apiToken = undefined;
        continue;
      }
      throw new PlatformError('dingtalk', code, String(json.message ?? 'error'), API_RETRYABLE.test(code));
    }
  }

  /** Old-style call: errcode in the body; token errors refresh once, -1 backs off. Without a body it is a GET. */
  async oapi(path: string, body?: Json): Promise<Json> {
    const backoff = this.opts.busyBackoffMs ?? [1000, 2000, 4000];
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const token = await this.getOapiToken();
      const u = new URL(path, this.opts.config.oapiBase);
      u.searchParams.set('access_token', token);
      const { json } = await callJson('dingtalk', { url: u.toString(), body, timeoutMs: this.opts.timeoutMs });
      const code = Number(json.errcode ?? 0);
      if (code === 0) return json;
      if (OAPI_TOKEN_ERRORS.has(code) && !refreshed) {
        refreshed = true;
        if (this.oapiToken?.value === token) this.oapiToken = undefined;
        attempt--;
        continue;
      }
      if (code === -1 && attempt < backoff.length) {
        this.log.debug({ path, attempt }, 'dingtalk busy, backing off');
        await this.sleep(backoff[attempt]);
        continue;
      }
      throw new PlatformError('dingtalk', code, String(json.errmsg ?? 'error'), OAPI_RETRYABLE.has(code) || OAPI_TOKEN_ERRORS.has(code));
    }
  }

  /** 1:1 robot message (B2.6). A flow-controlled recipient is a retryable failure; an invalid one is not. */
  async sendToUser(userId: string, msgKey: string, msgParam: Json): Promise<{ processQueryKey?: string }> {
    const json = await this.api('POST', '/v1.0/robot/oToMessages/batchSend', {
      robotCode: this.opts.config.robotCode, userIds: [userId], msgKey, msgParam: JSON.stringify(msgParam),
    });
    if (list(json.invalidStaffIdList).includes(userId)) throw new PlatformError('dingtalk', 'invalid_staff_id', `invalid recipient ${userId}`, false);
    if (list(json.flowControlledStaffIdList).includes(userId)) throw new PlatformError('dingtalk', 'flow_controlled', `recipient ${userId} flow-controlled`, true);
    return { processQueryKey: strOf(json.processQueryKey) };
  }

  /** Group robot message (B2.6), waiting for the group's rate slot first (pushes: their lane, see RateGate). */
  async sendToGroup(openConversationId: string, msgKey: string, msgParam: Json, opts?: SendOptions): Promise<{ processQueryKey?: string }> {
    await this.groupGate.waitForSlot(openConversationId, laneOf(opts));
    const json = await this.api('POST', '/v1.0/robot/groupMessages/send', {
      robotCode: this.opts.config.robotCode, openConversationId, msgKey, msgParam: JSON.stringify(msgParam),
    });
    return { processQueryKey: strOf(json.processQueryKey) };
  }

  /** Reply through a message's sessionWebhook (B2.4): no token, no API quota, valid until its expiry. */
  async replyViaWebhook(url: string, body: Json, groupKey?: string, opts?: SendOptions): Promise<void> {
    if (groupKey) await this.groupGate.waitForSlot(groupKey, laneOf(opts));
    const { json } = await callJson('dingtalk', { url, body, timeoutMs: this.opts.timeoutMs });
    const code = Number(json.errcode ?? 0);
    if (code !== 0) throw new PlatformError('dingtalk', code, String(json.errmsg ?? 'webhook failed'), OAPI_RETRYABLE.has(code));
  }

  /** Create and deliver one card instance (B5.1). outTrackId must be deterministic so a retry cannot fork a card. */
  async createAndDeliverCard(args: {
    outTrackId: string; cardTemplateId: string; cardParamMap: Record<string, string>; privateData?: Json;
    target: { group: string } | { userId: string }; callbackType: 'STREAM' | 'HTTP';
  }, opts?: SendOptions): Promise<void> {
    const robotCode = this.opts.config.robotCode;
    const t = args.target;
    const group = 'group' in t;
    if ('group' in t) await this.groupGate.waitForSlot(t.group, laneOf(opts));
    const openSpaceId = 'group' in t ? `dtv1.card//IM_GROUP.${t.group}` : `dtv1.card//IM_ROBOT.${t.userId}`;
    await this.api('POST', '/v1.0/card/instances/createAndDeliver', {
      cardTemplateId: args.cardTemplateId,
      outTrackId: args.outTrackId,
      cardData: { cardParamMap: args.cardParamMap },
      ...(args.privateData ? { privateData: args.privateData } : {}),
      callbackType: args.callbackType,
      openSpaceId,
      userIdType: 1,
      ...(group
        ? { imGroupOpenSpaceModel: { supportForward: false }, imGroupOpenDeliverModel: { robotCode } }
        : { imRobotOpenSpaceModel: { supportForward: false }, imRobotOpenDeliverModel: { spaceType: 'IM_ROBOT', robotCode } }),
    });
  }

  /** Update a card instance in place by outTrackId (B5.1). */
  async updateCard(outTrackId: string, cardParamMap: Record<string, string>, privateData?: Json): Promise<void> {
    const json = await this.api('PUT', '/v1.0/card/instances', {
      outTrackId,
      cardData: { cardParamMap },
      ...(privateData ? { privateData } : {}),
      cardUpdateOptions: { updateCardDataByKey: true, updatePrivateDataByKey: !!privateData },
      userIdType: 1,
    });
    if (json.success === false) throw new PlatformError('dingtalk', 'card_update_failed', String(json.message ?? 'update refused'), true);
  }

  /**
   * The app's JS-API ticket (GET /get_jsapi_ticket, 7200 s; one per appKey, so cached here and renewed shortly
   * before it runs out). Token errors on the way refresh the token once (oapi()).
   */
  async getJsapiTicket(force = false): Promise<string> {
    if (!force && this.jsapiTicket && this.now() < this.jsapiTicket.expiresAt) return this.jsapiTicket.value;
    if (force) this.jsapiTicket = undefined;
    return this.single('jsapi', async () => {
      const json = await this.oapi('/get_jsapi_ticket');
      if (typeof json.ticket !== 'string' || !json.ticket) throw new PlatformError('dingtalk', 'no_ticket', 'ticket missing in answer', true);
      const ttl = Number(json.expires_in ?? 7200) * 1000;
      this.jsapiTicket = { value: json.ticket, expiresAt: this.now() + ttl - this.early(ttl) };
      return json.ticket;
    });
  }

  /** dd.config's parameters for the page at `url`; needs the organisation's corpId and the app's agentId. */
  async signJsapi(url: string): Promise<DingtalkJsapiConfig> {
    const { corpId, agentId } = this.opts.config;
    if (!corpId || !agentId) throw new PlatformError('dingtalk', 'config', 'DINGTALK_CORP_ID and DINGTALK_AGENT_ID are needed for dd.config', false);
    const ticket = await this.getJsapiTicket();
    const timeStamp = Math.floor(this.now() / 1000);
    const nonceStr = newNonce();
    return { corpId, agentId, timeStamp, nonceStr, signature: jsapiSignature({ ticket, nonceStr, timestamp: timeStamp, url: dingtalkSignableUrl(url) }) };
  }

  /** Login code from requestAuthCode → org user (B7.2). */
  async getUserInfo(code: string): Promise<{ userId: string; unionId?: string; name?: string }> {
    const json = await this.oapi('/topapi/v2/user/getuserinfo', { code });
    const result = (json.result ?? {}) as Json;
    return { userId: String(result.userid ?? ''), unionId: strOf(result.unionid), name: strOf(result.name) };
  }
}

/**
 * The URL DingTalk signs: no `#` part and the query percent-decoded, as DingTalk's own server samples do (iOS hands
 * the container an encoded URL, Android the raw one; both sides compare the decoded form).
 */
export function dingtalkSignableUrl(url: string): string {
  const bare = signableUrl(url);
  const q = bare.indexOf('?');
  if (q < 0) return bare;
  const query = bare.slice(q + 1);
  try {
    return `${bare.slice(0, q)}?${decodeURIComponent(query.replace(/\+/g, ' '))}`;
  } catch {
    return bare; // a malformed escape stays as it is (the container would not decode it either)
  }
}

function list(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : [];
}
function strOf(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}
