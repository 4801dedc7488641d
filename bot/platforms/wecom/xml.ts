// Safe XML for WeCom callbacks: no DOCTYPE, no entity expansion (XXE), numbers kept as strings (MsgId is 64-bit).
import { XMLParser } from 'fast-xml-parser';

export class XmlRejected extends Error {
  constructor(reason: string) { super(`xml rejected: ${reason}`); this.name = 'XmlRejected'; }
}

const CDATA = '#cdata';
const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  cdataPropName: CDATA,
  ignoreDeclaration: true,
});

/** A parsed element: text, or children by tag name (repeated tags become arrays). */
export type XmlNode = string | { [tag: string]: XmlNode | XmlNode[] };

// Only the five predefined entities and character references: never anything a document declares.
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
function decodeText(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (_m, e: string) => {
    if (e[0] !== '#') return PREDEFINED[e];
    const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
  });
}

function normalize(v: unknown): XmlNode | XmlNode[] {
  if (Array.isArray(v)) return v.map((x) => normalize(x) as XmlNode);
  if (v === null || v === undefined) return '';
  if (typeof v !== 'object') return decodeText(String(v));
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  // CDATA text is taken verbatim; mixed CDATA + plain text pieces are joined in order of appearance.
  if (keys.length > 0 && keys.every((k) => k === CDATA || k === '#text')) {
    const cdata = o[CDATA];
    const parts = Array.isArray(cdata) ? cdata.map(String) : cdata === undefined ? [] : [String(cdata)];
    const text = o['#text'] === undefined ? '' : decodeText(String(o['#text']));
    return text.trim() === '' ? parts.join('') : text + parts.join('');
  }
  const out: Record<string, XmlNode | XmlNode[]> = {};
  for (const k of keys) if (k !== '#text') out[k] = normalize(o[k]);
  return out;
}

// A flat WeCom message: `<xml>` then children that each hold one CDATA section or plain text without markup or
// entities, each tag once. That covers every text message and most events; it is read with one sticky pattern.
const FLAT_OPEN = /^\s*<xml>/y;
const FLAT_CHILD = /\s*<([A-Za-z_][\w.-]*)>(?:<!\[CDATA\[((?:[^\]]|\](?!\]>))*)\]\]>|([^<&]*))<\/\1>/y;
const FLAT_CLOSE = /\s*<\/xml>\s*$/y;

/** The flat form read directly, or undefined when the document needs the full parser (nesting, entities, repeats…). */
function parseFlat(text: string): Record<string, XmlNode> | undefined {
  FLAT_OPEN.lastIndex = 0;
  if (!FLAT_OPEN.test(text)) return undefined;
  const out: Record<string, XmlNode> = {};
  let at = FLAT_OPEN.lastIndex;
  for (;;) {
    FLAT_CHILD.lastIndex = at;
    const m = FLAT_CHILD.exec(text);
    if (!m) break;
    if (Object.hasOwn(out, m[1])) return undefined;
    out[m[1]] = m[2] ?? m[3];
    at = FLAT_CHILD.lastIndex;
  }
  FLAT_CLOSE.lastIndex = at;
  return FLAT_CLOSE.test(text) ? out : undefined;
}

/** Parses one `<xml>…</xml>` document into its root element's children; throws XmlRejected otherwise. */
export function parseXml(text: string): Record<string, XmlNode | XmlNode[]> {
  // The hot path of every inbound message; the full parser below gives the same result for these documents.
  return parseFlat(text) ?? parseXmlFully(text);
}

/** The general reader (fast-xml-parser, no DOCTYPE, no entity expansion). */
export function parseXmlFully(text: string): Record<string, XmlNode | XmlNode[]> {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new XmlRejected('doctype');
  let doc: unknown;
  try {
    doc = parser.parse(text, true);
  } catch (e) {
    throw new XmlRejected((e as Error).message);
  }
  const root = (doc as Record<string, unknown>)?.xml;
  if (!root || typeof root !== 'object' || Array.isArray(root)) throw new XmlRejected('no <xml> root');
  return normalize(root) as Record<string, XmlNode | XmlNode[]>;
}

/** Text of a child element, or undefined. */
export function textOf(node: Record<string, XmlNode | XmlNode[]> | undefined, tag: string): string | undefined {
  const v = node?.[tag];
  if (typeof v === 'string') return v.trim();
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0].trim();
  return undefined;
}

const ENVELOPE = /^\s*<xml>[\s\S]*<\/xml>\s*$/;
const ENCRYPT = /<Encrypt>\s*<!\[CDATA\[([A-Za-z0-9+/=]+)\]\]>\s*<\/Encrypt>/g;

/**
 * The ciphertext of a callback envelope. Every WeCom envelope is `<xml>…<Encrypt><![CDATA[base64]]></Encrypt>…</xml>`:
 * that common shape is read with one anchored pattern (the hot path of every callback); anything else — including
 * any DOCTYPE or entity, which parseXml rejects — goes through the full parser.
 */
export function envelopeCiphertext(raw: string): string | undefined {
  if (ENVELOPE.test(raw) && !/<!/.test(raw.replace(/<!\[CDATA\[/g, ''))) {
    const hits = [...raw.matchAll(ENCRYPT)];
    if (hits.length === 1) return hits[0][1];
  }
  return textOf(parseXml(raw), 'Encrypt');
}
