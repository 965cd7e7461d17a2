import { describe, expect, it } from 'vitest';
import { parseSweepSpec } from '../../src/core/games/index.js';
import { composeGameKernel } from '../../src/gpu/game/game-kernel-source.js';

describe('a sweep kernel composed for what is asked', () => {
  const spec = (b: number) =>
    parseSweepSpec({ game: { name: 'bilinear', b }, method: 'sim-gda', x0: 1 });
  const swept = ['lr', 'x0'];

  it('folds a game parameter of 1 in as an override constant, and nothing else', () => {
    const kernel = composeGameKernel(spec(1), 'sweep', { keepInBuffer: swept });
    expect(kernel.constants).toEqual({ PARAM_GAME_B: 1 });
    expect(kernel.code).toContain('override PARAM_GAME_B: f32;');
    // The start, the escape radius and other values stay in the buffer (see foldable).
    expect(composeGameKernel(spec(1.3), 'sweep', { keepInBuffer: swept }).constants).toEqual({});
    expect(composeGameKernel(spec(1), 'sweep').constants).toEqual({});
  });

  it('tracks radius² each step only when maxRadius is asked for', () => {
    const all = composeGameKernel(spec(1), 'sweep');
    const growth = composeGameKernel(spec(1), 'sweep', { metrics: ['growthRate'] });
    expect(all.code).toContain('const TRACK_MAX_RADIUS = true;');
    expect(growth.code).toContain('const TRACK_MAX_RADIUS = false;');
    expect(growth.code).toContain('const STORE_GROWTH_RATE = true;');
    expect(growth.code).toContain('const STORE_FINAL_X = false;');
    expect(growth.code).toContain('const STORE_STEPS_RUN = true;');
    expect(growth.metrics).toEqual(['growthRate']);
  });
});
