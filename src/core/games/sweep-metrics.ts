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

/** How the heatmap colours a metric. */
export interface MetricInfo {
  title: string;
  /** The unit the colour bar names. */
  units: string;
  /**
   * diverging: centred on 0, symmetric about it (blue shrinks, red grows); sequential: low to
   * high; log: sequential in log10; steps: sequential over 0 … the sweep's step count.
   */
  kind: 'diverging' | 'sequential' | 'log' | 'steps';
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
    reference: ({ k, r, r0 }) =>
      k === 0 || r0 === 0 ? 0 : (Math.log(Math.max(r, CONVERGED_RADIUS)) - Math.log(r0)) / k,
  },
  {
    name: 'escapeStep',
    title: 'escape step',
    units: 'step',
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
