import { describe, expect, it } from 'vitest';
import {
  closedFormSpectralRadius,
  CONVERGED_RADIUS,
  F32_UNIT_ROUNDOFF,
  FATE,
  fateBand,
  fateOf,
  parseSingleGameSpec,
  FATE_NAMES,
  FATE_RATIO,
  FATE_ROUNDING_PER_STEP,
  simulateGame,
  type SingleGameSpec,
} from '../../src/core/games/index.js';

const STEPS = 1000;
/**
 * Slack for a step map's transient: r_k/r₀ is C·ρ^k, with C = 1 for the scaled rotations
 * (simultaneous GDA, extragradient, consensus, HGD) and of order 1 for the others away from a
 * double root, so the closed form decides a cell once k·|ln ρ| clears ln(FATE_RATIO) by this.
 */
const TRANSIENT = Math.log(10);

/** The fate the closed form predicts after `steps` steps: null where it is too close to call. */
function predictedFate(rho: number, steps: number): number | null {
  const logRatio = steps * Math.log(rho);
  if (logRatio > Math.log(FATE_RATIO) + TRANSIENT) return FATE.diverged;
  if (logRatio < -Math.log(FATE_RATIO) - TRANSIENT) return FATE.converged;
  if (Math.abs(logRatio) < 1e-12) return FATE.bounded; // |λ| = 1 exactly: alternating GDA, EG at η = 1
  return null;
}

const methods: Record<string, unknown>[] = [
  { name: 'sim-gda' },
  { name: 'alt-gda', order: 'x-first' },
  { name: 'alt-gda', order: 'y-first' },
  { name: 'eg' },
  { name: 'ogda' },
  ...[-0.8, -0.5, -0.2, 0.3].map((beta) => ({ name: 'momentum', beta, order: 'x-first' })),
  ...[0.3, 1, 2].map((gamma) => ({ name: 'consensus', gamma })),
  { name: 'sga', lambda: 1 },
  { name: 'hgd' },
];
const rates = [0.003, 0.01, 0.03, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1, 1.2, 1.5, 1.8, 1.9, 1.99, 2.5];
const starts: [number, number][] = [
  [1, 1],
  [-1.9, 1],
  [0.3, -1],
  [1.7, 0.2],
];

describe('fate thresholds against the closed forms of every method on x·y', () => {
  for (const method of methods) {
    it(`${JSON.stringify(method)}: the float64 reference's fate is the closed form's wherever ρ^k decides`, () => {
      let decided = 0;
      const fates = new Set<number>();
      for (const lr of rates)
        for (const [x0, y0] of starts) {
          const spec: SingleGameSpec = parseSingleGameSpec({
            game: { name: 'bilinear', b: 1 },
            method,
            lr,
            x0,
            y0,
            steps: STEPS,
            escapeRadius: 1e6,
          });
          const rho = closedFormSpectralRadius(spec);
          expect(rho, 'a closed form').not.toBeNull();
          const expected = predictedFate(rho!, STEPS);
          const got = simulateGame(spec).metrics.fate;
          fates.add(got);
          if (expected === null) continue;
          decided++;
          expect(
            FATE_NAMES[got],
            `η = ${lr}, start (${x0}, ${y0}), ρ = ${rho}, k·ln ρ = ${STEPS * Math.log(rho!)}`,
          ).toBe(FATE_NAMES[expected]);
        }
      // The check is not vacuous: most cells are decided by the closed form.
      expect(decided).toBeGreaterThan((rates.length * starts.length) / 2);
      expect(fates.size).toBeGreaterThan(1);
    });
  }

  it('alternating GDA is bounded at every η < 2 (|λ| = 1), however thin its ellipse', () => {
    for (const lr of [0.001, 0.01, 0.1, 0.5, 1, 1.5, 1.9, 1.97, 1.99])
      for (const [x0, y0] of starts)
        for (const steps of [200, 1000, 5000]) {
          const spec = parseSingleGameSpec({
            game: { name: 'bilinear', b: 1 },
            method: { name: 'alt-gda', order: 'x-first' },
            lr,
            x0,
            y0,
            steps,
            escapeRadius: 1e6,
          });
          expect(closedFormSpectralRadius(spec)).toBe(1);
          expect(simulateGame(spec).metrics.fate, `η = ${lr}, ${steps} steps`).toBe(FATE.bounded);
        }
  });
});

describe('the neutral band', () => {
  it('is ln(100)/k for the swing of a bounded orbit plus the f32 rounding per step', () => {
    expect(FATE_ROUNDING_PER_STEP).toBe(32 * F32_UNIT_ROUNDOFF);
    expect(F32_UNIT_ROUNDOFF).toBe(Math.fround(1 + 2 ** -23) - 1 - 2 ** -24);
    expect(fateBand(1000)).toBeCloseTo(Math.log(100) / 1000 + 32 / 2 ** 24, 15);
    expect(fateBand(0)).toBe(Infinity);
    // The band shrinks like 1/k, to the rounding floor.
    expect(fateBand(1e12)).toBeCloseTo(FATE_ROUNDING_PER_STEP, 11);
  });

  it('decides by the flags first: escaped is diverged, the converged radius converged, k = 0 bounded', () => {
    const end = { escapeStep: -1, r: 1, k: 1000 };
    const band = fateBand(1000);
    expect(fateOf({ ...end, escapeStep: 12 }, -5)).toBe(FATE.diverged);
    expect(fateOf({ ...end, r: CONVERGED_RADIUS / 2 }, 5)).toBe(FATE.converged);
    expect(fateOf({ ...end, k: 0 }, 0)).toBe(FATE.bounded);
    expect(fateOf(end, band * 1.0001)).toBe(FATE.diverged);
    expect(fateOf(end, -band * 1.0001)).toBe(FATE.converged);
    expect(fateOf(end, band * 0.9999)).toBe(FATE.bounded);
    expect(fateOf(end, -band * 0.9999)).toBe(FATE.bounded);
  });

  it('matches its definition: a game within a factor 100 of its start is bounded', () => {
    // sim-GDA is a scaled rotation: r_k = r₀·(1 + η²)^(k/2) exactly, so the fate flips where that is 100.
    const k = 1000;
    const etaAt100 = Math.sqrt(100 ** (2 / k) - 1);
    const fate = (lr: number) =>
      simulateGame(
        parseSingleGameSpec({
          game: { name: 'bilinear', b: 1 },
          method: 'sim-gda',
          lr,
          x0: 1,
          y0: 1,
          steps: k,
          escapeRadius: 1e9,
        }),
      ).metrics.fate;
    expect(fate(etaAt100 * 0.99)).toBe(FATE.bounded);
    expect(fate(etaAt100 * 1.01)).toBe(FATE.diverged);
  });
});
