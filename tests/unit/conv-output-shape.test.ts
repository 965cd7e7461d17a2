import { describe, expect, it } from 'vitest';
import {
  ConvShapeError,
  SEED_EXAMPLES,
  conv2dConfig,
  convOutputShape,
  convOutputSize,
  convParameterCount,
  convTranspose2dConfig,
  outputPaddingForSize,
  transposedOutputSizeRange,
  type ConvArgs,
  type ConvConfig,
} from '../../src/core/conv/index.js';
import { mulberry32, randInt } from '../helpers/random.js';

function build(transposed: boolean, args: ConvArgs): ConvConfig {
  return transposed ? convTranspose2dConfig(args) : conv2dConfig(args);
}

describe("the seed's seven examples", () => {
  for (const example of SEED_EXAMPLES) {
    it(`Example ${example.id}: ${example.pytorch} on ${example.inputSize}×${example.inputSize} gives ${example.expectedOutput}×${example.expectedOutput}`, () => {
      const config = build(example.transposed, example.args);
      expect(convOutputSize(config, example.inputSize, example.inputSize)).toEqual([
        example.expectedOutput,
        example.expectedOutput,
      ]);
    });
  }

  it("Example 3's code line (padding=2) would give 5×5, as its note says", () => {
    const example = SEED_EXAMPLES[2];
    expect(example.note).toMatch(/padding=2.*5/);
    expect(convOutputSize(conv2dConfig({ ...example.args, padding: 2 }), 6, 6)).toEqual([5, 5]);
  });
});

/** Positions a window of extent K can take stepping by s over P cells, by walking them. */
function countWindowPositions(padded: number, extent: number, stride: number): number {
  let count = 0;
  for (let start = 0; start + extent <= padded; start += stride) count++;
  return count;
}

/** Output length of a transposed conv: scatter every (input, tap), crop p each side, add op. */
function scatterOutputLength(
  inSize: number,
  k: number,
  s: number,
  p: number,
  d: number,
  op: number,
): number {
  let last = -Infinity;
  for (let i = 0; i < inSize; i++) for (let j = 0; j < k; j++) last = Math.max(last, i * s + j * d);
  return last + 1 - 2 * p + op;
}

describe('output size against brute force, per axis (property)', () => {
  it('Conv2d: ⌊(in + 2p − d(k−1) − 1)/s⌋ + 1 equals the number of window positions, or the layer is rejected when there is none', () => {
    const rng = mulberry32(20240601);
    let checked = 0;
    for (let trial = 0; trial < 3000; trial++) {
      const kernel: [number, number] = [randInt(rng, 1, 5), randInt(rng, 1, 5)];
      const dilation: [number, number] = [randInt(rng, 1, 3), randInt(rng, 1, 3)];
      const same = rng() < 0.2;
      const stride: [number, number] = same ? [1, 1] : [randInt(rng, 1, 4), randInt(rng, 1, 4)];
      const padding: [number, number] = [randInt(rng, 0, 3), randInt(rng, 0, 3)];
      const input: [number, number] = [randInt(rng, 1, 20), randInt(rng, 1, 20)];
      const config = conv2dConfig({
        inChannels: 1,
        outChannels: 1,
        kernelSize: kernel,
        stride,
        dilation,
        padding: same ? 'same' : padding,
      });
      const pads = [
        config.padding.top + config.padding.bottom,
        config.padding.left + config.padding.right,
      ];
      const expected = [0, 1].map((a) =>
        countWindowPositions(input[a] + pads[a], dilation[a] * (kernel[a] - 1) + 1, stride[a]),
      );
      if (expected.includes(0)) {
        expect(() => convOutputSize(config, input[0], input[1])).toThrow(
          /Kernel size can't be greater than actual input size/,
        );
      } else {
        expect(convOutputSize(config, input[0], input[1])).toEqual(expected);
        if (same) expect(expected).toEqual(input);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(2000);
  });

  it('ConvTranspose2d: (in−1)s − 2p + d(k−1) + op + 1 equals the scattered extent, cropped and extended', () => {
    const rng = mulberry32(77);
    let checked = 0;
    for (let trial = 0; trial < 3000; trial++) {
      const kernel: [number, number] = [randInt(rng, 1, 5), randInt(rng, 1, 5)];
      const dilation: [number, number] = [randInt(rng, 1, 3), randInt(rng, 1, 3)];
      const stride: [number, number] = [randInt(rng, 1, 4), randInt(rng, 1, 4)];
      const padding: [number, number] = [randInt(rng, 0, 3), randInt(rng, 0, 3)];
      const outputPadding: [number, number] = [0, 1].map((a) =>
        randInt(rng, 0, Math.max(stride[a], dilation[a]) - 1),
      ) as [number, number];
      const input: [number, number] = [randInt(rng, 1, 12), randInt(rng, 1, 12)];
      const config = convTranspose2dConfig({
        inChannels: 2,
        outChannels: 4,
        kernelSize: kernel,
        stride,
        dilation,
        padding,
        outputPadding,
        groups: 2,
      });
      const expected = [0, 1].map((a) =>
        scatterOutputLength(
          input[a],
          kernel[a],
          stride[a],
          padding[a],
          dilation[a],
          outputPadding[a],
        ),
      );
      if (expected.some((e) => e < 1)) {
        expect(() => convOutputSize(config, input[0], input[1])).toThrow(
          /Output size is too small/,
        );
      } else {
        expect(convOutputSize(config, input[0], input[1])).toEqual(expected);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(2000);
  });

  it("'same' splits d(k−1) as ⌊total/2⌋ top/left and the rest bottom/right", () => {
    const config = conv2dConfig({
      inChannels: 1,
      outChannels: 1,
      kernelSize: [4, 3],
      dilation: [1, 3],
      padding: 'same',
    });
    expect(config.padding).toEqual({ top: 1, bottom: 2, left: 3, right: 3 });
  });
});

describe('channels, batch and output_size', () => {
  it('keeps the batch, sets the channels, and accepts an unbatched (C, H, W) input', () => {
    const config = conv2dConfig({
      inChannels: 3,
      outChannels: 64,
      kernelSize: 4,
      stride: 2,
      padding: 1,
    });
    expect(convOutputShape(config, [8, 3, 64, 64])).toEqual([8, 64, 32, 32]);
    expect(convOutputShape(config, [3, 64, 64])).toEqual([64, 32, 32]);
  });

  it('counts weights [out, in/g, kH, kW] plus bias for Conv2d and [in, out/g, kH, kW] for ConvTranspose2d', () => {
    expect(
      convParameterCount(
        conv2dConfig({ inChannels: 6, outChannels: 4, kernelSize: [3, 2], groups: 2 }),
      ),
    ).toBe(4 * 3 * 3 * 2 + 4);
    expect(
      convParameterCount(
        convTranspose2dConfig({
          inChannels: 6,
          outChannels: 4,
          kernelSize: 3,
          groups: 2,
          bias: false,
        }),
      ),
    ).toBe(6 * 2 * 9);
  });

  it('output_size accepts min … min + s − 1 and implies output_padding = requested − min', () => {
    const config = convTranspose2dConfig({
      inChannels: 1,
      outChannels: 1,
      kernelSize: 3,
      stride: [2, 3],
      padding: 1,
    });
    expect(transposedOutputSizeRange(config, 4, 4)).toEqual({ min: [7, 10], max: [8, 12] });
    expect(outputPaddingForSize(config, [4, 4], [8, 11])).toEqual([1, 1]);
    expect(outputPaddingForSize(config, [4, 4], [1, 1, 7, 12])).toEqual([0, 2]);
    expect(convOutputSize(config, 4, 4, { outputSize: [8, 12] })).toEqual([8, 12]);
  });
});

/** Each case: the layer, the input, and PyTorch's exact message. */
const REJECTIONS: {
  name: string;
  make: () => ConvConfig;
  input?: number[];
  outputSize?: number[];
  message: string;
}[] = [
  {
    name: 'groups = 0',
    make: () => conv2dConfig({ inChannels: 4, outChannels: 4, kernelSize: 3, groups: 0 }),
    message: 'groups must be a positive integer',
  },
  {
    name: 'in_channels not divisible by groups',
    make: () => conv2dConfig({ inChannels: 3, outChannels: 6, kernelSize: 3, groups: 2 }),
    message: 'in_channels must be divisible by groups',
  },
  {
    name: 'out_channels not divisible by groups',
    make: () => convTranspose2dConfig({ inChannels: 4, outChannels: 6, kernelSize: 3, groups: 4 }),
    message: 'out_channels must be divisible by groups',
  },
  {
    name: 'an unknown padding string',
    make: () => conv2dConfig({ inChannels: 1, outChannels: 1, kernelSize: 3, padding: 'full' }),
    message: "Invalid padding string 'full', should be one of {'valid', 'same'}",
  },
  {
    name: "padding='same' with stride 2",
    make: () =>
      conv2dConfig({
        inChannels: 1,
        outChannels: 1,
        kernelSize: 3,
        stride: [1, 2],
        padding: 'same',
      }),
    message: "padding='same' is not supported for strided convolutions",
  },
  {
    name: 'ConvTranspose2d with reflect padding',
    make: () =>
      convTranspose2dConfig({
        inChannels: 1,
        outChannels: 1,
        kernelSize: 3,
        paddingMode: 'reflect',
      }),
    message: 'Only "zeros" padding mode is supported for ConvTranspose2d',
  },
  {
    name: 'an unknown padding mode',
    make: () =>
      conv2dConfig({ inChannels: 1, outChannels: 1, kernelSize: 3, paddingMode: 'mirror' }),
    message:
      "padding_mode must be one of {'zeros', 'reflect', 'replicate', 'circular'}, but got padding_mode='mirror'",
  },
  {
    name: 'negative padding',
    make: () => conv2dConfig({ inChannels: 1, outChannels: 1, kernelSize: 3, padding: [1, -1] }),
    message: 'negative padding is not supported',
  },
  {
    name: 'negative output_padding',
    make: () =>
      convTranspose2dConfig({
        inChannels: 1,
        outChannels: 1,
        kernelSize: 3,
        stride: 2,
        outputPadding: -1,
      }),
    message: 'negative output_padding is not supported',
  },
  {
    name: 'stride 0',
    make: () => conv2dConfig({ inChannels: 1, outChannels: 1, kernelSize: 3, stride: [0, 1] }),
    message: 'non-positive stride is not supported',
  },
  {
    name: 'dilation 0',
    make: () =>
      convTranspose2dConfig({ inChannels: 1, outChannels: 1, kernelSize: 3, dilation: 0 }),
    message: 'dilation should be greater than zero',
  },
  {
    name: 'a dilated kernel larger than the padded input',
    make: () =>
      conv2dConfig({
        inChannels: 1,
        outChannels: 1,
        kernelSize: [3, 4],
        dilation: [2, 1],
        padding: 1,
      }),
    input: [1, 1, 2, 8],
    message:
      "Calculated padded input size per channel: (4 x 10). Kernel size: (5 x 4). Kernel size can't be greater than actual input size",
  },
  {
    name: 'output_padding not below stride or dilation',
    make: () =>
      convTranspose2dConfig({
        inChannels: 1,
        outChannels: 1,
        kernelSize: 5,
        stride: 2,
        padding: 1,
        dilation: [2, 3],
        outputPadding: 2,
      }),
    input: [1, 1, 73, 97],
    message:
      'output padding must be smaller than either stride or dilation, but got output_padding_height: 2 output_padding_width: 2 stride_height: 2 stride_width: 2 dilation_height: 2 dilation_width: 3',
  },
  {
    name: 'a transposed output below one cell',
    make: () => convTranspose2dConfig({ inChannels: 3, outChannels: 8, kernelSize: 1, padding: 1 }),
    input: [1, 3, 1, 5],
    message:
      'Given input size per channel: (1 x 5). Calculated output size per channel: (-1 x 3). Output size is too small',
  },
  {
    name: 'an output_size outside its range',
    make: () => convTranspose2dConfig({ inChannels: 1, outChannels: 1, kernelSize: 2, stride: 2 }),
    input: [1, 1, 3, 3],
    outputSize: [8, 6],
    message:
      'requested an output size of [8, 6], but valid sizes range from [6, 6] to [7, 7] (for an input of torch.Size([3, 3]))',
  },
  {
    name: 'a Conv2d channel mismatch',
    make: () =>
      conv2dConfig({ inChannels: 3, outChannels: 64, kernelSize: 4, stride: 2, padding: 1 }),
    input: [1, 1, 64, 64],
    message:
      'Given groups=1, weight of size [64, 3, 4, 4], expected input[1, 1, 64, 64] to have 3 channels, but got 1 channels instead',
  },
  {
    name: 'a grouped Conv2d channel mismatch',
    make: () => conv2dConfig({ inChannels: 8, outChannels: 4, kernelSize: 3, groups: 4 }),
    input: [2, 6, 9, 9],
    message:
      'Given groups=4, weight of size [4, 2, 3, 3], expected input[2, 6, 9, 9] to have 8 channels, but got 6 channels instead',
  },
  {
    name: 'a ConvTranspose2d channel mismatch',
    make: () => convTranspose2dConfig({ inChannels: 32, outChannels: 64, kernelSize: 3 }),
    input: [3, 16, 6, 6],
    message:
      'Given transposed=1, weight of size [32, 64, 3, 3], expected input[3, 16, 6, 6] to have 32 channels, but got 16 channels instead',
  },
  {
    name: 'a 2-D input to conv2d',
    make: () => conv2dConfig({ inChannels: 8, outChannels: 3, kernelSize: 1 }),
    input: [1, 8],
    message:
      'Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [1, 8]',
  },
  {
    name: 'reflect padding as wide as the input',
    make: () =>
      conv2dConfig({
        inChannels: 1,
        outChannels: 1,
        kernelSize: 3,
        padding: 64,
        paddingMode: 'reflect',
      }),
    input: [1, 1, 66, 58],
    message:
      'Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (64, 64) at dimension 3 of input [1, 1, 66, 58]',
  },
  {
    name: 'circular padding wider than the input',
    make: () =>
      conv2dConfig({
        inChannels: 1,
        outChannels: 1,
        kernelSize: 3,
        padding: 3,
        paddingMode: 'circular',
      }),
    input: [1, 1, 2, 8],
    message: 'Padding value causes wrapping around more than once.',
  },
  {
    name: "ConvTranspose2d with padding='same'",
    make: () =>
      convTranspose2dConfig({ inChannels: 1, outChannels: 1, kernelSize: 3, padding: 'same' }),
    message:
      "conv_transpose2d(): argument 'padding' (position 5) must be tuple of ints, but found element of type str at pos 0",
  },
  {
    name: 'kernel size 0',
    make: () => convTranspose2dConfig({ inChannels: 1, outChannels: 1, kernelSize: [0, 2] }),
    message: 'kernel size should be greater than zero, but got kernel_height: 0 kernel_width: 2',
  },
];

describe("every rejection, in PyTorch's words", () => {
  for (const c of REJECTIONS) {
    it(`${c.name}: "${c.message}"`, () => {
      let error: unknown;
      try {
        const config = c.make();
        convOutputShape(
          config,
          c.input ?? [1, config.inChannels, 8, 8],
          c.outputSize ? { outputSize: c.outputSize } : {},
        );
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConvShapeError);
      const shapeError = error as ConvShapeError;
      expect(shapeError.pytorchMessage).toBe(c.message);
      expect(shapeError.message).toBe(c.message);
      expect(shapeError.why.length).toBeGreaterThan(10);
      expect(shapeError.suggestion.length).toBeGreaterThan(5);
    });
  }

  it('suggests the allowed output_padding values', () => {
    const config = convTranspose2dConfig({
      inChannels: 1,
      outChannels: 1,
      kernelSize: 3,
      stride: [2, 1],
      dilation: [1, 3],
      outputPadding: [2, 3],
    });
    expect(() => convOutputSize(config, 5, 5)).toThrow(ConvShapeError);
    try {
      convOutputSize(config, 5, 5);
    } catch (e) {
      expect((e as ConvShapeError).suggestion).toBe(
        'Use output_padding_height in 0..1 and output_padding_width in 0..2.',
      );
    }
  });

  it('suggests channel counts divisible by groups, and the groups that divide both', () => {
    try {
      conv2dConfig({ inChannels: 6, outChannels: 12, kernelSize: 3, groups: 4 });
      expect.unreachable();
    } catch (e) {
      expect((e as ConvShapeError).suggestion).toBe(
        'Use in_channels=4 or 8 with groups=4, or keep the channels and use groups in {1, 2, 3, 6}.',
      );
    }
  });

  it('suggests the smallest input that fits the kernel', () => {
    try {
      convOutputSize(
        conv2dConfig({ inChannels: 1, outChannels: 1, kernelSize: 5, padding: 1 }),
        2,
        9,
      );
      expect.unreachable();
    } catch (e) {
      expect((e as ConvShapeError).suggestion).toMatch(
        /^Use an input of at least 3×3, padding=\(2, 1\)/,
      );
    }
  });

  it('checks groups before the padding string, as _ConvNd.__init__ does', () => {
    for (const padding of ['foo', 'SAME', 'same']) {
      expect(() =>
        conv2dConfig({
          inChannels: 3,
          outChannels: 3,
          kernelSize: 3,
          stride: 2,
          groups: 2,
          padding,
        }),
      ).toThrow('in_channels must be divisible by groups');
    }
  });
});
