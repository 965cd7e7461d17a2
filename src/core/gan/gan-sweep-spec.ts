import { axisValueAt, axisValues, parseAxis, SpecError, type SweepAxis } from '../games/index.js';
import { setPath } from '../object-path.js';
import {
  ganSweepableParameters,
  parseGanRunSpec,
  DEFAULT_GAN_GAME,
  type GanRunSpec,
} from './gan-spec.js';

/** A grid of GANs: one run spec plus two axes, each overriding one numeric field per cell. */
export interface GanSweepSpec extends GanRunSpec {
  axes: { x: SweepAxis; y: SweepAxis };
}

/** Non-saturating GAN on the ring of eight Gaussians, simultaneous GDA, swept over lrD × lrG. */
export const DEFAULT_GAN_SWEEP: Readonly<GanSweepSpec> = Object.freeze({
  game: DEFAULT_GAN_GAME,
  method: { name: 'sim-gda' },
  lr: 0.01,
  lrD: 0.01,
  lrG: 0.01,
  steps: 1000,
  dSteps: 1,
  batch: 64,
  evalBatch: 256,
  seed: 0,
  escapeNorm: 1e4,
  axes: {
    x: { param: 'lrD', from: 1e-3, to: 1, count: 32, scale: 'log' },
    y: { param: 'lrG', from: 1e-3, to: 1, count: 32, scale: 'log' },
  },
} as GanSweepSpec);

/** Whether a sweep spec's JSON names the `mlp-gan` game (and so is parsed by parseGanSweepSpec). */
export function isGanSweepJson(json: unknown): boolean {
  if (typeof json !== 'object' || json === null) return false;
  const game = (json as { game?: unknown }).game;
  return (
    game === 'mlp-gan' ||
    (typeof game === 'object' && game !== null && (game as { name?: unknown }).name === 'mlp-gan')
  );
}

/** Validates a GAN sweep spec and fills every omitted field with its default. Throws SpecError naming the bad field. */
export function parseGanSweepSpec(json: unknown): GanSweepSpec {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new SpecError('spec', 'must be an object');
  const { axes: axesInput, ...runInput } = json as Record<string, unknown>;
  const gameInput = runInput.game === 'mlp-gan' ? undefined : runInput.game;
  const run = parseGanRunSpec({ ...runInput, game: gameInput ?? DEFAULT_GAN_GAME });
  const axes =
    axesInput === undefined ? {} : (axesInput as Record<string, unknown> | null | unknown[]);
  if (typeof axes !== 'object' || axes === null || Array.isArray(axes))
    throw new SpecError('axes', 'must be an object with x and y');
  for (const key of Object.keys(axes))
    if (key !== 'x' && key !== 'y')
      throw new SpecError(`axes.${key}`, 'unknown field for the axes (expected x, y)');
  const swept = new Map(ganSweepableParameters(run).map((p) => [p.path, p.parameter]));
  const { x: ax, y: ay } = axes as { x?: unknown; y?: unknown };
  const x = parseAxis(ax, DEFAULT_GAN_SWEEP.axes.x, 'axes.x', swept);
  const y = parseAxis(ay, DEFAULT_GAN_SWEEP.axes.y, 'axes.y', swept);
  if (x.param === y.param)
    throw new SpecError('axes.y.param', `'${y.param}' is already swept by axes.x`);
  // A swept per-player rate needs a slot of its own, starting from the shared rate.
  for (const axis of [x, y])
    if ((axis.param === 'lrD' || axis.param === 'lrG') && run[axis.param] === undefined)
      run[axis.param] = run.lr;
  return { ...run, axes: { x, y } };
}

/** The GAN trained at cell (ix, iy): the spec with the two swept fields set (integer fields rounded). */
export function ganCellSpec(spec: GanSweepSpec, ix: number, iy: number): GanRunSpec {
  const { axes, ...run } = spec;
  const cell = structuredClone(run);
  const integers = new Set(
    ganSweepableParameters(run)
      .filter((p) => p.parameter.integer)
      .map((p) => p.path),
  );
  for (const [axis, index] of [
    [axes.x, ix],
    [axes.y, iy],
  ] as const) {
    if (!Number.isInteger(index) || index < 0 || index >= axis.count)
      throw new RangeError(`cell index ${index} is outside 0…${axis.count - 1}`);
    const value = axisValueAt(axis, index);
    setPath(cell, axis.param, integers.has(axis.param) ? Math.round(value) : value);
  }
  return cell;
}

/** Both axes' values (before integer rounding). */
export function ganAxisValues(spec: GanSweepSpec): { x: Float64Array; y: Float64Array } {
  return { x: axisValues(spec.axes.x), y: axisValues(spec.axes.y) };
}
