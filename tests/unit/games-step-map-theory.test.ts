import { describe, expect, it } from 'vitest';
import {
  altGdaRadius,
  closedFormSpectralRadius,
  consensusRadius,
  escapeStepEstimate,
  extragradientConverges,
  extragradientRadius,
  hgdConverges,
  hgdRadius,
  momentumRoots,
  ogdaConverges,
  ogdaRadius,
  ogdaRoots,
  linearisedStepMap,
  quadraticStepEigenvalues,
  parseSingleGameSpec,
  proximalRadius,
  simGdaRadius,
  simGdaSeparateRatesRadius,
  spectralRadius,
  stepMapEigenvalues,
  stepMapJacobian,
} from '../../src/core/games/index.js';
import { sameSet } from './helpers/same-complex-set.js';

// Grid points chosen off the defective points (η = ½ for OGDA, η = 2 for alternating GDA), where eigenvalues are only √ε-accurate.
const ETAS = [0.013, 0.07, 0.21, 0.43, 0.61, 0.88, 1.17, 1.63, 2.31];
const BETAS = [-0.83, -0.41, -0.07, 0.26, 0.71];
const GAMMAS = [0.11, 0.6, 1.9];

describe('the linearised step map on b·x·y matches every closed form of docs/games.md', () => {
  const run = (b: number, eta: number, method: unknown, extra: Record<string, unknown> = {}) =>
    parseSingleGameSpec({ game: { name: 'bilinear', b }, lr: eta, method, ...extra });
  const rhoOf = (spec: ReturnType<typeof run>) => spectralRadius(stepMapEigenvalues(spec)!);

  it.each([1, 2, -0.5])('for every method without hyper-parameters (b = %f)', (b) => {
    for (const eta of ETAS) {
      const e = eta * Math.abs(b);
      const cases: [string, number][] = [
        ['sim-gda', simGdaRadius(e)],
        ['alt-gda', altGdaRadius(e)],
        ['eg', extragradientRadius(e)],
        ['ogda', ogdaRadius(e)],
        ['hgd', hgdRadius(e * Math.abs(b))],
      ];
      for (const [method, expected] of cases) {
        const spec = run(b, eta, method);
        expect(Math.abs(rhoOf(spec) - expected) / expected, `${method}, η = ${eta}`).toBeLessThan(
          1e-9,
        );
        expect(closedFormSpectralRadius(spec)).toBeCloseTo(expected, 12);
      }
    }
  });

  it('for momentum in both orders, root for root, over a grid of η and β', () => {
    for (const eta of ETAS) {
      for (const beta of BETAS) {
        for (const order of ['simultaneous', 'x-first'] as const) {
          const spec = run(1, eta, { name: 'momentum', beta, order });
          sameSet(stepMapEigenvalues(spec)!, momentumRoots(eta, beta, order), 1e-7);
          expect(Math.abs(rhoOf(spec) - closedFormSpectralRadius(spec)!)).toBeLessThan(1e-9);
        }
      }
    }
  });

  it('for OGDA, root for root: (1 ± 2iη ± √(1−4η²))/2', () => {
    for (const eta of ETAS) sameSet(stepMapEigenvalues(run(1, eta, 'ogda'))!, ogdaRoots(eta), 1e-9);
  });

  it('for consensus and SGA over a grid of η and γ = λ', () => {
    for (const b of [1, 1.5]) {
      for (const eta of ETAS) {
        for (const gamma of GAMMAS) {
          const expected = consensusRadius(eta * b, gamma * b);
          for (const method of [
            { name: 'consensus', gamma },
            { name: 'sga', lambda: gamma },
          ]) {
            const spec = run(b, eta, method);
            expect(
              Math.abs(rhoOf(spec) - expected) / expected,
              `${method.name}, η = ${eta}, γ = ${gamma}`,
            ).toBeLessThan(1e-9);
            expect(closedFormSpectralRadius(spec)).toBeCloseTo(expected, 12);
          }
        }
      }
    }
  });

  it('for simultaneous GDA with separate rates: ρ = √(1+ηx·ηy)', () => {
    for (const lrX of [0.05, 0.3, 1.2]) {
      for (const lrY of [0.02, 0.7]) {
        const spec = run(1, 1, 'sim-gda', { lrX, lrY });
        expect(rhoOf(spec)).toBeCloseTo(simGdaSeparateRatesRadius(lrX, lrY), 12);
      }
    }
  });

  it('keeps the method’s memory in the state: OGDA and momentum linearise on four slots', () => {
    expect(stepMapJacobian(run(1, 0.1, 'ogda'))).toHaveLength(4);
    expect(stepMapJacobian(run(1, 0.1, 'momentum'))).toHaveLength(4);
    expect(stepMapJacobian(run(1, 0.1, 'eg'))).toHaveLength(2);
  });

  it('has no linearisation for Adam, whose step divides by √v', () => {
    expect(stepMapEigenvalues(run(1, 0.1, 'adam'))).toBeNull();
    expect(closedFormSpectralRadius(run(1, 0.1, 'adam'))).toBeNull();
  });
});

describe('closed forms', () => {
  it('alternating GDA has ρ = 1 up to η = 2 and (η²−2+η√(η²−4))/2 beyond', () => {
    expect(altGdaRadius(1.99)).toBe(1);
    expect(altGdaRadius(2)).toBe(1);
    expect(altGdaRadius(3)).toBeCloseTo((9 - 2 + 3 * Math.sqrt(5)) / 2, 14);
  });

  it('OGDA roots solve (λ²−λ)² + η²(2λ−1)² = 0', () => {
    for (const eta of [0.1, 0.5, 0.9]) {
      for (const l of ogdaRoots(eta)) {
        // p = λ² − λ, q = 2λ − 1; residual p² + η²q²
        const p = { re: l.re * l.re - l.im * l.im - l.re, im: 2 * l.re * l.im - l.im };
        const q = { re: 2 * l.re - 1, im: 2 * l.im };
        const re = p.re * p.re - p.im * p.im + eta * eta * (q.re * q.re - q.im * q.im);
        const im = 2 * p.re * p.im + eta * eta * 2 * q.re * q.im;
        expect(Math.hypot(re, im)).toBeLessThan(1e-14);
      }
    }
  });

  it('the convergence predicates agree with ρ < 1 on a fine grid', () => {
    for (let eta = 0.005; eta < 3; eta += 0.01) {
      expect(extragradientConverges(eta)).toBe(extragradientRadius(eta) < 1);
      expect(ogdaConverges(eta)).toBe(ogdaRadius(eta) < 1);
      expect(hgdConverges(eta)).toBe(hgdRadius(eta) < 1);
      expect(proximalRadius(eta)).toBeLessThan(1);
      expect(simGdaRadius(eta)).toBeGreaterThan(1);
    }
  });

  it('the escape step of a scaled rotation is ln(R/r₀)/ln ρ, and never for ρ ≤ 1', () => {
    expect(escapeStepEstimate(Math.E, 1, Math.exp(5))).toBeCloseTo(5, 14);
    expect(escapeStepEstimate(0.9, 1, 10)).toBe(Infinity);
    expect(escapeStepEstimate(1.1, 10, 5)).toBe(0);
  });

  it('has no closed form outside the bilinear family', () => {
    const quadratic = parseSingleGameSpec({
      game: { name: 'quadratic', muX: 0.1, muY: 0.1, b: 1 },
    });
    expect(closedFormSpectralRadius(quadratic)).toBeNull();
    const wgan = parseSingleGameSpec({
      game: { name: 'dirac-gan', loss: 'wgan' },
      lr: 0.3,
      method: 'eg',
    });
    expect(closedFormSpectralRadius(wgan)).toBeCloseTo(extragradientRadius(0.3), 15);
  });
});

describe('the linearisation never throws, and says why there is none', () => {
  const typed = (f: string, method = 'sim-gda') =>
    parseSingleGameSpec({ game: { name: 'expression', f }, lr: 0.2, method });

  it.each(['log(x)*y', '1/x*y', 'sqrt(x)*y'])(
    'a typed %s, singular at (0, 0), has no linearisation and no throw',
    (f) => {
      for (const method of ['sim-gda', 'alt-gda', 'eg', 'ogda', 'momentum', 'consensus']) {
        const l = linearisedStepMap(typed(f, method));
        expect(l.kind, `${f} with ${method}`).toBe('none');
        if (l.kind === 'none') expect(l.reason).toMatch(/\(0, 0\)/);
        expect(stepMapEigenvalues(typed(f, method))).toBeNull();
      }
    },
  );

  it('WGAN-GP: the penalty’s field jumps at ψ = 0, so there is no ρ (not the 20000 of a difference quotient over the jump)', () => {
    const wganGp = parseSingleGameSpec({
      game: { name: 'dirac-gan', loss: 'wgan-gp', gp: 1, g0: 1 },
      lr: 0.2,
      method: 'sim-gda',
    });
    const l = linearisedStepMap(wganGp);
    expect(l.kind).toBe('none');
    if (l.kind === 'none') expect(l.reason).toMatch(/jumps or bends/);
    // Without the jump (g₀ = 0 makes the penalty (γ/2)ψ², smooth) it linearises: x·y − ψ²/2.
    const smooth = parseSingleGameSpec({
      game: { name: 'dirac-gan', loss: 'wgan-gp', gp: 1, g0: 0 },
      lr: 0.2,
      method: 'sim-gda',
    });
    // sim GDA on the quadratic game with μx = 1, μy = 0, b = 1: eigenvalues 1 + ημ±.
    sameSet(stepMapEigenvalues(smooth)!, quadraticStepEigenvalues('sim-gda', 0.2, 1, 0, 1), 1e-9);
  });

  it('Adam: not linearisable, in words', () => {
    const l = linearisedStepMap(
      parseSingleGameSpec({ game: { name: 'bilinear', b: 1 }, lr: 0.1, method: 'adam' }),
    );
    expect(l).toEqual({ kind: 'none', reason: expect.stringMatching(/Adam.*not differentiable/) });
  });

  it('a smooth nonlinear game (the GAN loss) still linearises', () => {
    const gan = parseSingleGameSpec({ game: { name: 'dirac-gan', loss: 'gan' }, lr: 0.3 });
    expect(linearisedStepMap(gan).kind).toBe('linear');
  });
});
