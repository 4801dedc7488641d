import { describe, expect, it } from 'vitest';
import { signedEncoder } from '../../../../cards/action-payload.js';
import { renderDingtalkActionCard, renderDingtalkCard } from '../../../../cards/render/dingtalk.js';
import { renderMarkdown, renderText } from '../../../../cards/render/text.js';
import { renderWecom } from '../../../../cards/render/wecom.js';
import { expandCard } from '../../../../cards/templates/index.js';
import { LOCALES } from '../../../../locales/index.js';
import { samples } from '../samples.js';

const encodeKey = signedEncoder('golden-test-secret');
const urlFor = (path: string) => `https://crm.example.com/h5/#/${path}`;
const fixture = (name: string) => new URL(`../../../fixtures/cards/${name}.json`, import.meta.url).pathname;

describe('card golden files', () => {
  for (const s of samples) {
    for (const locale of LOCALES) {
      it(`${s.name} ${locale}`, async () => {
        const spec = expandCard(s.template, s.data as never, locale);
        const rendered = {
          wecom: renderWecom(spec, { encodeKey, urlFor }),
          wecomMiniProgram: renderWecom(spec, { encodeKey, urlFor, miniProgramAppId: 'wx0123456789abcdef' }),
          dingtalk: renderDingtalkCard(spec, { encodeKey, urlFor, cardTemplateId: 'chatcrm-card.schema' }),
          dingtalkActionCard: renderDingtalkActionCard(spec, { encodeKey, urlFor, cardTemplateId: 'chatcrm-card.schema' }),
          markdown: renderMarkdown(spec, { urlFor }),
          text: renderText(spec),
        };
        const json = `${JSON.stringify(rendered, null, 2)}\n`;
        // adaptivecards-templating's silent failure: an unexpanded placeholder or a missing locale key.
        expect(json).not.toContain('${');
        expect(json).not.toMatch(/"[^"]*\{[a-z_]+\}[^"]*"/);
        expect(json).not.toMatch(/card\.[a-z_]+\.[a-z_.]+/);
        if (locale === 'en-US') expect(/[\u4e00-\u9fff]/.test(JSON.stringify({ ...spec, title: '', subtitle: '', fields: spec.fields.map((f) => f.label), rows: [], notes: [], choice: undefined, status: undefined, buttons: spec.buttons.map((b) => b.label) }))).toBe(false);
        await expect(json).toMatchFileSnapshot(fixture(`${s.name}.${locale}`));
      });
    }
  }
});
