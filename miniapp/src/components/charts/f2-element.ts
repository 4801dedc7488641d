// F2's own JSX factory without F2's JSX syntax (this project's JSX is React's). F2's generic component
// classes do not fit its own ElementType signature in TypeScript, hence the one cast here.
import { jsx } from '@antv/f2';

export const f2 = (type: unknown, props: Record<string, unknown>, ...children: unknown[]) =>
  jsx(type as Parameters<typeof jsx>[0], props, ...children);
