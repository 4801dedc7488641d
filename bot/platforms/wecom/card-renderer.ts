// CardSpec → what the WeCom adapter sends: a template_card whose buttons carry signed keys.
import type { CardSpec } from '../../../cards/spec.js';
import { renderWecom } from '../../../cards/render/wecom.js';
import type { KeyEncoder } from '../../../cards/action-payload.js';
import type { Rendered } from '../../core/platform.js';

export function wecomCardRenderer(o: { encodeKey: KeyEncoder; urlFor: (path: string) => string }): (spec: CardSpec) => Rendered {
  return (spec) => ({ kind: 'card', card: renderWecom(spec, o), cardId: spec.cardId });
}
