import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseXml, textOf, XmlRejected } from '../../../../../bot/platforms/wecom/xml.js';

const fixture = (name: string) => readFileSync(new URL(`../../../../fixtures/wecom/${name}`, import.meta.url), 'utf8');

describe('parseXml', () => {
  it('rejects a DOCTYPE with entity declarations (XXE) before parsing', () => {
    expect(() => parseXml(fixture('xxe.xml'))).toThrow(XmlRejected);
  });

  it('rejects malformed XML and documents without an <xml> root', () => {
    expect(() => parseXml(fixture('malformed.xml'))).toThrow(XmlRejected);
    expect(() => parseXml('<other><a>1</a></other>')).toThrow(XmlRejected);
    expect(() => parseXml('not xml')).toThrow(XmlRejected);
  });

  it('keeps CDATA verbatim and 64-bit ids as strings', () => {
    const x = parseXml(fixture('sql-looking-text.xml'));
    expect(textOf(x, 'Content')).toBe("跟进 华为'); DROP TABLE activity;-- <script>alert(1)</script> &amp; &lt;b&gt;");
    expect(textOf(x, 'MsgId')).toBe('7000000000000000003');
  });

  it('decodes only predefined entities in plain text', () => {
    expect(textOf(parseXml('<xml><A>a &amp; b &lt;c&gt; &#x4F60;</A></xml>'), 'A')).toBe('a & b <c> 你');
    expect(textOf(parseXml('<xml><A>&unknown;</A></xml>'), 'A')).toBe('&unknown;');
  });
});
