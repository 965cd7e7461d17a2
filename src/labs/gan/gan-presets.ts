import { parseGanSweepSpec, type GanMetricName, type GanSweepSpec } from '../../core/gan/index.js';

/** A guided GAN sweep: its spec, the metric shown, and a caption saying what the map shows. */
export interface GanPreset {
  id: string;
  title: string;
  /** What the map shows, in words the e2e test checks from the computed fates. */
  caption: string;
  metric: GanMetricName;
  /** The sweep spec's JSON input (parseGanSweepSpec fills the rest). */
  spec: Record<string, unknown>;
}

/**
 * Cells an axis of a preset: a software adapter trains about two thousand of these GAN-steps a
 * second, so a 6×6 map of 800 steps takes about 15 s there. The e2e tests check the captions on
 * exactly these maps.
 */
export const PRESET_AXIS_COUNT = 6;

/** The ring every preset learns: small nets, few hundred steps, so a software adapter sweeps it in seconds. */
const RING = { kind: 'ring', modes: 8, radius: 2, sigma: 0.25 };
const NET = { layers: 1, width: 16, activation: 'relu' };

function ringSweep(
  extra: Record<string, unknown>,
  game: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    game: {
      name: 'mlp-gan',
      data: RING,
      generator: { ...NET, latent: 2 },
      discriminator: NET,
      loss: 'non-saturating',
      ...game,
    },
    steps: 800,
    batch: 64,
    evalBatch: 128,
    seed: 0,
    ...extra,
  };
}

const axis = (param: string, from: number, to: number, scale: 'log' | 'linear') => ({
  param,
  from,
  to,
  count: PRESET_AXIS_COUNT,
  scale,
});

const ADAM = { name: 'adam', beta1: 0.5, beta2: 0.999, eps: 1e-8 };

/**
 * The claims in the captions were found by sweeping these specs and are checked from the GPU's
 * fates by tests/e2e/gan-view.test.ts.
 */
export const GAN_PRESETS: readonly GanPreset[] = [
  {
    id: 'gan-sim-gda',
    title: 'Simultaneous GDA',
    caption:
      'Simultaneous gradient descent–ascent on a ring of eight Gaussians. With a slow discriminator (ηD ≤ 0.02, the left half) no GAN learns the ring: most end cycling, fewer than half of their samples on a mode. Only a faster discriminator gets there.',
    metric: 'fate',
    spec: ringSweep({
      method: 'sim-gda',
      axes: { x: axis('lrD', 1e-3, 1, 'log'), y: axis('lrG', 1e-3, 1, 'log') },
    }),
  },
  {
    id: 'gan-consensus',
    title: 'Consensus optimisation',
    caption:
      'The WGAN loss — the Dirac-GAN’s game, played by real networks — under simultaneous GDA (γ = 0, the left column) never learns the ring and diverges from rate 0.1 up. Consensus optimisation (Mescheder et al. 2017) with γ = 0.4–0.8 learns it at a third or more of the rates; with γ ≥ 1.6 none gets there in 400 steps.',
    metric: 'fate',
    spec: ringSweep(
      {
        method: { name: 'consensus', gamma: 0 },
        // The Hessian-vector products make a step three to four times a GDA step's work.
        steps: 400,
        batch: 32,
        axes: { x: axis('method.gamma', 0, 2, 'linear'), y: axis('lr', 0.01, 0.5, 'log') },
      },
      { loss: 'wgan' },
    ),
  },
  {
    id: 'gan-ttur',
    title: 'A faster discriminator (TTUR)',
    caption:
      'Two time-scales (Heusel et al. 2017), with Adam: the GANs that learn the ring are found where the discriminator’s rate exceeds the generator’s — right of the diagonal, converged cells outnumber those left of it at least two to one.',
    metric: 'fate',
    spec: ringSweep({
      method: ADAM,
      axes: { x: axis('lrD', 1e-3, 0.3, 'log'), y: axis('lrG', 1e-3, 0.3, 'log') },
    }),
  },
  {
    id: 'gan-r1',
    title: 'R1 penalty',
    caption:
      'Simultaneous GDA with the R1 penalty γ (Mescheder et al. 2018) against the rate of both players: at rates 0.38 and 0.76 no GAN learns the ring without it (γ = 0), while with γ ≥ 0.8 nearly all do. It does not rescue every rate: at 1.5 all diverge.',
    metric: 'fate',
    spec: ringSweep(
      {
        method: 'sim-gda',
        axes: { x: axis('game.r1', 0, 2, 'linear'), y: axis('lr', 0.05, 1.5, 'log') },
      },
      { r1: 0 },
    ),
  },
  {
    id: 'gan-negative-momentum',
    title: 'Negative momentum',
    caption:
      'Momentum β from −0.8 to 0.8 against the rate of both players: with β = 0.8 no GAN learns the ring and the largest rates diverge; with negative momentum β ≤ −0.4 (Gidel et al. 2019) none diverges on this map.',
    metric: 'fate',
    spec: ringSweep({
      method: { name: 'momentum', beta: 0 },
      axes: { x: axis('method.beta', -0.8, 0.8, 'linear'), y: axis('lr', 1e-2, 1, 'log') },
    }),
  },
  {
    id: 'gan-adam-dcgan',
    title: 'Adam, β₁ = 0.5 (DCGAN)',
    caption:
      'Adam against its β₁ and the rate of both players: GANs learn the ring only at moderate rates with β₁ up to about 0.5, DCGAN’s choice. None converges at rates of 0.07 and above, at 0.001 (too slow for 800 steps), or with β₁ ≥ 0.7.',
    metric: 'fate',
    spec: ringSweep({
      method: ADAM,
      axes: { x: axis('method.beta1', 0, 0.9, 'linear'), y: axis('lr', 1e-3, 0.3, 'log') },
    }),
  },
];

export function findGanPreset(id: string): GanPreset | undefined {
  return GAN_PRESETS.find((p) => p.id === id);
}

/** A preset's sweep spec. */
export function ganPresetSpec(preset: GanPreset): GanSweepSpec {
  return parseGanSweepSpec(preset.spec);
}
