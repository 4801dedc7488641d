// CardSpec → what the DingTalk adapter sends: an interactive card instance whose buttons carry signed keys.
import type { CardSpec } from '../../../cards/spec.js';
import { renderDingtalkCard } from '../../../cards/render/dingtalk.js';
import type { KeyEncoder } from '../../../cards/action-payload.js';
import type { Rendered } from '../../core/platform.js';

export function dingtalkCardRenderer(o: { encodeKey: KeyEncoder; urlFor: (path: string) => string; cardTemplateId: string; callbackType?: 'STREAM' | 'HTTP' }): (spec: CardSpec) => Rendered {
  return (spec) => ({ kind: 'card', card: renderDingtalkCard(spec, o), cardId: spec.cardId, templateId: o.cardTemplateId });
}
