// Which language a chat line is written in. Han characters decide; otherwise Latin letters mean English.
import type { TextLanguage } from './parse-date.js';

/** A Han character (CJK ideographs and their compatibility forms). */
export const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

export function detectLanguage(text: string, hint?: TextLanguage): TextLanguage {
  if (HAN.test(text)) return 'zh-CN';
  if (/[a-zA-Z]/.test(text)) return 'en-US';
  return hint ?? 'zh-CN';
}

/**
 * Fold full-width letters, digits and a few signs to ASCII and collapse blanks, so one set of patterns serves both
 * keyboards. Chinese punctuation (，；：) is kept: it ends up in stored follow-up text, which stays as the rep wrote it.
 */
export function normalizeText(text: string): string {
  return text
    .replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff04\uff05\uff0b\uff0d\uff0e\uff20]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\uffe5/g, '\u00a5')
    .replace(/[\u3000\u200b\u00a0\t]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}
