import type { MethodName } from '../../core/games/index.js';
import { HEATMAP_METRIC_NAMES, type SweepMetricName } from '../../core/games/sweep-metrics.js';

export type { SweepMetricName };

/** Every metric a sweep reports, in the order the heatmap's metric picker offers them (from core's list). */
export const HEATMAP_METRICS: readonly SweepMetricName[] = HEATMAP_METRIC_NAMES;

/** A guided step of the seed's argument: every control it sets, and what to look at. */
export interface GamePreset {
  readonly id: string;
  /** The group the preset bar shows it under (the Dirac-GAN variants share one). */
  readonly group: string;
  readonly title: string;
  /**
   * One or two sentences: what the audience should look at. Colour words name the fate map's
   * legend (blue converged, grey bounded, orange diverged: docs/games.md#fate), and every claim
   * about the fate map holds on it (tests/e2e/game-presets-fate.test.ts).
   */
  readonly caption: string;
  /** Input to parseSweepSpec: every field the preset cares about. */
  readonly spec: Readonly<Record<string, unknown>>;
  readonly metric: SweepMetricName;
  /** Methods played from the same start beside the spec's own, in views 2 and 4. */
  readonly overlays: readonly MethodName[];
}

const logLr = (from: number, to: number) => ({ param: 'lr', from, to, count: 256, scale: 'log' });
const startAxis = (param: 'x0' | 'y0') => ({
  param,
  from: -2,
  to: 2,
  count: 256,
  scale: 'linear',
});

// The paper's notebook settings (docs/games.md#dirac-gan): step 0.2, 500 steps, start θ = ψ = 1.
const diracRun = { lr: 0.2, x0: 1, y0: 1, steps: 500, escapeRadius: 1e6 };
const diracStarts = {
  x: { param: 'x0', from: -3, to: 3, count: 256, scale: 'linear' },
  y: { param: 'y0', from: -3, to: 3, count: 256, scale: 'linear' },
};

/** The seed's argument in order, then what fixes it. */
export const GAME_PRESETS: readonly GamePreset[] = [
  {
    id: 'sim-gda-diverges',
    group: 'The problem',
    title: 'x·y: simultaneous GDA diverges',
    caption:
      'Every cell is orange: at every learning rate and every start the game diverges, its radius ' +
      'growing by √(1+η²) per step — more than 100-fold in 1000 steps even at η = 0.1. The orbit ' +
      'spirals out of the saddle instead of settling in it.',
    spec: {
      game: { name: 'bilinear', b: 1 },
      method: 'sim-gda',
      lr: 0.3,
      x0: 1,
      y0: 1,
      steps: 1000,
      escapeRadius: 1e6,
      axes: { x: logLr(0.1, 2), y: startAxis('x0') },
    },
    metric: 'fate',
    overlays: [],
  },
  {
    id: 'smaller-lr-delays',
    group: 'The problem',
    title: 'A smaller learning rate only delays it',
    caption:
      'Colour is the step at which the game leaves radius 100, on a log scale. Ten times smaller η, a ' +
      'hundred times later escape (k* ≈ 2·ln(R/r₀)/η²): two decades of colour per decade of η — but ' +
      'every game still escapes; no cell says "never".',
    spec: {
      game: { name: 'bilinear', b: 1 },
      method: 'sim-gda',
      lr: 0.05,
      x0: 1,
      y0: 1,
      steps: 12_000,
      escapeRadius: 100,
      axes: {
        x: { ...logLr(0.03, 1), count: 192 },
        y: { ...startAxis('x0'), count: 96 },
      },
    },
    metric: 'escapeStep',
    overlays: [],
  },
  {
    id: 'continuous-circle',
    group: 'The problem',
    title: 'The continuous-time limit is a circle',
    caption:
      'At η = 0.01 one turn takes 2π/η ≈ 628 steps and the orbit nearly closes on the continuous-time ' +
      'circle (dashed): only the finite step pushes it out, by (1+η²)^(k/2) — less than 100-fold in ' +
      'one turn for η below 0.12, where the fate map is grey (bounded).',
    spec: {
      game: { name: 'bilinear', b: 1 },
      method: 'sim-gda',
      lr: 0.01,
      x0: 1,
      y0: 0,
      steps: 628,
      escapeRadius: 1e6,
      axes: { x: logLr(0.001, 0.5), y: startAxis('x0') },
    },
    metric: 'radius',
    overlays: [],
  },
  {
    id: 'alternating-cycles',
    group: 'The problem',
    title: 'Alternating GDA cycles',
    caption:
      "When y answers x's new value the step's determinant is 1: for η < 2 the orbit is a closed " +
      'ellipse (x² + ηxy + y² is conserved), so every cell left of η = 2 is grey: bounded, it never ' +
      'converges. Beyond η = 2 it is orange: diverged.',
    spec: {
      game: { name: 'bilinear', b: 1 },
      method: { name: 'alt-gda', order: 'x-first' },
      lr: 0.5,
      x0: 1,
      y0: 1,
      steps: 1000,
      escapeRadius: 1e6,
      axes: { x: logLr(0.01, 4), y: startAxis('x0') },
    },
    metric: 'fate',
    overlays: ['sim-gda'],
  },
  {
    id: 'eg-ogda-converge',
    group: 'What fixes it',
    title: 'Extragradient and optimistic GDA converge',
    caption:
      'Optimistic GDA converges to the saddle (blue) for η < 1/√3 ≈ 0.577, the theory line, fastest ' +
      'at η = ½, and diverges (orange) beyond; extragradient converges for η < 1. Compare the three ' +
      'orbits from the same start.',
    spec: {
      game: { name: 'bilinear', b: 1 },
      method: 'ogda',
      lr: 0.3,
      x0: 1,
      y0: 1,
      steps: 1000,
      escapeRadius: 1e6,
      axes: { x: logLr(0.1, 2), y: startAxis('x0') },
    },
    metric: 'fate',
    overlays: ['eg', 'sim-gda'],
  },
  {
    id: 'negative-momentum',
    group: 'What fixes it',
    title: 'Negative momentum',
    caption:
      'Alternating steps with momentum β converge (blue) only inside −1 < β < 0, η < 2(1+β), the ' +
      'theory line; grey cells there converge too slowly to shrink 100-fold in 1000 steps. Positive ' +
      'momentum, the usual kind, diverges (orange).',
    spec: {
      game: { name: 'bilinear', b: 1 },
      method: { name: 'momentum', beta: -0.5, order: 'x-first' },
      lr: 0.5,
      x0: 1,
      y0: 1,
      steps: 1000,
      escapeRadius: 1e6,
      axes: {
        x: { param: 'lr', from: 0.01, to: 2.5, count: 256, scale: 'linear' },
        y: { param: 'method.beta', from: -1, to: 1, count: 256, scale: 'linear' },
      },
    },
    metric: 'fate',
    overlays: ['alt-gda'],
  },
  {
    id: 'consensus',
    group: 'What fixes it',
    title: 'Consensus optimisation',
    caption:
      'Adding γ·∇½‖F‖² damps the rotation: the game converges (blue) for η < 2γ/(1+γ²), inside the ' +
      'theory curve, and diverges (orange) outside it. With γ = 0 it is simultaneous GDA again.',
    spec: {
      game: { name: 'bilinear', b: 1 },
      method: { name: 'consensus', gamma: 1 },
      lr: 0.3,
      x0: 1,
      y0: 1,
      steps: 1000,
      escapeRadius: 1e6,
      axes: {
        x: { param: 'lr', from: 0.01, to: 2, count: 256, scale: 'linear' },
        y: { param: 'method.gamma', from: 0, to: 3, count: 256, scale: 'linear' },
      },
    },
    metric: 'fate',
    overlays: ['sim-gda'],
  },
  {
    id: 'dirac-gan',
    group: 'Dirac-GAN',
    title: 'Dirac-GAN: unregularised GAN',
    caption:
      'The generator θ (y) should reach the data at 0 and the discriminator ψ (x) flatten out. ' +
      'Unregularised, the pair circles the equilibrium and slowly spirals out: from no start does the ' +
      'radius shrink, yet in 500 steps none grows 100-fold, so every game’s fate is bounded.',
    spec: {
      game: { name: 'dirac-gan', loss: 'gan' },
      method: 'sim-gda',
      ...diracRun,
      axes: diracStarts,
    },
    metric: 'radius',
    overlays: ['alt-gda'],
  },
  {
    id: 'dirac-wgan',
    group: 'Dirac-GAN',
    title: 'Dirac-GAN: WGAN',
    caption:
      'With h(t) = t the Dirac-GAN is exactly the seed’s x·y game: it diverges just the same, orange ' +
      'from every start. Weight clipping (game.clip) only bounds ψ; it does not make θ converge.',
    spec: {
      game: { name: 'dirac-gan', loss: 'wgan' },
      method: 'sim-gda',
      ...diracRun,
      axes: diracStarts,
    },
    metric: 'fate',
    overlays: ['alt-gda'],
  },
  {
    id: 'dirac-wgan-gp',
    group: 'Dirac-GAN',
    title: 'Dirac-GAN: WGAN-GP',
    caption:
      'The penalty pulls |ψ| towards g₀ = 1, not to 0, so the discriminator keeps pushing: θ oscillates ' +
      'around the data and does not converge — grey (bounded) from every start, never blue.',
    spec: {
      game: { name: 'dirac-gan', loss: 'wgan-gp', gp: 1, g0: 1 },
      method: 'sim-gda',
      ...diracRun,
      axes: diracStarts,
    },
    metric: 'fate',
    overlays: ['alt-gda'],
  },
  {
    id: 'dirac-r1',
    group: 'Dirac-GAN',
    title: 'Dirac-GAN: R1 penalty',
    caption:
      'A zero-centred penalty (γ/2)ψ² makes the equilibrium attracting: the field’s eigenvalues are ' +
      '−γ/2 ± √(γ²/4 − ¼). Blue cells converge, all inside the theory curve (ρ = 1 of the linearised ' +
      'step); at γ = 0 and the smallest steps they are grey, too slow to shrink 100-fold in 500 steps.',
    spec: {
      game: { name: 'dirac-gan', loss: 'gan', r1: 1 },
      method: 'sim-gda',
      ...diracRun,
      axes: {
        x: { param: 'lr', from: 0.01, to: 3, count: 256, scale: 'log' },
        y: { param: 'game.r1', from: 0, to: 4, count: 256, scale: 'linear' },
      },
    },
    metric: 'fate',
    overlays: ['alt-gda'],
  },
  {
    id: 'dirac-ns-r1',
    group: 'Dirac-GAN',
    title: 'Dirac-GAN: non-saturating + R1',
    caption:
      'The non-saturating generator loss with R1 — the combination Mescheder et al. recommend — ' +
      'converges from every start in the window: every cell is blue.',
    spec: {
      game: { name: 'dirac-gan', loss: 'ns-gan', r1: 1 },
      method: 'sim-gda',
      ...diracRun,
      axes: diracStarts,
    },
    metric: 'fate',
    overlays: ['alt-gda'],
  },
];

export function findPreset(id: string): GamePreset | undefined {
  return GAME_PRESETS.find((p) => p.id === id);
}

/**
 * A preset's spec at a scale: 'full' as written, 'test' with at most 32 cells an axis, so an
 * end-to-end test on a CPU-emulated GPU finishes in seconds. The steps stay: a game's fate, which
 * the captions describe, depends on how long it is played.
 */
export function presetSpecInput(
  preset: GamePreset,
  scale: 'full' | 'test',
): Record<string, unknown> {
  const spec = structuredClone(preset.spec) as Record<string, unknown>;
  if (scale === 'full') return spec;
  const axes = spec.axes as Record<string, Record<string, number>>;
  for (const axis of Object.values(axes)) axis.count = Math.min(axis.count, 32);
  return spec;
}
