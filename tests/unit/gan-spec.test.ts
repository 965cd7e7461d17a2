import { describe, expect, it } from 'vitest';
import { SpecError } from '../../src/core/games/index.js';
import { dataDimension, DEFAULT_GAN_GAME, parseGanRunSpec } from '../../src/core/gan/index.js';

function rejection(spec: unknown): SpecError {
  try {
    parseGanRunSpec(spec);
  } catch (e) {
    expect(e).toBeInstanceOf(SpecError);
    return e as SpecError;
  }
  throw new Error(`accepted ${JSON.stringify(spec)}`);
}

const game = (fields: Record<string, unknown>) => ({ game: { name: 'mlp-gan', ...fields } });

describe('parseGanRunSpec', () => {
  it('fills every default', () => {
    const spec = parseGanRunSpec({});
    expect(spec.game).toEqual(DEFAULT_GAN_GAME);
    expect(spec.method).toEqual({ name: 'sim-gda' });
    expect(spec).toMatchObject({
      lr: 1e-3,
      steps: 1000,
      dSteps: 1,
      batch: 64,
      evalBatch: 256,
      seed: 0,
    });
    expect(spec.lrD).toBeUndefined();
    expect(spec.lrG).toBeUndefined();
  });

  it('keeps what it is given: data of every kind, networks, losses, penalties and methods', () => {
    const spec = parseGanRunSpec({
      ...game({
        data: { kind: 'grid', side: 3, sigma: 0.1 },
        generator: {
          latent: 4,
          layers: 3,
          width: 64,
          activation: 'leaky-relu',
          slope: 0.1,
          bias: false,
        },
        discriminator: { layers: 0, activation: 'elu' },
        loss: 'wgan-gp',
        gpLambda: 5,
        r1: 1,
        r2: 2,
        clip: 0.01,
      }),
      method: { name: 'momentum', beta: -0.3 },
      lrD: 0.01,
      lrG: 0.002,
      dSteps: 5,
    });
    expect(spec.game.data).toEqual({ kind: 'grid', side: 3, spacing: 2, sigma: 0.1 });
    expect(spec.game.generator).toEqual({
      latent: 4,
      layers: 3,
      width: 64,
      activation: 'leaky-relu',
      slope: 0.1,
      bias: false,
    });
    expect(spec.game.discriminator).toMatchObject({
      layers: 0,
      width: 16,
      activation: 'elu',
      bias: true,
    });
    expect(spec.method).toEqual({ name: 'momentum', beta: -0.3, order: 'x-first' });
    expect(parseGanRunSpec(game({ data: { kind: 'mixture1d' } })).game.data).toEqual({
      kind: 'mixture1d',
      modes: 2,
      spacing: 4,
      sigma: 0.1,
    });
    expect(dataDimension({ kind: 'mixture1d', modes: 2, spacing: 1, sigma: 1 })).toBe(1);
    expect(dataDimension({ kind: 'points', points: [[1, 2]] })).toBe(2);
  });

  it('accepts a deterministic-mode spec: points, latent points and explicit weights', () => {
    const spec = parseGanRunSpec(
      game({
        data: { kind: 'points', points: [[1], [-1]] },
        generator: { latent: 1, layers: 1, width: 2 },
        discriminator: { layers: 0, bias: false },
        latentPoints: [[0.5], [-0.5]],
        weights: {
          generator: [
            { weight: [[1], [2]], bias: [0, 0] },
            { weight: [[0.5, -0.5]], bias: [0.1] },
          ],
          discriminator: [{ weight: [[0.3]] }],
        },
      }),
    );
    expect(spec.game.weights!.generator[1].weight).toEqual([[0.5, -0.5]]);
    expect(spec.game.latentPoints).toEqual([[0.5], [-0.5]]);
  });

  it('names the bad field and says why', () => {
    const cases: [unknown, string, RegExp][] = [
      [[], 'spec', /must be an object/],
      [{ speed: 1 }, 'speed', /unknown field/],
      [{ game: { name: 'bilinear' } }, 'game.name', /must be 'mlp-gan'/],
      [game({ data: { kind: 'spiral' } }), 'game.data.kind', /must be one of 'ring'/],
      [game({ data: { kind: 'ring', modes: 0 } }), 'game.data.modes', /integer from 1 to 64/],
      [game({ data: { kind: 'ring', side: 3 } }), 'game.data.side', /unknown field/],
      [game({ data: { kind: 'points', points: [] } }), 'game.data.points', /non-empty list/],
      [
        game({ data: { kind: 'points', points: [[1, 2], [3]] } }),
        'game.data.points.1',
        /list of 2 numbers/,
      ],
      [
        game({ data: { kind: 'points', points: [[1, 2, 3]] } }),
        'game.data.points.0',
        /1 or 2 numbers/,
      ],
      [
        game({ data: { kind: 'points', points: [[NaN]] } }),
        'game.data.points.0.0',
        /finite number/,
      ],
      [game({ generator: { latent: 9 } }), 'game.generator.latent', /integer from 1 to 8/],
      [game({ generator: { width: 65 } }), 'game.generator.width', /integer from 1 to 64/],
      [game({ discriminator: { layers: 4 } }), 'game.discriminator.layers', /integer from 0 to 3/],
      [game({ discriminator: { latent: 2 } }), 'game.discriminator.latent', /unknown field/],
      [
        game({ discriminator: { activation: 'gelu' } }),
        'game.discriminator.activation',
        /must be one of/,
      ],
      [game({ discriminator: { bias: 1 } }), 'game.discriminator.bias', /true or false/],
      [game({ loss: 'lsgan' }), 'game.loss', /must be one of/],
      [game({ r1: -1 }), 'game.r1', /a number from 0 to 1000000/],
      [game({ latentPoints: [[1, 2, 3]] }), 'game.latentPoints.0', /list of 2 numbers/],
      [
        game({ generator: { latent: 1 }, latentPoints: [[1, 2]] }),
        'game.latentPoints.0',
        /list of 1 numbers/,
      ],
      [game({ weights: { generator: [] } }), 'game.weights.generator', /list of 3 layers/],
      [
        game({
          data: { kind: 'mixture1d' },
          generator: { latent: 1, layers: 0 },
          discriminator: { layers: 0 },
          weights: {
            generator: [{ weight: [[1]], bias: [0] }],
            discriminator: [{ weight: [[1, 2]], bias: [0] }],
          },
        }),
        'game.weights.discriminator.0.weight.0',
        /list of 1 numbers/,
      ],
      [
        game({
          data: { kind: 'mixture1d' },
          generator: { latent: 1, layers: 0 },
          discriminator: { layers: 0, bias: false },
          weights: {
            generator: [{ weight: [[1]], bias: [0] }],
            discriminator: [{ weight: [[1]], bias: [0] }],
          },
        }),
        'game.weights.discriminator.0.bias',
        /unknown field/,
      ],
      [{ method: 'sga' }, 'method', /unknown method for mlp-gan "sga"/],
      [{ method: { name: 'adam', beta1: 1 } }, 'method.beta1', /less than 1/],
      [{ method: { name: 'eg', gamma: 1 } }, 'method.gamma', /unknown field/],
      [{ lrD: 0 }, 'lrD', /greater than 0/],
      [{ batch: 257 }, 'batch', /integer from 1 to 256/],
      [{ seed: -1 }, 'seed', /integer from 0 to 4294967295/],
      [{ steps: 1.5 }, 'steps', /integer/],
    ];
    for (const [spec, field, reason] of cases) {
      const e = rejection(spec);
      expect(e.field, JSON.stringify(spec)).toBe(field);
      expect(e.message.startsWith(`${field}: `)).toBe(true);
      expect(e.reason).toMatch(reason);
    }
  });
});
