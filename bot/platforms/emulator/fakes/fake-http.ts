// Shared plumbing for the platform fakes: a loopback HTTP server, a controllable clock, a request log and
// injectable failures. Knows no platform.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  at: number;
}

export type FailureMode = 'busy' | 'http500' | 'timeout';

export interface FakeRequest extends Recorded { url: URL }
export type FakeReply = { status?: number; json: unknown } | 'hang';

/** A clock that follows real time, plus whatever tests add with advance(). */
export class FakeClock {
  private offset = 0;
  constructor(private readonly base: () => number = Date.now) {}
  now = (): number => this.base() + this.offset;
  advance(ms: number): void { this.offset += ms; }
}

export abstract class FakeHttpServer {
  readonly received: Recorded[] = [];
  readonly clock: FakeClock;
  private server?: Server;
  private failures: { mode: FailureMode; left: number; match?: (path: string) => boolean }[] = [];
  private hanging = new Set<ServerResponse>();

  constructor(clock?: FakeClock) { this.clock = clock ?? new FakeClock(); }

  get url(): string {
    const a = this.server?.address() as AddressInfo | null;
    if (!a) throw new Error('fake not started');
    return `http://127.0.0.1:${a.port}`;
  }

  /** The next `n` calls (optionally only to paths matching `match`) fail with `mode`. */
  failNext(n: number, mode: FailureMode, match?: (path: string) => boolean): void {
    this.failures.push({ mode, left: n, match });
  }

  /** Calls recorded at `path` (exact). */
  calls(path: string): Recorded[] { return this.received.filter((r) => r.path === path); }

  async start(): Promise<void> {
    this.server = createServer((req, res) => { void this.dispatch(req, res); });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    const s = this.server;
    this.server = undefined;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }

  protected abstract handle(req: FakeRequest): FakeReply | Promise<FakeReply>;
  /** The body a platform returns for "system busy". */
  protected abstract busyReply(path: string): FakeReply;
  /** Token endpoints are exempt from injected failures unless a matcher says otherwise. */
  protected abstract isTokenPath(path: string): boolean;

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = text;
    try { body = text ? JSON.parse(text) : undefined; } catch { /* keep raw text */ }
    const url = new URL(req.url ?? '/', 'http://fake');
    const rec: FakeRequest = {
      method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams),
      headers: req.headers, body, at: this.clock.now(), url,
    };
    this.received.push({ method: rec.method, path: rec.path, query: rec.query, headers: rec.headers, body: rec.body, at: rec.at });
    let reply: FakeReply;
    const f = this.failures.find((x) => x.left > 0 && (x.match ? x.match(rec.path) : !this.isTokenPath(rec.path)));
    if (f) {
      f.left--;
      reply = f.mode === 'timeout' ? 'hang' : f.mode === 'http500' ? { status: 500, json: { message: 'injected' } } : this.busyReply(rec.path);
    } else {
      try {
        reply = await this.handle(rec);
      } catch (e) {
        reply = { status: 500, json: { message: (e as Error).message } };
      }
    }
    if (reply === 'hang') {
      this.hanging.add(res);
      res.on('close', () => this.hanging.delete(res));
      return;
    }
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(reply.json));
  }
}

/** Counts events per key in a sliding window; `tryTake` says whether one more fits. */
export class SlidingCounter {
  private readonly log = new Map<string, number[]>();
  constructor(private readonly points: number, private readonly windowMs: number) {}
  fits(key: string, now: number): boolean {
    const list = (this.log.get(key) ?? []).filter((t) => t > now - this.windowMs);
    this.log.set(key, list);
    return list.length < this.points;
  }
  take(key: string, now: number): void {
    this.log.get(key)?.push(now) ?? this.log.set(key, [now]);
  }
  tryTake(key: string, now: number): boolean {
    if (!this.fits(key, now)) return false;
    this.take(key, now);
    return true;
  }
}

let seq = 0;
export function randomId(prefix: string): string {
  seq += 1;
  return `${prefix}${Date.now().toString(36)}${seq.toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}
