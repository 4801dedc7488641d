import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseXml, parseXmlFully, textOf, XmlRejected } from '../../../../../bot/platforms/wecom/xml.js';

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

describe('the flat-message fast path', () => {
  const documents = [
    ...['text-message.xml', 'enter-agent.xml', 'menu-click.xml', 'image-message.xml', 'sql-looking-text.xml', 'template-card-event.xml'].map(fixture),
    '<xml><ToUserName>ww1436e0e65a779aee</ToUserName><FromUserName>ChenJiaShun</FromUserName><CreateTime>1476422779</CreateTime><MsgType>text</MsgType><Content>你好</Content><MsgId>1456453720</MsgId><AgentID>1000002</AgentID></xml>',
    '<xml>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[a]]]]></Content>\n<Empty></Empty><Space> </Space>\n</xml>\n',
    '<xml><A>1</A><A>2</A></xml>',
    '<xml><A>x &amp; y</A></xml>',
    '<xml><A> <![CDATA[y]]></A></xml>',
    '<xml><A><B>1</B></A></xml>',
    '<xml><A/></xml>',
  ];

  it.each(documents.map((d, i) => [i, d]))('reads document %i exactly as the full parser does', (_i, doc) => {
    expect(parseXml(doc)).toEqual(parseXmlFully(doc));
  });

  it('keeps markup-looking text inside CDATA as text (a rep may type "<!DOCTYPE")', () => {
    expect(parseXml('<xml><Content><![CDATA[<!DOCTYPE x> ]] ] >]]></Content></xml>')).toEqual({ Content: '<!DOCTYPE x> ]] ] >' });
  });

  it('still rejects what the full parser rejects', () => {
    for (const bad of ['<xml><A>1</B></xml>', '<xml><A>1</A>', '<xml><A>1</A></xml><xml></xml>', fixture('xxe.xml'), fixture('malformed.xml')]) {
      expect(() => parseXml(bad), bad).toThrow(XmlRejected);
    }
  });
});
