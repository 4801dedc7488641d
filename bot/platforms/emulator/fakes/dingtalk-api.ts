// A local fake of the DingTalk server APIs, built from platforms.md B1-B7: both token kinds with expiry, robot
// 1:1 and group sends (20/min per group), sessionWebhooks with expiry, card instances create/update by
// outTrackId, single-use login codes for topapi/v2/user/getuserinfo, and the JS-API ticket (get_jsapi_ticket) with
// the check the DingTalk app makes when a page calls dd.config.
import { createHash } from 'node:crypto';
import { FakeClock, FakeHttpServer, SlidingCounter, randomId, type FakeReply, type FakeRequest } from './fake-http.js';

export interface DingtalkFakeOptions {
  appKey?: string;
  appSecret?: string;
  robotCode?: string;
  clock?: FakeClock;
  tokenTtlSec?: number;
  groupLimit?: { points: number; windowMs: number };
  knownUsers?: string[];
  corpId?: string;
  agentId?: string;
  /** JS-API ticket lifetime per fetch (7200 s) and its hard limit from creation (24 h), per DingTalk's JSAPI鉴权 page. */
  ticketTtlSec?: number;
  ticketMaxLifeSec?: number;
}

/** What dd.config hands the DingTalk app (runtime.permission.requestJsApis), plus the page URL it is on. */
export interface DingtalkPageSignature { url: string; corpId: string; agentId: string; timeStamp: number | string; nonceStr: string; signature: string }
interface JsapiTicket { value: string; createdAt: number; expiresAt: number }

export interface DingtalkSent { kind: 'user' | 'group' | 'webhook'; to: string; msgKey: string; msgParam: Record<string, unknown>; at: number }
export interface DingtalkCard { outTrackId: string; cardTemplateId: string; openSpaceId: string; callbackType: string; cardParamMap: Record<string, string>; updates: number }

interface Token { value: string; expiresAt: number }

export class DingtalkApiFake extends FakeHttpServer {
  readonly appKey: string;
  readonly appSecret: string;
  readonly robotCode: string;
  readonly sent: DingtalkSent[] = [];
  readonly cards = new Map<string, DingtalkCard>();
  /** Sends refused because a group went over its rate (a well-behaved client never causes one). */
  throttled = 0;
  tokensIssued = { api: 0, oapi: 0 };
  jsapiTicketsIssued = 0;
  /** The organisation and H5 app a page must name in dd.config. */
  readonly corpId: string;
  readonly agentId: string;
  private readonly jsapiTickets: JsapiTicket[] = [];
  private apiToken?: Token;
  private oapiToken?: Token;
  private readonly groupCounter: SlidingCounter;
  private readonly webhooks = new Map<string, { conversationId: string; expiresAt: number }>();
  private readonly loginCodes = new Map<string, { userId: string; expiresAt: number }>();

  constructor(private readonly opts: DingtalkFakeOptions = {}) {
    super(opts.clock);
    this.appKey = opts.appKey ?? 'dingfakeappkey';
    this.appSecret = opts.appSecret ?? 'fake-app-secret-dingtalk';
    this.robotCode = opts.robotCode ?? this.appKey;
    this.corpId = opts.corpId ?? 'dingfakecorp0001';
    this.agentId = opts.agentId ?? '3000000001';
    const g = opts.groupLimit ?? { points: 20, windowMs: 60_000 };
    this.groupCounter = new SlidingCounter(g.points, g.windowMs);
  }

  /** Both current tokens stop working at once. */
  revokeTokens(): void { this.apiToken = undefined; this.oapiToken = undefined; }

  /** A sessionWebhook for a conversation, as a robot message carries (B2.4); returns url and expiry (ms). */
  issueSessionWebhook(conversationId: string, ttlMs = 90 * 60_000): { url: string; expiresAt: number } {
    const session = randomId('sess');
    const expiresAt = this.clock.now() + ttlMs;
    this.webhooks.set(session, { conversationId, expiresAt });
    return { url: `${this.url}/robot/sendBySession?session=${session}`, expiresAt };
  }

  /** A single-use requestAuthCode code for `userId`, valid 5 minutes (B7.1). */
  issueLoginCode(userId: string): string {
    const code = randomId('auth');
    this.loginCodes.set(code, { userId, expiresAt: this.clock.now() + 5 * 60_000 });
    return code;
  }

  /**
   * The check behind dd.config: our corp and agent, and SHA-1 over a live ticket with the page URL cut at `#` and its
   * query percent-decoded (the container compares decoded URLs: iOS passes them encoded, Android raw).
   */
  verifyPageSignature(p: DingtalkPageSignature): boolean {
    if (p.corpId !== this.corpId || String(p.agentId) !== this.agentId) return false;
    const now = this.clock.now();
    const url = decodedQuery(p.url.split('#')[0]);
    return this.jsapiTickets.some((t) => t.expiresAt > now
      && sha1(`jsapi_ticket=${t.value}&noncestr=${p.nonceStr}&timestamp=${p.timeStamp}&url=${url}`) === p.signature);
  }

  liveJsapiTickets(): string[] {
    const now = this.clock.now();
    return this.jsapiTickets.filter((t) => t.expiresAt > now).map((t) => t.value);
  }

  sentTo(to: string): DingtalkSent[] { return this.sent.filter((s) => s.to === to); }

  protected busyReply(path: string): FakeReply {
    // New-style APIs signal trouble with HTTP status; old-style ones with errcode -1.
    return path.startsWith('/v1.0/') ? { status: 503, json: { code: 'ServiceUnavailable', message: 'system busy' } } : { json: { errcode: -1, errmsg: 'system busy' } };
  }
  protected isTokenPath(path: string): boolean { return path === '/v1.0/oauth2/accessToken' || path === '/gettoken'; }

  private issue(cur: Token | undefined, now: number, kind: 'api' | 'oapi'): Token {
    if (cur && now < cur.expiresAt) return cur;
    this.tokensIssued[kind]++;
    return { value: randomId(kind), expiresAt: now + (this.opts.tokenTtlSec ?? 7200) * 1000 };
  }

  private apiAuth(req: FakeRequest, now: number): FakeReply | undefined {
    const t = req.headers['x-acs-dingtalk-access-token'];
    if (!t || !this.apiToken || t !== this.apiToken.value || now >= this.apiToken.expiresAt) {
      return { status: 401, json: { code: 'InvalidAuthentication', message: 'token invalid or expired', requestid: randomId('req') } };
    }
    return undefined;
  }

  private oapiAuth(req: FakeRequest, now: number): FakeReply | undefined {
    const t = req.query.access_token;
    if (!t || !this.oapiToken || t !== this.oapiToken.value) return { json: { errcode: 40014, errmsg: 'invalid access_token' } };
    if (now >= this.oapiToken.expiresAt) return { json: { errcode: 42001, errmsg: 'access_token expired' } };
    return undefined;
  }

  protected handle(req: FakeRequest): FakeReply {
    const now = this.clock.now();
    const body = (req.body ?? {}) as Record<string, unknown>;
    switch (`${req.method} ${req.path}`) {
      case 'POST /v1.0/oauth2/accessToken':
        if (body.appKey !== this.appKey || body.appSecret !== this.appSecret) return { status: 400, json: { code: 'invalidClientIdOrSecret', message: 'bad app key or secret' } };
        this.apiToken = this.issue(this.apiToken, now, 'api');
        // The field is expireIn, not expiresIn (B1.1).
        return { json: { accessToken: this.apiToken.value, expireIn: Math.round((this.apiToken.expiresAt - now) / 1000) } };
      case 'GET /gettoken':
        if (req.query.appkey !== this.appKey || req.query.appsecret !== this.appSecret) return { json: { errcode: 40089, errmsg: 'invalid appkey or appsecret' } };
        this.oapiToken = this.issue(this.oapiToken, now, 'oapi');
        return { json: { errcode: 0, errmsg: 'ok', access_token: this.oapiToken.value, expires_in: Math.round((this.oapiToken.expiresAt - now) / 1000) } };
      case 'GET /get_jsapi_ticket': return this.oapiAuth(req, now) ?? this.jsapiTicket(now);
      case 'POST /v1.0/robot/oToMessages/batchSend': return this.apiAuth(req, now) ?? this.batchSend(body, now);
      case 'POST /v1.0/robot/groupMessages/send': return this.apiAuth(req, now) ?? this.groupSend(body, now);
      case 'POST /v1.0/card/instances/createAndDeliver': return this.apiAuth(req, now) ?? this.createCard(body);
      case 'PUT /v1.0/card/instances': return this.apiAuth(req, now) ?? this.updateCard(body);
      case 'POST /robot/sendBySession': return this.sessionSend(req, body, now);
      case 'POST /topapi/v2/user/getuserinfo': {
        const bad = this.oapiAuth(req, now);
        if (bad) return bad;
        const c = this.loginCodes.get(String(body.code ?? ''));
        if (c) this.loginCodes.delete(String(body.code));
        if (!c || c.expiresAt <= now) return { json: { errcode: 40078, errmsg: 'invalid auth code' } };
        return { json: { errcode: 0, errmsg: 'ok', result: { userid: c.userId, unionid: `u-${c.userId}`, name: c.userId } } };
      }
      default: return { status: 404, json: { code: 'NotFound', message: `${req.method} ${req.path}` } };
    }
  }

  /** A fetch inside the ticket's life returns the same ticket, renewed for 2 h but never past 24 h from creation. */
  private jsapiTicket(now: number): FakeReply {
    const ttl = (this.opts.ticketTtlSec ?? 7200) * 1000;
    const maxLife = (this.opts.ticketMaxLifeSec ?? 86_400) * 1000;
    let cur = this.jsapiTickets[this.jsapiTickets.length - 1];
    if (cur && now < cur.expiresAt) {
      cur.expiresAt = Math.min(now + ttl, cur.createdAt + maxLife);
    } else {
      cur = { value: randomId('jsapi'), createdAt: now, expiresAt: now + ttl };
      this.jsapiTickets.push(cur);
      this.jsapiTicketsIssued++;
    }
    return { json: { errcode: 0, errmsg: 'ok', ticket: cur.value, expires_in: Math.round((cur.expiresAt - now) / 1000) } };
  }

  private parseParam(v: unknown): Record<string, unknown> | undefined {
    if (typeof v !== 'string') return undefined;
    try { return JSON.parse(v) as Record<string, unknown>; } catch { return undefined; }
  }

  private batchSend(body: Record<string, unknown>, now: number): FakeReply {
    if (body.robotCode !== this.robotCode) return { status: 400, json: { code: 'invalidParameter.robotCode', message: 'robot not found' } };
    const msgParam = this.parseParam(body.msgParam);
    if (!msgParam || typeof body.msgKey !== 'string') return { status: 400, json: { code: 'invalidParameter.msgParam', message: 'msgParam must be a JSON string' } };
    const users = Array.isArray(body.userIds) ? body.userIds.map(String) : [];
    const known = this.opts.knownUsers ? new Set(this.opts.knownUsers) : undefined;
    const invalid = known ? users.filter((u) => !known.has(u)) : [];
    for (const u of users.filter((x) => !invalid.includes(x))) this.sent.push({ kind: 'user', to: u, msgKey: body.msgKey, msgParam, at: now });
    return { json: { processQueryKey: randomId('pqk'), invalidStaffIdList: invalid, flowControlledStaffIdList: [] } };
  }

  private groupSend(body: Record<string, unknown>, now: number): FakeReply {
    if (body.robotCode !== this.robotCode) return { status: 400, json: { code: 'invalidParameter.robotCode', message: 'robot not found' } };
    const msgParam = this.parseParam(body.msgParam);
    const conv = String(body.openConversationId ?? '');
    if (!msgParam || !conv || typeof body.msgKey !== 'string') return { status: 400, json: { code: 'invalidParameter', message: 'missing openConversationId, msgKey or msgParam' } };
    if (!this.groupCounter.tryTake(conv, now)) {
      this.throttled++;
      return { status: 429, json: { code: 'Throttling.Robot', message: 'group sends over 20 per minute' } };
    }
    this.sent.push({ kind: 'group', to: conv, msgKey: body.msgKey, msgParam, at: now });
    return { json: { processQueryKey: randomId('pqk') } };
  }

  private sessionSend(req: FakeRequest, body: Record<string, unknown>, now: number): FakeReply {
    const w = this.webhooks.get(req.query.session ?? '');
    // The error code for a dead session is not in platforms.md (NOTES.md).
    if (!w || w.expiresAt <= now) return { json: { errcode: 300001, errmsg: 'session expired' } };
    if (!this.groupCounter.tryTake(w.conversationId, now)) {
      this.throttled++;
      return { json: { errcode: 130101, errmsg: 'send too fast' } };
    }
    const type = String(body.msgtype ?? '');
    const payload = (body[type] ?? {}) as Record<string, unknown>;
    this.sent.push({ kind: 'webhook', to: w.conversationId, msgKey: type, msgParam: payload, at: now });
    return { json: { errcode: 0, errmsg: 'ok' } };
  }

  private createCard(body: Record<string, unknown>): FakeReply {
    const outTrackId = String(body.outTrackId ?? '');
    const openSpaceId = String(body.openSpaceId ?? '');
    const cardData = (body.cardData ?? {}) as { cardParamMap?: Record<string, unknown> };
    if (!outTrackId || !body.cardTemplateId || !/^dtv1\.card\/\/IM_(GROUP|ROBOT)\./.test(openSpaceId)) {
      return { status: 400, json: { code: 'invalidParameter', message: 'outTrackId, cardTemplateId and openSpaceId are required' } };
    }
    const map = cardData.cardParamMap ?? {};
    if (Object.values(map).some((v) => typeof v !== 'string')) return { status: 400, json: { code: 'invalidParameter.cardParamMap', message: 'values must be strings' } };
    // A repeated create with the same outTrackId does not fork a second card (B9.6; see NOTES.md).
    if (!this.cards.has(outTrackId)) {
      this.cards.set(outTrackId, { outTrackId, cardTemplateId: String(body.cardTemplateId), openSpaceId, callbackType: String(body.callbackType ?? ''), cardParamMap: map as Record<string, string>, updates: 0 });
    }
    return { json: { success: true, result: { outTrackId, deliverResults: [{ spaceId: openSpaceId, success: true }] } } };
  }

  private updateCard(body: Record<string, unknown>): FakeReply {
    const card = this.cards.get(String(body.outTrackId ?? ''));
    if (!card) return { status: 400, json: { code: 'cardInstanceNotFound', message: 'no card with this outTrackId' } };
    const map = ((body.cardData ?? {}) as { cardParamMap?: Record<string, string> }).cardParamMap ?? {};
    const byKey = ((body.cardUpdateOptions ?? {}) as { updateCardDataByKey?: boolean }).updateCardDataByKey;
    card.cardParamMap = byKey ? { ...card.cardParamMap, ...map } : { ...map };
    card.updates++;
    return { json: { success: true, result: true } };
  }
}

function sha1(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

function decodedQuery(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  try { return `${url.slice(0, q)}?${decodeURIComponent(url.slice(q + 1).replace(/\+/g, ' '))}`; } catch { return url; }
}
