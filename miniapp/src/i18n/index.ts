// The mini-program's words come from the shared catalogs in ../locales (bundled at build time).
// zh-CN is the default; the choice is kept in Taro storage and every page re-renders on a switch.
import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import zh from '../../../locales/zh-CN/miniapp.json';
import en from '../../../locales/en-US/miniapp.json';

export type Locale = 'zh-CN' | 'en-US';
export const LOCALES: Locale[] = ['zh-CN', 'en-US'];
const catalogs: Record<Locale, Record<string, string>> = { 'zh-CN': zh, 'en-US': en };
const STORAGE_KEY = 'chatcrm.locale';

function initialLocale(): Locale {
  try {
    const saved = Taro.getStorageSync(STORAGE_KEY) as string;
    if (saved === 'zh-CN' || saved === 'en-US') return saved;
  } catch { /* storage unavailable: default */ }
  return 'zh-CN';
}

let current: Locale = initialLocale();
const listeners = new Set<(l: Locale) => void>();

export const getLocale = (): Locale => current;

export function setLocale(l: Locale): void {
  current = l;
  try { Taro.setStorageSync(STORAGE_KEY, l); } catch { /* not persisted: still switches */ }
  if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') document.documentElement.lang = l;
  listeners.forEach((fn) => fn(l));
}

/** `t('today.tasks')` reads `miniapp.today.tasks`; `{param}` placeholders take params. */
export function t(key: string, params: Record<string, string | number> = {}): string {
  const full = `miniapp.${key}`;
  const template = catalogs[current][full] ?? catalogs['zh-CN'][full] ?? full;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (params[name] === undefined ? m : String(params[name])));
}

/** Re-renders the calling component when the language changes; returns the bound translator. */
export function useT(): { t: typeof t; locale: Locale } {
  const [locale, setL] = useState(current);
  useEffect(() => {
    const fn = (l: Locale) => setL(l);
    listeners.add(fn);
    if (locale !== current) setL(current);
    return () => { listeners.delete(fn); };
  }, []);
  return { t, locale };
}
