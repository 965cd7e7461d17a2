import { describe, expect, it } from 'vitest';
import {
  conv2dConfig,
  conv2dReference,
  convOutputSize,
  convTranspose2dConfig,
  convTranspose2dReference,
  transposedOutputSizeRange,
  weightShape,
  type Tensor4,
} from '../../src/core/conv/index.js';
import { mulberry32, pick, randInt } from '../helpers/random.js';

function tensor(shape: [number, number, number, number], values: number[]): Tensor4 {
  return { shape, data: Float64Array.from(values) };
}

function randomTensor(rng: () => number, shape: [number, number, number, number]): Tensor4 {
  const size = shape.reduce((a, b) => a * b, 1);
  return { shape, data: Float64Array.from({ length: size }, () => rng() * 2 - 1) };
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('conv2d reference, by hand', () => {
  it('a 2×2 kernel over a 3×3 input with bias', () => {
    const config = conv2dConfig({ inChannels: 1, outChannels: 1, kernelSize: 2 });
    const out = conv2dReference(
      config,
      tensor([1, 1, 3, 3], range(9)),
      tensor([1, 1, 2, 2], [1, 0, 0, -1]),
      Float64Array.of(10),
    );
    // out[y, x] = in[y, x] − in[y+1, x+1] + 10 = −4 + 10 everywhere.
    expect([...out.data]).toEqual([6, 6, 6, 6]);
  });

  it('stride 2, padding 1, dilation 2 picks the cells the formula names', () => {
    const config = conv2dConfig({
      inChannels: 1,
      outChannels: 1,
      kernelSize: 2,
      stride: 2,
      padding: 1,
      dilation: 2,
    });
    const input = tensor([1, 1, 4, 4], range(16));
    const out = conv2dReference(config, input, tensor([1, 1, 2, 2], [1, 1, 1, 1]));
    // Padded 6×6, effective kernel 3, outputs at padded rows/cols 0 and 2: taps at 0,2 and 2,4.
    // Input index = padded − 1; taps at padded 0 fall in padding.
    const at = (y: number, x: number) =>
      y >= 0 && y < 4 && x >= 0 && x < 4 ? input.data[y * 4 + x] : 0;
    const expected = [0, 2].flatMap((py) =>
      [0, 2].map(
        (px) => at(py - 1, px - 1) + at(py - 1, px + 1) + at(py + 1, px - 1) + at(py + 1, px + 1),
      ),
    );
    expect(out.shape).toEqual([1, 1, 2, 2]);
    expect([...out.data]).toEqual(expected);
    expect(expected).toEqual([6, 8 + 6, 14 + 6, 6 + 8 + 14 + 16]);
  });

  it("uneven 'same' padding puts the extra zero bottom/right", () => {
    const config = conv2dConfig({
      inChannels: 1,
      outChannels: 1,
      kernelSize: [2, 1],
      padding: 'same',
    });
    const out = conv2dReference(
      config,
      tensor([1, 1, 3, 1], [1, 2, 3]),
      tensor([1, 1, 2, 1], [1, 10]),
    );
    // Rows padded as [1, 2, 3, 0]: out[y] = in[y] + 10·in[y+1].
    expect([...out.data]).toEqual([21, 32, 3]);
  });

  it('groups = channels (depthwise) keeps each channel to itself', () => {
    const config = conv2dConfig({ inChannels: 3, outChannels: 6, kernelSize: 1, groups: 3 });
    const out = conv2dReference(
      config,
      tensor([1, 3, 1, 1], [1, 10, 100]),
      tensor([6, 1, 1, 1], [1, 2, 3, 4, 5, 6]),
    );
    expect([...out.data]).toEqual([1, 2, 30, 40, 500, 600]);
  });

  for (const [mode, padded] of [
    ['reflect', [3, 2, 1, 2, 3, 2, 1]],
    ['replicate', [1, 1, 1, 2, 3, 3, 3]],
    ['circular', [2, 3, 1, 2, 3, 1, 2]],
    ['zeros', [0, 0, 1, 2, 3, 0, 0]],
  ] as const) {
    it(`padding_mode='${mode}' equals a valid conv over the input padded by hand`, () => {
      const config = conv2dConfig({
        inChannels: 1,
        outChannels: 1,
        kernelSize: [1, 3],
        padding: [0, 2],
        paddingMode: mode,
      });
      const weight = tensor([1, 1, 1, 3], [1, 10, 100]);
      const padded2d = conv2dConfig({ inChannels: 1, outChannels: 1, kernelSize: [1, 3] });
      const expected = conv2dReference(padded2d, tensor([1, 1, 1, 7], [...padded]), weight);
      expect([...conv2dReference(config, tensor([1, 1, 1, 3], [1, 2, 3]), weight).data]).toEqual([
        ...expected.data,
      ]);
    });
  }
});

describe('conv_transpose2d reference, by hand', () => {
  it('Example 5: a 2×2 kernel at stride 2 stamps one copy per input cell, no overlap', () => {
    const config = convTranspose2dConfig({
      inChannels: 1,
      outChannels: 1,
      kernelSize: 2,
      stride: 2,
    });
    const out = conv2dShape(
      convTranspose2dReference(
        config,
        tensor([1, 1, 1, 2], [1, 2]),
        tensor([1, 1, 2, 2], [1, 2, 3, 4]),
      ),
    );
    expect(out).toEqual([
      [1, 2, 2, 4],
      [3, 4, 6, 8],
    ]);
  });

  it('overlapping contributions add; padding crops; output_padding adds a computed last row', () => {
    const config = convTranspose2dConfig({
      inChannels: 1,
      outChannels: 1,
      kernelSize: [1, 3],
      stride: [1, 2],
      padding: [0, 1],
      outputPadding: [0, 1],
    });
    const out = conv2dShape(
      convTranspose2dReference(
        config,
        tensor([1, 1, 1, 2], [1, 10]),
        tensor([1, 1, 1, 3], [1, 2, 3]),
      ),
    );
    // Uncropped: [1, 2, 3+10, 20, 30]; crop 1 each side → [2, 13, 20]; op=1 keeps the next cell: 30.
    expect(out).toEqual([[2, 13, 20, 30]]);
  });

  it('groups: weight [in, out/g, kH, kW] maps each input channel to its group only', () => {
    const config = convTranspose2dConfig({
      inChannels: 2,
      outChannels: 4,
      kernelSize: 1,
      groups: 2,
    });
    const out = convTranspose2dReference(
      config,
      tensor([1, 2, 1, 1], [1, 10]),
      tensor([2, 2, 1, 1], [1, 2, 3, 4]),
      Float64Array.of(0, 0, 0, 0.5),
    );
    expect([...out.data]).toEqual([1, 2, 30, 40.5]);
  });
});

function conv2dShape(t: Tensor4): number[][] {
  const [, , h, w] = t.shape;
  return Array.from({ length: h }, (_, y) => [...t.data.slice(y * w, y * w + w)]);
}

describe('the adjoint identity ⟨conv(x), y⟩ = ⟨x, convT(y)⟩', () => {
  it('holds for random strides, paddings, dilations and groups (property)', () => {
    const rng = mulberry32(31415);
    let checked = 0;
    for (let trial = 0; trial < 300; trial++) {
      const groups = pick(rng, [1, 1, 2, 3]);
      const inChannels = groups * randInt(rng, 1, 2);
      const outChannels = groups * randInt(rng, 1, 2);
      const kernel: [number, number] = [randInt(rng, 1, 4), randInt(rng, 1, 4)];
      const stride: [number, number] = [randInt(rng, 1, 3), randInt(rng, 1, 3)];
      const dilation: [number, number] = [randInt(rng, 1, 2), randInt(rng, 1, 2)];
      const padding: [number, number] = [randInt(rng, 0, 2), randInt(rng, 0, 2)];
      const [h, w] = [randInt(rng, 1, 9), randInt(rng, 1, 9)];
      const conv = conv2dConfig({
        inChannels,
        outChannels,
        kernelSize: kernel,
        stride,
        dilation,
        padding,
        groups,
      });
      let out: readonly [number, number];
      try {
        out = convOutputSize(conv, h, w);
      } catch {
        continue;
      }
      const transposed = convTranspose2dConfig({
        inChannels: outChannels,
        outChannels: inChannels,
        kernelSize: kernel,
        stride,
        dilation,
        padding,
        groups,
      });
      const { min } = transposedOutputSizeRange(transposed, out[0], out[1]);
      const withSize = convTranspose2dConfig({
        inChannels: outChannels,
        outChannels: inChannels,
        kernelSize: kernel,
        stride,
        dilation,
        padding,
        groups,
        outputPadding: [h - min[0], w - min[1]],
      });
      const batch = randInt(rng, 1, 2);
      const weight = randomTensor(rng, weightShape(conv));
      const x = randomTensor(rng, [batch, inChannels, h, w]);
      const y = randomTensor(rng, [batch, outChannels, out[0], out[1]]);
      const convX = conv2dReference(conv, x, weight);
      const convTY = convTranspose2dReference(withSize, y, weight);
      expect(convTY.shape).toEqual(x.shape);
      const lhs = dot(convX.data, y.data);
      const rhs = dot(x.data, convTY.data);
      expect(Math.abs(lhs - rhs)).toBeLessThan(1e-9 * (1 + Math.abs(lhs)));
      checked++;
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('and fails when the transposed weight is taken from a different layer (the test can fail)', () => {
    const rng = mulberry32(1);
    const conv = conv2dConfig({
      inChannels: 1,
      outChannels: 1,
      kernelSize: 3,
      stride: 2,
      padding: 1,
    });
    const transposed = convTranspose2dConfig({
      inChannels: 1,
      outChannels: 1,
      kernelSize: 3,
      stride: 2,
      padding: 1,
    });
    const x = randomTensor(rng, [1, 1, 5, 5]);
    const y = randomTensor(rng, [1, 1, 3, 3]);
    const lhs = dot(conv2dReference(conv, x, randomTensor(rng, [1, 1, 3, 3])).data, y.data);
    const rhs = dot(
      x.data,
      convTranspose2dReference(transposed, y, randomTensor(rng, [1, 1, 3, 3])).data,
    );
    expect(Math.abs(lhs - rhs)).toBeGreaterThan(1e-6);
  });
});
