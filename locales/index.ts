// Message catalogs: every word a user reads. zh-CN first, en-US complete.
// One JSON file per area (locales/<locale>/<area>.json) so areas evolve independently; keys are fully dotted.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Locale = 'zh-CN' | 'en-US';
export const LOCALES: Locale[] = ['zh-CN', 'en-US'];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

const here = dirname(fileURLToPath(import.meta.url));
// Compiled output sits in dist/locales; the JSON files stay in the source tree.
const dir = readdirSync(here).includes('zh-CN') ? here : join(here, '..', '..', 'locales');

function loadCatalog(locale: Locale): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(join(dir, locale)).filter((n) => n.endsWith('.json')).sort()) {
    const entries = JSON.parse(readFileSync(join(dir, locale, f), 'utf8')) as Record<string, string>;
    for (const [k, v] of Object.entries(entries)) {
      if (k in out) throw new Error(`locale key ${k} defined twice (${locale}/${f})`);
      out[k] = v;
    }
  }
  return out;
}

export const catalogs: Record<Locale, Record<string, string>> = { 'zh-CN': loadCatalog('zh-CN'), 'en-US': loadCatalog('en-US') };

export function normalizeLocale(input: string | undefined | null): Locale {
  if (!input) return DEFAULT_LOCALE;
  const s = input.toLowerCase();
  if (s.startsWith('en')) return 'en-US';
  if (s.startsWith('zh')) return 'zh-CN';
  return DEFAULT_LOCALE;
}

/** Picks the best supported locale from an Accept-Language header. */
export function fromAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header.split(',').map((part) => {
    const [tag, q] = part.trim().split(';q=');
    return { tag: tag.toLowerCase(), q: q ? Number(q) : 1 };
  }).sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en-US';
  }
  return undefined;
}

/** Translate `key` for one reader; `{name}` placeholders take params. A missing key returns the key (and tests catch it). */
export function t(locale: Locale, key: string, params: Record<string, unknown> = {}): string {
  const template = catalogs[locale][key] ?? catalogs[DEFAULT_LOCALE][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (params[name] === undefined || params[name] === null ? m : String(params[name])));
}

export function hasKey(key: string): boolean {
  return key in catalogs[DEFAULT_LOCALE];
}
