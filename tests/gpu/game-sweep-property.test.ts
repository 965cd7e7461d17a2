import { describe, expect, it } from 'vitest';
import {
  defaultMethodSpec,
  METHOD_NAMES,
  parseSweepSpec,
  simulateSweep,
  sweepableParameters,
} from '../../src/core/games/index.js';
import { mulberry32, pick, randInt } from '../helpers/random.js';
import { gpuSweep } from './game-sweep-compare.js';

type Outcome = 'escaped' | 'converged' | 'running';

function outcome(escapeStep: number, radius: number): Outcome {
  if (escapeStep >= 0) return 'escaped';
  return radius < 1e-30 ? 'converged' : 'running';
}

// Games whose f32 play tracks float64 (no chaotic regimes at these rates; see game-sweep-methods.test.ts).
const GAMES = [
  { name: 'bilinear', b: 1 },
  { name: 'bilinear', b: -2 },
  { name: 'quadratic', muX: 0.3, muY: 0.1, b: 1 },
  { name: 'quadratic', muX: 1, muY: 1, b: 0.5 },
  { name: 'dirac-gan', loss: 'gan', r1: 0.5 },
  { name: 'dirac-gan', loss: 'ns-gan', r1: 1 },
  { name: 'dirac-gan', loss: 'wgan', clip: 0.5 },
  { name: 'dirac-gan', loss: 'wgan-gp', gp: 1 },
];

describe('GPU and float64 classify random sweeps alike', () => {
  const rng = mulberry32(20240611);
  for (let trial = 0; trial < 12; trial++) {
    const game = pick(rng, GAMES);
    const method = defaultMethodSpec(pick(rng, METHOD_NAMES));
    const base = {
      game,
      method,
      lr: 0.01 * 90 ** rng(),
      x0: rng() * 4 - 2,
      y0: rng() * 4 - 2,
      steps: randInt(rng, 40, 250),
      escapeRadius: 10 ** (1 + 3 * rng()),
    };
    // Sweep two different fields of this game and method, drawn from everything sweepable.
    const paths = sweepableParameters(parseSweepSpec({ ...base, axes: undefined }))
      .map((p) => p.path)
      .filter((p) =>
        [
          'lr',
          'x0',
          'y0',
          'escapeRadius',
          'method.beta',
          'method.gamma',
          'method.lambda',
          'game.b',
          'game.r1',
          'game.muX',
        ].includes(p),
      );
    const xParam = pick(rng, paths);
    const yParam = pick(
      rng,
      paths.filter((p) => p !== xParam),
    );
    const range = (param: string) =>
      param === 'lr'
        ? { from: 0.01, to: 0.9, scale: 'log' }
        : param === 'escapeRadius'
          ? { from: 5, to: 1e4, scale: 'log' }
          : param === 'method.beta'
            ? { from: -0.9, to: 0.9 }
            : param === 'method.gamma' || (param.startsWith('game.') && param !== 'game.b')
              ? { from: 0, to: 2 }
              : { from: -2, to: 2 };
    const spec = {
      ...base,
      axes: {
        x: { param: xParam, count: 6, ...range(xParam) },
        y: { param: yParam, count: 5, ...range(yParam) },
      },
    };
    it(`trial ${trial}: ${method.name} on ${game.name}, sweeping ${xParam} × ${yParam}`, async () => {
      const parsed = parseSweepSpec(spec);
      const gpu = await gpuSweep(parsed);
      const cpu = await simulateSweep(parsed);
      const mismatches: string[] = [];
      for (let i = 0; i < cpu.metrics.radius.length; i++) {
        const a = outcome(gpu.metrics.escapeStep[i], gpu.metrics.radius[i]);
        const b = outcome(cpu.metrics.escapeStep[i], cpu.metrics.radius[i]);
        if (a === b) continue;
        // Grazing the escape radius or the convergence radius within f32's reach is a tie.
        const escapeRadius =
          parsed.axes.x.param === 'escapeRadius'
            ? cpu.xValues[i % 6]
            : parsed.axes.y.param === 'escapeRadius'
              ? cpu.yValues[Math.floor(i / 6)]
              : parsed.escapeRadius;
        const grazesEscape = Math.abs(cpu.metrics.maxRadius[i] / escapeRadius - 1) < 1e-2;
        const grazesConvergence = Math.abs(Math.log(cpu.metrics.radius[i] / 1e-30)) < 0.05;
        if (!grazesEscape && !grazesConvergence) mismatches.push(`cell ${i}: gpu ${a}, cpu ${b}`);
      }
      expect(mismatches).toEqual([]);
    });
  }
});
