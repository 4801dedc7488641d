// The one door to /api/v1: bearer token, Accept-Language, JSON, and errors split into "the server said no"
// (ApiError, with the server's localized message) and "the network is down" (NetworkError: drafts keep the data).
import Taro from '@tarojs/taro';
import { getLocale } from '../i18n';

const TOKEN_KEY = 'chatcrm.token';
let token: string | null = null;
try { token = (Taro.getStorageSync(TOKEN_KEY) as string) || null; } catch { token = null; }

export const getToken = (): string | null => token;
export function setToken(value: string | null): void {
  token = value;
  try { if (value) Taro.setStorageSync(TOKEN_KEY, value); else Taro.removeStorageSync(TOKEN_KEY); } catch { /* memory only */ }
}

export class ApiError extends Error {
  constructor(public status: number, public code: string, message: string, public field?: string) { super(message); }
}
export class NetworkError extends Error {}

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
let onUnauthorized: () => void = () => {};
/** The app decides what a lost session means (go to sign-in). */
export function setUnauthorizedHandler(fn: () => void): void { onUnauthorized = fn; }

export function apiUrl(path: string): string {
  return `${API_BASE}/api/v1${path}`;
}

export async function api<T = any>(method: Method, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const header: Record<string, string> = { 'Accept-Language': getLocale(), ...headers };
  if (token) header.Authorization = `Bearer ${token}`;
  if (body !== undefined) header['Content-Type'] = 'application/json';
  let res: Taro.request.SuccessCallbackResult<any>;
  try {
    res = await Taro.request({ url: apiUrl(path), method, data: body as any, header, dataType: 'json', timeout: 15000 });
  } catch (e) {
    throw new NetworkError((e as Error)?.message || 'network');
  }
  const status = res.statusCode;
  if (status >= 200 && status < 300) return res.data as T;
  const err = (res.data && (res.data as any).error) || {};
  if (status === 401 && !path.startsWith('/auth/')) { setToken(null); onUnauthorized(); }
  throw new ApiError(status, err.code ?? `http_${status}`, err.message ?? `HTTP ${status}`, err.field);
}

/** GET a query string built from the defined values only. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const parts = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

export interface Page<T> { items: T[]; nextCursor: string | null }
