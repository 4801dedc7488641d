// The configured, ordered stage list (settings `stages`) and what each stage requires of an opportunity.
import type { DomainContext } from '../shared/with-tx.js';
import { getSetting, type StageDef } from '../settings/settings.js';
import { invalid } from '../shared/domain-error.js';

/** Terminal pseudo-stages: every pipeline ends in one of them, so they are not configured. */
export const CLOSED_STAGES = ['won', 'lost'] as const;
export type ClosedStage = (typeof CLOSED_STAGES)[number];

export const stagesOf = (c: DomainContext): Promise<StageDef[]> => getSetting(c, 'stages');

export async function stageOrThrow(c: DomainContext, key: string, field = 'stage'): Promise<StageDef> {
  const stage = (await stagesOf(c)).find((s) => s.key === key);
  if (!stage) throw invalid('opportunity.unknown_stage', field, { stage: key });
  return stage;
}

export const stageLabel = (c: DomainContext, stage: StageDef): string => stage.label[c.actor.locale] ?? stage.label['zh-CN'] ?? stage.key;

function isMissing(field: string, v: unknown): boolean {
  if (v === null || v === undefined || v === '') return true;
  // Amount columns are NOT NULL with 0 meaning "not given yet": a proposal needs a real amount.
  return field.endsWith('Cents') && v === 0;
}

/** Refuses entering `stage` while one of its required fields (plain or `custom.<key>`) is empty; the 400 names the field. */
export function assertStageRequirements(c: DomainContext, stage: StageDef, record: Record<string, unknown>): void {
  for (const field of stage.requiredFields ?? []) {
    const v = field.startsWith('custom.') ? (record.custom as Record<string, unknown> | null)?.[field.slice(7)] : record[field];
    if (isMissing(field, v)) throw invalid('opportunity.stage_requires', field, { stage: stageLabel(c, stage) });
  }
}
