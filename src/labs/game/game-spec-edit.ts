/**
 * The Game Lab's edits of a sweep spec, as pure functions: one field set through its dotted
 * path (with the repairs a new game, method or axis parameter needs), and the drag-zoom's
 * new window.
 */
import {
  cellSpec,
  DEFAULT_SPEC,
  defaultGameSpec,
  defaultMethodSpec,
  GAME_CATALOG,
  isGameName,
  isMethodName,
  parseSweepSpec,
  sweepableParameters,
  type SingleGameSpec,
  type SweepAxis,
  type SweepSpec,
} from '../../core/games/index.js';
import { parseExpression } from '../../core/expression/index.js';
import { getPath, setPath } from '../../core/object-path.js';

/** A cell of the sweep: column ix along the x axis, row iy along the y axis. */
export interface CellIndex {
  ix: number;
  iy: number;
}

/**
 * The spec with one field (a dotted path: `lr`, `game.b`, `method.name`, `axes.x.count`…) set.
 * A new game or method starts from its defaults and keeps only the axes that still fit; a new
 * axis parameter gets a window around its value. Throws the SpecError of an invalid result.
 */
export function editSpec(spec: SweepSpec, path: string, value: unknown): SweepSpec {
  const input = structuredClone(spec) as unknown as Record<string, unknown>;
  if (path === 'game.name' && isGameName(value)) input.game = defaultGameSpec(value);
  else if (path === 'method.name' && isMethodName(value)) input.method = defaultMethodSpec(value);
  else if ((path === 'lrX' || path === 'lrY') && value === undefined) delete input[path];
  else setPath(input, path, value);
  if (path === 'game.name' || path === 'method.name') repairAxes(input);
  if (path === 'axes.x.param' || path === 'axes.y.param') fitAxisRange(input, path.split('.')[1]);
  return parseSweepSpec(input);
}

/**
 * The spec re-swept over the rectangle between two cells (inclusive), at the same number of cells
 * an axis: each axis now runs from the lower corner's value to the higher one's. Null where the
 * rectangle is a single row or column.
 */
export function zoomSpec(spec: SweepSpec, a: CellIndex, b: CellIndex): SweepSpec | null {
  const { axes } = spec;
  const [x0, x1] = [Math.min(a.ix, b.ix), Math.max(a.ix, b.ix)];
  const [y0, y1] = [Math.min(a.iy, b.iy), Math.max(a.iy, b.iy)];
  if (x0 === x1 || y0 === y1) return null;
  const cornerLow = cellSpec(spec, x0, y0);
  const cornerHigh = cellSpec(spec, x1, y1);
  const input = structuredClone(spec) as unknown as Record<string, unknown>;
  const next = input.axes as SweepSpec['axes'];
  next.x.from = getPath(cornerLow, axes.x.param) as number;
  next.x.to = getPath(cornerHigh, axes.x.param) as number;
  next.y.from = getPath(cornerLow, axes.y.param) as number;
  next.y.to = getPath(cornerHigh, axes.y.param) as number;
  return parseSweepSpec(input);
}

/** How close to its exact value a shown axis end stays, in cells of the axis (on its own scale). */
const SHOWN_END_CELLS = 0.1;

/**
 * An axis's ends as the controls show them: the fewest significant digits, four at least, that
 * keep each end within a tenth of a cell of its exact value (on the axis's scale) and the two
 * ends apart. A drag-zoom's ends are cell values such as 0.012589254117941675; this shows 0.01259.
 */
export function shownAxisEnds(axis: SweepAxis): [number, number] {
  const { from, to, count, scale } = axis;
  const position = (v: number) => (scale === 'log' ? Math.log(v) : v);
  const cell = count > 1 ? Math.abs(position(to) - position(from)) / (count - 1) : 0;
  const close = (shown: number, exact: number) =>
    Number.isFinite(position(shown)) &&
    Math.abs(position(shown) - position(exact)) <= SHOWN_END_CELLS * cell;
  for (let digits = 4; digits < 17; digits++) {
    const ends: [number, number] = [
      Number(from.toPrecision(digits)),
      Number(to.toPrecision(digits)),
    ];
    if (count === 1 || (ends[0] !== ends[1] && close(ends[0], from) && close(ends[1], to)))
      return ends;
  }
  return [from, to];
}

/** The parts of a spec that change the sweep's numbers (the base value of a swept field does not). */
export function sweepKey(spec: SweepSpec): string {
  const copy = structuredClone(spec) as unknown as Record<string, unknown>;
  for (const axis of [spec.axes.x, spec.axes.y]) setPath(copy, axis.param, null);
  return JSON.stringify(copy);
}

/** Where the parser stopped in a typed objective, or null when it parses (or gives no position). */
export function expressionErrorPosition(text: string): number | null {
  try {
    parseExpression(text, {
      variables: ['x', 'y', ...GAME_CATALOG.expression.numeric.map((p) => p.name)],
    });
    return null;
  } catch (error) {
    const at = (error as { position?: unknown }).position;
    return typeof at === 'number' ? at : null;
  }
}

/** Where an axis no longer fits the new game or method, it goes back to the default axis. */
function repairAxes(input: Record<string, unknown>): void {
  const axes = input.axes as SweepSpec['axes'];
  const paths = new Set(sweepableParameters(input as unknown as SingleGameSpec).map((p) => p.path));
  for (const key of ['x', 'y'] as const) {
    if (paths.has(axes[key].param)) continue;
    const other = axes[key === 'x' ? 'y' : 'x'].param;
    const fallback = [DEFAULT_SPEC.axes[key], DEFAULT_SPEC.axes[key === 'x' ? 'y' : 'x']].find(
      (a) => a.param !== other,
    );
    axes[key] = { ...(fallback as SweepSpec['axes']['x']) };
  }
}

/**
 * A newly chosen axis parameter gets a window around the spec's value of it: a decade either way
 * for a positive one (on a log scale), ±2 otherwise, kept inside the parameter's range.
 */
function fitAxisRange(input: Record<string, unknown>, key: string): void {
  const axes = input.axes as Record<string, SweepSpec['axes']['x']>;
  const axis = axes[key];
  const run = input as unknown as SingleGameSpec;
  const parameter = sweepableParameters(run).find((p) => p.path === axis.param)?.parameter;
  if (!parameter) return;
  const current = getPath(run, axis.param) as number;
  const value = Number.isFinite(current) ? current : parameter.default;
  const positive = parameter.min >= 0 && value > 0;
  const clampTo = (v: number) => Math.min(parameter.max, Math.max(parameter.min, v));
  axis.from = positive ? value / 10 : clampTo(value - 2);
  axis.to = positive ? clampTo(value * 10) : clampTo(value + 2);
  axis.scale = positive ? 'log' : 'linear';
  if (parameter.integer) {
    axis.from = Math.ceil(axis.from);
    axis.to = Math.floor(axis.to);
  }
}
