// Prometheus text exposition for GET /metrics: per-process counters and a delivery latency histogram, plus
// queue gauges read from the database at scrape time (so every instance reports the shared queue the same way).
import type { Db } from './domain/shared/db.js';

type Labels = Record<string, string>;

const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

function labelText(l: Labels): string {
  const parts = Object.keys(l).sort().map((k) => `${k}="${String(l[k]).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
}

interface Family { help: string; type: 'counter' | 'gauge' | 'histogram'; series: Map<string, { labels: Labels; value: number; buckets?: number[]; sum?: number }> }

export class Metrics {
  private readonly families = new Map<string, Family>();

  constructor() {
    this.define('chatcrm_inbound_received_total', 'counter', 'Platform callbacks stored in the inbox (result=accepted) or recognised as redeliveries (result=duplicate).');
    this.define('chatcrm_inbound_processed_total', 'counter', 'Inbound events whose turn completed.');
    this.define('chatcrm_inbound_failed_total', 'counter', 'Inbound event attempts that threw (retried with backoff, then parked).');
    this.define('chatcrm_outbox_sent_total', 'counter', 'Outbox messages delivered by this process.');
    this.define('chatcrm_outbox_failed_total', 'counter', 'Outbox delivery attempts that failed in this process.');
    this.define('chatcrm_delivery_latency_seconds', 'histogram', 'From outbox row written to platform accepted.');
  }

  private define(name: string, type: Family['type'], help: string): void {
    this.families.set(name, { help, type, series: new Map() });
  }

  private series(name: string, labels: Labels) {
    const f = this.families.get(name);
    if (!f) throw new Error(`unknown metric ${name}`);
    const key = labelText(labels);
    let s = f.series.get(key);
    if (!s) {
      s = { labels, value: 0, ...(f.type === 'histogram' ? { buckets: LATENCY_BUCKETS.map(() => 0), sum: 0 } : {}) };
      f.series.set(key, s);
    }
    return s;
  }

  inc(name: string, labels: Labels = {}, by = 1): void { this.series(name, labels).value += by; }

  observe(name: string, labels: Labels, value: number): void {
    const s = this.series(name, labels);
    s.value += 1;
    s.sum! += value;
    LATENCY_BUCKETS.forEach((b, i) => { if (value <= b) s.buckets![i] += 1; });
  }

  /** Current value of a counter series (tests, and the emulator's status line). */
  get(name: string, labels: Labels = {}): number {
    return this.families.get(name)?.series.get(labelText(labels))?.value ?? 0;
  }

  /** The exposition text; `gauges` are extra families computed by the caller (e.g. queue sizes). */
  render(gauges: { name: string; help: string; values: { labels: Labels; value: number }[] }[] = []): string {
    const out: string[] = [];
    for (const [name, f] of this.families) {
      out.push(`# HELP ${name} ${f.help}`, `# TYPE ${name} ${f.type}`);
      for (const s of f.series.values()) {
        if (f.type !== 'histogram') { out.push(`${name}${labelText(s.labels)} ${s.value}`); continue; }
        LATENCY_BUCKETS.forEach((b, i) => out.push(`${name}_bucket${labelText({ ...s.labels, le: String(b) })} ${s.buckets![i]}`));
        out.push(`${name}_bucket${labelText({ ...s.labels, le: '+Inf' })} ${s.value}`);
        out.push(`${name}_sum${labelText(s.labels)} ${s.sum}`, `${name}_count${labelText(s.labels)} ${s.value}`);
      }
    }
    for (const g of gauges) {
      out.push(`# HELP ${g.name} ${g.help}`, `# TYPE ${g.name} gauge`);
      for (const v of g.values) out.push(`${g.name}${labelText(v.labels)} ${v.value}`);
    }
    return `${out.join('\n')}\n`;
  }
}

const OUTBOX_STATES = ['pending', 'sending', 'sent', 'dead'];
const INBOX_STATES = ['pending', 'processing', 'done', 'failed'];

/** Queue sizes by status, read from the shared database. */
export async function queueGauges(db: Db) {
  const count = async (table: string, states: string[]) => {
    const rows = (await db.ds.query(`SELECT status, COUNT(*) AS n FROM ${table} GROUP BY status`)) as { status: string; n: number | string }[];
    const by = new Map(rows.map((r) => [r.status, Number(r.n)]));
    return states.map((s) => ({ labels: { status: s }, value: by.get(s) ?? 0 }));
  };
  return [
    { name: 'chatcrm_outbox_messages', help: 'Outbox rows by status (dead = failed for good, needs a look).', values: await count('outbox_message', OUTBOX_STATES) },
    { name: 'chatcrm_inbox_events', help: 'Inbox rows by status.', values: await count('inbox_event', INBOX_STATES) },
  ];
}

/** GET /metrics body. */
export async function renderMetrics(metrics: Metrics, db: Db): Promise<string> {
  return metrics.render(await queueGauges(db));
}
