import { describe, expect, it } from 'vitest';
import { parseSingleGameSpec, simulateGame } from '../../src/core/games/index.js';
import { parseGanRunSpec, trainGan } from '../../src/core/gan/index.js';

/**
 * The reduction that ties the GAN lab to the Game Lab: a generator with no hidden layer fed only
 * the latent point 0 is a point mass at its bias θ, a linear discriminator without bias is
 * D(x) = w·x, and with data at 0 the mlp-gan game is the Dirac-GAN (Mescheder et al. 2018). With
 * D's logit high on real data, w is −ψ of the dirac-gan game (whose discriminator x = ψ is high
 * on generated data), so the Game Lab's x is −w and its y is θ, step for step.
 */
type DiracLoss = 'gan' | 'ns-gan' | 'wgan' | 'wgan-gp';
const GAN_LOSS = { gan: 'minimax', 'ns-gan': 'non-saturating', wgan: 'wgan', 'wgan-gp': 'wgan-gp' };

interface Case {
  loss: DiracLoss;
  method: Record<string, unknown>;
  lrX: number;
  lrY: number;
  r1?: number;
  gp?: number;
  clip?: number;
  /** Use R2 (on generated data) in the GAN for the Dirac-GAN's R1: the same (γ/2)ψ² here. */
  r2?: boolean;
}

const X0 = 0.8;
const Y0 = -0.6;
const STEPS = 150;

function bothRuns(c: Case): { dirac: Float64Array; gan: Float64Array } {
  const dirac = simulateGame(
    parseSingleGameSpec({
      game: {
        name: 'dirac-gan',
        loss: c.loss,
        r1: c.r1 ?? 0,
        gp: c.gp ?? 0,
        g0: 1,
        clip: c.clip ?? 0,
      },
      method: c.method,
      lr: c.lrX,
      lrX: c.lrX,
      lrY: c.lrY,
      x0: X0,
      y0: Y0,
      steps: STEPS,
      escapeRadius: 1e6,
    }),
    { record: true },
  ).trajectory!;
  const gamma = c.r1 ?? 0;
  const run = trainGan(
    parseGanRunSpec({
      game: {
        name: 'mlp-gan',
        data: { kind: 'points', points: [[0]] },
        generator: { latent: 1, layers: 0, bias: true },
        discriminator: { layers: 0, bias: false },
        loss: GAN_LOSS[c.loss],
        clip: c.clip ?? 0,
        // the Dirac-GAN's (gp/2)(|ψ| − 1)² is WGAN-GP's λ(‖∇D‖ − 1)² with λ = gp/2
        gpLambda: (c.gp ?? 0) / 2,
        r1: c.r2 ? 0 : gamma,
        r2: c.r2 ? gamma : 0,
        latentPoints: [[0]],
        // G's weight multiplies z = 0: any value leaves G(z) = θ, and it never moves
        weights: {
          generator: [{ weight: [[0.37]], bias: [Y0] }],
          discriminator: [{ weight: [[-X0]] }],
        },
      },
      method: c.method,
      lrD: c.lrX,
      lrG: c.lrY,
      steps: STEPS,
      escapeNorm: 1e6,
    }),
    { record: true },
  );
  const gan = new Float64Array(2 * run.trajectory!.length);
  run.trajectory!.forEach((p, k) => {
    gan[2 * k] = -p.d[0];
    gan[2 * k + 1] = p.g[1];
    expect(p.g[0]).toBe(0.37);
  });
  return { dirac, gan };
}

function expectSameTrajectory(c: Case): void {
  const { dirac, gan } = bothRuns(c);
  expect(gan.length).toBe(2 * (STEPS + 1));
  expect(dirac.length).toBe(gan.length);
  // the players really move, so agreement is not the agreement of two constants
  expect(Math.hypot(dirac[2 * STEPS] - X0, dirac[2 * STEPS + 1] - Y0)).toBeGreaterThan(1e-2);
  let scaleMax = 0;
  for (const v of dirac) scaleMax = Math.max(scaleMax, Math.abs(v));
  for (let i = 0; i < gan.length; i++) {
    // both are float64 evaluations of the same maps in a different operation order
    expect(Math.abs(gan[i] - dirac[i]), `${JSON.stringify(c)} at ${i}`).toBeLessThan(
      1e-12 * (1 + scaleMax),
    );
  }
}

const METHODS: Record<string, unknown>[] = [
  { name: 'sim-gda' },
  { name: 'alt-gda', order: 'x-first' },
  { name: 'alt-gda', order: 'y-first' },
  { name: 'eg' },
  { name: 'ogda' },
  { name: 'momentum', beta: -0.5, order: 'x-first' },
  { name: 'momentum', beta: 0.3, order: 'simultaneous' },
  { name: 'consensus', gamma: 0.7 },
  { name: 'hgd' },
  { name: 'adam', beta1: 0.5, beta2: 0.999, eps: 1e-8 },
];

describe('mlp-gan reduces to the Dirac-GAN', () => {
  it('WGAN: every method follows the dirac-gan trajectory step for step', () => {
    for (const method of METHODS)
      expectSameTrajectory({ loss: 'wgan', method, lrX: 0.1, lrY: 0.05 });
  });

  it('minimax and non-saturating losses, every method', () => {
    for (const loss of ['gan', 'ns-gan'] as const)
      for (const method of METHODS) expectSameTrajectory({ loss, method, lrX: 0.3, lrY: 0.2 });
  });

  it('R1 and R2 penalties (the same (γ/2)ψ² on a point mass), with the second derivatives consensus needs', () => {
    for (const method of [{ name: 'sim-gda' }, { name: 'consensus', gamma: 0.5 }, { name: 'eg' }]) {
      expectSameTrajectory({ loss: 'gan', method, lrX: 0.2, lrY: 0.2, r1: 0.6 });
      expectSameTrajectory({ loss: 'gan', method, lrX: 0.2, lrY: 0.2, r1: 0.6, r2: true });
      expectSameTrajectory({ loss: 'wgan', method, lrX: 0.1, lrY: 0.1, r1: 1.5 });
    }
  });

  it('WGAN-GP and weight clipping', () => {
    for (const method of [
      { name: 'sim-gda' },
      { name: 'consensus', gamma: 0.3 },
      { name: 'adam', beta1: 0.5 },
    ]) {
      expectSameTrajectory({ loss: 'wgan-gp', method, lrX: 0.05, lrY: 0.05, gp: 2 });
    }
    for (const method of [{ name: 'sim-gda' }, { name: 'eg' }, { name: 'momentum', beta: -0.3 }])
      expectSameTrajectory({ loss: 'wgan', method, lrX: 0.1, lrY: 0.1, clip: 0.5 });
  });
});
