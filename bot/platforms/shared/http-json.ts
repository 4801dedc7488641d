// One JSON-over-HTTP call with a timeout, turning transport failures into PlatformError. Knows no platform's API.
import http from 'node:http';
import https from 'node:https';
import { PlatformError } from '../../core/platform.js';
import type { Platform } from '../../core/message.js';

export interface JsonCall {
  method?: 'GET' | 'POST' | 'PUT';
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export interface JsonResult { status: number; json: Record<string, unknown> }

/**
 * Keep-alive connections per origin, as fetch keeps them. node:http rather than fetch: a reminder burst sends
 * thousands of calls, and fetch's per-call Request, Headers and AbortSignal objects cost more CPU than the call.
 */
const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };

/** One request and its whole answer as text; rejects on transport failure, with `timeout` after `timeoutMs`. */
function send(call: JsonCall): Promise<{ status: number; text: string }> {
  const url = new URL(call.url);
  const timeoutMs = call.timeoutMs ?? 10_000;
  const body = call.body === undefined ? undefined : JSON.stringify(call.body);
  const headers: Record<string, string | number> = { accept: 'application/json', ...call.headers };
  if (body !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(url, { method: call.method ?? (body === undefined ? 'GET' : 'POST'), headers, agent: agents[url.protocol as 'http:' | 'https:'] }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    const timer = setTimeout(() => req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { name: 'TimeoutError' })), timeoutMs);
    req.on('close', () => clearTimeout(timer));
    req.on('error', reject);
    req.end(body);
  });
}

/** Network errors, timeouts, 5xx and non-JSON answers are retryable; 4xx is not. */
export async function callJson(platform: Platform, call: JsonCall): Promise<JsonResult> {
  let res: { status: number; text: string };
  try {
    res = await send(call);
  } catch (e) {
    const name = (e as Error).name;
    const timeout = name === 'TimeoutError' || name === 'AbortError';
    throw new PlatformError(platform, timeout ? 'timeout' : 'network', (e as Error).message, true);
  }
  const { text } = res;
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    // DingTalk answers an IP ban with an HTML page (platforms.md B1.4): treat like a 5xx.
    throw new PlatformError(platform, `http_${res.status}`, 'non-JSON answer', res.status >= 500 || res.status === 429 || (res.status >= 200 && res.status < 300));
  }
  if (res.status >= 500 || res.status === 429) {
    throw new PlatformError(platform, `http_${res.status}`, describe(json), true);
  }
  return { status: res.status, json: (json && typeof json === 'object' ? json : {}) as Record<string, unknown> };
}

function describe(json: unknown): string {
  if (json && typeof json === 'object') {
    const o = json as Record<string, unknown>;
    return String(o.errmsg ?? o.message ?? o.code ?? 'server error');
  }
  return 'server error';
}
