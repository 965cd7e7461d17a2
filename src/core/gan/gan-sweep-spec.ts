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

/**
 * Non-saturating GAN on the ring of eight Gaussians, simultaneous GDA, swept over lrD × lrG: what
 * parseGanSweepSpec({}) returns (the run's fields at parseGanRunSpec's defaults).
 */
export const DEFAULT_GAN_SWEEP: Readonly<GanSweepSpec> = Object.freeze({
  game: DEFAULT_GAN_GAME,
  method: { name: 'sim-gda' },
  lr: 0.001,
  lrD: 0.001,
  lrG: 0.001,
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

/**
 * Validates a GAN sweep spec and fills every omitted field with its default (an axis without a
 * count gets DEFAULT_GAN_SWEEP's). Throws SpecError naming the bad field: besides each field's
 * own range, an axis must name a field this spec can sweep (not a shape fixed by explicit
 * weights or latent points), the two axes different fields, and the swept field must change the
 * run (not `lr` when lrD and lrG are both set, not gpLambda without the wgan-gp loss, …).
 */
export function parseGanSweepSpec(json: unknown): GanSweepSpec {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new SpecError('spec', 'must be an object');
  const { axes: axesInput, ...runInput } = json as Record<string, unknown>;
  // `game: 'mlp-gan'` is the default game; anything else goes to the game's own checks.
  const run = parseGanRunSpec(
    runInput.game === 'mlp-gan' ? { ...runInput, game: undefined } : runInput,
  );
  const axes = axesInput === undefined ? {} : axesInput;
  if (typeof axes !== 'object' || axes === null || Array.isArray(axes))
    throw new SpecError('axes', 'must be an object with x and y');
  for (const key of Object.keys(axes))
    if (key !== 'x' && key !== 'y')
      throw new SpecError(`axes.${key}`, 'unknown field for the axes (expected x, y)');
  const swept = new Map(ganSweepableParameters(run).map((p) => [p.path, p.parameter]));
  const { x: ax, y: ay } = axes as { x?: unknown; y?: unknown };
  const x = parseAxis(
    withCount(ax, DEFAULT_GAN_SWEEP.axes.x),
    DEFAULT_GAN_SWEEP.axes.x,
    'axes.x',
    swept,
  );
  const y = parseAxis(
    withCount(ay, DEFAULT_GAN_SWEEP.axes.y),
    DEFAULT_GAN_SWEEP.axes.y,
    'axes.y',
    swept,
  );
  if (x.param === y.param)
    throw new SpecError('axes.y.param', `'${y.param}' is already swept by axes.x`);
  for (const [name, axis] of [
    ['axes.x', x],
    ['axes.y', y],
  ] as const) {
    const idle = idleReason(run, axis.param);
    if (idle !== null) throw new SpecError(`${name}.param`, `'${axis.param}' ${idle}`);
  }
  // A swept per-player rate needs a slot of its own, starting from the shared rate.
  for (const axis of [x, y])
    if ((axis.param === 'lrD' || axis.param === 'lrG') && run[axis.param] === undefined)
      run[axis.param] = run.lr;
  return { ...run, axes: { x, y } };
}

/** An axis object without a count takes the GAN default's (a GAN cell costs far more than a scalar game's). */
function withCount(axis: unknown, defaults: SweepAxis): unknown {
  if (typeof axis !== 'object' || axis === null || Array.isArray(axis)) return axis;
  return 'count' in axis ? axis : { ...axis, count: defaults.count };
}

/** Why sweeping `path` would leave every cell's run the same, or null when it changes the run. */
function idleReason(run: GanRunSpec, path: string): string | null {
  const { game } = run;
  if (path === 'lr' && run.lrD !== undefined && run.lrG !== undefined)
    return 'has no effect: the spec sets both lrD and lrG (sweep those, or drop them)';
  if (path === 'game.gpLambda' && game.loss !== 'wgan-gp')
    return `has no effect with loss '${game.loss}' (only with 'wgan-gp')`;
  for (const net of ['generator', 'discriminator'] as const)
    if (path === `game.${net}.slope` && game[net].activation !== 'leaky-relu')
      return `has no effect with activation '${game[net].activation}' (only with 'leaky-relu')`;
  if (path === 'batch' && game.data.kind === 'points' && game.latentPoints !== undefined)
    return 'has no effect: points data and latent points are used whole at every step';
  if (
    path === 'seed' &&
    game.data.kind === 'points' &&
    game.latentPoints !== undefined &&
    game.weights !== undefined &&
    game.loss !== 'wgan-gp'
  )
    return 'has no effect: with points data, latent points and weights nothing is drawn (only wgan-gp draws)';
  if (path === 'evalBatch' && game.data.kind === 'points' && game.latentPoints !== undefined)
    return 'has no effect: points data and latent points are the evaluation batches';
  return null;
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
