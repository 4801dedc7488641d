// CardSpec → markdown or plain text: the fallback where a platform or channel cannot show a card. Pure.
import { t } from '../../locales/index.js';
import { visibleFields, type CardSpec } from '../spec.js';

export interface TextRenderOptions {
  /** H5 URL for a mini-program path; link buttons become markdown links when given. */
  urlFor?: (path: string) => string;
}

/** Escape what markdown would interpret, so user text (names, notes) renders as typed. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+!|~>-]/g, '\\$&').replace(/</g, '&lt;').replace(/\n/g, '  \n');
}

export function renderMarkdown(spec: CardSpec, opts: TextRenderOptions = {}): { title: string; text: string } {
  const e = escapeMarkdown;
  const out: string[] = [`### ${e(spec.title)}`];
  if (spec.subtitle) out.push(e(spec.subtitle));
  if (spec.status) out.push(`**${e(spec.status.text)}**`);
  if (spec.emphasis) out.push(`**${e(spec.emphasis.value)}** ${e(spec.emphasis.label)}`);
  const fields = visibleFields(spec);
  if (fields.length) out.push(fields.map((f) => `- ${e(f.label)}: ${e(f.value)}`).join('\n'));
  if (spec.rows?.length) out.push(spec.rows.map((r) => `- ${e(r.label)}${r.value ? ` **${e(r.value)}**` : ''}`).join('\n'));
  if (spec.choice) {
    out.push(e(spec.choice.prompt));
    out.push(spec.choice.options.map((o, i) => `${i + 1}\\. ${e(o.label)}${o.description ? ` (${e(o.description)})` : ''}`).join('\n'));
    out.push(e(t(spec.locale, 'card.text.choice_hint')));
  }
  for (const n of spec.notes) out.push(`> ${e(n)}`);
  if (opts.urlFor) {
    const links = spec.buttons.filter((b) => b.kind === 'link').map((b) => `[${e(b.label)}](${opts.urlFor!(b.path)})`);
    if (links.length) out.push(links.join(' | '));
  }
  return { title: spec.title, text: out.join('\n\n') };
}

export function renderText(spec: CardSpec): string {
  const out: string[] = [spec.title];
  if (spec.subtitle) out.push(spec.subtitle);
  if (spec.status) out.push(t(spec.locale, 'card.text.status', { status: spec.status.text }));
  if (spec.emphasis) out.push(`${spec.emphasis.label}: ${spec.emphasis.value}`);
  for (const f of visibleFields(spec)) out.push(`${f.label}: ${f.value}`);
  for (const r of spec.rows ?? []) out.push(r.value ? `${r.label}  ${r.value}` : r.label);
  if (spec.choice) {
    out.push(spec.choice.prompt);
    spec.choice.options.forEach((o, i) => out.push(`${i + 1}. ${o.label}${o.description ? ` (${o.description})` : ''}`));
    out.push(t(spec.locale, 'card.text.choice_hint'));
  }
  out.push(...spec.notes);
  return out.join('\n');
}
