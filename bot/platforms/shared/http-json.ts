// One JSON-over-HTTP call with a timeout, turning transport failures into PlatformError. Knows no platform's API.
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

/** Network errors, timeouts, 5xx and non-JSON answers are retryable; 4xx is not. */
export async function callJson(platform: Platform, call: JsonCall): Promise<JsonResult> {
  let res: Response;
  try {
    res = await fetch(call.url, {
      method: call.method ?? (call.body === undefined ? 'GET' : 'POST'),
      headers: { accept: 'application/json', ...(call.body === undefined ? {} : { 'content-type': 'application/json' }), ...call.headers },
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      signal: AbortSignal.timeout(call.timeoutMs ?? 10_000),
    });
  } catch (e) {
    const name = (e as Error).name;
    const timeout = name === 'TimeoutError' || name === 'AbortError';
    throw new PlatformError(platform, timeout ? 'timeout' : 'network', (e as Error).message, true);
  }
  const text = await res.text().catch(() => '');
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    // DingTalk answers an IP ban with an HTML page (platforms.md B1.4): treat like a 5xx.
    throw new PlatformError(platform, `http_${res.status}`, 'non-JSON answer', res.status >= 500 || res.status === 429 || res.ok);
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
