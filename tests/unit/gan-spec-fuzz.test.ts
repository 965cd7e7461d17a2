import { describe, expect, it } from 'vitest';
import { SpecError } from '../../src/core/games/index.js';
import { GAN_FATES, parseGanRunSpec, trainGan } from '../../src/core/gan/index.js';
import { mulberry32 } from '../../src/core/random.js';

/** A small valid spec to mutate: every nested kind of field is present. */
const BASE = {
  game: {
    name: 'mlp-gan',
    data: {
      kind: 'points',
      points: [
        [0.5, -1],
        [1, 2],
      ],
    },
    generator: { latent: 2, layers: 1, width: 3, activation: 'elu', slope: 0.1, bias: true },
    discriminator: { layers: 1, width: 2, activation: 'leaky-relu', bias: false },
    loss: 'wgan-gp',
    gpLambda: 1,
    r1: 0.5,
    latentPoints: [
      [0, 1],
      [1, 0],
    ],
    weights: {
      generator: [
        {
          weight: [
            [1, 0],
            [0, 1],
            [1, 1],
          ],
          bias: [0, 0, 0],
        },
        {
          weight: [
            [1, 0, 0],
            [0, 1, 0],
          ],
          bias: [0, 0],
        },
      ],
      discriminator: [
        {
          weight: [
            [1, 0],
            [0, 1],
          ],
        },
        { weight: [[1, -1]] },
      ],
    },
  },
  method: { name: 'consensus', gamma: 0.5 },
  lr: 0.1,
  steps: 2,
  batch: 4,
  evalBatch: 8,
};

const JUNK: unknown[] = [
  null,
  undefined,
  NaN,
  Infinity,
  -1,
  0,
  1.5,
  1e300,
  '',
  'relu',
  'x',
  true,
  [],
  [[]],
  [1, 2],
  [[1, 'a']],
  {},
  { kind: 'ring' },
  { name: 'adam' },
  { weight: [[1]] },
];

/** Every path to a value inside the object, as key lists. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [
    prefix,
    ...keys.flatMap((k) => paths((value as Record<string | number, unknown>)[k], [...prefix, k])),
  ];
}

function setAt(root: unknown, path: (string | number)[], v: unknown): unknown {
  if (path.length === 0) return v;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  node[path[path.length - 1]] = v;
  return copy;
}

describe('hostile GAN specs', () => {
  it('the base spec is valid and trains', () => {
    const m = trainGan(parseGanRunSpec(BASE)).metrics;
    expect(GAN_FATES[m.fate]).toBeDefined();
  });

  it('any field replaced by junk either parses and trains to finite metrics, or is a SpecError', () => {
    const random = mulberry32(2024);
    const all = paths(BASE);
    let rejected = 0;
    let accepted = 0;
    for (let trial = 0; trial < 1500; trial++) {
      const path = all[Math.floor(random() * all.length)];
      const junk = JUNK[Math.floor(random() * JUNK.length)];
      const spec = setAt(BASE, path, junk);
      let parsed;
      try {
        parsed = parseGanRunSpec(spec);
      } catch (e) {
        expect(e, `${path.join('.')} = ${String(junk)}`).toBeInstanceOf(SpecError);
        expect((e as SpecError).message.startsWith((e as SpecError).field)).toBe(true);
        rejected++;
        continue;
      }
      accepted++;
      // keep the run tiny: only the shape of what parsed matters here
      const m = trainGan({
        ...parsed,
        steps: 1,
        evalBatch: Math.min(parsed.evalBatch, 8),
        batch: Math.min(parsed.batch, 4),
      }).metrics;
      for (const [name, value] of Object.entries(m))
        expect(Number.isFinite(value), `${path.join('.')}: ${name}`).toBe(true);
    }
    expect(rejected).toBeGreaterThan(300);
    expect(accepted).toBeGreaterThan(100);
  }, 120_000);
});
