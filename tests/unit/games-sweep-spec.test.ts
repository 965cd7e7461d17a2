import { describe, expect, it } from 'vitest';
import {
  axisValues,
  cellSpec,
  DEFAULT_SPEC,
  learningRatePaths,
  numericParameters,
  parseSingleGameSpec,
  parseSweepSpec,
  SpecError,
} from '../../src/core/games/index.js';

const axes = (
  x: Record<string, unknown>,
  y: Record<string, unknown> = { param: 'x0', from: -1, to: 1, count: 3 },
) => ({
  x,
  y,
});

describe('parseSweepSpec', () => {
  it('fills every omitted field from DEFAULT_SPEC, the seed’s x·y example', () => {
    expect(parseSweepSpec({})).toEqual(DEFAULT_SPEC);
    expect(DEFAULT_SPEC).toMatchObject({
      game: { name: 'bilinear', b: 1 },
      method: { name: 'sim-gda' },
      lr: 0.1,
      x0: 1,
      y0: 1,
      axes: { x: { param: 'lr', scale: 'log' } },
    });
    expect(Object.isFrozen(DEFAULT_SPEC.axes.x)).toBe(true);
  });

  it('accepts a bare game or method name and fills that one’s defaults', () => {
    const spec = parseSweepSpec({ game: 'dirac-gan', method: 'adam' });
    expect(spec.game).toEqual({ name: 'dirac-gan', loss: 'gan', r1: 0, gp: 0, g0: 1, clip: 0 });
    expect(spec.method).toEqual({ name: 'adam', beta1: 0.9, beta2: 0.999, eps: 1e-8 });
  });

  it('keeps given fields and survives a JSON round trip unchanged', () => {
    const input = {
      game: { name: 'quadratic', muX: 0.3 },
      method: { name: 'momentum', beta: -0.2 },
      lr: 0.05,
      lrY: 0.01,
      x0: 2,
      y0: -1,
      steps: 77,
      escapeRadius: 1e3,
      axes: axes({ param: 'method.beta', from: -0.9, to: 0.9, count: 5 }),
    };
    const spec = parseSweepSpec(input);
    expect(spec.game).toEqual({ name: 'quadratic', muX: 0.3, muY: 0.1, b: 1 });
    expect(spec.method).toEqual({ name: 'momentum', beta: -0.2, order: 'x-first' });
    expect(spec.lrY).toBe(0.01);
    expect(spec.lrX).toBeUndefined();
    expect(spec.axes.x).toEqual({
      param: 'method.beta',
      from: -0.9,
      to: 0.9,
      count: 5,
      scale: 'linear',
    });
    expect(parseSweepSpec(JSON.parse(JSON.stringify(spec)))).toEqual(spec);
  });

  it.each([
    [
      { axes: axes({ param: 'lr', from: 0.1, to: 1, count: 0 }) },
      'axes.x.count: must be an integer from 1 to 4096, got 0',
    ],
    [
      { axes: axes({ param: 'lr', from: 0.1, to: 1 }, { param: 'x0', from: 0, to: 1, count: 0 }) },
      'axes.y.count: must be an integer from 1 to 4096, got 0',
    ],
    [
      { axes: axes({ param: 'lr', from: 0.1, to: 1, count: 4097 }) },
      'axes.x.count: must be an integer from 1 to 4096, got 4097',
    ],
    [
      { axes: axes({ param: 'lr', from: 0.1, to: 1, count: 2.5 }) },
      'axes.x.count: must be an integer from 1 to 4096, got 2.5',
    ],
    [
      { method: { name: 'sim-gda', beta: 0.5 } },
      "method.beta: unknown field for method 'sim-gda' (it has no parameters)",
    ],
    [
      { method: { name: 'momentum', gamma: 0.5 } },
      "method.gamma: unknown field for method 'momentum' (it has beta, order)",
    ],
    [{ game: { name: 'expression', f: 'x*z' } }, "game.f: unknown name 'z' at 2"],
    [{ game: { name: 'expression', f: 'x*' } }, 'game.f: '],
    [{ game: { name: 'expression', f: 42 } }, 'game.f: must be a string, got 42'],
    [
      { game: 'chess' },
      "game: unknown game 'chess' (expected one of bilinear, quadratic, dirac-gan, expression)",
    ],
    [{ game: { b: 2 } }, 'game.name: unknown game nothing'],
    [{ game: 7 }, 'game: must be a game name or an object with a name, got 7'],
    [{ method: 'newton' }, "method: unknown method 'newton'"],
    [
      { game: { name: 'dirac-gan', loss: 'hinge' } },
      "game.loss: must be one of 'gan', 'ns-gan', 'wgan', 'wgan-gp', got \"hinge\"",
    ],
    [{ game: { name: 'dirac-gan', r1: -1 } }, 'game.r1: must be a number from 0 to 100, got -1'],
    [
      { method: { name: 'adam', beta1: 1 } },
      'method.beta1: must be a number at least 0 and less than 1, got 1',
    ],
    [{ lr: 0 }, 'lr: must be a number greater than 0, got 0'],
    [{ lr: '0.1' }, 'lr: must be a number greater than 0, got "0.1"'],
    [{ lrX: -1 }, 'lrX: must be a number greater than 0, got -1'],
    [{ steps: 0 }, 'steps: must be an integer from 1 to 100000, got 0'],
    [{ steps: 100001 }, 'steps: must be an integer from 1 to 100000, got 100001'],
    [{ escapeRadius: 0 }, 'escapeRadius: must be a number greater than 0, got 0'],
    [{ x0: null }, 'x0: must be a number from -1e+300 to 1e+300, got null'],
    [{ speed: 3 }, 'speed: unknown field for a spec'],
    [{ axes: { z: {} } }, 'axes.z: unknown field for the axes'],
    [
      { axes: axes({ param: 'steps', from: 1, to: 10 }) },
      "axes.x.param: unknown parameter 'steps' (this spec can sweep lr, lrX, lrY, x0, y0, escapeRadius, game.b)",
    ],
    [
      { axes: axes({ param: 'method.beta', from: 0, to: 1 }) },
      "axes.x.param: unknown parameter 'method.beta'",
    ],
    [
      { axes: axes({ param: 'game.loss', from: 0, to: 1 }) },
      "axes.x.param: unknown parameter 'game.loss'",
    ],
    [
      { axes: axes({ param: 'lr', from: 0, to: 1, scale: 'log' }) },
      'axes.x.from: must be greater than 0 on a log axis, got 0',
    ],
    [
      { axes: axes({ param: 'x0', from: -1, to: 1, scale: 'log' }) },
      'axes.x.from: must be greater than 0 on a log axis, got -1',
    ],
    [
      { axes: axes({ param: 'lr', from: 0, to: 1 }) },
      'axes.x.from: must be a number greater than 0, got 0',
    ],
    [
      { axes: axes({ param: 'lr', from: 0.1, to: 1, scale: 'cubic' }) },
      "axes.x.scale: must be 'linear' or 'log', got \"cubic\"",
    ],
    [{ axes: axes({ param: 'lr', from: 0.1 }) }, 'axes.x.to: must be a finite number, got nothing'],
    [
      { axes: axes({ param: 'x0', from: 0, to: 1 }) },
      "axes.y.param: 'x0' is already swept by axes.x",
    ],
  ])('rejects %j with a message naming the field', (input, message) => {
    let error: unknown;
    try {
      parseSweepSpec(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).message.startsWith(message), (error as SpecError).message).toBe(
      true,
    );
    expect((error as SpecError).message.startsWith(`${(error as SpecError).field}: `)).toBe(true);
  });

  it('single-game specs take no axes', () => {
    expect(() => parseSingleGameSpec({ axes: DEFAULT_SPEC.axes })).toThrow('axes: unknown field');
    expect(parseSingleGameSpec({ lr: 0.3 }).lr).toBe(0.3);
  });

  it('gives a swept per-player rate its own field, starting from lr', () => {
    const spec = parseSweepSpec({ lr: 0.2, axes: axes({ param: 'lrX', from: 0.1, to: 1 }) });
    expect(spec.lrX).toBe(0.2);
    expect(spec.lrY).toBeUndefined();
    expect(learningRatePaths(spec)).toEqual({ x: 'lrX', y: 'lr' });
  });
});

describe('axisValues', () => {
  it('is linear from..to inclusive', () => {
    expect(
      Array.from(axisValues({ param: 'x0', from: -2, to: 2, count: 5, scale: 'linear' })),
    ).toEqual([-2, -1, 0, 1, 2]);
  });

  it('is geometric on a log axis, with exact ends', () => {
    const v = axisValues({ param: 'lr', from: 0.001, to: 1, count: 4, scale: 'log' });
    expect(v[0]).toBe(0.001);
    expect(v[3]).toBe(1);
    expect(v[1]).toBeCloseTo(0.01, 15);
    expect(v[2]).toBeCloseTo(0.1, 15);
  });

  it('has just `from` for a count of 1', () => {
    expect(
      Array.from(axisValues({ param: 'lr', from: 0.3, to: 9, count: 1, scale: 'log' })),
    ).toEqual([0.3]);
  });
});

describe('cellSpec and numericParameters', () => {
  const spec = parseSweepSpec({
    game: { name: 'dirac-gan', loss: 'gan' },
    method: { name: 'momentum', beta: -0.5 },
    axes: {
      x: { param: 'game.r1', from: 0, to: 2, count: 5 },
      y: { param: 'method.beta', from: -0.9, to: 0, count: 10 },
    },
  });

  it('sets the two swept dotted paths and leaves the rest, and the sweep spec, alone', () => {
    const cell = cellSpec(spec, 3, 9);
    expect(cell.game).toMatchObject({ name: 'dirac-gan', r1: 1.5, loss: 'gan' });
    expect(cell.method).toEqual({ name: 'momentum', beta: 0, order: 'x-first' });
    expect(cell).not.toHaveProperty('axes');
    expect(spec.game).toMatchObject({ r1: 0 });
    expect(spec.method).toMatchObject({ beta: -0.5 });
    expect(() => cellSpec(spec, 5, 0)).toThrow(RangeError);
  });

  it('lists every sweepable numeric field in a fixed order', () => {
    expect(numericParameters(spec)).toEqual([
      { path: 'lr', value: 0.1 },
      { path: 'x0', value: 1 },
      { path: 'y0', value: 1 },
      { path: 'escapeRadius', value: 1e6 },
      { path: 'game.r1', value: 0 },
      { path: 'game.gp', value: 0 },
      { path: 'game.g0', value: 1 },
      { path: 'game.clip', value: 0 },
      { path: 'method.beta', value: -0.5 },
    ]);
    const withRates = parseSingleGameSpec({ lrX: 0.2, lrY: 0.3 });
    expect(numericParameters(withRates).map((p) => p.path)).toEqual([
      'lr',
      'lrX',
      'lrY',
      'x0',
      'y0',
      'escapeRadius',
      'game.b',
    ]);
  });
});
