import { describe, expect, it } from 'vitest';
import type { Complex } from '../../src/core/games/complex.js';
import { matrixEigenvalues, polynomialRoots } from '../../src/core/games/matrix-eigenvalues.js';
import { mulberry32 } from '../helpers/random.js';

/** Pairs each expected value with a distinct nearest found value and returns the largest distance. */
function setDistance(found: readonly Complex[], expected: readonly Complex[]): number {
  expect(found).toHaveLength(expected.length);
  const left = [...found];
  let worst = 0;
  for (const e of expected) {
    let best = 0;
    for (let i = 1; i < left.length; i++) {
      if (
        Math.hypot(left[i].re - e.re, left[i].im - e.im) <
        Math.hypot(left[best].re - e.re, left[best].im - e.im)
      ) {
        best = i;
      }
    }
    worst = Math.max(worst, Math.hypot(left[best].re - e.re, left[best].im - e.im));
    left.splice(best, 1);
  }
  return worst;
}

/** Coefficients c₀..c_n (monic) of Π(λ − λᵢ), imaginary parts returned separately. */
function polynomialFromRoots(roots: readonly Complex[]): { re: number[]; im: number[] } {
  let re = [1];
  let im = [0];
  for (const r of roots) {
    const nextRe = new Array(re.length + 1).fill(0);
    const nextIm = new Array(re.length + 1).fill(0);
    for (let k = 0; k < re.length; k++) {
      nextRe[k + 1] += re[k];
      nextIm[k + 1] += im[k];
      nextRe[k] -= r.re * re[k] - r.im * im[k];
      nextIm[k] -= r.re * im[k] + r.im * re[k];
    }
    re = nextRe;
    im = nextIm;
  }
  return { re, im };
}

/** Characteristic polynomial det(λI − A) by Faddeev–LeVerrier, c₀..c_n, monic: an independent oracle. */
function characteristicPolynomial(a: number[][]): number[] {
  const n = a.length;
  const c = new Array(n + 1).fill(0);
  c[n] = 1;
  let m = a.map((row) => row.map(() => 0));
  for (let k = 1; k <= n; k++) {
    // M_k = A·M_{k−1} + c_{n−k+1}·I ; c_{n−k} = −tr(A·M_k)/k
    const next = a.map((row, i) =>
      row.map(
        (_, j) => a[i].reduce((s, aij, l) => s + aij * m[l][j], 0) + (i === j ? c[n - k + 1] : 0),
      ),
    );
    m = next;
    let trace = 0;
    for (let i = 0; i < n; i++) for (let l = 0; l < n; l++) trace += a[i][l] * m[l][i];
    c[n - k] = -trace / k;
  }
  return c;
}

const c = (re: number, im = 0): Complex => ({ re, im });

describe('matrixEigenvalues', () => {
  it('finds e^{±iθ} for a rotation by θ', () => {
    const t = 0.3;
    const found = matrixEigenvalues([
      [Math.cos(t), -Math.sin(t)],
      [Math.sin(t), Math.cos(t)],
    ]);
    expect(
      setDistance(found, [c(Math.cos(t), Math.sin(t)), c(Math.cos(t), -Math.sin(t))]),
    ).toBeLessThan(1e-15);
  });

  it('returns the diagonal of a triangular matrix', () => {
    const found = matrixEigenvalues([
      [3, 1, 4, 1],
      [0, -5, 9, 2],
      [0, 0, 0.5, 6],
      [0, 0, 0, 7],
    ]);
    expect(setDistance(found, [c(3), c(-5), c(0.5), c(7)])).toBeLessThan(1e-13);
  });

  it('finds the sixth roots of unity for a cyclic permutation of six', () => {
    const p = Array.from({ length: 6 }, (_, i) =>
      Array.from({ length: 6 }, (_, j) => (j === (i + 1) % 6 ? 1 : 0)),
    );
    const roots = Array.from({ length: 6 }, (_, k) =>
      c(Math.cos((k * Math.PI) / 3), Math.sin((k * Math.PI) / 3)),
    );
    expect(setDistance(matrixEigenvalues(p), roots)).toBeLessThan(1e-13);
  });

  it('finds the repeated eigenvalue of a Jordan block to √ε, as the problem allows', () => {
    const found = matrixEigenvalues([
      [2, 1, 0],
      [0, 2, 1],
      [0, 0, 2],
    ]);
    expect(setDistance(found, [c(2), c(2), c(2)])).toBeLessThan(1e-5);
  });

  it('handles the zero matrix and a 1×1 matrix', () => {
    expect(
      setDistance(
        matrixEigenvalues([
          [0, 0],
          [0, 0],
        ]),
        [c(0), c(0)],
      ),
    ).toBe(0);
    expect(matrixEigenvalues([[-4]])).toEqual([c(-4)]);
  });

  it('agrees with the Faddeev–LeVerrier characteristic polynomial on random 1×1 to 7×7 matrices', () => {
    const rng = mulberry32(20180101);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + (trial % 7);
      const a = Array.from({ length: n }, () => Array.from({ length: n }, () => rng() * 4 - 2));
      const found = matrixEigenvalues(a);
      const fromRoots = polynomialFromRoots(found);
      const expected = characteristicPolynomial(a);
      for (let k = 0; k <= n; k++) {
        expect(Math.abs(fromRoots.re[k] - expected[k])).toBeLessThan(
          1e-9 * (1 + Math.abs(expected[k])),
        );
        expect(Math.abs(fromRoots.im[k])).toBeLessThan(1e-9);
      }
    }
  });

  it('rejects a matrix that is not square', () => {
    expect(() => matrixEigenvalues([[1, 2]])).toThrow(/square/);
  });
});

describe('polynomialRoots', () => {
  it('finds the roots of (λ−1)(λ+2)(λ²+1)', () => {
    // λ⁴ + λ³ − λ² + λ − 2
    expect(
      setDistance(polynomialRoots([-2, 1, -1, 1, 1]), [c(1), c(-2), c(0, 1), c(0, -1)]),
    ).toBeLessThan(1e-13);
  });

  it('ignores zero leading coefficients and scales by the leading one', () => {
    expect(setDistance(polynomialRoots([-6, 2, 0]), [c(3)])).toBeLessThan(1e-15);
  });
});
