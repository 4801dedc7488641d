// Hosts an AntV F2 chart on Taro's <Canvas type="2d">: the same node API in weapp (wx canvas node), the
// DingTalk runtime and H5 (Taro's canvas element). F2 draws through the plain CanvasRenderingContext2D the
// node gives; the rest is what a mini-program lacks (no window animation frame, no DOM canvas to measure text).
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Canvas as TaroCanvas, View } from '@tarojs/components';
import { Canvas, type CanvasProps } from '@antv/f2';

/** Builds the F2 <Chart> element for a given canvas width (px). */
export type ChartBuilder = (width: number) => CanvasProps['children'];

interface CanvasNode {
  width: number; height: number;
  getContext(type: '2d'): CanvasRenderingContext2D;
  requestAnimationFrame?(cb: () => void): number;
  cancelAnimationFrame?(id: number): void;
  createImage?(): HTMLImageElement;
}

let serial = 0;

function findNode(id: string): Promise<{ node: CanvasNode; width: number; height: number } | null> {
  return new Promise((resolve) => {
    Taro.createSelectorQuery().select(`#${id}`).fields({ node: true, size: true }).exec((res: any[]) => {
      const r = res?.[0];
      if (r?.node && typeof r.node.getContext === 'function') resolve({ node: r.node, width: r.width, height: r.height });
      else if (process.env.TARO_ENV === 'h5') {
        // Taro's H5 query hands out the inner <canvas> only when the element reports type 2d; look it up directly.
        const canvas = document.getElementById(id)?.querySelector('canvas') as unknown as CanvasNode | null;
        const box = document.getElementById(id)?.getBoundingClientRect();
        resolve(canvas && box ? { node: canvas, width: box.width, height: box.height } : null);
      } else resolve(null);
    });
  });
}

/** Only what the mini-program runtimes need beyond the context: their own frame timer and text measuring. */
function runtimeProps(node: CanvasNode): Partial<CanvasProps> & Record<string, unknown> {
  if (process.env.TARO_ENV === 'h5') return {};
  const offscreen = (Taro as any).createOffscreenCanvas?.({ type: '2d', width: 1, height: 1 });
  return {
    requestAnimationFrame: node.requestAnimationFrame?.bind(node),
    cancelAnimationFrame: node.cancelAnimationFrame?.bind(node),
    createImage: node.createImage ? () => node.createImage!() : undefined,
    offscreenCanvas: offscreen,
  };
}

// The canvas never re-renders after mount: Taro's H5 canvas resets its bitmap size on every render.
const Surface = memo(({ id, height }: { id: string; height: number }) => {
  const style = useMemo(() => ({ width: '100%', height: `${height}px`, display: 'block' }), [height]);
  return <TaroCanvas type='2d' id={id} canvasId={id} style={style} />;
});

interface ChartProps { build: ChartBuilder; height: number; testId?: string; version: string }

/** A new height is a new canvas (the bitmap is sized once); new data on the same height is an F2 update. */
export const F2Chart = (props: ChartProps) => <ChartHost key={props.height} {...props} />;

function ChartHost({ build, height, testId, version }: ChartProps) {
  const id = useMemo(() => `f2-${++serial}`, []);
  const chart = useRef<{ canvas: Canvas; width: number } | null>(null);
  const latest = useRef(build);
  latest.current = build;
  const [drawn, setDrawn] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let gone = false;
    void (async () => {
      try {
        if (!chart.current) {
          // The node exists once Taro has committed this render to the view layer.
          await new Promise<void>((r) => Taro.nextTick(r));
          const found = await findNode(id);
          if (gone) return;
          if (!found) { setFailed(true); return; }
          const { node, width } = found;
          const pixelRatio = Taro.getSystemInfoSync().pixelRatio || 2;
          node.width = Math.round(width * pixelRatio);
          node.height = Math.round(height * pixelRatio);
          const canvas = new Canvas({
            context: node.getContext('2d'), pixelRatio, width, height, animate: false,
            children: latest.current(width), ...runtimeProps(node),
          } as CanvasProps);
          chart.current = { canvas, width };
          await canvas.render();
        } else {
          await chart.current.canvas.update({ children: latest.current(chart.current.width) } as CanvasProps);
        }
        if (!gone) setDrawn(version);
      } catch (e) {
        console.error('chart', e);
        if (!gone) setFailed(true);
      }
    })();
    return () => { gone = true; };
  }, [id, version]); // height: fixed for this host (see F2Chart)

  useEffect(() => () => { chart.current?.canvas.destroy(); chart.current = null; }, []);

  if (failed) return null; // the text list below the chart carries the same numbers
  // The picture is decoration for sighted readers; the list next to it is what screen readers read.
  return (
    <View className='chart' data-testid={testId} data-drawn={drawn === version ? 'yes' : 'no'} aria-hidden='true'>
      <Surface id={id} height={height} />
    </View>
  );
}
