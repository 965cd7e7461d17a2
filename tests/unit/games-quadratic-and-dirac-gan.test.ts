import { describe, expect, it } from 'vitest';
import {
  alternatingQuadraticConverges,
  compileGame,
  diracGanR1FieldEigenvalues,
  matrixEigenvalues,
  parseSingleGameSpec,
  quadraticFieldEigenvalues,
  quadraticSimGdaConverges,
  quadraticStepEigenvalues,
  simulateGame,
  spectralRadius,
  stepMapEigenvalues,
  type SingleGameSpec,
} from '../../src/core/games/index.js';
import { sameSet } from './helpers/same-complex-set.js';

function quadratic(
  muX: number,
  muY: number,
  b: number,
  overrides: Record<string, unknown>,
): SingleGameSpec {
  return parseSingleGameSpec({
    game: { name: 'quadratic', muX, muY, b },
    x0: 1,
    y0: -0.5,
    ...overrides,
  });
}

describe('quadratic game f = −(μx/2)x² + b·x·y + (μy/2)y²', () => {
  it('has field eigenvalues μ± of [[−μx, b], [−b, −μy]], and compileGame agrees', () => {
    for (const [muX, muY, b] of [
      [0.5, 0.5, 1],
      [1, 0.2, 0.3],
      [0, 0, 2],
    ]) {
      const game = compileGame({ name: 'quadratic', muX, muY, b });
      sameSet(
        matrixEigenvalues(game.jacobianAt(0.3, -0.7)),
        quadraticFieldEigenvalues(muX, muY, b),
        1e-14,
      );
    }
  });

  it('simultaneous GDA converges iff η < 2μ/(μ²+b²) when μx = μy = μ', () => {
    for (const [mu, b] of [
      [0.5, 1],
      [0.1, 1],
      [2, 0.5],
    ]) {
      const edge = (2 * mu) / (mu * mu + b * b);
      for (const eta of [edge * 0.95, edge * 1.05]) {
        const m = simulateGame(quadratic(mu, mu, b, { lr: eta, steps: 100000 })).metrics;
        expect(m.radius < 1e-30, `μ = ${mu}, b = ${b}, η = ${eta}`).toBe(
          quadraticSimGdaConverges(eta, mu, b),
        );
      }
    }
  });

  it('each method’s step eigenvalues match docs/games.md: sim 1+ημ, EG 1+ημ+η²μ², OGDA and alternating', () => {
    for (const [muX, muY, b] of [
      [0.5, 0.5, 1],
      [1, 0.2, 0.3],
      [0.05, 0.7, 1.5],
    ]) {
      for (const eta of [0.05, 0.4, 1.1]) {
        for (const method of ['sim-gda', 'eg', 'ogda', 'alt-gda'] as const) {
          const spec = quadratic(muX, muY, b, { lr: eta, method });
          sameSet(
            stepMapEigenvalues(spec)!,
            quadraticStepEigenvalues(method, eta, muX, muY, b),
            1e-7,
          );
        }
      }
    }
  });

  it('alternating GDA converges iff |det| < 1 and |trace| < 1 + det of its step matrix', () => {
    let converging = 0;
    for (const muX of [0, 0.3, 1.2]) {
      for (const muY of [0.1, 0.8]) {
        for (const b of [0.5, 1, 2]) {
          for (const eta of [0.1, 0.5, 0.9, 1.3, 1.9]) {
            const rho = spectralRadius(quadraticStepEigenvalues('alt-gda', eta, muX, muY, b));
            if (Math.abs(rho - 1) < 1e-3) continue;
            const predicted = alternatingQuadraticConverges(eta, muX, muY, b);
            expect(predicted, `μx = ${muX}, μy = ${muY}, b = ${b}, η = ${eta}`).toBe(rho < 1);
            const m = simulateGame(
              quadratic(muX, muY, b, { lr: eta, method: 'alt-gda', steps: 100000 }),
            ).metrics;
            expect(m.radius < 1e-30).toBe(predicted);
            if (predicted) converging++;
          }
        }
      }
    }
    expect(converging).toBeGreaterThan(10);
  });

  it('proximal point has step eigenvalues 1/(1−ημ), inside the unit circle whenever Re μ < 0', () => {
    const eigenvalues = quadraticStepEigenvalues('proximal', 0.7, 0.3, 0.1, 1);
    expect(spectralRadius(eigenvalues)).toBeLessThan(1);
    const [mu] = quadraticFieldEigenvalues(0.3, 0.1, 1);
    const d = { re: 1 - 0.7 * mu.re, im: -0.7 * mu.im };
    sameSet(
      [eigenvalues[0]],
      [{ re: d.re / (d.re ** 2 + d.im ** 2), im: -d.im / (d.re ** 2 + d.im ** 2) }],
      1e-15,
    );
  });
});

describe('Dirac-GAN (Mescheder, Geiger, Nowozin 2018)', () => {
  const dirac = (game: Record<string, unknown>, overrides: Record<string, unknown> = {}) =>
    parseSingleGameSpec({
      game: { name: 'dirac-gan', ...game },
      x0: 1,
      y0: 1,
      lr: 0.2,
      steps: 500,
      ...overrides,
    });
  const sigmoid = (t: number) => 1 / (1 + Math.exp(-t));

  it('WGAN is the bilinear game x·y, step for step', () => {
    for (const method of ['sim-gda', 'eg', 'ogda', 'adam']) {
      const wgan = simulateGame(dirac({ loss: 'wgan' }, { method, lr: 0.1 }), { record: true });
      const xy = simulateGame(
        parseSingleGameSpec({ game: 'bilinear', method, x0: 1, y0: 1, lr: 0.1, steps: 500 }),
        {
          record: true,
        },
      );
      expect(Array.from(wgan.trajectory!)).toEqual(Array.from(xy.trajectory!));
    }
  });

  it('has the fields of docs/games.md: standard (θ·h′(ψθ), −ψ·h′(ψθ)), non-saturating generator −ψ·h′(−ψθ), h′(t) = σ(−t)', () => {
    const gan = compileGame({ name: 'dirac-gan', loss: 'gan', r1: 0.4, gp: 0, g0: 1, clip: 0 });
    const ns = compileGame({ name: 'dirac-gan', loss: 'ns-gan', r1: 0.4, gp: 0, g0: 1, clip: 0 });
    const hPrime = (t: number) => sigmoid(-t);
    for (const [x, y] of [
      [0.3, -1.2],
      [2, 0.7],
      [-1.5, -0.4],
    ]) {
      const [gx, gy] = gan.fieldAt(x, y);
      expect(gx).toBeCloseTo(y * hPrime(x * y) - 0.4 * x, 14);
      expect(gy).toBeCloseTo(-x * hPrime(x * y), 14);
      const [nx, ny] = ns.fieldAt(x, y);
      expect(nx).toBeCloseTo(gx, 14);
      expect(ny).toBeCloseTo(-x * hPrime(-x * y), 14);
    }
  });

  it('WGAN-GP subtracts (γ/2)(|ψ| − g₀)² from the discriminator: Fx = θ − γ(|ψ| − g₀)·sign ψ', () => {
    const game = compileGame({
      name: 'dirac-gan',
      loss: 'wgan-gp',
      r1: 0,
      gp: 3,
      g0: 0.5,
      clip: 0,
    });
    for (const [x, y] of [
      [0.3, -1.2],
      [-2, 0.7],
    ]) {
      expect(game.fieldAt(x, y)[0]).toBeCloseTo(y - 3 * (Math.abs(x) - 0.5) * Math.sign(x), 14);
      expect(game.fieldAt(x, y)[1]).toBeCloseTo(-x, 14);
    }
  });

  it.each([0, 0.3, 1, 2.5])(
    'with R1 (γ = %f) the field eigenvalues at the equilibrium are −γ/2 ± √(γ²/4 − ¼)',
    (gamma) => {
      const game = compileGame({
        name: 'dirac-gan',
        loss: 'gan',
        r1: gamma,
        gp: 0,
        g0: 1,
        clip: 0,
      });
      const field = diracGanR1FieldEigenvalues(gamma);
      sameSet(matrixEigenvalues(game.jacobianAt(0, 0)), field, 1e-14);
      // One simultaneous step is I + η·J, so its numerical linearisation has eigenvalues 1 + η·λ.
      const eta = 0.2;
      const step = stepMapEigenvalues(dirac({ loss: 'gan', r1: gamma }, { lr: eta }))!;
      sameSet(
        step,
        field.map((l) => ({ re: 1 + eta * l.re, im: eta * l.im })),
        1e-9,
      );
    },
  );

  it('WGAN has h′(0) = 1: its R1 eigenvalues are −γ/2 ± √(γ²/4 − 1)', () => {
    const game = compileGame({ name: 'dirac-gan', loss: 'wgan', r1: 1.5, gp: 0, g0: 1, clip: 0 });
    sameSet(matrixEigenvalues(game.jacobianAt(0, 0)), diracGanR1FieldEigenvalues(1.5, 1), 1e-14);
  });

  // The paper's notebook presets: step 0.2, 500 steps, start θ = ψ = 1.
  it.each(['sim-gda', 'alt-gda'])(
    'unregularised GAN does not converge with %s; R1 with γ = 1 does',
    (method) => {
      const plain = simulateGame(dirac({ loss: 'gan' }, { method })).metrics;
      expect(plain.radius).toBeGreaterThan(1);
      const r1 = simulateGame(dirac({ loss: 'gan', r1: 1 }, { method })).metrics;
      expect(r1.radius).toBeLessThan(1e-15);
      const wganGp = simulateGame(dirac({ loss: 'wgan-gp', gp: 1 }, { method })).metrics;
      expect(wganGp.radius).toBeGreaterThan(0.5);
    },
  );

  it('weight clipping keeps ψ in [−c, c] after every step, for every method', () => {
    for (const method of [
      'sim-gda',
      'alt-gda',
      'eg',
      'ogda',
      'momentum',
      'consensus',
      'sga',
      'hgd',
      'adam',
    ]) {
      const run = simulateGame(
        dirac({ loss: 'wgan', clip: 0.3 }, { method, lr: 0.5, steps: 200 }),
        { record: true },
      );
      const t = run.trajectory!;
      for (let k = 1; k < t.length / 2; k++) expect(Math.abs(t[2 * k])).toBeLessThanOrEqual(0.3);
      expect(
        Math.max(...Array.from({ length: t.length / 2 - 1 }, (_, k) => Math.abs(t[2 * k + 2]))),
      ).toBe(0.3);
    }
  });
});
