// Money in free text → integer cents (fen). "50万", "1.2亿", "¥120k", "$120k", "3,000元", "5w", "五十万".
// Pure. Number words are only interpreted inside a span already known to be an amount (toolchain.md).
import { Culture, NumberRecognizer } from '@microsoft/recognizers-text-number';

// recognizeNumber() builds a new recognizer on every call: keep one model.
let numberModel: ReturnType<NumberRecognizer['getNumberModel']> | undefined;
const zhNumbers = () => (numberModel ??= new NumberRecognizer(Culture.Chinese).getNumberModel(Culture.Chinese, true));

export type Currency = 'CNY' | 'USD' | 'EUR' | 'HKD';

export interface AmountMention {
  text: string;
  start: number;
  end: number;
  /** Integer minor units (fen / cents). */
  cents: number;
  /** Said or implied currency; undefined when the text gives none (callers default to the company currency). */
  currency?: Currency;
}

const CN_DIGITS = '零〇一二两三四五六七八九十百千';
const NUM = `(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?|[${CN_DIGITS}]+(?:点[${CN_DIGITS}]+)?`;
const PREFIX = '(?:¥|￥|\\$|US\\$|HK\\$|€|RMB\\s?|CNY\\s?|USD\\s?|EUR\\s?|HKD\\s?)';
const SCALE = '(?:亿|千万|百万|十万|万|千|k|K|w|W|m|M|mn|million|thousand|bn|billion)';
const SUFFIX = '(?:元|块钱?|人民币|美元|美金|欧元|港币|RMB|CNY|USD|EUR|HKD|dollars?|yuan)';

// An amount needs a currency sign, a scale word or a currency suffix: a bare "13800138000" is a phone number.
const AMOUNT_RE = new RegExp(
  `(?<![\\w.])(${PREFIX})?\\s?(${NUM})\\s?(${SCALE})?(?![a-zA-Z])\\s?(${SUFFIX})?`,
  'g',
);

const SCALES: Record<string, number> = {
  亿: 1e8, 千万: 1e7, 百万: 1e6, 十万: 1e5, 万: 1e4, 千: 1e3, w: 1e4, W: 1e4,
  k: 1e3, K: 1e3, thousand: 1e3, m: 1e6, M: 1e6, mn: 1e6, million: 1e6, bn: 1e9, billion: 1e9,
};

function currencyOf(prefix: string | undefined, suffix: string | undefined): Currency | undefined {
  const s = `${prefix ?? ''}${suffix ?? ''}`.trim();
  if (!s) return undefined;
  if (/HK|港/.test(s)) return 'HKD';
  if (/\$|USD|美|dollar/i.test(s)) return 'USD';
  if (/€|EUR|欧/.test(s)) return 'EUR';
  return 'CNY';
}

/** Value of a number written in digits or in Chinese numerals ("两千五", "一点五"). */
function numberValue(raw: string): number | undefined {
  if (/^[\d,.]+$/.test(raw)) {
    const n = Number(raw.replace(/,/g, ''));
    return Number.isFinite(n) ? n : undefined;
  }
  const r = zhNumbers().parse(raw)[0];
  const v = r ? Number((r.resolution as { value?: string }).value) : NaN;
  return Number.isFinite(v) ? v : undefined;
}

/** Every amount in `text`. Requires a currency sign, a scale (万, k, w…) or a currency word. */
export function findAmounts(text: string): AmountMention[] {
  const out: AmountMention[] = [];
  AMOUNT_RE.lastIndex = 0;
  for (let m = AMOUNT_RE.exec(text); m; m = AMOUNT_RE.exec(text)) {
    const [whole, prefix, num, scale, suffix] = m;
    if (!prefix && !scale && !suffix) continue;
    // A lone Chinese numeral followed by 千/万 is still an amount ("五十万"); one with nothing is not ("三").
    const value = numberValue(num);
    if (value === undefined) continue;
    const cents = Math.round(value * (scale ? SCALES[scale] : 1) * 100);
    if (!Number.isSafeInteger(cents)) continue;
    const lead = whole.length - whole.trimStart().length;
    const trimmed = whole.trim();
    out.push({ text: trimmed, start: m.index + lead, end: m.index + lead + trimmed.length, cents, currency: currencyOf(prefix, suffix) });
  }
  return out;
}

/** The first amount in `text`, or undefined. */
export function parseAmount(text: string): AmountMention | undefined {
  return findAmounts(text)[0];
}
