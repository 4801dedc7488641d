// Opportunity stages as the bot understands them: configured, not coded. Default list from DESIGN.md §3.

export interface StageDef {
  /** Stable key stored on the opportunity. */
  key: string;
  kind: 'open' | 'won' | 'lost';
  /** Every way users name it, any language; matched case-insensitively, longest first. */
  names: string[];
}

export const DEFAULT_STAGES: StageDef[] = [
  { key: 'initial_contact', kind: 'open', names: ['初步接洽', '接洽', 'initial contact', 'first contact'] },
  { key: 'needs_analysis', kind: 'open', names: ['需求分析', 'needs analysis', 'discovery'] },
  { key: 'proposal', kind: 'open', names: ['方案报价', '方案', '报价', 'proposal/quote', 'proposal', 'quote', 'quotation'] },
  { key: 'negotiation', kind: 'open', names: ['商务谈判', '谈判', 'negotiation', 'negotiating'] },
  { key: 'won', kind: 'won', names: ['赢单', 'closed won', 'won'] },
  { key: 'lost', kind: 'lost', names: ['输单', '丢单', 'closed lost', 'lost'] },
];

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** The stage a phrase names: exact name first, then the longest name contained in the phrase. */
export function matchStage(phrase: string, stages: StageDef[] = DEFAULT_STAGES): StageDef | undefined {
  const p = norm(phrase);
  if (!p) return undefined;
  const exact = stages.find((s) => s.names.some((n) => norm(n) === p));
  if (exact) return exact;
  let best: { stage: StageDef; len: number } | undefined;
  for (const s of stages) {
    for (const n of s.names) {
      const nn = norm(n);
      // Latin names must match whole words ("won" is not in "wonderful").
      const hit = /^[\x00-\x7f]+$/.test(nn) ? new RegExp(`(^|[^a-z])${nn.replace(/[/]/g, '\\/')}([^a-z]|$)`).test(p) : p.includes(nn);
      if (hit && (!best || nn.length > best.len)) best = { stage: s, len: nn.length };
    }
  }
  return best?.stage;
}

/** First stage of a kind (the won/lost stage of a configured list). */
export function stageOfKind(kind: StageDef['kind'], stages: StageDef[] = DEFAULT_STAGES): StageDef | undefined {
  return stages.find((s) => s.kind === kind);
}
