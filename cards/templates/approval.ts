// Contract approval: key facts (permission-filtered by the caller), approve/reject/transfer/return while pending;
// after a decision a status banner and no buttons. Payload carries the instance version so a stale tap is detectable.
import { t, type Locale } from '../../locales/index.js';
import { formatDate, formatDateTime, formatMoney } from '../format.js';
import type { CardSpec, StatusTone } from '../spec.js';
import { actionButton, baseSpec, linkButton, type CardCommon } from './common.js';

export type ApprovalOutcome = 'approved' | 'rejected' | 'transferred' | 'returned' | 'withdrawn';

/** Where a 会签 step stands: one entry per approver, in step order. */
export interface StepProgress { approved: number; total: number; people: { name: string; state: 'approved' | 'rejected' | 'pending' }[] }

export interface ApprovalCardData extends CardCommon {
  approvalId: string;
  version: number;
  contract: {
    id: string;
    name: string;
    customerName: string;
    /** null: hidden from this reader by a field rule. */
    amountCents: number | null;
    currency?: string;
    startDate?: string;
    endDate?: string;
    submitterName: string;
    submittedAt: Date;
  };
  step: { index: number; total: number; name: string; mode: 'all' | 'any' };
  deadline?: Date;
  decision?: { outcome: ApprovalOutcome; byName: string; at: Date; comment?: string; toName?: string };
  /** 会签 with several approvers: who has approved so far (shown on every copy, decided or not). */
  progress?: StepProgress;
  /** This approver got the step from someone else: 转办 by them, or escalated when their time ran out. */
  handedOver?: { via: 'transfer' | 'escalation'; fromName: string };
}

/** "2/3 已同意：张三 ✓ 李四 ✓ 王五 待审批" */
export function progressLine(p: StepProgress, locale: Locale): string {
  const people = p.people.map((x) => t(locale, `card.approval.progress_${x.state}`, { name: x.name })).join(' ');
  return t(locale, 'card.approval.progress', { approved: p.approved, total: p.total, people });
}

const TONES: Record<ApprovalOutcome, StatusTone> = { approved: 'success', rejected: 'danger', transferred: 'info', returned: 'warning', withdrawn: 'warning' };

export function approvalCard(data: ApprovalCardData, locale: Locale): CardSpec {
  const c = data.contract;
  const tz = data.timeZone;
  const spec = baseSpec('approval', data, locale, t(locale, 'card.approval.title', { contract: c.name }));
  spec.subtitle = t(locale, 'card.approval.subtitle', { submitter: c.submitterName, at: formatDateTime(c.submittedAt, locale, tz) });
  spec.openPath = `pages/approvals/index?id=${encodeURIComponent(data.approvalId)}`;
  if (c.amountCents !== null) spec.emphasis = { value: formatMoney(c.amountCents, c.currency), label: t(locale, 'card.approval.amount') };
  spec.fields.push(
    { label: t(locale, 'card.approval.customer'), value: c.customerName },
    { label: t(locale, 'card.approval.amount'), value: c.amountCents === null ? '' : formatMoney(c.amountCents, c.currency), hidden: c.amountCents === null },
    { label: t(locale, 'card.approval.period'), value: c.startDate && c.endDate ? `${formatDate(c.startDate, locale)} - ${formatDate(c.endDate, locale)}` : '' },
    { label: t(locale, 'card.approval.step'), value: t(locale, 'card.approval.step_value', { index: data.step.index, total: data.step.total, name: data.step.name }) },
    { label: t(locale, 'card.approval.mode'), value: t(locale, `card.approval.mode_${data.step.mode}`) },
  );
  if (data.progress) spec.notes.push(progressLine(data.progress, locale));
  const d = data.decision;
  if (d) {
    const params = { by: d.byName, at: formatDateTime(d.at, locale, tz), to: d.toName ?? '' };
    spec.status = { tone: TONES[d.outcome], text: t(locale, `card.approval.status.${d.outcome}`, params), short: t(locale, `card.approval.short.${d.outcome}`) };
    if (d.comment) spec.notes.push(t(locale, 'card.approval.comment', { comment: d.comment }));
    return spec;
  }
  if (data.handedOver) spec.notes.push(t(locale, `card.approval.handed_over.${data.handedOver.via}`, { from: data.handedOver.fromName }));
  if (data.deadline) spec.notes.push(t(locale, 'card.approval.deadline', { deadline: formatDateTime(data.deadline, locale, tz) }));
  const p = { i: data.approvalId, v: data.version };
  spec.buttons.push(
    actionButton(locale, 'approve', 'card.button.approve', 'primary', 'approval.approve', p),
    actionButton(locale, 'reject', 'card.button.reject', 'danger', 'approval.reject', p),
    actionButton(locale, 'transfer', 'card.button.transfer', 'default', 'approval.transfer', p),
    actionButton(locale, 'return', 'card.button.return', 'default', 'approval.return', p),
    linkButton(locale, 'open', 'card.button.details', spec.openPath),
  );
  return spec;
}
