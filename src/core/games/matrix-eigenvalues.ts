import { abs, complex, quadraticRoots, type Complex } from './complex.js';

const EPSILON = 2 ** -52;
const MAX_SWEEPS_PER_EIGENVALUE = 60;

/**
 * Eigenvalues of a small real square matrix (the step maps here are 2×2 to
 * 7×7): Householder reduction to Hessenberg form, then complex single-shift
 * QR with Wilkinson shifts and deflation (Golub & Van Loan, "Matrix
 * Computations", 7.4–7.5). Working in complex arithmetic keeps the iteration
 * simple; a trailing 2×2 block is solved directly, so a real matrix's complex
 * pairs come out as conjugates.
 */
export function matrixEigenvalues(matrix: readonly (readonly number[])[]): Complex[] {
  const n = matrix.length;
  for (const row of matrix) {
    if (row.length !== n)
      throw new RangeError(
        `matrixEigenvalues needs a square matrix, got a row of ${row.length} in ${n} rows`,
      );
    for (const v of row)
      if (!Number.isFinite(v))
        throw new RangeError(`matrixEigenvalues needs finite entries, got ${v}`);
  }
  const re = new Float64Array(n * n);
  matrix.forEach((row, i) => row.forEach((v, j) => (re[i * n + j] = v)));
  reduceToHessenberg(re, n);
  return hessenbergEigenvalues(re, new Float64Array(n * n), n);
}

/** The roots of c₀ + c₁λ + … + c_d·λ^d (c_d ≠ 0), as eigenvalues of the companion matrix. */
export function polynomialRoots(coefficients: readonly number[]): Complex[] {
  let d = coefficients.length - 1;
  while (d > 0 && coefficients[d] === 0) d--;
  if (d <= 0) return [];
  const lead = coefficients[d];
  const companion = Array.from({ length: d }, (_, i) =>
    Array.from({ length: d }, (_, j) => {
      if (i === 0) return -coefficients[d - 1 - j] / lead;
      return j === i - 1 ? 1 : 0;
    }),
  );
  return matrixEigenvalues(companion);
}

/** In place: A ← PᵀAP with P a product of Householder reflections, so A[i][j] = 0 for i > j + 1. */
function reduceToHessenberg(a: Float64Array, n: number): void {
  const v = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    let norm = 0;
    for (let i = k + 1; i < n; i++) norm = Math.hypot(norm, a[i * n + k]);
    if (norm === 0) continue;
    // v = x − α·e₁ with α of the opposite sign to x₀, so forming v never cancels.
    const alpha = a[(k + 1) * n + k] > 0 ? -norm : norm;
    v.fill(0);
    for (let i = k + 1; i < n; i++) v[i] = a[i * n + k];
    v[k + 1] -= alpha;
    let vv = 0;
    for (let i = k + 1; i < n; i++) vv += v[i] * v[i];
    if (vv === 0) continue;
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = k + 1; i < n; i++) s += v[i] * a[i * n + j];
      const f = (2 * s) / vv;
      for (let i = k + 1; i < n; i++) a[i * n + j] -= f * v[i];
    }
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = k + 1; j < n; j++) s += a[i * n + j] * v[j];
      const f = (2 * s) / vv;
      for (let j = k + 1; j < n; j++) a[i * n + j] -= f * v[j];
    }
    for (let i = k + 2; i < n; i++) a[i * n + k] = 0;
  }
}

/** Eigenvalues of an upper Hessenberg matrix held as separate real and imaginary parts, row-major. */
function hessenbergEigenvalues(re: Float64Array, im: Float64Array, n: number): Complex[] {
  const at = (i: number, j: number): Complex => complex(re[i * n + j], im[i * n + j]);
  const magnitude = (i: number, j: number) => Math.hypot(re[i * n + j], im[i * n + j]);
  let scaleOfMatrix = 0;
  for (let i = 0; i < n * n; i++) scaleOfMatrix = Math.max(scaleOfMatrix, Math.abs(re[i]));

  const found: Complex[] = [];
  let hi = n - 1;
  let sweeps = 0;
  while (hi >= 0) {
    // The active block is lo..hi: the largest trailing block with no negligible subdiagonal entry.
    let lo = hi;
    while (lo > 0) {
      const neighbourhood = magnitude(lo, lo) + magnitude(lo - 1, lo - 1) || scaleOfMatrix;
      if (magnitude(lo, lo - 1) <= EPSILON * neighbourhood) {
        re[lo * n + lo - 1] = 0;
        im[lo * n + lo - 1] = 0;
        break;
      }
      lo--;
    }
    if (lo === hi) {
      found.push(at(hi, hi));
      hi -= 1;
      sweeps = 0;
      continue;
    }
    if (lo === hi - 1) {
      found.push(...blockEigenvalues(at(lo, lo), at(lo, hi), at(hi, lo), at(hi, hi)));
      hi -= 2;
      sweeps = 0;
      continue;
    }
    if (++sweeps > MAX_SWEEPS_PER_EIGENVALUE)
      throw new Error('matrixEigenvalues: QR iteration did not converge');
    const shift =
      sweeps % 10 === 0
        ? // An exceptional shift breaks the rare cycles a Wilkinson shift can fall into.
          complex(re[hi * n + hi] + 1.5 * magnitude(hi, hi - 1), im[hi * n + hi])
        : wilkinsonShift(at(hi - 1, hi - 1), at(hi - 1, hi), at(hi, hi - 1), at(hi, hi));
    qrSweep(re, im, n, lo, hi, shift);
  }
  return found;
}

/** Eigenvalues of [[a, b], [c, d]]. */
function blockEigenvalues(a: Complex, b: Complex, c: Complex, d: Complex): [Complex, Complex] {
  const trace = complex(a.re + d.re, a.im + d.im);
  const ad = complex(a.re * d.re - a.im * d.im, a.re * d.im + a.im * d.re);
  const bc = complex(b.re * c.re - b.im * c.im, b.re * c.im + b.im * c.re);
  return quadraticRoots(trace, complex(ad.re - bc.re, ad.im - bc.im));
}

/** The eigenvalue of the trailing 2×2 block closer to its last diagonal entry. */
function wilkinsonShift(a: Complex, b: Complex, c: Complex, d: Complex): Complex {
  const [first, second] = blockEigenvalues(a, b, c, d);
  const distance = (z: Complex) => abs(complex(z.re - d.re, z.im - d.im));
  return distance(first) <= distance(second) ? first : second;
}

/**
 * One shifted QR step on the block lo..hi: H − μI = QR with Givens rotations,
 * then H ← RQ + μI. Entries outside the block do not change its eigenvalues,
 * so they are left alone.
 */
function qrSweep(
  re: Float64Array,
  im: Float64Array,
  n: number,
  lo: number,
  hi: number,
  shift: Complex,
): void {
  for (let i = lo; i <= hi; i++) {
    re[i * n + i] -= shift.re;
    im[i * n + i] -= shift.im;
  }
  const cs = new Float64Array(hi - lo);
  const sRe = new Float64Array(hi - lo);
  const sIm = new Float64Array(hi - lo);
  for (let k = lo; k < hi; k++) {
    // G = [[c, s], [−s̄, c]] with c real takes (a, b) = (H[k][k], H[k+1][k]) to (r, 0).
    const aRe = re[k * n + k];
    const aIm = im[k * n + k];
    const bRe = re[(k + 1) * n + k];
    const bIm = im[(k + 1) * n + k];
    const aAbs = Math.hypot(aRe, aIm);
    const norm = Math.hypot(aAbs, bRe, bIm);
    let c = 1;
    let sr = 0;
    let si = 0;
    if (norm > 0 && aAbs === 0) {
      // s = b̄/|b|
      c = 0;
      sr = bRe / norm;
      si = -bIm / norm;
    } else if (norm > 0) {
      // s = (a/|a|)·b̄/norm
      c = aAbs / norm;
      const uRe = aRe / aAbs;
      const uIm = aIm / aAbs;
      sr = (uRe * bRe + uIm * bIm) / norm;
      si = (uIm * bRe - uRe * bIm) / norm;
    }
    cs[k - lo] = c;
    sRe[k - lo] = sr;
    sIm[k - lo] = si;
    for (let j = k; j <= hi; j++) {
      const p = k * n + j;
      const q = (k + 1) * n + j;
      const uRe = re[p];
      const uIm = im[p];
      const wRe = re[q];
      const wIm = im[q];
      // row k ← c·u + s·w; row k+1 ← −s̄·u + c·w
      re[p] = c * uRe + (sr * wRe - si * wIm);
      im[p] = c * uIm + (sr * wIm + si * wRe);
      re[q] = -(sr * uRe + si * uIm) + c * wRe;
      im[q] = -(sr * uIm - si * uRe) + c * wIm;
    }
  }
  for (let k = lo; k < hi; k++) {
    const c = cs[k - lo];
    const sr = sRe[k - lo];
    const si = sIm[k - lo];
    const last = Math.min(k + 2, hi);
    for (let i = lo; i <= last; i++) {
      const p = i * n + k;
      const q = i * n + k + 1;
      const uRe = re[p];
      const uIm = im[p];
      const wRe = re[q];
      const wIm = im[q];
      // [u, w]·Gᴴ = [c·u + s̄·w, −s·u + c·w]
      re[p] = c * uRe + (sr * wRe + si * wIm);
      im[p] = c * uIm + (sr * wIm - si * wRe);
      re[q] = -(sr * uRe - si * uIm) + c * wRe;
      im[q] = -(sr * uIm + si * uRe) + c * wIm;
    }
  }
  for (let i = lo; i <= hi; i++) {
    re[i * n + i] += shift.re;
    im[i * n + i] += shift.im;
  }
}
