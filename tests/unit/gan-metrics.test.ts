import { describe, expect, it } from 'vitest';
import {
  energyDistance,
  finiteMetric,
  GAN_FATES,
  ganFate,
  modeCentres,
  modeQuality,
  parseGanRunSpec,
  trainGan,
  type SampleBatch,
} from '../../src/core/gan/index.js';

const batch1d = (values: number[]): SampleBatch => ({
  count: values.length,
  dim: 1,
  values: Float64Array.from(values),
});

describe('energy distance', () => {
  it('is 2·E|X − Y| − E|X − X′| − E|Y − Y′| over all pairs', () => {
    expect(energyDistance(batch1d([0]), batch1d([3]))).toBe(6);
    // X = {0}, Y = {1, 3}: 2·2 − 0 − (0 + 2 + 2 + 0)/4
    expect(energyDistance(batch1d([0]), batch1d([1, 3]))).toBe(3);
    expect(energyDistance(batch1d([1, 3]), batch1d([3, 1]))).toBe(0);
    const a: SampleBatch = { count: 2, dim: 2, values: Float64Array.from([0, 0, 3, 4]) };
    const b: SampleBatch = { count: 1, dim: 2, values: Float64Array.from([0, 0]) };
    // 2·(0 + 5)/2 − (0 + 5 + 5 + 0)/4 − 0
    expect(energyDistance(a, b)).toBe(2.5);
  });
});

describe('modes and quality', () => {
  it('places the ring, grid and mixture1d means', () => {
    const ring = modeCentres({ kind: 'ring', modes: 4, radius: 2, sigma: 0.1 });
    expect(Array.from(ring.values).map((v) => Math.round(v * 1e12) / 1e12)).toEqual([
      2, 0, 0, 2, -2, 0, -0, -2,
    ]);
    const grid = modeCentres({ kind: 'grid', side: 3, spacing: 2, sigma: 0.1 });
    expect(Array.from(grid.values.subarray(0, 8))).toEqual([-2, -2, 0, -2, 2, -2, -2, 0]);
    expect(grid.count).toBe(9);
    expect(
      Array.from(modeCentres({ kind: 'mixture1d', modes: 3, spacing: 4, sigma: 1 }).values),
    ).toEqual([-4, 0, 4]);
  });

  it('counts a sample within 3σ of its nearest mode as high quality, and a mode covered by a quarter of its share', () => {
    const data = { kind: 'mixture1d' as const, modes: 2, spacing: 4, sigma: 0.1 };
    // 8 samples, 2 modes: a mode needs ⌈0.25·8/2⌉ = 1 sample
    expect(modeQuality(batch1d([-2, -2.29, 2.05, 5, 0, 0, 0, 0]), data)).toEqual({
      covered: 2,
      highQuality: 3 / 8,
    });
    expect(modeQuality(batch1d([-2, -2, -2, -2.31]), data)).toEqual({
      covered: 1,
      highQuality: 3 / 4,
    });
    // 40 samples: ⌈0.25·40/2⌉ = 5 needed
    const few = [...Array(36).fill(-2), 2, 2, 2, 2];
    expect(modeQuality(batch1d(few), data).covered).toBe(1);
    const enough = [...Array(35).fill(-2), 2, 2, 2, 2, 2];
    expect(modeQuality(batch1d(enough), data).covered).toBe(2);
  });

  it('decides the fate by the documented thresholds', () => {
    const ring = { kind: 'ring' as const, modes: 8, radius: 2, sigma: 0.02 };
    const base = { escapeStep: -1, modesCovered: 8, highQualityFraction: 0.9, fieldNorm: 1 };
    expect(ganFate(ring, base)).toBe('converged');
    expect(ganFate(ring, { ...base, modesCovered: 3 })).toBe('mode-collapsed');
    expect(ganFate(ring, { ...base, highQualityFraction: 0.4 })).toBe('cycling');
    expect(ganFate(ring, { ...base, escapeStep: 10 })).toBe('diverged');
    const points = { kind: 'points' as const, points: [[0]] };
    expect(ganFate(points, { ...base, fieldNorm: 9e-4 })).toBe('converged');
    expect(ganFate(points, { ...base, fieldNorm: 2e-3 })).toBe('cycling');
  });

  it('reports overflow as finite', () => {
    expect(finiteMetric(Infinity)).toBe(Number.MAX_VALUE);
    expect(finiteMetric(-Infinity)).toBe(-Number.MAX_VALUE);
    expect(finiteMetric(NaN)).toBe(Number.MAX_VALUE);
    expect(finiteMetric(-2)).toBe(-2);
  });
});

describe('a trained GAN’s metrics', () => {
  const ring = (extra: Record<string, unknown>) =>
    parseGanRunSpec({
      game: {
        name: 'mlp-gan',
        data: { kind: 'ring', modes: 4, radius: 2, sigma: 0.05 },
        generator: { latent: 2, layers: 1, width: 8 },
        discriminator: { layers: 1, width: 8 },
      },
      batch: 16,
      evalBatch: 64,
      steps: 20,
      seed: 4,
      lr: 0.05,
      ...extra,
    });

  it('replays bit for bit from the seed', () => {
    const a = trainGan(ring({ method: 'adam' }));
    const b = trainGan(ring({ method: 'adam' }));
    expect(a.metrics).toEqual(b.metrics);
    expect(a.final).toEqual(b.final);
    expect(trainGan(ring({ method: 'adam', seed: 5 })).final.d).not.toEqual(a.final.d);
  });

  it('a run that blows up stops at its escape step, diverged, with every metric finite', () => {
    const run = trainGan(
      ring({ lr: 1e3, method: 'sim-gda', escapeNorm: 1e3, steps: 200, game: undefined }),
    );
    const m = run.metrics;
    expect(GAN_FATES[m.fate]).toBe('diverged');
    expect(m.escapeStep).toBeGreaterThan(0);
    expect(m.stepsRun).toBe(m.escapeStep);
    expect(m.stepsRun).toBeLessThan(200);
    for (const [name, value] of Object.entries(m)) expect(Number.isFinite(value), name).toBe(true);
    expect(m.normGrowth).toBeGreaterThan(1);
  });

  it('a start beyond escapeNorm is diverged at step 0 and runs no step', () => {
    const m = trainGan(ring({ escapeNorm: 1e-3 })).metrics;
    expect(m).toMatchObject({ escapeStep: 0, stepsRun: 0, normGrowth: 1 });
    expect(GAN_FATES[m.fate]).toBe('diverged');
  });

  it('the final losses are those of the evaluation batch at the final parameters', () => {
    const run = trainGan(ring({ method: 'sim-gda', game: undefined }));
    const m = run.metrics;
    expect(m.stepsRun).toBe(20);
    expect(m.escapeStep).toBe(-1);
    expect(m.energyDistance).toBeGreaterThan(0);
    // non-saturating: L_G = E softplus(−D(G(z))) > 0, and −V_D = E softplus(−D(x)) + E softplus(D(G(z))) > 0
    expect(m.lossG).toBeGreaterThan(0);
    expect(m.lossD).toBeGreaterThan(0);
    expect(m.fieldNorm).toBeGreaterThan(0);
  });

  it('a Dirac-GAN with R1 converges to the equilibrium, by the points rule', () => {
    const spec = parseGanRunSpec({
      game: {
        name: 'mlp-gan',
        data: { kind: 'points', points: [[0]] },
        generator: { latent: 1, layers: 0 },
        discriminator: { layers: 0, bias: false },
        loss: 'minimax',
        r1: 1,
        latentPoints: [[0]],
        weights: {
          generator: [{ weight: [[0]], bias: [1] }],
          discriminator: [{ weight: [[0.5]] }],
        },
      },
      lr: 0.5,
      steps: 400,
    });
    const m = trainGan(spec).metrics;
    expect(GAN_FATES[m.fate]).toBe('converged');
    expect(m.fieldNorm).toBeLessThan(1e-3);
    expect(m.energyDistance).toBeLessThan(1e-3);
    // without R1 the same run keeps circling
    const free = trainGan({ ...spec, game: { ...spec.game, r1: 0 } }).metrics;
    expect(GAN_FATES[free.fate]).toBe('cycling');
  });
});
