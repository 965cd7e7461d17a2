import { describe, expect, it } from 'vitest';
import { GAME_NAMES, METHOD_NAMES, defaultMethodSpec } from '../../src/core/games/index.js';
import { expectGpuMatchesCpu } from './game-sweep-compare.js';

// A game per catalog entry, each with its curvature or penalty switched on so the field is not just x·y.
// Learning rates stay where the map follows its gradient flow: a 2-D flow cannot be chaotic, so f32
// errors grow about linearly with the steps (the tolerances in game-sweep-compare.ts). With large
// steps a nonlinear game's map can be chaotic, and any rounding difference then grows exponentially.
const GAMES = {
  bilinear: { name: 'bilinear', b: 1.3 },
  quadratic: { name: 'quadratic', muX: 0.2, muY: 0.05, b: 1 },
  'dirac-gan': { name: 'dirac-gan', loss: 'gan', r1: 0.3, clip: 1.2 },
  expression: { name: 'expression', f: 'tanh(x)*y + a*x^2 - b*log(1 + y^2)', a: 0.05, b: 0.2 },
} as const;
const LR_MAX = { bilinear: 0.9, quadratic: 0.9, 'dirac-gan': 0.9, expression: 0.2 } as const;

// The Dirac-GAN's other losses: each changes the field (non-saturating generator, WGAN with
// weight clipping, WGAN-GP's penalty), so each is checked under every method too. WGAN-GP's field
// jumps where ψ crosses 0 (the penalty's |ψ|), and clipping is a kink: at large steps a rounding
// difference on either side of them grows without bound, so these stay at η ≤ 0.3.
const DIRAC_GAN_LOSSES = [
  { name: 'dirac-gan', loss: 'ns-gan', r1: 0.3 },
  { name: 'dirac-gan', loss: 'wgan', clip: 0.8 },
  { name: 'dirac-gan', loss: 'wgan-gp', gp: 0.5, g0: 0.3 },
] as const;

describe('every game and method on the GPU agrees with the float64 reference', () => {
  it('covers the whole catalog', () => {
    expect(Object.keys(GAMES).sort()).toEqual([...GAME_NAMES].sort());
  });

  for (const game of GAME_NAMES) {
    for (const method of METHOD_NAMES) {
      it(`${method} on ${game}: same escape steps, states, radii and growth rates over an 8×8 sweep`, async () => {
        const { gpu } = await expectGpuMatchesCpu({
          game: GAMES[game],
          method: defaultMethodSpec(method),
          steps: 150,
          escapeRadius: 50,
          axes: {
            x: { param: 'lr', from: 0.02, to: LR_MAX[game], count: 8, scale: 'log' },
            y: { param: 'x0', from: -2, to: 2, count: 8, scale: 'linear' },
          },
        });
        expect(gpu.metrics.radius.length).toBe(64);
      });
    }
  }
  for (const game of DIRAC_GAN_LOSSES) {
    for (const method of METHOD_NAMES) {
      it(`${method} on dirac-gan (${game.loss}): agrees with the reference over a 6×6 sweep`, async () => {
        await expectGpuMatchesCpu({
          game,
          method: defaultMethodSpec(method),
          steps: 120,
          escapeRadius: 50,
          axes: {
            x: { param: 'lr', from: 0.02, to: 0.3, count: 6, scale: 'log' },
            y: { param: 'x0', from: -2, to: 2, count: 6, scale: 'linear' },
          },
        });
      });
    }
  }
});

describe('typed objectives compile to WGSL that matches the CPU', () => {
  const steps = 200;
  const lr = 0.1;
  for (const f of [
    'x*y + 0.1*x^2',
    'sin(x)*y',
    'tanh(x*y) + softplus(x) - sigmoid(y)',
    'x^3*y/3 - abs(y)',
  ]) {
    it(`f = ${f}`, () =>
      expectGpuMatchesCpu({
        game: { name: 'expression', f },
        method: 'sim-gda',
        lr,
        steps,
        escapeRadius: 1e3,
        axes: {
          x: { param: 'x0', from: -1.5, to: 1.5, count: 12 },
          y: { param: 'y0', from: -1.5, to: 1.5, count: 12 },
        },
      }));
  }
});
