import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/core/random.js';
import {
  forward,
  ganField,
  ganModel,
  grad,
  linear,
  matmul,
  mean,
  mul,
  networkLayout,
  parameterTensors,
  parseGanRunSpec,
  PhiloxStream,
  repeatCols,
  repeatRows,
  sum,
  sumCols,
  sumRows,
  tensor,
  trainingBatch,
  transpose,
  unary,
  type GanBatch,
  type GanModel,
  type Tensor,
  type UnaryKind,
} from '../../src/core/gan/index.js';

/** Central differences of f at x, coordinate by coordinate. */
function numericGradient(f: (x: Float64Array) => number, x: Float64Array, h = 1e-6): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const keep = x[i];
    const step = h * Math.max(1, Math.abs(keep));
    x[i] = keep + step;
    const up = f(x);
    x[i] = keep - step;
    const down = f(x);
    x[i] = keep;
    out[i] = (up - down) / (2 * step);
  }
  return out;
}

function expectClose(
  analytic: ArrayLike<number>,
  numeric: ArrayLike<number>,
  tol: number,
  what: string,
): void {
  expect(analytic.length, what).toBe(numeric.length);
  let scaleMax = 0;
  for (let i = 0; i < numeric.length; i++) scaleMax = Math.max(scaleMax, Math.abs(numeric[i]));
  // the gradient is not trivially zero, so agreement means something
  expect(scaleMax, `${what}: gradient is all zeros`).toBeGreaterThan(1e-6);
  for (let i = 0; i < numeric.length; i++)
    expect(
      Math.abs(analytic[i] - numeric[i]),
      `${what}[${i}]: ${analytic[i]} vs ${numeric[i]}`,
    ).toBeLessThan(tol * (1 + scaleMax));
}

function randomValues(random: () => number, n: number, spread = 1): Float64Array {
  return Float64Array.from({ length: n }, () => (2 * random() - 1) * spread);
}

/** Points away from 0, where relu, leaky-relu, elu and the masked power have their kinks. */
function awayFromKinks(random: () => number, n: number): Float64Array {
  return Float64Array.from({ length: n }, () => (random() < 0.5 ? -1 : 1) * (0.2 + 1.3 * random()));
}

describe('elementwise functions: first and second derivatives', () => {
  const kinds: [UnaryKind, number[]][] = [
    ['relu', []],
    ['leaky-relu', [0.2]],
    ['tanh', []],
    ['elu', []],
    ['elu-grad', []],
    ['softplus', []],
    ['sigmoid', []],
    ['square', []],
    ['masked-power', [0.5, 1]],
    ['masked-power', [-0.5, 0.5]],
  ];
  for (const [kind, p] of kinds) {
    it(`${kind}${p.length ? `(${p.join(', ')})` : ''}`, () => {
      const random = mulberry32(kind.length * 31 + p.length);
      const x0 =
        kind === 'masked-power'
          ? Float64Array.from(awayFromKinks(random, 7), Math.abs)
          : awayFromKinks(random, 7);
      const weights = randomValues(random, 7);
      const w = tensor(7, 1, weights);
      const value = (x: Float64Array) => sum(mul(w, unary(tensor(7, 1, x), kind, p))).scalar;
      const first = (x: Float64Array) => {
        const leaf = tensor(7, 1, x);
        return grad(sum(mul(w, unary(leaf, kind, p))), [leaf])[0];
      };
      expectClose(first(x0).value, numericGradient(value, x0), 1e-7, `${kind}′`);
      if (kind === 'relu' || kind === 'leaky-relu') return; // f″ = 0 away from the kink
      // second derivative: the gradient of Σ wᵢ·f′(xᵢ)·cᵢ
      const c = tensor(7, 1, randomValues(random, 7));
      const leaf = tensor(7, 1, x0);
      const g = grad(sum(mul(c, grad(sum(mul(w, unary(leaf, kind, p))), [leaf])[0])), [leaf])[0];
      const firstDotC = (x: Float64Array) => sum(mul(c, first(x))).scalar;
      expectClose(g.value, numericGradient(firstDotC, x0), 1e-6, `${kind}″`);
    });
  }
});

describe('matrix operations', () => {
  it('matmul, transpose, row and column sums and repeats, linear with and without bias', () => {
    const random = mulberry32(5);
    // a [4×3], b [3×3], bias [1×3]; every case maps them to a [4×3] result
    const a0 = randomValues(random, 12);
    const b0 = randomValues(random, 9);
    const bias0 = randomValues(random, 3);
    const readout = tensor(4, 3, randomValues(random, 12));
    const cases: [string, (a: Tensor, b: Tensor, bias: Tensor) => Tensor, boolean][] = [
      ['matmul', (a, b) => matmul(a, b), false],
      ['transpose', (a, b) => transpose(matmul(transpose(b), transpose(a))), false],
      ['linear', (a, b, bias) => linear(a, b, bias), true],
      ['linear without bias', (a, b) => linear(a, b, null), false],
      [
        'sums and repeats',
        (a, b, bias) => {
          const m = matmul(a, b);
          return mul(repeatRows(mul(bias, sumRows(m)), 4), repeatCols(sumCols(m), 3));
        },
        true,
      ],
    ];
    for (const [name, op, usesBias] of cases) {
      const scalar = (a: Float64Array, b: Float64Array, bias: Float64Array) =>
        sum(mul(readout, op(tensor(4, 3, a), tensor(3, 3, b), tensor(1, 3, bias)))).scalar;
      const leaves = [tensor(4, 3, a0), tensor(3, 3, b0), tensor(1, 3, bias0)];
      const grads = grad(sum(mul(readout, op(leaves[0], leaves[1], leaves[2]))), leaves);
      expectClose(
        grads[0].value,
        numericGradient((x) => scalar(x, b0, bias0), Float64Array.from(a0)),
        1e-7,
        `${name} ∂a`,
      );
      expectClose(
        grads[1].value,
        numericGradient((x) => scalar(a0, x, bias0), Float64Array.from(b0)),
        1e-7,
        `${name} ∂b`,
      );
      if (usesBias)
        expectClose(
          grads[2].value,
          numericGradient((x) => scalar(a0, b0, x), Float64Array.from(bias0)),
          1e-7,
          `${name} ∂bias`,
        );
      else expect(Array.from(grads[2].value)).toEqual([0, 0, 0]);
    }
  });
});

describe('networks: the gradient of the output with respect to weights and inputs', () => {
  for (const activation of ['relu', 'leaky-relu', 'tanh', 'elu'] as const) {
    for (const layers of [0, 1, 3]) {
      for (const bias of [true, false]) {
        it(`${activation}, ${layers} hidden layers, bias ${bias}`, () => {
          const random = mulberry32(layers * 17 + activation.length + (bias ? 1 : 0));
          const layout = networkLayout({ layers, width: 4, activation, slope: 0.3, bias }, 2, 2);
          const params = randomValues(random, layout.size);
          const x0 = randomValues(random, 10, 2);
          const readout = tensor(5, 2, randomValues(random, 10));
          const out = (p: Float64Array, x: Float64Array) =>
            sum(mul(readout, forward(layout, parameterTensors(layout, p), tensor(5, 2, x))));
          const leaves = parameterTensors(layout, params);
          const input = tensor(5, 2, x0);
          const grads = grad(sum(mul(readout, forward(layout, leaves, input))), [...leaves, input]);
          const flat = new Float64Array(layout.size);
          let offset = 0;
          for (const g of grads.slice(0, -1)) {
            flat.set(g.value, offset);
            offset += g.size;
          }
          expectClose(
            flat,
            numericGradient((p) => out(p, x0).scalar, Float64Array.from(params)),
            1e-6,
            'weights',
          );
          expectClose(
            grads[grads.length - 1].value,
            numericGradient((x) => out(params, x).scalar, Float64Array.from(x0)),
            1e-6,
            'inputs',
          );
        });
      }
    }
  }
});

interface Setup {
  model: GanModel;
  batch: GanBatch;
  d: Float64Array;
  g: Float64Array;
}

function setup(game: Record<string, unknown>, seed: number): Setup {
  const spec = parseGanRunSpec({
    game: {
      name: 'mlp-gan',
      data: { kind: 'ring', modes: 4, radius: 1.5, sigma: 0.3 },
      generator: { latent: 3, layers: 1, width: 5, activation: 'tanh' },
      discriminator: { layers: 2, width: 4, activation: 'elu' },
      ...game,
    },
    batch: 6,
    seed,
  });
  const model = ganModel(spec.game);
  const random = mulberry32(seed);
  return {
    model,
    batch: trainingBatch(new PhiloxStream(seed), spec, 3),
    d: randomValues(random, model.d.size),
    g: randomValues(random, model.g.size),
  };
}

const VALUES_ONLY = { d: false, g: false, adjustment: false };

describe('losses and penalties: the field against finite differences of the objectives', () => {
  const games: Record<string, unknown>[] = [
    { loss: 'minimax' },
    { loss: 'non-saturating' },
    { loss: 'wgan' },
    { loss: 'hinge' },
    { loss: 'wgan-gp', gpLambda: 3 },
    { loss: 'non-saturating', r1: 2 },
    { loss: 'minimax', r2: 1.5 },
    { loss: 'hinge', r1: 0.5, r2: 0.7 },
    {
      loss: 'wgan-gp',
      gpLambda: 1,
      r1: 1,
      discriminator: { layers: 1, width: 3, activation: 'tanh' },
    },
    {
      loss: 'minimax',
      generator: { latent: 2, layers: 2, width: 3, activation: 'leaky-relu', slope: 0.1 },
    },
  ];
  for (const game of games) {
    it(JSON.stringify(game), () => {
      const { model, batch, d, g } = setup(game, 11);
      const f = ganField(model, d, g, batch, { d: true, g: true, adjustment: false });
      const valueD = (x: Float64Array) => ganField(model, x, g, batch, VALUES_ONLY).valueD;
      const lossG = (x: Float64Array) => ganField(model, d, x, batch, VALUES_ONLY).lossG;
      expectClose(f.d!, numericGradient(valueD, Float64Array.from(d)), 1e-6, 'v_D = ∇_D V_D');
      expectClose(
        f.g!,
        numericGradient(lossG, Float64Array.from(g)).map((x) => -x),
        1e-6,
        'v_G = −∇_G L_G',
      );
    });
  }
});

describe('consensus adjustment ∇½‖v‖²: second derivatives (third with a penalty)', () => {
  const games: Record<string, unknown>[] = [
    { loss: 'non-saturating' },
    { loss: 'wgan' },
    { loss: 'wgan-gp', gpLambda: 2, discriminator: { layers: 1, width: 3, activation: 'tanh' } },
    { loss: 'minimax', r1: 1 },
  ];
  for (const game of games) {
    it(JSON.stringify(game), () => {
      const { model, batch, d, g } = setup(game, 23);
      const both = { d: true, g: true, adjustment: true };
      const f = ganField(model, d, g, batch, both);
      const half = (dd: Float64Array, gg: Float64Array) => {
        const v = ganField(model, dd, gg, batch, { d: true, g: true, adjustment: false });
        let s = 0;
        for (const x of v.d!) s += x * x;
        for (const x of v.g!) s += x * x;
        return s / 2;
      };
      expectClose(
        f.adjustD!,
        numericGradient((x) => half(x, g), Float64Array.from(d)),
        1e-5,
        '∂/∂D',
      );
      expectClose(
        f.adjustG!,
        numericGradient((x) => half(d, x), Float64Array.from(g)),
        1e-5,
        '∂/∂G',
      );
      // a D-only adjustment differentiates ½‖v_D‖² alone
      const dOnly = ganField(model, d, g, batch, { d: true, g: false, adjustment: true });
      const halfD = (dd: Float64Array) => {
        const v = ganField(model, dd, g, batch, { d: true, g: false, adjustment: false }).d!;
        return v.reduce((s, x) => s + x * x, 0) / 2;
      };
      expectClose(dOnly.adjustD!, numericGradient(halfD, Float64Array.from(d)), 1e-5, 'D-only');
      expect(dOnly.adjustG).toBeNull();
    });
  }
});

describe('the gradient penalty term itself', () => {
  it('λ·E(‖∇ₓD(x̂)‖ − 1)² for a linear discriminator is λ(‖w‖ − 1)², whatever x̂', () => {
    const spec = parseGanRunSpec({
      game: {
        name: 'mlp-gan',
        data: { kind: 'ring' },
        discriminator: { layers: 0, bias: true },
        loss: 'wgan-gp',
        gpLambda: 4,
      },
      batch: 8,
    });
    const model = ganModel(spec.game);
    const batch = trainingBatch(new PhiloxStream(1), spec, 0);
    const d = Float64Array.from([0.3, -1.2, 0.05]);
    const g = Float64Array.from({ length: model.g.size }, (_, i) => Math.sin(i));
    const plain = ganField(
      model,
      d,
      g,
      { ...batch, mix: batch.mix.map(() => 0.5) },
      VALUES_ONLY,
    ).valueD;
    const other = ganField(model, d, g, batch, VALUES_ONLY).valueD;
    const withoutPenalty = ganField(
      ganModel({ ...spec.game, gpLambda: 0 }),
      d,
      g,
      batch,
      VALUES_ONLY,
    ).valueD;
    expect(other).toBeCloseTo(plain, 14);
    expect(withoutPenalty - other).toBeCloseTo(4 * (Math.hypot(0.3, -1.2) - 1) ** 2, 14);
  });

  it('R1 for a linear discriminator is (γ/2)‖w‖²', () => {
    const spec = parseGanRunSpec({
      game: {
        name: 'mlp-gan',
        data: { kind: 'grid' },
        discriminator: { layers: 0 },
        loss: 'hinge',
        r1: 3,
      },
      batch: 8,
    });
    const model = ganModel(spec.game);
    const batch = trainingBatch(new PhiloxStream(1), spec, 0);
    const d = Float64Array.from([0.7, 0.2, -0.4]);
    const g = new Float64Array(model.g.size).fill(0.1);
    const withR1 = ganField(model, d, g, batch, VALUES_ONLY).valueD;
    const without = ganField(ganModel({ ...spec.game, r1: 0 }), d, g, batch, VALUES_ONLY).valueD;
    expect(without - withR1).toBeCloseTo(1.5 * (0.49 + 0.04), 14);
  });
});

describe('mean', () => {
  it('is the sum over the size', () => {
    expect(mean(tensor(2, 2, [1, 2, 3, 6])).scalar).toBe(3);
  });
});
