// The JS-API page signature WeCom (ww.register: config and agentConfig) and DingTalk (dd.config) both use:
// SHA-1 hex of `jsapi_ticket=…&noncestr=…&timestamp=…&url=…`, the four fields in ASCII order by name and the URL
// without its `#` part (platforms.md A2.4 / A4.3, vector V5; DingTalk's JSAPI鉴权 page). Knows no platform.
import { createHash, randomBytes } from 'node:crypto';

export interface JsapiSignInput { ticket: string; nonceStr: string; timestamp: number | string; url: string }
export interface JsapiSigned { timestamp: number; nonceStr: string; signature: string }

export function jsapiSignature(p: JsapiSignInput): string {
  return createHash('sha1').update(`jsapi_ticket=${p.ticket}&noncestr=${p.nonceStr}&timestamp=${p.timestamp}&url=${p.url}`, 'utf8').digest('hex');
}

/** The URL as the page's container signs it: everything before `#` (hash routers sign once per page load). */
export function signableUrl(url: string): string {
  const i = url.indexOf('#');
  return i < 0 ? url : url.slice(0, i);
}

/** 16 letters and digits: what the docs' examples use, and safe inside the `&`-joined string. */
export function newNonce(): string {
  return randomBytes(12).toString('base64').replace(/[+/=]/g, '').padEnd(16, 'x').slice(0, 16);
}

/** A fresh nonce and the current second, signed for `url` with `ticket`. */
export function signJsapi(ticket: string, url: string, nowMs: number): JsapiSigned {
  const timestamp = Math.floor(nowMs / 1000);
  const nonceStr = newNonce();
  return { timestamp, nonceStr, signature: jsapiSignature({ ticket, nonceStr, timestamp, url: signableUrl(url) }) };
}
