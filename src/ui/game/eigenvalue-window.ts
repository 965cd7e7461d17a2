import type { Complex } from '../../core/games/index.js';

/** The eigenvalue plot's half-width is at least this (the unit circle with a margin)… */
export const MIN_HALF_WIDTH = 1.25;
/** …and at most this, so the unit circle stays a circle one can read, whatever an outlier does. */
export const MAX_HALF_WIDTH = 4;

/** The half-width of the square window on the complex plane: every finite eigenvalue with a margin, within the bounds above. */
export function eigenvalueHalfWidth(eigenvalues: readonly Complex[]): number {
  let reach = 0;
  for (const z of eigenvalues)
    if (Number.isFinite(z.re) && Number.isFinite(z.im))
      reach = Math.max(reach, Math.abs(z.re), Math.abs(z.im));
  return Math.min(MAX_HALF_WIDTH, Math.max(MIN_HALF_WIDTH, reach * 1.15));
}

/** Where an eigenvalue is drawn in a window of half-width `half` centred on 0. */
export interface PlacedEigenvalue {
  re: number;
  im: number;
  /** Outside the window: drawn at `inset` of the way to its edge, along its own direction, and labelled with |λ|. */
  outside: boolean;
}

/** How far to the edge an outlier's mark sits, so the mark stays whole inside the frame. */
const EDGE_INSET = 0.93;

/** An eigenvalue as drawn: itself inside the window, else pulled in along its direction to just inside the edge. */
export function placeEigenvalue(z: Complex, half: number): PlacedEigenvalue {
  const reach = Math.max(Math.abs(z.re), Math.abs(z.im));
  if (reach <= half) return { re: z.re, im: z.im, outside: false };
  const s = (EDGE_INSET * half) / reach;
  return { re: z.re * s, im: z.im * s, outside: true };
}
