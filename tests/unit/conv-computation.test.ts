import { describe, expect, it } from 'vitest';
import {
  SEED_EXAMPLES,
  cellValue,
  computationExample,
  conv2dConfig,
  conv2dReference,
  convTranspose2dConfig,
  convTranspose2dReference,
  gatherExample,
  sameOutputs,
  scatterPartialOutput,
  scatterTerms,
  windowComputation,
  type ConvConfig,
} from '../../src/core/conv/index.js';
import { mulberry32, randInt } from '../helpers/random.js';

const seedConfig = (id: number): ConvConfig => {
  const ex = SEED_EXAMPLES[id - 1];
  return ex.transposed ? convTranspose2dConfig(ex.args) : conv2dConfig(ex.args);
};

describe('the computation of one output cell', () => {
  it('works Example 1 at (0, 0) out by hand: window −2 1 / 0 −2, kernel 0 1 / 2 −1, bias 1 → 4', () => {
    const example = computationExample(seedConfig(1), 6, 6);
    const at = windowComputation(example, [0, 0]);
    expect(at.terms.map((t) => t.value)).toEqual([-2, 1, 0, -2]);
    expect(at.terms.map((t) => t.weight)).toEqual([0, 1, 2, -1]);
    expect(at.terms.map((t) => t.product)).toEqual([-0, 1, 0, 2]);
    expect(at.sum).toBe(3);
    expect(at.bias).toBe(1);
    expect(at.output).toBe(4);
  });

  it('shows small integers of both signs, deterministically', () => {
    const a = computationExample(seedConfig(3), 6, 6);
    const b = computationExample(seedConfig(3), 6, 6);
    expect(Array.from(a.input.data)).toEqual(Array.from(b.input.data));
    const values = [...a.input.data, ...a.weight.data];
    expect(values.every((v) => Number.isInteger(v) && v >= -2 && v <= 3)).toBe(true);
    expect(values.some((v) => v < 0) && values.some((v) => v > 0)).toBe(true);
  });

  it('sums, at every position of random layers (padding modes, dilation, same), to the reference conv', () => {
    const random = mulberry32(11);
    const modes = ['zeros', 'reflect', 'replicate', 'circular'];
    for (let trial = 0; trial < 60; trial++) {
      const k = randInt(random, 1, 4);
      const kw = randInt(random, 1, 3);
      const d = randInt(random, 1, 2);
      const same = trial % 5 === 0;
      const inH = randInt(random, d * (k - 1) + 1, 9);
      const inW = randInt(random, d * (kw - 1) + 1, 9);
      const config = conv2dConfig({
        inChannels: 3,
        outChannels: 2,
        kernelSize: [k, kw],
        stride: same ? 1 : randInt(random, 1, 3),
        padding: same ? 'same' : Math.min(randInt(random, 0, 2), inH - 1, inW - 1),
        dilation: d,
        paddingMode: modes[trial % 4],
        bias: trial % 2 === 0,
      });
      const example = computationExample(config, inH, inW);
      const [, , outH, outW] = example.output.shape;
      // The reference itself, on the same numbers, from the tensors alone.
      const expected = conv2dReference(
        example.config,
        example.input,
        example.weight,
        Float64Array.of(config.bias ? 1 : 0),
      );
      for (let r = 0; r < outH; r++) {
        for (let c = 0; c < outW; c++) {
          const at = windowComputation(example, [r, c]);
          expect(at.terms.length).toBe(config.kernel[0] * config.kernel[1]);
          expect(at.sum + at.bias).toBe(cellValue(expected, r, c));
          expect(at.output).toBe(cellValue(expected, r, c));
        }
      }
    }
  });
});

describe('a transposed convolution, scattered and gathered', () => {
  it('scatters Example 5 (k = s = 2): input (0, 0) lands on the 2 × 2 block at the top left', () => {
    const example = computationExample(seedConfig(5), 3, 3);
    const terms = scatterTerms(example, 0, 0);
    expect(terms.map((t) => [t.row, t.col])).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    // input (0, 0) is −2; kernel 0 1 / 2 −1.
    expect(terms.map((t) => t.product)).toEqual([-0, -2, -4, 2]);
  });

  it('accumulates from the bias alone to the reference output', () => {
    const example = computationExample(seedConfig(7), 3, 3);
    expect(Array.from(scatterPartialOutput(example, 0))).toEqual(
      new Array(example.output.data.length).fill(1),
    );
    expect(Array.from(scatterPartialOutput(example, 9))).toEqual(Array.from(example.output.data));
  });

  it('gives the same output both ways for random layers (crops, output padding, dilation)', () => {
    const random = mulberry32(5);
    let compared = 0;
    for (let trial = 0; trial < 80; trial++) {
      const s = randInt(random, 1, 3);
      const d = randInt(random, 1, 2);
      const config = convTranspose2dConfig({
        inChannels: 2,
        outChannels: 4,
        groups: 2,
        kernelSize: [randInt(random, 1, 4), randInt(random, 1, 4)],
        stride: s,
        dilation: d,
        padding: randInt(random, 0, 3),
        outputPadding: randInt(random, 0, Math.max(0, Math.max(s, d) - 1)),
        bias: trial % 2 === 1,
      });
      const inH = randInt(random, 2, 6);
      const inW = randInt(random, 2, 6);
      let example;
      try {
        example = computationExample(config, inH, inW);
      } catch {
        continue; // PyTorch refuses this output size; the shape tests cover that.
      }
      const scatter = scatterPartialOutput(example, inH * inW);
      const reference = convTranspose2dReference(
        example.config,
        example.input,
        example.weight,
        Float64Array.of(example.bias),
      );
      expect(Array.from(scatter)).toEqual(Array.from(reference.data));
      const gather = gatherExample(example).example.output;
      expect(gather.shape).toEqual(reference.shape);
      expect(sameOutputs(gather.data, reference.data)).toBe(true);
      compared++;
    }
    expect(compared).toBeGreaterThan(50);
  });

  it('gathers each output cell of Example 6 from the flipped kernel, summing to the output', () => {
    const example = computationExample(seedConfig(6), 5, 5);
    const gather = gatherExample(example);
    expect(gather.example.input.shape).toEqual([1, 1, 7, 7]);
    const [kh, kw] = example.config.kernel;
    expect(cellValue(gather.example.weight, 0, 0)).toBe(cellValue(example.weight, kh - 1, kw - 1));
    for (let r = 0; r < 6; r++) {
      for (let c = 0; c < 6; c++) {
        const at = windowComputation(gather.example, [r, c]);
        expect(at.sum + at.bias).toBe(cellValue(example.output, r, c));
      }
    }
  });

  it('tells different outputs apart', () => {
    expect(sameOutputs([1, 2], [1, 2])).toBe(true);
    expect(sameOutputs([1, 2], [1, 3])).toBe(false);
    expect(sameOutputs([1, 2], [1])).toBe(false);
  });
});
