import { describe, expect, it } from 'vitest';
import {
  DEFAULT_GAN_GAME,
  DEFAULT_GAN_SWEEP,
  ganAxisValues,
  ganCellSpec,
  isGanSweepJson,
  parseGanRunSpec,
  parseGanSweepSpec,
  type GanSweepSpec,
} from '../../src/core/gan/index.js';
import { SpecError } from '../../src/core/games/index.js';

/** The SpecError a spec is refused with (fails the test when it is accepted or fails otherwise). */
function refusal(json: unknown): SpecError {
  try {
    parseGanSweepSpec(json);
  } catch (error) {
    if (error instanceof SpecError) return error;
    throw error;
  }
  throw new Error(`accepted: ${JSON.stringify(json)}`);
}

const axis = (param: string, from: number, to: number, count = 3, scale = 'linear') => ({
  param,
  from,
  to,
  count,
  scale,
});

/** A deterministic-mode game: points data, latent points and explicit weights. */
const fixedGame = {
  name: 'mlp-gan',
  data: { kind: 'points', points: [[1], [-1]] },
  generator: { latent: 1, layers: 1, width: 2, activation: 'tanh' },
  discriminator: { layers: 0, bias: false },
  loss: 'minimax',
  latentPoints: [[0.5], [-0.5]],
  weights: {
    generator: [
      { weight: [[1], [2]], bias: [0, 0] },
      { weight: [[0.5, -0.5]], bias: [0.1] },
    ],
    discriminator: [{ weight: [[0.3]] }],
  },
};

describe('parseGanSweepSpec', () => {
  it('fills every omitted field: the default game, sim-gda, lrD × lrG on log axes of 32', () => {
    const spec = parseGanSweepSpec({});
    expect(spec).toEqual({
      ...DEFAULT_GAN_SWEEP,
      method: { name: 'sim-gda' },
      axes: {
        x: { param: 'lrD', from: 1e-3, to: 1, count: 32, scale: 'log' },
        y: { param: 'lrG', from: 1e-3, to: 1, count: 32, scale: 'log' },
      },
    });
    expect(spec.game).toEqual(DEFAULT_GAN_GAME);
    expect(spec.lr).toBe(parseGanRunSpec({}).lr);
    expect(spec.lrD).toBe(spec.lr);
    expect(spec.lrG).toBe(spec.lr);
  });

  it("accepts the shorthand game: 'mlp-gan' as the default game", () => {
    expect(parseGanSweepSpec({ game: 'mlp-gan', lr: 0.2 })).toEqual(
      parseGanSweepSpec({ game: { name: 'mlp-gan' }, lr: 0.2 }),
    );
    expect(parseGanSweepSpec({ game: 'mlp-gan' }).game).toEqual(DEFAULT_GAN_GAME);
  });

  it('keeps given fields and survives a JSON round trip unchanged', () => {
    const input = {
      game: { ...fixedGame, loss: 'wgan-gp', gpLambda: 3 },
      method: { name: 'momentum', beta: -0.3 },
      lr: 0.05,
      steps: 40,
      dSteps: 2,
      axes: { x: axis('method.beta', -0.5, 0.5, 5), y: axis('game.gpLambda', 0.1, 10, 4, 'log') },
    };
    const spec = parseGanSweepSpec(input);
    expect(spec.method).toEqual({ name: 'momentum', beta: -0.3, order: 'x-first' });
    expect(spec.game.gpLambda).toBe(3);
    expect(spec.axes.y).toEqual(axis('game.gpLambda', 0.1, 10, 4, 'log'));
    expect(parseGanSweepSpec(JSON.parse(JSON.stringify(spec)))).toEqual(spec);
  });

  it('gives a swept per-player rate its own slot, starting from the shared rate', () => {
    const spec = parseGanSweepSpec({
      lr: 0.3,
      axes: { x: axis('lrD', 0.1, 1), y: axis('seed', 0, 2) },
    });
    expect(spec.lrD).toBe(0.3);
    expect(spec.lrG).toBeUndefined();
    expect(ganCellSpec(spec, 2, 0).lrD).toBe(1);
    expect(ganCellSpec(spec, 2, 0).lrG).toBeUndefined();
    // An explicit rate is kept as given.
    const both = parseGanSweepSpec({ lr: 0.3, lrG: 0.02, axes: { x: axis('lrD', 0.1, 1) } });
    expect(both.lrG).toBe(0.02);
  });

  it('gives an axis without a count the GAN default (32), not the scalar sweeps’ 256', () => {
    const spec = parseGanSweepSpec({
      axes: { x: { param: 'lrD', from: 0.01, to: 0.1 }, y: { param: 'seed', from: 0, to: 9 } },
    });
    expect(spec.axes.x.count).toBe(32);
    expect(spec.axes.y.count).toBe(32);
    expect(spec.axes.x.scale).toBe('linear');
  });

  it.each<[string, unknown, string]>([
    ['spec', [], 'spec'],
    ['spec', null, 'spec'],
    ['game', { game: null }, 'game'],
    ['game', { game: 'dirac-gan' }, 'game'],
    ['game.name', { game: { name: 'bilinear' } }, 'game.name'],
    ['game field', { game: { name: 'mlp-gan', bogus: 1 } }, 'game.bogus'],
    ['data kind', { game: { name: 'mlp-gan', data: { kind: 'moons' } } }, 'game.data.kind'],
    [
      'ring modes',
      { game: { name: 'mlp-gan', data: { kind: 'ring', modes: 0 } } },
      'game.data.modes',
    ],
    ['width', { game: { name: 'mlp-gan', generator: { width: 65 } } }, 'game.generator.width'],
    [
      'width integer',
      { game: { name: 'mlp-gan', generator: { width: 2.5 } } },
      'game.generator.width',
    ],
    [
      'layers',
      { game: { name: 'mlp-gan', discriminator: { layers: 4 } } },
      'game.discriminator.layers',
    ],
    [
      'activation',
      { game: { name: 'mlp-gan', discriminator: { activation: 'gelu' } } },
      'game.discriminator.activation',
    ],
    ['bias', { game: { name: 'mlp-gan', generator: { bias: 1 } } }, 'game.generator.bias'],
    ['loss', { game: { name: 'mlp-gan', loss: 'lsgan' } }, 'game.loss'],
    ['r1', { game: { name: 'mlp-gan', r1: -1 } }, 'game.r1'],
    [
      'latent points',
      { game: { name: 'mlp-gan', latentPoints: [[1, 2, 3]] } },
      'game.latentPoints.0',
    ],
    [
      'weights',
      { game: { ...fixedGame, weights: { generator: [], discriminator: [] } } },
      'game.weights.generator',
    ],
    [
      'weight row',
      {
        game: {
          ...fixedGame,
          weights: { ...fixedGame.weights, discriminator: [{ weight: [[1, 2]] }] },
        },
      },
      'game.weights.discriminator.0.weight.0',
    ],
    ['method', { method: 'sga' }, 'method'],
    ['method name', { method: { name: 'newton' } }, 'method.name'],
    ['method field', { method: { name: 'adam', beta1: 1.5 } }, 'method.beta1'],
    ['lr', { lr: 0 }, 'lr'],
    ['lrD', { lrD: -1 }, 'lrD'],
    ['steps', { steps: 0 }, 'steps'],
    ['dSteps', { dSteps: 11 }, 'dSteps'],
    ['batch', { batch: 257 }, 'batch'],
    ['evalBatch', { evalBatch: 1 }, 'evalBatch'],
    ['seed', { seed: 2 ** 32 }, 'seed'],
    ['unknown run field', { lrX: 0.1 }, 'lrX'],
    ['axes', { axes: [] }, 'axes'],
    ['axes field', { axes: { z: axis('lr', 0.1, 1) } }, 'axes.z'],
    ['axis', { axes: { x: 3 } }, 'axes.x'],
    ['axis param', { axes: { x: axis('x0', 0.1, 1) } }, 'axes.x.param'],
    ['axis field', { axes: { x: { ...axis('lr', 0.1, 1), step: 1 } } }, 'axes.x.step'],
    ['axis count', { axes: { x: axis('lr', 0.1, 1, 0) } }, 'axes.x.count'],
    ['axis count integer', { axes: { x: axis('lr', 0.1, 1, 2.5) } }, 'axes.x.count'],
    ['axis scale', { axes: { x: axis('lr', 0.1, 1, 3, 'exp') } }, 'axes.x.scale'],
    ['axis from', { axes: { x: { param: 'lr', to: 1 } } }, 'axes.x.from'],
    ['axis out of range', { axes: { x: axis('lr', 0, 1) } }, 'axes.x.from'],
    [
      'log axis at 0',
      { method: 'momentum', axes: { x: axis('method.beta', 0, 0.5, 3, 'log') } },
      'axes.x.from',
    ],
    ['integer axis end', { axes: { x: axis('game.generator.width', 1.5, 8) } }, 'axes.x.from'],
    ['integer axis range', { axes: { x: axis('game.generator.width', 1, 65) } }, 'axes.x.to'],
    [
      'duplicate axes',
      { axes: { x: axis('lrD', 0.1, 1), y: axis('lrD', 0.1, 1) } },
      'axes.y.param',
    ],
  ])('refuses a bad %s, naming the field', (_, json, field) => {
    const error = refusal(json);
    expect(error.field).toBe(field);
    expect(error.message.startsWith(`${field}: `)).toBe(true);
  });

  it('names what the spec can sweep when an axis names something else', () => {
    const error = refusal({ method: 'adam', axes: { x: axis('method.beta', 0.1, 0.5) } });
    expect(error.message).toMatch(/unknown parameter 'method.beta'/);
    expect(error.message).toMatch(/method\.beta1/);
    expect(error.message).toMatch(/game\.generator\.width/);
  });

  it('sweeps integer fields (width, layers, latent, seed, steps) and nested numbers', () => {
    for (const param of [
      'game.generator.width',
      'game.discriminator.layers',
      'game.generator.latent',
      'game.data.modes',
      'seed',
      'steps',
      'dSteps',
      'batch',
    ]) {
      const spec = parseGanSweepSpec({ axes: { x: axis(param, 1, 3), y: axis('lrG', 0.1, 1) } });
      expect(spec.axes.x.param).toBe(param);
    }
    expect(() =>
      parseGanSweepSpec({
        axes: { x: axis('game.data.radius', 0.5, 4), y: axis('game.r1', 0, 1) },
      }),
    ).not.toThrow();
  });

  it('refuses to sweep a shape that explicit weights or latent points fix', () => {
    for (const param of [
      'game.generator.width',
      'game.generator.layers',
      'game.generator.latent',
      'game.discriminator.width',
      'game.discriminator.layers',
    ])
      expect(refusal({ game: fixedGame, axes: { x: axis(param, 1, 2) } }).field).toBe(
        'axes.x.param',
      );
    const latentOnly = { ...fixedGame, weights: undefined };
    expect(
      refusal({ game: latentOnly, axes: { y: axis('game.generator.latent', 1, 2) } }).field,
    ).toBe('axes.y.param');
    // Latent points fix only the latent dimension; the width is still free.
    expect(
      parseGanSweepSpec({
        game: latentOnly,
        axes: { x: axis('game.generator.width', 1, 4), y: axis('lrG', 0.1, 1) },
      }).axes.x.param,
    ).toBe('game.generator.width');
  });

  it('refuses an axis that would leave every cell the same run', () => {
    const idle = (json: unknown) => refusal(json).message;
    expect(idle({ lrD: 0.1, lrG: 0.1, axes: { x: axis('lr', 0.1, 1) } })).toMatch(
      /^axes\.x\.param: 'lr' has no effect/,
    );
    expect(idle({ axes: { y: axis('game.gpLambda', 1, 10) } })).toMatch(
      /^axes\.y\.param: 'game\.gpLambda' has no effect with loss 'non-saturating'/,
    );
    expect(idle({ axes: { x: axis('game.generator.slope', 0.1, 0.3) } })).toMatch(
      /activation 'relu'/,
    );
    expect(idle({ game: fixedGame, axes: { x: axis('batch', 1, 8) } })).toMatch(/used whole/);
    expect(idle({ game: fixedGame, axes: { y: axis('seed', 0, 8) } })).toMatch(/nothing is drawn/);
    // WGAN-GP's mixing weights are drawn from the seed's stream, so there the seed matters.
    expect(
      parseGanSweepSpec({
        game: { ...fixedGame, loss: 'wgan-gp' },
        axes: { x: axis('lr', 0.1, 1), y: axis('seed', 0, 8) },
      }).axes.y.param,
    ).toBe('seed');
    // The same fields where they matter.
    expect(() =>
      parseGanSweepSpec({
        lrD: 0.1,
        game: { name: 'mlp-gan', loss: 'wgan-gp', generator: { activation: 'leaky-relu' } },
        axes: { x: axis('lr', 0.1, 1), y: axis('game.gpLambda', 1, 10) },
      }),
    ).not.toThrow();
    expect(() =>
      parseGanSweepSpec({
        game: { name: 'mlp-gan', discriminator: { activation: 'leaky-relu' } },
        axes: { x: axis('game.discriminator.slope', 0, 0.5), y: axis('batch', 1, 8) },
      }),
    ).not.toThrow();
  });
});

describe('ganCellSpec', () => {
  const spec = parseGanSweepSpec({
    method: { name: 'momentum', beta: 0 },
    axes: {
      x: axis('method.beta', -0.5, 0.5, 5),
      y: axis('game.generator.width', 1, 64, 4, 'log'),
    },
  });

  it('sets the two swept fields to the axes’ values, integer fields rounded', () => {
    const { x, y } = ganAxisValues(spec);
    expect(Array.from(x)).toEqual([-0.5, -0.25, 0, 0.25, 0.5]);
    // 1, 4, 16, 64 up to rounding of exp(log …)
    expect(Array.from(y, (v) => +v.toPrecision(12))).toEqual([1, 4, 16, 64]);
    expect(y[1]).not.toBe(4); // the raw axis value is not an integer…
    const cell = ganCellSpec(spec, 1, 1);
    expect(cell.method).toEqual({ name: 'momentum', beta: -0.25, order: 'x-first' });
    expect(cell.game.generator.width).toBe(4); // …the cell's width is
    expect(ganCellSpec(spec, 4, 3).game.generator.width).toBe(64);
    expect(ganCellSpec(spec, 0, 0).game.generator.width).toBe(1);
    expect('axes' in cell).toBe(false);
  });

  it('rounds to the nearest integer (a linear axis over seeds)', () => {
    const seeds = parseGanSweepSpec({
      axes: { x: axis('seed', 0, 10, 4), y: axis('lrG', 0.1, 1) },
    });
    // 0, 3.33, 6.67, 10
    expect([0, 1, 2, 3].map((i) => ganCellSpec(seeds, i, 0).seed)).toEqual([0, 3, 7, 10]);
  });

  it('gives a valid run spec: parsing it again changes nothing', () => {
    for (const [ix, iy] of [
      [0, 0],
      [2, 1],
      [4, 3],
    ])
      expect(parseGanRunSpec(ganCellSpec(spec, ix, iy))).toEqual(ganCellSpec(spec, ix, iy));
  });

  it('shares no mutable object with the sweep spec or with other cells', () => {
    const fixed = parseGanSweepSpec({
      game: fixedGame,
      axes: { x: axis('lr', 0.1, 0.2), y: axis('method.beta', 0, 0.5) },
      method: 'momentum',
    });
    const before = structuredClone(fixed);
    const a = ganCellSpec(fixed, 0, 0);
    const b = ganCellSpec(fixed, 1, 1);
    a.game.weights!.generator[0].weight[0][0] = 99;
    a.game.latentPoints![0][0] = 99;
    (a.game.data as { points: number[][] }).points[0][0] = 99;
    a.game.generator.width = 7;
    (a.method as { beta: number }).beta = 9;
    expect(fixed).toEqual(before);
    expect(b.game.weights!.generator[0].weight[0][0]).toBe(1);
    expect(b.game.latentPoints![0][0]).toBe(0.5);
    expect((b.method as { beta: number }).beta).toBe(0.25);
  });

  it('refuses a cell outside the grid', () => {
    expect(() => ganCellSpec(spec, 5, 0)).toThrow(RangeError);
    expect(() => ganCellSpec(spec, 0, -1)).toThrow(RangeError);
    expect(() => ganCellSpec(spec, 0.5, 0)).toThrow(RangeError);
  });

  it('leaves the default spec untouched (the frozen default is not the parsed one)', () => {
    const parsed: GanSweepSpec = parseGanSweepSpec({});
    parsed.game.data = { kind: 'points', points: [[0]] };
    expect(parseGanSweepSpec({}).game.data.kind).toBe('ring');
    expect(DEFAULT_GAN_GAME.data.kind).toBe('ring');
  });
});

describe('isGanSweepJson', () => {
  it('is true for the mlp-gan game, as a name or an object, and false otherwise', () => {
    expect(isGanSweepJson({ game: 'mlp-gan' })).toBe(true);
    expect(isGanSweepJson({ game: { name: 'mlp-gan', loss: 'wgan' } })).toBe(true);
    expect(isGanSweepJson({ game: 'dirac-gan' })).toBe(false);
    expect(isGanSweepJson({ game: { name: 'bilinear' } })).toBe(false);
    expect(isGanSweepJson({})).toBe(false);
    expect(isGanSweepJson(null)).toBe(false);
    expect(isGanSweepJson([{ game: 'mlp-gan' }])).toBe(false);
    expect(isGanSweepJson('mlp-gan')).toBe(false);
    expect(isGanSweepJson({ game: null })).toBe(false);
  });
});
