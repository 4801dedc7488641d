// The configured stages as a reader sees them: in order, with labels in the reader's language.
import type { DomainContext } from '../shared/with-tx.js';
import { stageLabel, stagesOf } from './stages.js';
import { t } from '../../../locales/index.js';

export interface StageView { key: string; label: string; probability: number; requiredFields: string[]; closed: boolean }

/** Any signed-in user. Reads settings only. */
export async function listStages(c: DomainContext): Promise<StageView[]> {
  const open = (await stagesOf(c)).map((s) => ({ key: s.key, label: stageLabel(c, s), probability: s.probability, requiredFields: s.requiredFields ?? [], closed: false }));
  const closed = (['won', 'lost'] as const).map((key) => ({ key, label: t(c.actor.locale, `stage.${key}`), probability: key === 'won' ? 100 : 0, requiredFields: key === 'lost' ? ['lostReason'] : [], closed: true }));
  return [...open, ...closed];
}
