/** A game counts as converged, and stops, below this radius: small, yet a normal f32 still holds it. */
export const CONVERGED_RADIUS = 1e-30;

/** Where a game ended, as the float64 reference (simulate-game.ts) saw it: what every metric is computed from. */
export interface GameEnd {
  /** The last finite state reached. */
  x: number;
  y: number;
  /** Its distance from the equilibrium (0, 0). */
  r: number;
  /** The start's distance from (0, 0). */
  r0: number;
  /** The step that led to (x, y): 0 when the game never moved. */
  k: number;
  /** The largest radius seen, the start included. */
  maxRadius: number;
  /** The first step whose radius exceeded escapeRadius or whose state was not finite; −1 if none. */
  escapeStep: number;
  /** Steps taken: `steps`, or fewer when the game escaped or converged. */
  stepsRun: number;
}

/** (1/k)·ln(r_k/r₀): a converged game counts as reaching CONVERGED_RADIUS; 0 when k = 0 or r₀ = 0. */
export function growthRateOf({ k, r, r0 }: Pick<GameEnd, 'k' | 'r' | 'r0'>): number {
  return k === 0 || r0 === 0 ? 0 : (Math.log(Math.max(r, CONVERGED_RADIUS)) - Math.log(r0)) / k;
}

/** A game's fate, the `fate` metric's values: what the sweep can tell about where it is going. */
export const FATE = { converged: 0, bounded: 1, diverged: 2 } as const;
export type Fate = (typeof FATE)[keyof typeof FATE];
/** The fates' names, by value. */
export const FATE_NAMES = ['converged', 'bounded', 'diverged'] as const;

/** f32's unit roundoff, 2⁻²⁴: the relative error of one correctly rounded f32 operation. */
export const F32_UNIT_ROUNDOFF = 2 ** -24;

/**
 * The per-step f32 rounding a game's log-radius may gather: 32·2⁻²⁴ ≈ 1.9e-6 per step (at most
 * 8 roundings a coordinate per step, the field evaluated twice by the longest methods, times a
 * step map's conditioning of up to 4). docs/games.md#fate derives it.
 */
export const FATE_ROUNDING_PER_STEP = 32 * F32_UNIT_ROUNDOFF;

/**
 * A game that ends within a factor FATE_RATIO of its starting radius, either way, is `bounded`:
 * a bounded orbit's radius swings between its ellipse's axes (alternating GDA's ratio grows
 * without bound as η → 2; it is below 100 for η < 1.9996), and a game must leave that swing
 * behind to count as converging or diverging. docs/games.md#fate.
 */
export const FATE_RATIO = 100;

/**
 * The half-width δ(k) of the neutral band of growth rates after k steps: a game whose growth
 * rate g has |g| ≤ δ(k) cannot be told from one that neither shrinks nor grows, given the swing
 * of a bounded orbit and f32 rounding: δ(k) = ln(FATE_RATIO)/k + FATE_ROUNDING_PER_STEP.
 * Infinite at k = 0 (a game that never moved is bounded).
 */
export function fateBand(k: number): number {
  return k > 0 ? Math.log(FATE_RATIO) / k + FATE_ROUNDING_PER_STEP : Infinity;
}

/**
 * A game's fate from where it ended: `diverged` if it escaped (or left f32's range) or its growth
 * rate exceeds +δ(k); `converged` if it reached CONVERGED_RADIUS or its growth rate is below −δ(k);
 * `bounded` otherwise.
 */
export function fateOf(end: Pick<GameEnd, 'escapeStep' | 'r' | 'k'>, growthRate: number): Fate {
  if (end.escapeStep >= 0) return FATE.diverged;
  if (end.r < CONVERGED_RADIUS) return FATE.converged;
  const band = fateBand(end.k);
  if (growthRate > band) return FATE.diverged;
  if (growthRate < -band) return FATE.converged;
  return FATE.bounded;
}

/** How the heatmap colours a metric. */
export interface MetricInfo {
  title: string;
  /** The unit the colour bar names. */
  units: string;
  /**
   * diverging: centred on 0, symmetric about it (blue shrinks, red grows), with a neutral band
   * where the metric has one (growth rate: fateBand); sequential: low to high; log: sequential
   * in log10; steps: sequential in log10 over 1 … the sweep's step count; category: one colour
   * per whole value 0, 1, … (`categories` names them).
   */
  kind: 'diverging' | 'sequential' | 'log' | 'steps' | 'category';
  /** A category metric's names of its values 0, 1, …, in order. */
  categories?: readonly string[];
  /** Where a negative value means "none", what it means (e.g. 'never'): such cells get no colour. */
  noValueLabel?: string;
  description: string;
}

/** One metric of a sweep: a number per cell. */
export interface SweepMetricDefinition extends MetricInfo {
  name: string;
  /** Whole numbers: the GPU's result holds them in an Int32Array rather than a Float32Array. */
  integer?: boolean;
  /** Its place in the heatmap's metric picker (the picker lists metrics by this, lowest first). */
  menuOrder: number;
  /** Its float64 value, from where the game ended: the reference the GPU's value is checked against. */
  reference(end: GameEnd): number;
}

/**
 * Every metric a sweep reports, defined once, in the order the JSON and the CSV list them.
 *
 * Adding a metric takes one definition plus its WGSL:
 *   1. one entry here: its name, its heatmap info (title, units, kind, menuOrder), and its
 *      float64 `reference` from the game's end;
 *   2. its WGSL: one line in store_metrics (shaders/game/game-sweep.wgsl) that stores its f32
 *      value at `metrics[METRIC_<NAME> * n + g]`. The constant METRIC_<NAME> (finalX →
 *      METRIC_FINAL_X) and the plane layout are generated from this list by
 *      src/gpu/game/game-kernel-source.ts; tests/unit/game-kernel-metrics.test.ts fails until the
 *      line is there.
 * Everything else derives from this list: the GPU kernel's output planes and their WGSL index
 * constants, the GPU and CPU result types, the JSON keys and CSV columns, the heatmap's metric
 * picker, colour scale and labels (page and PNG), and the table in docs/sweep-metrics.md, which
 * `UPDATE_METRIC_DOCS=1 npx vitest run tests/unit/sweep-metrics.test.ts` rewrites (the same
 * test fails while it is stale).
 * A metric that needs a quantity neither GameEnd nor the WGSL `Run` carries needs that tracked
 * too, in both games (simulate-game.ts's playGame, shaders/game/game-play.wgsl).
 */
export const SWEEP_METRICS = [
  {
    name: 'finalX',
    title: 'final x',
    units: 'x',
    kind: 'diverging',
    description: 'the last x',
    menuOrder: 4,
    reference: (end) => end.x,
  },
  {
    name: 'finalY',
    title: 'final y',
    units: 'y',
    kind: 'diverging',
    description: 'the last y',
    menuOrder: 5,
    reference: (end) => end.y,
  },
  {
    name: 'radius',
    title: 'final radius',
    units: '|z|, log scale',
    kind: 'log',
    description: 'distance of the last state from the equilibrium',
    menuOrder: 2,
    reference: (end) => end.r,
  },
  {
    name: 'growthRate',
    title: 'growth rate',
    units: 'ln r per step',
    kind: 'diverging',
    description: '(1/k)·ln(r_k/r₀): below 0 the game shrinks towards (0, 0), above 0 it grows',
    menuOrder: 0,
    // A game that converged counts as having reached CONVERGED_RADIUS, so the logarithm stays
    // finite when r hits 0; 0 when the game never moved or started at the equilibrium.
    reference: growthRateOf,
  },
  {
    name: 'escapeStep',
    title: 'escape step',
    units: 'step, log scale',
    kind: 'steps',
    noValueLabel: 'never',
    description: 'the first step whose radius exceeded the escape radius',
    integer: true,
    menuOrder: 1,
    reference: (end) => end.escapeStep,
  },
  {
    name: 'maxRadius',
    title: 'largest radius',
    units: '|z|, log scale',
    kind: 'log',
    description: 'the largest distance from the equilibrium on the way',
    menuOrder: 3,
    reference: (end) => end.maxRadius,
  },
  {
    name: 'fate',
    title: 'fate',
    units: 'after the run',
    kind: 'category',
    categories: FATE_NAMES,
    description:
      'converged (reached the converged radius, or shrank by more than the neutral band), ' +
      'bounded (ended within 100× of its start either way) or diverged (escaped, or grew beyond ' +
      'the band); stored as 0, 1 and 2',
    integer: true,
    menuOrder: -1,
    reference: (end) => fateOf(end, growthRateOf(end)),
  },
] as const satisfies readonly SweepMetricDefinition[];

type Definition = (typeof SWEEP_METRICS)[number];
export type SweepMetricName = Definition['name'];
type IntegerMetricName = Extract<Definition, { integer: true }>['name'];

/** The metric names, in the order the JSON and the CSV list them. */
export const SWEEP_METRIC_NAMES: readonly SweepMetricName[] = SWEEP_METRICS.map((m) => m.name);

/** Every metric, in the order the heatmap's picker offers them. */
export const HEATMAP_METRIC_NAMES: readonly SweepMetricName[] = [...SWEEP_METRICS]
  .sort((a, b) => a.menuOrder - b.menuOrder)
  .map((m) => m.name);

/** Each metric's definition by name (its heatmap info included). */
export const SWEEP_METRIC_INFO = Object.fromEntries(
  SWEEP_METRICS.map((m) => [m.name, m]),
) as unknown as Readonly<Record<SweepMetricName, SweepMetricDefinition>>;

/**
 * One array per metric, row-major (cell (ix, iy) at iy·nx + ix): `F` for real metrics, `I` for
 * whole-number ones (escapeStep).
 */
export type SweepMetricArrays<F, I = F> = {
  [K in SweepMetricName]: K extends IntegerMetricName ? I : F;
};

/** The largest finite f32: where a metric that overflowed is clamped. */
export const METRIC_LIMIT = 3.4028234663852886e38;

/**
 * The clamp every reported metric goes through, identically in the float64 simulator and on the
 * GPU runner's readback: a finite value is kept as it is; +∞ becomes METRIC_LIMIT, −∞ becomes
 * −METRIC_LIMIT, and NaN becomes 0. (On the GPU an f32 radius or its logarithm overflows where
 * float64 does not, e.g. |x| = |y| = 3e38; saved results must hold numbers JSON can write.)
 */
export function finiteMetric(value: number): number {
  if (Number.isFinite(value)) return value;
  return Number.isNaN(value) ? 0 : value > 0 ? METRIC_LIMIT : -METRIC_LIMIT;
}

/** Every metric of one game, from where it ended, each through finiteMetric. */
export function metricsFromEnd(end: GameEnd): Record<SweepMetricName, number> {
  const out = {} as Record<SweepMetricName, number>;
  for (const m of SWEEP_METRICS) out[m.name] = finiteMetric(m.reference(end));
  return out;
}

/** The table of docs/sweep-metrics.md, in Markdown: one row per metric, in JSON/CSV order. */
export function sweepMetricsMarkdownTable(): string {
  const row = (cells: readonly string[]) =>
    `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [
    row(['column', 'heatmap title', 'unit', 'colour scale', 'values', 'meaning']),
    row(['---', '---', '---', '---', '---', '---']),
    ...SWEEP_METRICS.map((m) =>
      row([
        `\`${m.name}\``,
        m.title,
        m.units,
        m.kind,
        'integer' in m ? 'integer' : 'real',
        m.description,
      ]),
    ),
  ].join('\n');
}
