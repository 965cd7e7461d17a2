export { mulberry32 } from '../../src/core/random.js';

/** A uniform integer in [lo, hi], both ends included. */
export function randInt(rng: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

/** A uniformly chosen element of a non-empty array. */
export function pick<T>(rng: () => number, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}
