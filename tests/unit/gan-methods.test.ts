import { describe, expect, it } from 'vitest';
import { parseGanRunSpec, trainGan } from '../../src/core/gan/index.js';

/**
 * A tiny WGAN whose field is worked out by hand. Data: the point p = (1, −2). Generator: no hidden
 * layer, G(z) = a·z + b with a, b ∈ R², fed the latent points 0 and 1 (mean z̄ = ½).
 * Discriminator: D(x) = w·x. Then V_D = w·(p − a·z̄ − b) and L_G = −w·(a·z̄ + b), so
 *   v_D = p − a·z̄ − b,   v_a = z̄·w,   v_b = w,
 * and the consensus adjustment ∇½‖v‖² is (z̄² + 1)·w for w, −z̄·v_D for a, −v_D for b.
 * Parameters: d = (w1, w2), g = (a1, a2, b1, b2) (nn.Linear's weight [2×1], then its bias).
 */
const P = [1, -2];
const ZBAR = 0.5;
const D0 = [0.4, -0.3];
const G0 = [0.2, 0.7, -0.5, 0.1];
const LR_D = 0.1;
const LR_G = 0.05;

type Vec = number[];
const field = (d: Vec, g: Vec) => ({
  d: [P[0] - g[0] * ZBAR - g[2], P[1] - g[1] * ZBAR - g[3]],
  g: [ZBAR * d[0], ZBAR * d[1], d[0], d[1]],
});
const adjustment = (d: Vec, g: Vec) => {
  const vd = field(d, g).d;
  return {
    d: d.map((w) => (ZBAR * ZBAR + 1) * w),
    g: [-ZBAR * vd[0], -ZBAR * vd[1], -vd[0], -vd[1]],
  };
};
const plus = (x: Vec, c: number, y: Vec) => x.map((xi, i) => xi + c * y[i]);

function run(method: Record<string, unknown>, steps: number, extra: Record<string, unknown> = {}) {
  const { clip, ...rest } = extra;
  return trainGan(
    parseGanRunSpec({
      game: {
        name: 'mlp-gan',
        data: { kind: 'points', points: [P] },
        generator: { latent: 1, layers: 0 },
        discriminator: { layers: 0, bias: false },
        loss: 'wgan',
        clip: clip ?? 0,
        latentPoints: [[0], [1]],
        weights: {
          generator: [{ weight: [[G0[0]], [G0[1]]], bias: [G0[2], G0[3]] }],
          discriminator: [{ weight: [D0] }],
        },
      },
      method,
      lrD: LR_D,
      lrG: LR_G,
      steps,
      ...rest,
    }),
    { record: true },
  ).trajectory!;
}

function expectPoint(actual: { d: Float64Array; g: Float64Array }, d: Vec, g: Vec): void {
  Array.from(actual.d).forEach((x, i) => expect(x).toBeCloseTo(d[i], 14));
  Array.from(actual.g).forEach((x, i) => expect(x).toBeCloseTo(g[i], 14));
}

describe('GAN methods on a hand-computed WGAN', () => {
  it('sim-gda: both step from the same point', () => {
    const f = field(D0, G0);
    expectPoint(run({ name: 'sim-gda' }, 1)[1], plus(D0, LR_D, f.d), plus(G0, LR_G, f.g));
  });

  it('alt-gda: the second player sees the first one’s step, in either order', () => {
    const d1 = plus(D0, LR_D, field(D0, G0).d);
    expectPoint(
      run({ name: 'alt-gda', order: 'x-first' }, 1)[1],
      d1,
      plus(G0, LR_G, field(d1, G0).g),
    );
    const g1 = plus(G0, LR_G, field(D0, G0).g);
    expectPoint(
      run({ name: 'alt-gda', order: 'y-first' }, 1)[1],
      plus(D0, LR_D, field(D0, g1).d),
      g1,
    );
  });

  it('eg: steps along the field at the look-ahead point', () => {
    const f = field(D0, G0);
    const h = field(plus(D0, LR_D, f.d), plus(G0, LR_G, f.g));
    expectPoint(run({ name: 'eg' }, 1)[1], plus(D0, LR_D, h.d), plus(G0, LR_G, h.g));
  });

  it('ogda: a plain step first, then 2F(z₁) − F(z₀)', () => {
    const f0 = field(D0, G0);
    const d1 = plus(D0, LR_D, f0.d);
    const g1 = plus(G0, LR_G, f0.g);
    const f1 = field(d1, g1);
    const t = run({ name: 'ogda' }, 2);
    expectPoint(t[1], d1, g1);
    expectPoint(
      t[2],
      plus(
        d1,
        LR_D,
        plus(
          f1.d.map((x) => 2 * x),
          -1,
          f0.d,
        ),
      ),
      plus(
        g1,
        LR_G,
        plus(
          f1.g.map((x) => 2 * x),
          -1,
          f0.g,
        ),
      ),
    );
  });

  it('momentum (negative β, x-first): z + ηF + β(z − z_prev), G seeing D’s new point', () => {
    const beta = -0.4;
    const d1 = plus(D0, LR_D, field(D0, G0).d);
    const g1 = plus(G0, LR_G, field(d1, G0).g);
    const d2 = plus(plus(d1, LR_D, field(d1, g1).d), beta, plus(d1, -1, D0));
    const g2 = plus(plus(g1, LR_G, field(d2, g1).g), beta, plus(g1, -1, G0));
    const t = run({ name: 'momentum', beta, order: 'x-first' }, 2);
    expectPoint(t[1], d1, g1);
    expectPoint(t[2], d2, g2);
  });

  it('consensus and hgd: the adjustment ∇½‖v‖²', () => {
    const gamma = 0.8;
    const f = field(D0, G0);
    const a = adjustment(D0, G0);
    expectPoint(
      run({ name: 'consensus', gamma }, 1)[1],
      plus(D0, LR_D, plus(f.d, -gamma, a.d)),
      plus(G0, LR_G, plus(f.g, -gamma, a.g)),
    );
    expectPoint(run({ name: 'hgd' }, 1)[1], plus(D0, -LR_D, a.d), plus(G0, -LR_G, a.g));
  });

  it('adam: the first step moves each coordinate by η·v/(|v| + ε)', () => {
    const eps = 1e-3;
    const f = field(D0, G0);
    const step = (v: number) => v / (Math.abs(v) + eps);
    expectPoint(
      run({ name: 'adam', beta1: 0.5, beta2: 0.9, eps }, 1)[1],
      D0.map((x, i) => x + LR_D * step(f.d[i])),
      G0.map((x, i) => x + LR_G * step(f.g[i])),
    );
  });

  it('dSteps = 2: one discriminator-only step, then a step of both', () => {
    const d1 = plus(D0, LR_D, field(D0, G0).d);
    const f = field(d1, G0);
    expectPoint(
      run({ name: 'sim-gda' }, 1, { dSteps: 2 })[1],
      plus(d1, LR_D, f.d),
      plus(G0, LR_G, f.g),
    );
  });

  it('weight clipping projects D after its step', () => {
    const f = field(D0, G0);
    const clip = 0.42;
    const d1 = plus(D0, LR_D, f.d).map((x) => Math.min(clip, Math.max(-clip, x)));
    expect(d1).toContain(clip);
    expectPoint(run({ name: 'sim-gda' }, 1, { clip })[1], d1, plus(G0, LR_G, f.g));
  });
});
