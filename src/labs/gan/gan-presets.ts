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

/** Cells an axis at `scale=test` (steps kept: the fate depends on them). */
export const TEST_AXIS_COUNT = 6;

/** The ring every preset learns: small nets, few hundred steps, so a software adapter sweeps it in seconds. */
const RING = { kind: 'ring', modes: 8, radius: 2, sigma: 0.25 };
const NET = { layers: 1, width: 16, activation: 'relu' };

function ringSweep(extra: Record<string, unknown>): Record<string, unknown> {
  return {
    game: {
      name: 'mlp-gan',
      data: RING,
      generator: { ...NET, latent: 2 },
      discriminator: NET,
      loss: 'non-saturating',
    },
    steps: 800,
    batch: 64,
    evalBatch: 128,
    seed: 0,
    ...extra,
  };
}

const rates = (from: number, to: number, count: number) => ({
  x: { param: 'lrD', from, to, count, scale: 'log' },
  y: { param: 'lrG', from, to, count, scale: 'log' },
});

export const GAN_PRESETS: readonly GanPreset[] = [
  {
    id: 'gan-sim-gda',
    title: 'Simultaneous GDA',
    caption:
      'Simultaneous gradient descent–ascent on a ring of eight Gaussians: no cell learns the ring; the generator cycles between modes or collapses onto a few.',
    metric: 'fate',
    spec: ringSweep({ method: 'sim-gda', axes: rates(1e-3, 1, 12) }),
  },
  {
    id: 'gan-ttur',
    title: 'A faster discriminator (TTUR)',
    caption:
      'Two time-scales (Heusel et al. 2017): with the discriminator’s rate above the generator’s, more samples land on the ring’s modes than with the rates swapped.',
    metric: 'highQualityFraction',
    spec: ringSweep({ method: 'sim-gda', axes: rates(1e-3, 1, 12) }),
  },
  {
    id: 'gan-negative-momentum',
    title: 'Negative momentum',
    caption:
      'Momentum β = −0.5 (Gidel et al. 2019) against the same sweep with β = +0.5: negative momentum diverges less.',
    metric: 'fate',
    spec: ringSweep({ method: { name: 'momentum', beta: -0.5 }, axes: rates(1e-3, 1, 12) }),
  },
  {
    id: 'gan-adam-dcgan',
    title: 'Adam, β₁ = 0.5 (DCGAN)',
    caption:
      'Adam with β₁ = 0.5 as in DCGAN (Radford et al. 2016): small rates put samples on the modes; rates above about 0.1 never do.',
    metric: 'highQualityFraction',
    spec: ringSweep({
      method: { name: 'adam', beta1: 0.5, beta2: 0.999, eps: 1e-8 },
      axes: rates(1e-3, 0.3, 12),
    }),
  },
];

export function findGanPreset(id: string): GanPreset | undefined {
  return GAN_PRESETS.find((p) => p.id === id);
}

/** A preset's sweep spec; `test` keeps its steps and ranges with TEST_AXIS_COUNT cells an axis. */
export function ganPresetSpec(preset: GanPreset, scale: 'full' | 'test'): GanSweepSpec {
  const spec = parseGanSweepSpec(preset.spec);
  if (scale === 'test') {
    spec.axes.x.count = Math.min(spec.axes.x.count, TEST_AXIS_COUNT);
    spec.axes.y.count = Math.min(spec.axes.y.count, TEST_AXIS_COUNT);
  }
  return spec;
}
