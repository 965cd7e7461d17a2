import { expect } from 'vitest';
import type { Complex } from '../../../src/core/games/index.js';

/**
 * Expects `found` to be `expected` as a multiset, in any order: each expected value is matched to
 * the nearest value not matched yet, within `tolerance`.
 */
export function sameSet(
  found: readonly Complex[],
  expected: readonly Complex[],
  tolerance: number,
): void {
  expect(found).toHaveLength(expected.length);
  const left = [...found];
  for (const e of expected) {
    const distances = left.map((f) => Math.hypot(f.re - e.re, f.im - e.im));
    const nearest = distances.indexOf(Math.min(...distances));
    expect(
      distances[nearest],
      `expected ${e.re} + ${e.im}i among ${JSON.stringify(found)}`,
    ).toBeLessThan(tolerance);
    left.splice(nearest, 1);
  }
}
