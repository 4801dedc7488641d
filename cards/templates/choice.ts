// "Which one did you mean?" — several customers (or leads) match a mention; the bot never guesses (DESIGN.md §2).
import { t, type Locale } from '../../locales/index.js';
import type { CardSpec } from '../spec.js';
import { baseSpec, type CardCommon } from './common.js';

export interface ChoiceData extends CardCommon {
  /** What the user typed ("华为"). */
  query: string;
  /** What the candidates are: customers unless said. */
  of?: 'customer' | 'lead' | 'contract' | 'task' | 'person' | 'opportunity';
  candidates: { id: string; name: string; detail?: string }[];
  /** Action run with the picked id, e.g. 'choice.customer'. */
  action: string;
  /** Pending conversation turn to resume once chosen. */
  turnId: string;
  /** Set once picked: status banner, no choice list. */
  chosen?: { id: string; name: string };
}

/** WeCom vote_interaction allows 1..20 options. */
export const MAX_CHOICES = 20;

export function choiceCard(data: ChoiceData, locale: Locale): CardSpec {
  const spec = baseSpec('choice', data, locale, t(locale, data.of === 'lead' ? 'card.choice.title_lead' : data.of === 'contract' ? 'card.choice.title_contract' : data.of === 'task' ? 'card.choice.title_task' : data.of === 'person' ? 'card.choice.title_person' : data.of === 'opportunity' ? 'card.choice.title_opportunity' : 'card.choice.title'));
  spec.subtitle = t(locale, 'card.choice.prompt', { query: data.query });
  if (data.chosen) {
    spec.status = { tone: 'success', text: t(locale, 'card.choice.chosen', { choice: data.chosen.name }), short: t(locale, 'card.choice.chosen_short') };
    return spec;
  }
  const options = data.candidates.slice(0, MAX_CHOICES).map((c) => ({ id: c.id, label: c.name, ...(c.detail ? { description: c.detail } : {}) }));
  if (data.candidates.length > MAX_CHOICES) spec.notes.push(t(locale, 'card.choice.more', { count: data.candidates.length - MAX_CHOICES }));
  spec.choice = { key: 'pick', prompt: spec.subtitle, options, action: data.action, payload: { t: data.turnId }, submitLabel: t(locale, 'card.choice.submit') };
  return spec;
}
