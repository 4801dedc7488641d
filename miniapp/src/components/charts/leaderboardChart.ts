// The leaderboard as an F2 bar chart: one bar per person, rank 1 on top, the value at the bar's end.
// Only for visible amounts (hidden amounts have no picture: equal bars would say nothing, real ones too much).
import { Chart, Interval, Axis, TextGuide } from '@antv/f2';
import { f2 } from './f2-element';
import type { ChartBuilder } from './F2Chart';

export interface BoardBar { name: string; value: number; display: string }

const ROW = 36;
export const boardChartHeight = (rows: number): number => rows * ROW + 32;

export function leaderboardChart(bars: BoardBar[]): ChartBuilder {
  // A transposed axis lists categories from the bottom up: reverse so rank 1 is the top bar.
  const data = bars.map((b, i) => ({ key: `${i}`, name: b.name, value: b.value, display: b.display })).reverse();
  const label = new Map(data.map((d) => [d.key, d.name]));
  const max = Math.max(1, ...data.map((d) => d.value));
  return () => f2(Chart, {
    data,
    coord: { transposed: true },
    // Headroom on the right for the value printed after the longest bar.
    scale: { value: { min: 0, max: max * 1.3, nice: false }, key: { type: 'cat' } },
  },
  f2(Axis, { field: 'key', formatter: (k: string) => clip(label.get(k) ?? '', 6), style: { label: { fontSize: 12, fill: '#1d2129' } } }),
  f2(Axis, { field: 'value', visible: false }),
  f2(Interval, { x: 'key', y: 'value', color: '#1f6feb', sizeRatio: 0.6 }),
  ...data.map((d) => f2(TextGuide, {
    records: [{ key: d.key, value: d.value }], content: d.display, offsetX: 6,
    style: { fill: '#4e5969', fontSize: 11, textAlign: 'start', textBaseline: 'middle' },
  })));
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
