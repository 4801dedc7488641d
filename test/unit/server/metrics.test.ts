import { describe, expect, it } from 'vitest';
import { Metrics } from '../../../server/metrics.js';

describe('Metrics', () => {
  it('renders counters with labels in Prometheus text format', () => {
    const m = new Metrics();
    m.inc('chatcrm_inbound_received_total', { platform: 'wecom', result: 'accepted' });
    m.inc('chatcrm_inbound_received_total', { platform: 'wecom', result: 'accepted' });
    m.inc('chatcrm_inbound_received_total', { result: 'duplicate', platform: 'wecom' });
    const text = m.render();
    expect(text).toContain('# TYPE chatcrm_inbound_received_total counter');
    expect(text).toContain('chatcrm_inbound_received_total{platform="wecom",result="accepted"} 2');
    expect(text).toContain('chatcrm_inbound_received_total{platform="wecom",result="duplicate"} 1');
    expect(m.get('chatcrm_inbound_received_total', { platform: 'wecom', result: 'accepted' })).toBe(2);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('keeps a cumulative latency histogram with sum and count', () => {
    const m = new Metrics();
    for (const v of [0.02, 0.3, 3, 400]) m.observe('chatcrm_delivery_latency_seconds', { platform: 'dingtalk' }, v);
    const text = m.render();
    expect(text).toContain('# TYPE chatcrm_delivery_latency_seconds histogram');
    expect(text).toContain('chatcrm_delivery_latency_seconds_bucket{le="0.05",platform="dingtalk"} 1');
    expect(text).toContain('chatcrm_delivery_latency_seconds_bucket{le="0.5",platform="dingtalk"} 2');
    expect(text).toContain('chatcrm_delivery_latency_seconds_bucket{le="5",platform="dingtalk"} 3');
    expect(text).toContain('chatcrm_delivery_latency_seconds_bucket{le="300",platform="dingtalk"} 3');
    expect(text).toContain('chatcrm_delivery_latency_seconds_bucket{le="+Inf",platform="dingtalk"} 4');
    expect(text).toContain('chatcrm_delivery_latency_seconds_count{platform="dingtalk"} 4');
    expect(text).toMatch(/chatcrm_delivery_latency_seconds_sum\{platform="dingtalk"\} 403\.32/);
  });

  it('escapes label values and appends caller gauges', () => {
    const m = new Metrics();
    m.inc('chatcrm_outbox_failed_total', { platform: 'we"com\\x' });
    const text = m.render([{ name: 'chatcrm_outbox_messages', help: 'rows', values: [{ labels: { status: 'pending' }, value: 3 }] }]);
    expect(text).toContain('chatcrm_outbox_failed_total{platform="we\\"com\\\\x"} 1');
    expect(text).toContain('# TYPE chatcrm_outbox_messages gauge');
    expect(text).toContain('chatcrm_outbox_messages{status="pending"} 3');
  });
});
