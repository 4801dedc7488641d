// A local fake of the WeCom server API, built from platforms.md A3/A4: gettoken with expiry, token errcodes,
// message/send with the per-member limits (excess silently dropped, like WeCom), template-card response codes
// (single-use, 24 h), update_template_card, group-robot webhook (20/min), robot response_url, login codes, and the
// JS-API tickets (corp and agent_config, 7200 s) with the check the WeCom app makes when a page calls ww.register.
import { createHash } from 'node:crypto';
import { FakeClock, FakeHttpServer, SlidingCounter, randomId, type FakeReply, type FakeRequest } from './fake-http.js';

export interface WecomFakeOptions {
  corpId?: string;
  secret?: string;
  agentId?: number;
  clock?: FakeClock;
  tokenTtlSec?: number;
  /** Per member per app: defaults 30 per 60 s and 1000 per 3600 s (A3.4). */
  memberLimits?: { points: number; windowMs: number }[];
  /** Per webhook key: default 20 per 60 s (A3.8). */
  webhookLimit?: { points: number; windowMs: number };
  /** When set, other user ids are reported in invaliduser (all invalid → 81013). */
  knownUsers?: string[];
  webhookKeys?: string[];
  responseCodeTtlMs?: number;
  /** Lifetime of the JS-API tickets (A4.3: 7200 s). */
  ticketTtlSec?: number;
}

/** What ww.register hands the WeCom app: the page URL (before `#`) and the signature parameters. */
export interface WecomPageSignature { url: string; timestamp: number | string; nonceStr: string; signature: string }
export type WecomTicketKind = 'corp' | 'agent';
interface Ticket { value: string; expiresAt: number }

export interface WecomDelivered { touser: string; msgtype: string; body: Record<string, unknown>; at: number; msgid: string }
interface ResponseCode { userIds: string[]; taskId?: string; expiresAt: number; used: boolean }

const INTERACTIVE = new Set(['button_interaction', 'vote_interaction', 'multiple_interaction']);

export class WecomApiFake extends FakeHttpServer {
  readonly corpId: string;
  readonly secret: string;
  readonly agentId: number;
  /** Messages WeCom would show, per recipient. */
  readonly delivered: WecomDelivered[] = [];
  /** Messages accepted with errcode 0 but silently dropped by the member limits. */
  readonly dropped: WecomDelivered[] = [];
  readonly webhookMessages: { key: string; body: Record<string, unknown>; at: number }[] = [];
  readonly robotResponses: { url: string; body: Record<string, unknown>; at: number }[] = [];
  readonly cardUpdates: { responseCode: string; body: Record<string, unknown>; at: number }[] = [];
  tokensIssued = 0;
  readonly ticketsIssued: Record<WecomTicketKind, number> = { corp: 0, agent: 0 };
  private readonly tickets: Record<WecomTicketKind, Ticket[]> = { corp: [], agent: [] };
  private token?: { value: string; expiresAt: number };
  private readonly revoked = new Set<string>();
  private readonly expired = new Set<string>();
  private readonly memberCounters: SlidingCounter[];
  private readonly webhookCounter: SlidingCounter;
  private readonly responseCodes = new Map<string, ResponseCode>();
  private readonly loginCodes = new Map<string, { userId: string; expiresAt: number }>();
  private readonly robotUrls = new Map<string, { expiresAt: number; used: boolean }>();

  constructor(private readonly opts: WecomFakeOptions = {}) {
    super(opts.clock);
    this.corpId = opts.corpId ?? 'wwfakecorp000001';
    this.secret = opts.secret ?? 'fake-app-secret';
    this.agentId = opts.agentId ?? 1000002;
    this.memberCounters = (opts.memberLimits ?? [{ points: 30, windowMs: 60_000 }, { points: 1000, windowMs: 3_600_000 }])
      .map((l) => new SlidingCounter(l.points, l.windowMs));
    const w = opts.webhookLimit ?? { points: 20, windowMs: 60_000 };
    this.webhookCounter = new SlidingCounter(w.points, w.windowMs);
  }

  /** The current token stops working at once (WeCom may invalidate early: A3.1). */
  revokeToken(): void { if (this.token) this.revoked.add(this.token.value); this.token = undefined; }

  /** A single-use login code for `userId`, valid 5 minutes (A4.1), for jscode2session and auth/getuserinfo. */
  issueLoginCode(userId: string): string {
    const code = randomId('code');
    this.loginCodes.set(code, { userId, expiresAt: this.clock.now() + 5 * 60_000 });
    return code;
  }

  /** A robot response_url as an intelligent-robot callback carries (single-use, 1 h). */
  issueRobotResponseUrl(): string {
    const code = randomId('rc');
    this.robotUrls.set(code, { expiresAt: this.clock.now() + 3_600_000, used: false });
    return `${this.url}/cgi-bin/aibot/response?response_code=${code}`;
  }

  /** A response code as a template_card_event callback carries (ResponseCode), for `userId`'s copy of `taskId`. */
  issueResponseCode(userId: string, taskId?: string): string {
    const code = randomId('resp');
    this.responseCodes.set(code, { userIds: [userId], taskId, expiresAt: this.clock.now() + (this.opts.responseCodeTtlMs ?? 24 * 3_600_000), used: false });
    return code;
  }

  /**
   * The check the WeCom app runs on `preVerifyJSAPI` (config, corp ticket) and `agentConfig` (agent ticket): the
   * signature must be SHA-1 over a ticket of that kind that has not expired, with the page URL cut at `#`.
   */
  verifyPageSignature(kind: WecomTicketKind, p: WecomPageSignature): boolean {
    const now = this.clock.now();
    const url = p.url.split('#')[0];
    return this.tickets[kind].some((t) => t.expiresAt > now
      && sha1(`jsapi_ticket=${t.value}&noncestr=${p.nonceStr}&timestamp=${p.timestamp}&url=${url}`) === p.signature);
  }

  /** The tickets of `kind` a page could still be signed with (tests compute expected signatures from these). */
  liveTickets(kind: WecomTicketKind): string[] {
    const now = this.clock.now();
    return this.tickets[kind].filter((t) => t.expiresAt > now).map((t) => t.value);
  }

  deliveredTo(userId: string): WecomDelivered[] { return this.delivered.filter((d) => d.touser === userId); }

  protected busyReply(): FakeReply { return { json: { errcode: -1, errmsg: 'system busy' } }; }
  protected isTokenPath(path: string): boolean { return path === '/cgi-bin/gettoken'; }

  private checkToken(req: FakeRequest): FakeReply | undefined {
    const t = req.query.access_token;
    if (!t) return { json: { errcode: 41001, errmsg: 'access_token missing' } };
    const cur = this.token;
    if (cur && cur.value === t && this.clock.now() >= cur.expiresAt) this.expired.add(t);
    if (this.expired.has(t)) return { json: { errcode: 42001, errmsg: 'access_token expired' } };
    if (this.revoked.has(t) || !cur || cur.value !== t) return { json: { errcode: 40014, errmsg: 'invalid access_token' } };
    return undefined;
  }

  protected handle(req: FakeRequest): FakeReply {
    const now = this.clock.now();
    switch (req.path) {
      case '/cgi-bin/gettoken': {
        if (req.query.corpid !== this.corpId || req.query.corpsecret !== this.secret) return { json: { errcode: 40001, errmsg: 'invalid credential' } };
        // Within its lifetime a repeated fetch returns the same token (A3.1).
        if (!this.token || now >= this.token.expiresAt) {
          if (this.token) this.expired.add(this.token.value);
          this.token = { value: randomId('tok'), expiresAt: now + (this.opts.tokenTtlSec ?? 7200) * 1000 };
          this.tokensIssued++;
        }
        return { json: { errcode: 0, errmsg: 'ok', access_token: this.token.value, expires_in: Math.round((this.token.expiresAt - now) / 1000) } };
      }
      case '/cgi-bin/get_jsapi_ticket': return this.checkToken(req) ?? this.ticket('corp', now);
      case '/cgi-bin/ticket/get':
        if (req.query.type !== 'agent_config') return this.checkToken(req) ?? { json: { errcode: 40097, errmsg: 'invalid args: type' } };
        return this.checkToken(req) ?? this.ticket('agent', now);
      case '/cgi-bin/message/send': return this.checkToken(req) ?? this.messageSend(req.body as Record<string, unknown>, now);
      case '/cgi-bin/message/update_template_card': return this.checkToken(req) ?? this.updateCard(req.body as Record<string, unknown>, now);
      case '/cgi-bin/webhook/send': return this.webhook(req.query.key, req.body as Record<string, unknown>, now);
      case '/cgi-bin/aibot/response': return this.robotResponse(req, now);
      case '/cgi-bin/miniprogram/jscode2session': {
        const bad = this.checkToken(req);
        if (bad) return bad;
        const userId = this.redeem(req.query.js_code, now);
        return userId ? { json: { errcode: 0, errmsg: 'ok', corpid: this.corpId, userid: userId, session_key: randomId('sk') } } : { json: { errcode: 40029, errmsg: 'invalid code' } };
      }
      case '/cgi-bin/auth/getuserinfo': {
        const bad = this.checkToken(req);
        if (bad) return bad;
        const userId = this.redeem(req.query.code, now);
        return userId ? { json: { errcode: 0, errmsg: 'ok', userid: userId } } : { json: { errcode: 40029, errmsg: 'invalid code' } };
      }
      default: return { status: 404, json: { errcode: 404, errmsg: 'not found' } };
    }
  }

  /** Within its lifetime a repeated fetch returns the same ticket (like the token, A3.1); then a new one. */
  private ticket(kind: WecomTicketKind, now: number): FakeReply {
    const list = this.tickets[kind];
    let cur = list[list.length - 1];
    if (!cur || now >= cur.expiresAt) {
      cur = { value: `${kind}-${randomId('tkt')}`, expiresAt: now + (this.opts.ticketTtlSec ?? 7200) * 1000 };
      list.push(cur);
      this.ticketsIssued[kind]++;
    }
    return { json: { errcode: 0, errmsg: 'ok', ticket: cur.value, expires_in: Math.round((cur.expiresAt - now) / 1000) } };
  }

  private redeem(code: string | undefined, now: number): string | undefined {
    const c = code ? this.loginCodes.get(code) : undefined;
    if (!c) return undefined;
    this.loginCodes.delete(code!);
    return c.expiresAt > now ? c.userId : undefined;
  }

  private messageSend(body: Record<string, unknown>, now: number): FakeReply {
    if (!body || Number(body.agentid) !== this.agentId) return { json: { errcode: 40056, errmsg: 'invalid agentid' } };
    const msgtype = String(body.msgtype ?? '');
    if (!msgtype || typeof body[msgtype] !== 'object') return { json: { errcode: 40008, errmsg: 'invalid message type' } };
    const users = String(body.touser ?? '').split('|').filter(Boolean);
    const known = this.opts.knownUsers ? new Set(this.opts.knownUsers) : undefined;
    const invalid = known ? users.filter((u) => !known.has(u)) : [];
    const valid = users.filter((u) => !invalid.includes(u));
    if (valid.length === 0) return { json: { errcode: 81013, errmsg: 'user & party & tag all invalid', invaliduser: invalid.map((u) => u.toLowerCase()).join('|') } };
    const msgid = randomId('msg');
    for (const u of valid) {
      const d: WecomDelivered = { touser: u, msgtype, body, at: now, msgid };
      // A3.4: over 30/min or 1000/h per member, WeCom answers ok and drops the message.
      if (this.memberCounters.every((c) => c.fits(u, now))) {
        this.memberCounters.forEach((c) => c.take(u, now));
        this.delivered.push(d);
      } else {
        this.dropped.push(d);
      }
    }
    const out: Record<string, unknown> = { errcode: 0, errmsg: 'ok', invaliduser: invalid.map((u) => u.toLowerCase()).join('|'), invalidparty: '', invalidtag: '', unlicenseduser: '', msgid };
    const card = body.template_card as Record<string, unknown> | undefined;
    if (msgtype === 'template_card' && card && INTERACTIVE.has(String(card.card_type))) {
      const code = randomId('resp');
      this.responseCodes.set(code, { userIds: valid, taskId: String(card.task_id ?? ''), expiresAt: now + (this.opts.responseCodeTtlMs ?? 24 * 3_600_000), used: false });
      out.response_code = code;
    }
    return { json: out };
  }

  private updateCard(body: Record<string, unknown>, now: number): FakeReply {
    if (!body || Number(body.agentid) !== this.agentId) return { json: { errcode: 40056, errmsg: 'invalid agentid' } };
    if (!Array.isArray(body.userids) && !Array.isArray(body.partyids) && !Array.isArray(body.tagids) && !body.atall) {
      return { json: { errcode: 40058, errmsg: 'userids must be a JSON array' } };
    }
    const code = String(body.response_code ?? '');
    const rc = this.responseCodes.get(code);
    // A3.7: single-use and time-limited. The exact errcode is not documented in platforms.md (NOTES.md).
    if (!rc || rc.used || rc.expiresAt <= now) return { json: { errcode: 40058, errmsg: 'invalid response_code' } };
    rc.used = true;
    this.cardUpdates.push({ responseCode: code, body, at: now });
    return { json: { errcode: 0, errmsg: 'ok' } };
  }

  private webhook(key: string | undefined, body: Record<string, unknown>, now: number): FakeReply {
    if (!key || (this.opts.webhookKeys && !this.opts.webhookKeys.includes(key))) return { json: { errcode: 93000, errmsg: 'invalid webhook url' } };
    if (!this.webhookCounter.tryTake(key, now)) return { json: { errcode: 45009, errmsg: 'api freq out of limit' } };
    this.webhookMessages.push({ key, body, at: now });
    return { json: { errcode: 0, errmsg: 'ok' } };
  }

  private robotResponse(req: FakeRequest, now: number): FakeReply {
    const code = req.query.response_code ?? '';
    const u = this.robotUrls.get(code);
    if (!u || u.used || u.expiresAt <= now) return { json: { errcode: 40058, errmsg: 'invalid response_code' } };
    u.used = true;
    this.robotResponses.push({ url: req.url.pathname + req.url.search, body: req.body as Record<string, unknown>, at: now });
    return { json: { errcode: 0, errmsg: 'ok' } };
  }
}

function sha1(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}
