import { describe, expect, it } from 'vitest';
import {
  eigenvalueHalfWidth,
  MAX_HALF_WIDTH,
  MIN_HALF_WIDTH,
  placeEigenvalue,
} from '../../src/ui/game/eigenvalue-window.js';

const c = (re: number, im = 0) => ({ re, im });

describe('the eigenvalue window', () => {
  it('holds eigenvalues near the unit circle with a margin, and never shrinks below the circle', () => {
    expect(eigenvalueHalfWidth([c(0.5, 0.5)])).toBe(MIN_HALF_WIDTH);
    expect(eigenvalueHalfWidth([c(1, 1.5)])).toBeCloseTo(1.5 * 1.15, 15);
    expect(eigenvalueHalfWidth([])).toBe(MIN_HALF_WIDTH);
  });

  it('keeps the unit circle readable when one eigenvalue is 20000 (WGAN-GP’s jump): the outlier goes to the edge, in its direction', () => {
    const half = eigenvalueHalfWidth([c(20000.8), c(0.99, 0.1), c(NaN)]);
    expect(half).toBe(MAX_HALF_WIDTH);
    const placed = placeEigenvalue(c(20000.8, -3), half);
    expect(placed.outside).toBe(true);
    expect(Math.max(Math.abs(placed.re), Math.abs(placed.im))).toBeLessThan(half);
    expect(Math.max(Math.abs(placed.re), Math.abs(placed.im))).toBeGreaterThan(0.9 * half);
    expect(placed.im / placed.re).toBeCloseTo(-3 / 20000.8, 15);
    expect(placeEigenvalue(c(0.99, 0.1), half)).toEqual({ re: 0.99, im: 0.1, outside: false });
  });
});
