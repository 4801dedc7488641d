// Stages from GET /stages; labels from our catalog when it knows the key (so a language switch is instant),
// the server's label for stages an admin added.
import { api } from '../api/client';
import type { Stage } from '../api/types';
import { t } from '../i18n';

let cache: Promise<Stage[]> | null = null;
export function loadStages(): Promise<Stage[]> {
  cache ??= api<Stage[]>('GET', '/stages').catch((e) => { cache = null; throw e; });
  return cache;
}

export function stageName(key: string, stages: Stage[] = []): string {
  const own = t(`stage.${key}`);
  if (!own.startsWith('miniapp.')) return own;
  const s = stages.find((x) => x.key === key);
  return typeof s?.label === 'string' ? s.label : key;
}
