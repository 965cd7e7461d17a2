import { describe, expect, it } from 'vitest';
import {
  cellSpec,
  CONVERGED_RADIUS,
  finiteMetric,
  GAME_NAMES,
  METHOD_NAMES,
  METRIC_LIMIT,
  parseSingleGameSpec,
  parseSweepSpec,
  simulateGame,
  simulateSweep,
  type GameMetrics,
} from '../../src/core/games/index.js';
import { formatExpression } from '../../src/core/expression/index.js';
import { mulberry32, pick, randInt } from '../helpers/random.js';
import { randomExpression } from './helpers/random-expression.js';

const EXPLODING_OBJECTIVES = [
  'exp(x*y)',
  'x^3*y - y^4',
  'x*y/(x - y)',
  'log(x)*y',
  'tan(x*y) + a*x',
  'sqrt(x)*exp(b*y)',
];

/** A valid game of any kind; a third of them typed objectives, hand-picked explosive ones or random trees. */
function randomGame(rng: () => number): Record<string, unknown> {
  const spread = () => (rng() - 0.5) * 10 ** randInt(rng, -2, 2);
  switch (pick(rng, GAME_NAMES)) {
    case 'bilinear':
      return { name: 'bilinear', b: spread() };
    case 'quadratic':
      return { name: 'quadratic', muX: spread(), muY: spread(), b: spread() };
    case 'dirac-gan':
      return {
        name: 'dirac-gan',
        loss: pick(rng, ['gan', 'ns-gan', 'wgan', 'wgan-gp']),
        r1: rng() * 3,
        gp: rng() * 3,
        g0: rng() * 2,
        clip: pick(rng, [0, rng() * 2]),
      };
    case 'expression': {
      const f =
        rng() < 0.5
          ? pick(rng, EXPLODING_OBJECTIVES)
          : formatExpression(
              randomExpression(rng, { variables: ['x', 'y', 'a', 'b'], maxDepth: 4 }),
            );
      return { name: 'expression', f, a: spread(), b: spread() };
    }
  }
}

function expectFinite(m: GameMetrics | Record<string, number>, context: string): void {
  for (const [name, value] of Object.entries(m))
    expect(Number.isFinite(value), `${name} = ${value} for ${context}`).toBe(true);
}

describe('finiteMetric, the clamp of every reported metric', () => {
  it('keeps finite values and clamps ±∞ to the largest f32 of that sign and NaN to 0', () => {
    expect(finiteMetric(1e300)).toBe(1e300);
    expect(finiteMetric(-0.5)).toBe(-0.5);
    expect(finiteMetric(Infinity)).toBe(METRIC_LIMIT);
    expect(finiteMetric(-Infinity)).toBe(-METRIC_LIMIT);
    expect(finiteMetric(NaN)).toBe(0);
    expect(Math.fround(METRIC_LIMIT)).toBe(METRIC_LIMIT);
    expect(Math.fround(METRIC_LIMIT * (1 + 2 ** -24))).toBe(Infinity);
  });
});

describe('simulateGame metrics', () => {
  it('are finite numbers for random specs, exploding typed games and lr up to 100 included', () => {
    const rng = mulberry32(7);
    for (let trial = 0; trial < 500; trial++) {
      const method = pick(rng, METHOD_NAMES);
      const json = {
        game: randomGame(rng),
        method: method === 'adam' ? { name: 'adam', eps: pick(rng, [0, 1e-8]) } : method,
        lr: trial % 10 === 0 ? 100 : 10 ** (rng() * 5 - 3),
        x0: (rng() - 0.5) * 10 ** randInt(rng, -3, 3),
        y0: (rng() - 0.5) * 10 ** randInt(rng, -3, 3),
        steps: randInt(rng, 1, 300),
        escapeRadius: 10 ** (rng() * 300),
      };
      const spec = parseSingleGameSpec(json);
      const { metrics, trajectory } = simulateGame(spec, { record: true });
      expectFinite(metrics, JSON.stringify(json));
      expect(trajectory!.every(Number.isFinite)).toBe(true);
      expect(trajectory!.slice(-2)).toEqual(Float64Array.of(metrics.finalX, metrics.finalY));
      expect(metrics.stepsRun).toBeLessThanOrEqual(spec.steps);
    }
  });

  it('reports the last finite state when the state stops being finite, and counts it as escaped', () => {
    // x climbs exp(x): 3 → 2011 → e^2011 = Infinity at step 2.
    const spec = parseSingleGameSpec({
      game: { name: 'expression', f: 'exp(x)' },
      lr: 100,
      x0: 3,
      y0: 3,
      escapeRadius: 1e308,
    });
    const { metrics, trajectory } = simulateGame(spec, { record: true });
    expect(metrics.escapeStep).toBe(2);
    expect(metrics.stepsRun).toBe(2);
    expect(trajectory!.length).toBe(2 * metrics.escapeStep);
    expect(metrics.finalX).toBe(trajectory![trajectory!.length - 2]);
    expectFinite(metrics, 'exp(x*y)');
  });

  it('stops as converged below 1e-30 and as escaped beyond escapeRadius, at the start too', () => {
    const converged = simulateGame(
      parseSingleGameSpec({ method: 'hgd', lr: 1, steps: 100 }),
    ).metrics;
    expect(converged).toMatchObject({ stepsRun: 1, radius: 0, escapeStep: -1 });
    expect(converged.growthRate).toBeCloseTo(Math.log(CONVERGED_RADIUS / Math.SQRT2), 12);
    const atOrigin = simulateGame(parseSingleGameSpec({ x0: 0, y0: 0 })).metrics;
    expect(atOrigin).toMatchObject({ stepsRun: 0, growthRate: 0, escapeStep: -1, maxRadius: 0 });
    const outside = simulateGame(parseSingleGameSpec({ x0: 10, escapeRadius: 5 })).metrics;
    expect(outside).toMatchObject({ stepsRun: 0, escapeStep: 0, finalX: 10, growthRate: 0 });
  });

  it('growthRate is ln ρ for a scaled rotation and maxRadius includes the start', () => {
    const m = simulateGame(parseSingleGameSpec({ method: 'eg', lr: 0.5, steps: 40 })).metrics;
    expect(m.growthRate).toBeCloseTo(Math.log(Math.sqrt(1 - 0.25 + 0.0625)), 12);
    expect(m.maxRadius).toBe(Math.SQRT2);
  });
});

describe('simulateSweep', () => {
  const spec = parseSweepSpec({
    game: { name: 'dirac-gan', loss: 'gan' },
    method: 'alt-gda',
    steps: 200,
    axes: {
      x: { param: 'game.r1', from: 0, to: 2, count: 4 },
      y: { param: 'lr', from: 0.01, to: 0.3, count: 3, scale: 'log' },
    },
  });

  it('stores each cell row-major (row = y index) exactly as simulateGame(cellSpec) reports it', async () => {
    const fractions: number[] = [];
    const sweep = await simulateSweep(spec, { onProgress: (p) => fractions.push(p.fraction) });
    expect(Array.from(sweep.xValues)).toEqual([0, 2 / 3, 4 / 3, 2]);
    expect(sweep.yValues).toHaveLength(3);
    expect(fractions.at(-1)).toBe(1);
    for (let iy = 0; iy < 3; iy++) {
      for (let ix = 0; ix < 4; ix++) {
        const m = simulateGame(cellSpec(spec, ix, iy)).metrics;
        const i = iy * 4 + ix;
        for (const key of [
          'finalX',
          'finalY',
          'radius',
          'growthRate',
          'escapeStep',
          'maxRadius',
        ] as const) {
          expect(sweep.metrics[key][i]).toBe(m[key]);
        }
      }
    }
    // r1 sweeps the penalty: at lr = 0.3 the game does not converge with γ = 0 and does with γ = 2.
    expect(sweep.metrics.radius[2 * 4 + 0]).toBeGreaterThan(0.1);
    expect(sweep.metrics.radius[2 * 4 + 3]).toBeLessThan(1e-3);
  });

  it('stops when its AbortSignal fires', async () => {
    const controller = new AbortController();
    const started = simulateSweep(spec, {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(started).rejects.toThrow();
    expect(controller.signal.aborted).toBe(true);
  });
});
