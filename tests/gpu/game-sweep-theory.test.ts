import { describe, expect, it } from 'vitest';
import {
  alternatingMomentumConverges,
  momentumRadius,
  ogdaRadius,
} from '../../src/core/games/index.js';
import type { SweepResult } from '../../src/gpu/game/game-sweep-runner.js';
import { gpuSweep } from './game-sweep-compare.js';

// Closed forms of docs/games.md, played on the GPU. Tolerances: an f32 step rounds at 2⁻²⁴ ≈ 6e-8
// relative, so k steps of a scaled rotation drift at most ~k·6e-8 in radius (2e-5 for 300 steps),
// and a growth rate (1/k)·ln(r_k/r₀) is then off by under 1e-6; f32's η itself is off by 6e-8.

/** Each cell's (x-axis value, y-axis value, cell index), row-major. */
function cells(result: SweepResult): { x: number; y: number; i: number }[] {
  const out: { x: number; y: number; i: number }[] = [];
  result.yValues.forEach((y, iy) =>
    result.xValues.forEach((x, ix) => out.push({ x, y, i: iy * result.xValues.length + ix })),
  );
  return out;
}

/**
 * The growth rate a scaled rotation by ρ reports: it stops at the first step past R (escaped) or
 * below 1e-30 (converged, and counted as reaching exactly 1e-30), else after `steps`.
 */
function scaledRotationGrowth(
  lnRho: number,
  r0: number,
  steps: number,
  escapeRadius: number,
): number {
  const limit = lnRho > 0 ? Math.log(escapeRadius / r0) : Math.log(1e-30 / r0);
  const k = lnRho === 0 ? steps : Math.min(steps, Math.floor(limit / lnRho) + 1);
  return (Math.max(Math.log(r0) + k * lnRho, Math.log(1e-30)) - Math.log(r0)) / k;
}

const bilinear = (
  method: unknown,
  lr: { from: number; to: number; count: number },
  extra = {},
) => ({
  game: 'bilinear',
  method,
  y0: 1,
  steps: 300,
  escapeRadius: 1e3,
  axes: {
    x: { param: 'lr', ...lr, scale: 'linear' },
    y: { param: 'x0', from: 0.5, to: 2, count: 4 },
  },
  ...extra,
});

describe('closed forms on the GPU (f = x·y unless said otherwise)', () => {
  it('simultaneous GDA: r_k = r₀(1+η²)^{k/2}, growth ln√(1+η²), escape at the first k with r_k > R', async () => {
    const result = await gpuSweep(bilinear('sim-gda', { from: 0.02, to: 0.5, count: 12 }));
    const m = result.metrics;
    for (const { x: eta, y: x0, i } of cells(result)) {
      const r0 = Math.hypot(x0, 1);
      const lnRho = Math.log1p(eta * eta) / 2;
      const kStar = Math.log(1e3 / r0) / lnRho;
      const k = kStar < 300 ? Math.floor(kStar) + 1 : 300;
      if (Math.abs(kStar - Math.round(kStar)) > 1e-3) {
        expect(m.escapeStep[i]).toBe(kStar < 300 ? k : -1);
        expect(m.radius[i]).toBeCloseTo(
          r0 * Math.exp(k * lnRho),
          -Math.log10(r0 * Math.exp(k * lnRho) * 1e-4),
        );
      }
      expect(Math.abs(m.growthRate[i] - lnRho)).toBeLessThan(1e-6 + 1e-5 * lnRho);
    }
    expect(Array.from(m.escapeStep).filter((s) => s > 0).length).toBeGreaterThan(10);
  });

  it('simultaneous GDA at η = 0.01 stays within 1e-4 of the closed form over 10⁵ steps', async () => {
    const result = await gpuSweep({
      game: 'bilinear',
      method: 'sim-gda',
      lr: 0.01,
      y0: 1,
      steps: 100_000,
      escapeRadius: 1e30,
      axes: {
        x: { param: 'x0', from: -1, to: 1, count: 4 },
        y: { param: 'lr', from: 0.01, to: 0.01, count: 1 },
      },
    });
    for (const { x: x0, i } of cells(result)) {
      const expected = Math.hypot(x0, 1) * Math.exp((1e5 / 2) * Math.log1p(1e-4));
      expect(Math.abs(result.metrics.radius[i] / expected - 1)).toBeLessThan(1e-4);
    }
  });

  it('alternating GDA (η < 2) stays bounded and conserves x² + ηxy + y² (x first) or x² − ηxy + y² (y first)', async () => {
    for (const order of ['x-first', 'y-first'] as const) {
      const result = await gpuSweep(
        bilinear({ name: 'alt-gda', order }, { from: 0.1, to: 1.9, count: 10 }),
      );
      const m = result.metrics;
      const sign = order === 'x-first' ? 1 : -1;
      for (const { x: eta, y: x0, i } of cells(result)) {
        const invariant = (x: number, y: number) => x * x + sign * eta * x * y + y * y;
        expect(m.escapeStep[i]).toBe(-1);
        expect(Math.abs(invariant(m.finalX[i], m.finalY[i]) / invariant(x0, 1) - 1)).toBeLessThan(
          1e-4,
        );
      }
    }
  });

  it('extragradient converges for η < 1 and diverges beyond, at exactly ln√(1 − η² + η⁴) a step', async () => {
    const result = await gpuSweep(bilinear('eg', { from: 0.1, to: 1.6, count: 16 }));
    for (const { x: eta, i } of cells(result)) {
      const lnRho = Math.log(1 - eta * eta + eta ** 4) / 2;
      expect(Math.abs(result.metrics.growthRate[i] - lnRho)).toBeLessThan(1e-5);
      if (Math.abs(eta - 1) > 0.02)
        expect(Math.sign(result.metrics.growthRate[i])).toBe(eta < 1 ? -1 : 1);
    }
  });

  it('optimistic GDA converges below η = 1/√3 ≈ 0.577 and diverges above', async () => {
    const result = await gpuSweep({
      ...bilinear('ogda', { from: 0.45, to: 0.7, count: 6 }),
      steps: 3000,
      escapeRadius: 1e20,
    });
    for (const { x: eta, i } of cells(result)) {
      const g = result.metrics.growthRate[i];
      expect(Math.sign(g)).toBe(eta < 1 / Math.sqrt(3) ? -1 : 1);
      // The growth tends to ln ρ; what is left is the start's transient, O(1)/k, with k ≥ 100
      // even for the games that converge (ρ ≥ 1/√2 takes ~200 steps from 1 to 1e-30).
      expect(Math.abs(g - Math.log(ogdaRadius(eta)))).toBeLessThan(0.05);
    }
  });

  it('alternating momentum converges exactly in the region −1 < β < 0, η < 2(1 + β)', async () => {
    const result = await gpuSweep({
      game: 'bilinear',
      method: { name: 'momentum', order: 'x-first' },
      y0: 1,
      x0: 1,
      steps: 800,
      escapeRadius: 1e12,
      axes: {
        x: { param: 'lr', from: 0.05, to: 1.9, count: 14 },
        y: { param: 'method.beta', from: -0.9, to: 0.6, count: 14 },
      },
    });
    let checked = 0;
    for (const { x: eta, y: beta, i } of cells(result)) {
      const lnRho = Math.log(momentumRadius(eta, beta, 'x-first'));
      // Near |ρ| = 1 the growth over 800 steps is within the transient: leave the boundary out.
      if (Math.abs(lnRho) < 0.01) continue;
      checked++;
      expect(lnRho < 0).toBe(alternatingMomentumConverges(eta, beta));
      expect(Math.sign(result.metrics.growthRate[i])).toBe(Math.sign(lnRho));
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('consensus optimisation shrinks or grows by exactly √((1−ηγ)² + η²) a step', async () => {
    const result = await gpuSweep(
      bilinear({ name: 'consensus', gamma: 0.7 }, { from: 0.1, to: 1.8, count: 12 }),
    );
    for (const { x: eta, i } of cells(result)) {
      const lnRho = Math.log(Math.hypot(1 - eta * 0.7, eta));
      expect(Math.abs(result.metrics.growthRate[i] - lnRho)).toBeLessThan(1e-5);
    }
  });

  it('Hamiltonian gradient descent scales by |1 − η|, reaching 0 in one step at η = 1', async () => {
    const result = await gpuSweep(bilinear('hgd', { from: 0.25, to: 1.75, count: 7 }));
    for (const { x: eta, y: x0, i } of cells(result)) {
      const m = result.metrics;
      const r0 = Math.hypot(x0, 1);
      if (eta === 1) {
        expect(m.radius[i]).toBe(0);
        expect(m.escapeStep[i]).toBe(-1);
        // A converged game counts as reaching 1e-30 after its one step.
        expect(m.growthRate[i]).toBeCloseTo(Math.log(1e-30) - Math.log(r0), 4);
      } else {
        const expected = scaledRotationGrowth(Math.log(Math.abs(1 - eta)), r0, 300, 1e3);
        expect(Math.abs(m.growthRate[i] - expected)).toBeLessThan(1e-5);
      }
    }
  });

  it('quadratic game, μx = μy = μ: sim GDA converges iff η < 2μ/(μ² + b²), at ln|1 − ημ + iηb| a step', async () => {
    const mu = 0.3;
    const b = 1;
    const result = await gpuSweep({
      ...bilinear('sim-gda', { from: 0.1, to: 1, count: 10 }),
      game: { name: 'quadratic', muX: mu, muY: mu, b },
    });
    const threshold = (2 * mu) / (mu * mu + b * b);
    for (const { x: eta, i } of cells(result)) {
      const lnRho = Math.log(Math.hypot(1 - eta * mu, eta * b));
      expect(Math.abs(result.metrics.growthRate[i] - lnRho)).toBeLessThan(1e-5);
      expect(Math.sign(result.metrics.growthRate[i])).toBe(eta < threshold ? -1 : 1);
    }
  });

  it('the WGAN Dirac-GAN is exactly the bilinear game x·y', async () => {
    const spec = bilinear('alt-gda', { from: 0.1, to: 2.5, count: 8 });
    const wgan = await gpuSweep({ ...spec, game: { name: 'dirac-gan', loss: 'wgan' } });
    const seed = await gpuSweep({ ...spec, game: { name: 'bilinear', b: 1 } });
    expect(wgan.metrics).toEqual(seed.metrics);
  });
});
