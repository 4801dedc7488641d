// The sales funnel as an F2 funnel: one band per open stage, width by the number of opportunities in it
// (counts, never amounts: a field rule may hide amounts, counts are always shown).
import { Chart, Interval } from '@antv/f2';
import { f2 } from './f2-element';
import type { ChartBuilder } from './F2Chart';

export interface FunnelBand { label: string; count: number }

const BAND = 44;
export const funnelChartHeight = (bands: number): number => bands * BAND + 16;
const BLUES = ['#0b3d91', '#1f6feb', '#4f8ff7', '#7fb0fa', '#a9cbfc', '#cfe2fe'];

export function funnelChart(bands: FunnelBand[]): ChartBuilder {
  const max = Math.max(1, ...bands.map((b) => b.count));
  // A thin sliver for an empty stage keeps its band (and label) in place. A transposed axis lists categories
  // from the bottom up: reverse so the first stage is the top band.
  const data = bands.map((b, i) => ({ key: `${i}`, label: b.label, count: b.count, share: Math.max(b.count / max, 0.02) })).reverse();
  return () => f2(Chart, {
    data,
    coord: { transposed: true },
    // The widest band takes two thirds of the width: the stage names sit to its right.
    scale: { share: { min: 0, max: 1.5, nice: false }, key: { type: 'cat', range: [0, 1] } },
  },
  f2(Interval, {
    x: 'key', y: 'share', adjust: 'symmetric', shape: 'funnel',
    color: { field: 'key', range: data.map((_, i) => BLUES[Math.min(data.length - 1 - i, BLUES.length - 1)]) },
    showLabel: true,
    labelCfg: {
      offsetX: 8,
      label: (d: { label: string }) => ({ text: d.label, fill: '#1d2129', fontSize: 12 }),
      guide: (d: { count: number; share: number }) => ({ text: String(d.count), fill: d.share > 0.25 ? '#fff' : '#1d2129', fontSize: 12 }),
    },
  }));
}
