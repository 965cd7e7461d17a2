/** A complex number, as eigenvalue routines return it. */
export interface Complex {
  re: number;
  im: number;
}

export const complex = (re: number, im = 0): Complex => ({ re, im });

export const add = (a: Complex, b: Complex): Complex => ({ re: a.re + b.re, im: a.im + b.im });
export const sub = (a: Complex, b: Complex): Complex => ({ re: a.re - b.re, im: a.im - b.im });
export const mul = (a: Complex, b: Complex): Complex => ({
  re: a.re * b.re - a.im * b.im,
  im: a.re * b.im + a.im * b.re,
});
export const scale = (a: Complex, s: number): Complex => ({ re: a.re * s, im: a.im * s });
export const abs = (a: Complex): number => Math.hypot(a.re, a.im);

export function div(a: Complex, b: Complex): Complex {
  const d = b.re * b.re + b.im * b.im;
  return { re: (a.re * b.re + a.im * b.im) / d, im: (a.im * b.re - a.re * b.im) / d };
}

/** The principal square root, written to avoid cancellation. */
export function sqrt(a: Complex): Complex {
  const r = abs(a);
  if (r === 0) return { re: 0, im: 0 };
  if (a.re >= 0) {
    const t = Math.sqrt((r + a.re) / 2);
    return { re: t, im: a.im / (2 * t) };
  }
  const t = Math.sqrt((r - a.re) / 2);
  return { re: Math.abs(a.im) / (2 * t), im: a.im >= 0 ? t : -t };
}

/**
 * Both roots of λ² − t·λ + d = 0 (trace t, determinant d of a 2×2 matrix).
 * The larger root comes from the formula, the smaller as d/λ₁, so neither
 * loses digits to cancellation.
 */
export function quadraticRoots(t: Complex, d: Complex): [Complex, Complex] {
  const half = scale(t, 0.5);
  const root = sqrt(sub(mul(half, half), d));
  const plus = add(half, root);
  const minus = sub(half, root);
  const big = abs(plus) >= abs(minus) ? plus : minus;
  if (abs(big) === 0) return [big, big];
  return [big, div(d, big)];
}
