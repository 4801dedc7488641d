// Offline follow-up drafts. Every follow-up is written to storage first with an idempotency key, then sent;
// a network failure leaves it pending and a later sync sends it again with the SAME key, so the server
// stores it once however many times we retry. The server answering 4xx means "never": the draft is marked failed.
import Taro from '@tarojs/taro';
import { api, ApiError, NetworkError } from '../api/client';

export interface FollowUpInput {
  /** Exactly one of customerId and leadId: the record the follow-up is on. */
  customerId?: number;
  leadId?: number;
  /** The record's name as the drafts list shows it (a customer's or a lead's company). */
  customerName: string;
  type: string;
  /** 'reached' or 'failed'; drafts saved before outcomes existed have none (the server then says reached). */
  outcome?: string;
  content: string;
  nextStep?: { title: string; dueAt: string };
}
export interface Draft extends FollowUpInput {
  key: string;
  createdAt: string;
  status: 'pending' | 'failed';
  error?: string;
}

const STORAGE_KEY = 'chatcrm.drafts';
const listeners = new Set<(d: Draft[]) => void>();

export function listDrafts(): Draft[] {
  try { return (Taro.getStorageSync(STORAGE_KEY) as Draft[]) || []; } catch { return []; }
}
function save(drafts: Draft[]): void {
  Taro.setStorageSync(STORAGE_KEY, drafts);
  listeners.forEach((fn) => fn(drafts));
}
export function onDraftsChange(fn: (d: Draft[]) => void): () => void {
  listeners.add(fn);
  return () => { listeners.delete(fn); };
}
export function discardDraft(key: string): void {
  save(listDrafts().filter((d) => d.key !== key));
}

/** A key unique per device and attempt; 64 chars max on the server. */
export function newIdempotencyKey(): string {
  const rnd = () => Math.random().toString(36).slice(2, 10);
  return `ma-${Date.now().toString(36)}-${rnd()}${rnd()}`;
}

async function send(d: Draft): Promise<void> {
  await api('POST', '/activities', {
    ...(d.leadId ? { leadId: d.leadId } : { customerId: d.customerId }), type: d.type, outcome: d.outcome, content: d.content, nextStep: d.nextStep, idempotencyKey: d.key,
    // When it happened is when it was written, not when the signal came back.
    occurredAt: d.createdAt,
  }, { 'Idempotency-Key': d.key });
}

/** Keeps the follow-up as a draft, then tries to send it. Returns 'sent' or 'draft' (offline). */
export async function submitFollowUp(input: FollowUpInput): Promise<'sent' | 'draft'> {
  const draft: Draft = { ...input, key: newIdempotencyKey(), createdAt: new Date().toISOString(), status: 'pending' };
  save([...listDrafts(), draft]);
  try {
    await send(draft);
    discardDraft(draft.key);
    return 'sent';
  } catch (e) {
    if (e instanceof NetworkError) return 'draft';
    if (e instanceof ApiError && e.status >= 500) return 'draft';
    discardDraft(draft.key);
    throw e;
  }
}

let syncing: Promise<number> | null = null;

/** Sends every pending draft once; concurrent calls share one run. Resolves to how many were stored. */
export function syncDrafts(): Promise<number> {
  if (!syncing) {
    syncing = (async () => {
      let sent = 0;
      for (const d of listDrafts().filter((x) => x.status === 'pending')) {
        try {
          await send(d);
          discardDraft(d.key);
          sent++;
        } catch (e) {
          if (e instanceof NetworkError) break; // still offline: try again later
          if (e instanceof ApiError && (e.status >= 500 || e.status === 401)) break;
          save(listDrafts().map((x) => (x.key === d.key ? { ...x, status: 'failed' as const, error: (e as Error).message } : x)));
        }
      }
      return sent;
    })().finally(() => { syncing = null; });
  }
  return syncing;
}

let started = false;
/** Sync when the network comes back, when the app shows again, and every 20 s while drafts wait. */
export function startDraftSync(): void {
  if (started) return;
  started = true;
  const kick = () => { if (listDrafts().some((d) => d.status === 'pending')) void syncDrafts(); };
  Taro.onNetworkStatusChange?.((r) => { if (r.isConnected) kick(); });
  if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') window.addEventListener('online', kick);
  setInterval(kick, 20000);
  kick();
}
