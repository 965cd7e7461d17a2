import { describe, expect, it } from 'vitest';
import { GAME_NAMES, METHOD_NAMES } from '../../src/core/games/index.js';
import { caseSweep, DIRAC_GAN_LOSSES, GAMES, LR_MAX } from './game-sweep-cases.js';
import { expectGpuMatchesCpu } from './game-sweep-compare.js';

describe('every game and method on the GPU agrees with the float64 reference', () => {
  it('covers the whole catalog', () => {
    expect(Object.keys(GAMES).sort()).toEqual([...GAME_NAMES].sort());
  });

  for (const game of GAME_NAMES) {
    for (const method of METHOD_NAMES) {
      it(`${method} on ${game}: same escape steps, states, radii and growth rates over an 8×8 sweep`, async () => {
        const { gpu } = await expectGpuMatchesCpu(
          caseSweep(GAMES[game], method, { lrMax: LR_MAX[game], cells: 8, steps: 150 }),
        );
        expect(gpu.metrics.radius.length).toBe(64);
      });
    }
  }
  for (const game of DIRAC_GAN_LOSSES) {
    for (const method of METHOD_NAMES) {
      it(`${method} on dirac-gan (${game.loss}): agrees with the reference over a 6×6 sweep`, async () => {
        await expectGpuMatchesCpu(caseSweep(game, method, { lrMax: 0.3, cells: 6, steps: 120 }));
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
