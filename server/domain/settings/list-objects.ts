// The CRM objects and what this company calls them: defaults from locales, overrides from `objectLabels`.
import type { DomainContext } from '../shared/with-tx.js';
import { t } from '../../../locales/index.js';
import { getSetting } from './settings.js';
import { OBJECTS } from './setting-schemas.js';

export interface ObjectInfo { object: string; label: string; defaultLabel: string; renamed: boolean }

/** Anyone signed in (forms, cards and the bot use the labels). Reads only. */
export async function listObjects(c: DomainContext): Promise<ObjectInfo[]> {
  const overrides = await getSetting(c, 'objectLabels');
  return OBJECTS.map((object) => {
    const defaultLabel = t(c.actor.locale, `object.${object}`);
    const custom = overrides[object]?.[c.actor.locale];
    return { object, label: custom ?? defaultLabel, defaultLabel, renamed: custom !== undefined };
  });
}

/** One object's display label for a reader (the bot and cards say 项目报备 when the company renamed 商机). */
export async function objectLabel(c: DomainContext, object: string): Promise<string> {
  return (await getSetting(c, 'objectLabels'))[object]?.[c.actor.locale] ?? t(c.actor.locale, `object.${object}`);
}
