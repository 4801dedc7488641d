// Functions rule authors may call besides the built-ins. They are handed to Expression.parse as a local
// lookup, never registered in the process-global Expression.functions (other rule sets must not see them).
import { Expression, ExpressionEvaluator, FunctionUtils, ReturnType, type EvaluatorLookup } from 'adaptive-expressions';

const DAY_MS = 86_400_000;

function toTime(v: unknown): number | undefined {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'string' || typeof v === 'number') {
    const t = new Date(v).getTime();
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

/** daysSince(time): whole days from `time` to the evaluation's `now` (memory root), or -1 when there is no time. */
const daysSince = new ExpressionEvaluator(
  'daysSince',
  (expression, state, options) => {
    const { args, error } = FunctionUtils.evaluateChildren(expression, state, options);
    if (error) return { value: undefined, error };
    // ValueWithError types error as string; the library itself returns undefined for "no error".
    const now = toTime(state.getValue('now')) ?? Date.now();
    const then = toTime(args[0]);
    return { value: then === undefined ? -1 : Math.floor((now - then) / DAY_MS), error: undefined as unknown as string };
  },
  ReturnType.Number,
  FunctionUtils.validateUnary,
);

/** oneOf(value, 'a|b|c'): value equals one of the |-separated words (handy for region lists). */
const oneOf = new ExpressionEvaluator(
  'oneOf',
  FunctionUtils.apply((args: unknown[]) => typeof args[0] === 'string' && String(args[1]).split('|').map((s) => s.trim()).includes(args[0])),
  ReturnType.Boolean,
  (e) => FunctionUtils.validateArityAndAnyType(e, 2, 2),
);

const LOCAL = new Map<string, ExpressionEvaluator>([[daysSince.type, daysSince], [oneOf.type, oneOf]]);

/** Built-ins plus our local functions. */
export const ruleLookup: EvaluatorLookup = (name: string) => LOCAL.get(name) ?? Expression.lookup(name);
export const LOCAL_FUNCTIONS = [...LOCAL.keys()];
