import { describe, expect, it } from 'vitest';
import {
  DRAW_PURPOSE,
  explicitParameters,
  initialGanParameters,
  initialParameters,
  linearWeights,
  networkLayout,
  parseGanRunSpec,
  philox4x32,
  PhiloxStream,
  uniformFromBits,
} from '../../src/core/gan/index.js';

describe("PyTorch's default nn.Linear initialisation from the Philox stream", () => {
  const layout = networkLayout(
    { layers: 2, width: 64, activation: 'relu', slope: 0, bias: true },
    8,
    2,
  );

  it('lays weights [out][in] then biases, layer by layer', () => {
    expect(layout.shapes).toEqual([
      { in: 8, out: 64 },
      { in: 64, out: 64 },
      { in: 64, out: 2 },
    ]);
    expect(layout.offsets).toEqual([
      { weight: 0, bias: 512 },
      { weight: 576, bias: 4672 },
      { weight: 4736, bias: 4864 },
    ]);
    expect(layout.size).toBe(4866);
  });

  it('draws parameter i from lane i mod 4 of block (⌊i/4⌋, 0, purpose) as (2u − 1)/√fan_in', () => {
    const seed = 987654321;
    const params = initialParameters(layout, new PhiloxStream(seed), DRAW_PURPOSE.initGenerator);
    for (const [i, fanIn] of [
      [0, 8],
      [513, 8],
      [4671, 64],
      [4865, 64],
    ]) {
      const word = philox4x32(i >> 2, 0, DRAW_PURPOSE.initGenerator, 0, seed, 0)[i & 3];
      expect(params[i]).toBe((2 * uniformFromBits(word) - 1) / Math.sqrt(fanIn));
    }
  });

  it('is U(−1/√fan_in, 1/√fan_in) for weights and biases: range, mean and variance b²/3', () => {
    const params = initialParameters(layout, new PhiloxStream(3), DRAW_PURPOSE.initDiscriminator);
    // the 64×64 hidden weight matrix: 4096 draws with bound 1/8
    const block = params.subarray(576, 4672);
    const bound = 1 / 8;
    expect(Math.max(...block)).toBeLessThan(bound);
    expect(Math.min(...block)).toBeGreaterThan(-bound);
    expect(Math.max(...block)).toBeGreaterThan(0.99 * bound);
    const mean = block.reduce((a, b) => a + b, 0) / block.length;
    const variance = block.reduce((a, b) => a + (b - mean) ** 2, 0) / block.length;
    // standard errors: mean b/√(3·4096) ≈ 0.0011, variance ≈ 1.7% of b²/3
    expect(Math.abs(mean)).toBeLessThan(0.005);
    expect(Math.abs(variance / ((bound * bound) / 3) - 1)).toBeLessThan(0.07);
    // the first layer's bias has fan-in 8
    const firstBias = params.subarray(512, 576);
    expect(Math.max(...firstBias.map(Math.abs))).toBeLessThan(1 / Math.sqrt(8));
    expect(Math.max(...firstBias.map(Math.abs))).toBeGreaterThan(0.25);
  });

  it('gives the two networks and two seeds different draws, the same seed the same ones', () => {
    const spec = (seed: number) =>
      parseGanRunSpec({ seed, game: { name: 'mlp-gan', generator: { latent: 2 } } });
    const a = initialGanParameters(spec(1));
    const b = initialGanParameters(spec(1));
    const c = initialGanParameters(spec(2));
    expect(a.d).toEqual(b.d);
    expect(a.g).toEqual(b.g);
    expect(a.d[0]).not.toBe(c.d[0]);
    // both start with a [16×2] weight: the purposes keep them apart
    expect(a.d.subarray(0, 32)).not.toEqual(a.g.subarray(0, 32));
  });

  it('explicit weights round-trip through the flat layout', () => {
    const small = networkLayout(
      { layers: 1, width: 3, activation: 'tanh', slope: 0, bias: true },
      2,
      1,
    );
    const weights = [
      {
        weight: [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
        bias: [7, 8, 9],
      },
      { weight: [[10, 11, 12]], bias: [13] },
    ];
    const flat = explicitParameters(small, weights);
    expect(Array.from(flat)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(linearWeights(small, flat)).toEqual(weights);
    const noBias = networkLayout(
      { layers: 0, width: 1, activation: 'tanh', slope: 0, bias: false },
      2,
      1,
    );
    expect(linearWeights(noBias, Float64Array.from([4, 5]))).toEqual([{ weight: [[4, 5]] }]);
  });
});
