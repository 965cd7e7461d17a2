import { describe, expect, it } from 'vitest';
import {
  DCGAN_DISCRIMINATOR,
  DCGAN_GENERATOR,
  formatFraction,
  parseStack,
  traceStack,
  type StackTrace,
} from '../../src/core/conv/index.js';
import { DCGAN_TUTORIAL_GENERATOR } from '../helpers/dcgan-tutorial.js';

const trace = (code: string, input: number[]): StackTrace =>
  traceStack(parseStack(code).layers, input);

describe('the DCGAN tutorial generator pasted verbatim', () => {
  it('traces from 1×100×1×1 to 1×3×64×64 and equals the preset layer for layer', () => {
    const tutorial = trace(DCGAN_TUTORIAL_GENERATOR, [1, 100, 1, 1]);
    expect(tutorial.error).toBeNull();
    expect(tutorial.rows[tutorial.rows.length - 1].outputShape).toEqual([1, 3, 64, 64]);
    expect(tutorial.totalParams).toBe(3_576_704);
    expect(parseStack(DCGAN_TUTORIAL_GENERATOR).layers).toEqual(
      parseStack(DCGAN_GENERATOR.code).layers,
    );
  });
});

describe('tracing the DCGAN presets', () => {
  const g = trace(DCGAN_GENERATOR.code, DCGAN_GENERATOR.input);
  const d = trace(DCGAN_DISCRIMINATOR.code, DCGAN_DISCRIMINATOR.input);

  it('the generator grows 1×100×1×1 noise to 1×3×64×64 through 4, 8, 16, 32', () => {
    expect(g.error).toBeNull();
    expect(
      g.rows.filter((r) => r.layer.type === 'ConvTranspose2d').map((r) => r.outputShape),
    ).toEqual([
      [1, 512, 4, 4],
      [1, 256, 8, 8],
      [1, 128, 16, 16],
      [1, 64, 32, 32],
      [1, 3, 64, 64],
    ]);
    expect(g.rows[g.rows.length - 1].outputShape).toEqual([1, 3, 64, 64]);
  });

  it('the generator has 3,576,704 parameters: 3,574,784 in bias-free kernels and 1,920 in BatchNorm scale and shift', () => {
    const kernels = 100 * 512 * 16 + 512 * 256 * 16 + 256 * 128 * 16 + 128 * 64 * 16 + 64 * 3 * 16;
    const batchNorm = 2 * (512 + 256 + 128 + 64);
    expect(kernels + batchNorm).toBe(3_576_704);
    expect(g.totalParams).toBe(3_576_704);
    expect(g.rows.map((r) => r.params).reduce((a, b) => a + b)).toBe(3_576_704);
  });

  it('the discriminator takes 3×64×64 down to 1×1×1 with 2,765,568 parameters', () => {
    expect(d.error).toBeNull();
    expect(
      d.rows.filter((r) => r.layer.type === 'Conv2d').map((r) => r.outputShape.slice(2)),
    ).toEqual([
      [32, 32],
      [16, 16],
      [8, 8],
      [4, 4],
      [1, 1],
    ]);
    expect(d.rows[d.rows.length - 1].outputShape).toEqual([1, 1, 1, 1]);
    const kernels = 3 * 64 * 16 + 64 * 128 * 16 + 128 * 256 * 16 + 256 * 512 * 16 + 512 * 16;
    expect(d.totalParams).toBe(kernels + 2 * (128 + 256 + 512));
    expect(d.totalParams).toBe(2_765_568);
  });

  it("the discriminator's receptive field follows r += (k−1)·jump: 4, 10, 22, 46, 94 with jumps 2, 4, 8, 16", () => {
    const convs = d.rows.filter((r) => r.layer.type === 'Conv2d');
    expect(convs.map((r) => r.receptiveField)).toEqual([
      [4, 4],
      [10, 10],
      [22, 22],
      [46, 46],
      [94, 94],
    ]);
    expect(convs.map((r) => formatFraction(r.jump![0]))).toEqual(['2', '4', '8', '16', '16']);
  });

  it("the generator's jump halves at each stride-2 layer", () => {
    const convs = g.rows.filter((r) => r.layer.type === 'ConvTranspose2d');
    expect(convs.map((r) => formatFraction(r.jump![1]))).toEqual([
      '1',
      '1/2',
      '1/4',
      '1/8',
      '1/16',
    ]);
    expect(convs.every((r) => r.warnings.length === 0)).toBe(true);
  });
});

describe('stopping at the first failing layer', () => {
  it("reports the run-time channel mismatch with PyTorch's message and keeps the rows before it", () => {
    const result = trace(
      'nn.Conv2d(1, 1, 1)\nnn.Conv2d(3, 64, 4, 2, 1, bias=False)\nnn.ReLU()',
      [1, 1, 64, 64],
    );
    expect(result.rows).toHaveLength(1);
    expect(result.error?.index).toBe(1);
    expect(result.error?.error.pytorchMessage).toBe(
      'Given groups=1, weight of size [64, 3, 4, 4], expected input[1, 1, 64, 64] to have 3 channels, but got 1 channels instead',
    );
  });

  it("reports Linear's matrix mismatch", () => {
    const result = trace('Conv2d(3, 16, 4, 2, 1)\nFlatten()\nLinear(8192, 1)', [1, 3, 32, 32]);
    expect(result.rows.map((r) => r.outputShape)).toEqual([
      [1, 16, 16, 16],
      [1, 4096],
    ]);
    expect(result.error?.error.pytorchMessage).toBe(
      'mat1 and mat2 shapes cannot be multiplied (1x4096 and 8192x1)',
    );
    expect(result.error?.error.suggestion).toBe('Use nn.Linear(4096, 1).');
  });

  it('reports construction-time rejections at their layer', () => {
    expect(
      trace('Conv2d(3, 8, 3, stride=2, padding="same")', [1, 3, 8, 8]).error?.error.pytorchMessage,
    ).toBe("padding='same' is not supported for strided convolutions");
    expect(trace('Dropout(1.5)', [1, 3, 8, 8]).error?.error.pytorchMessage).toBe(
      'dropout probability has to be between 0 and 1, but got 1.5',
    );
  });

  it("reports BatchNorm2d's channel mismatch and rank", () => {
    expect(trace('BatchNorm2d(64)', [1, 3, 8, 8]).error?.error.pytorchMessage).toBe(
      'running_mean should contain 3 elements not 64',
    );
    expect(trace('Flatten()\nBatchNorm2d(192)', [1, 3, 8, 8]).error?.error.pytorchMessage).toBe(
      'expected 4D input (got 2D input)',
    );
  });

  it("reports pooling's limits in PyTorch's order", () => {
    const message = (code: string, input = [1, 3, 8, 8]) =>
      trace(code, input).error?.error.pytorchMessage;
    expect(message('AvgPool2d(3, 3, 3)')).toBe(
      'pad should be at most half of effective kernel size, but got pad=3, kernel_size=3 and dilation=1',
    );
    expect(message('MaxPool2d(2, dilation=3, padding=2)')).toBe(
      'pad should be smaller than or equal to half of kernel size, but got padW = 2, padH = 2, kW = 2, kH = 2',
    );
    expect(message('MaxPool2d(3)', [1, 3, 2, 2])).toBe(
      'Given input size: (3x2x2). Calculated output size: (3x0x0). Output size is too small',
    );
    expect(message('MaxPool2d(0)')).toBe('stride should not be zero');
  });

  it("reports Upsample's argument rules", () => {
    const message = (code: string) => trace(code, [1, 3, 8, 8]).error?.error.pytorchMessage;
    expect(message("Upsample(scale_factor=2, mode='nearest', align_corners=True)")).toBe(
      'align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear',
    );
    expect(message('Upsample(size=4, scale_factor=2)')).toBe(
      'only one of size or scale_factor should be defined',
    );
    expect(message('Upsample()')).toBe('either size or scale_factor should be defined');
    expect(message("Upsample(scale_factor=2, mode='linear')")).toBe(
      'Got 4D input, but linear mode needs 3D input',
    );
  });
});

describe('shapes and warnings of other layers', () => {
  it('pools with ceil_mode, upsamples by factor and by size, flattens', () => {
    const result = trace(
      "MaxPool2d(2, ceil_mode=True)\nAvgPool2d(3, stride=1, padding=1)\nUpsample(scale_factor=(2, 1.5), mode='bilinear')\nUpsample(size=(5, 7))\nFlatten(2)",
      [2, 3, 7, 9],
    );
    expect(result.rows.map((r) => r.outputShape)).toEqual([
      [2, 3, 4, 5],
      [2, 3, 4, 5],
      [2, 3, 8, 7],
      [2, 3, 5, 7],
      [2, 3, 35],
    ]);
    expect(result.rows[4].receptiveField).toBeNull();
  });

  it("warns about Example 4's lost edge and about interior gaps", () => {
    const lost = trace('Conv2d(1, 1, 2, 2)', [1, 1, 5, 5]).rows[0].warnings;
    expect(lost).toEqual([
      'input rows 4 never read: the last window stops short of the edge',
      'input columns 4 never read: the last window stops short of the edge',
    ]);
    const gaps = trace('Conv2d(1, 1, (2, 1), stride=2, dilation=(2, 1))', [1, 1, 8, 4]).rows[0]
      .warnings;
    expect(gaps).toEqual([
      'input rows 7 never read: the last window stops short of the edge',
      'input rows 1, 3, 5 never read: the stride steps over them',
      'input columns 3 never read: the last window stops short of the edge',
      'input columns 1 never read: the stride steps over them',
    ]);
  });

  it('warns about uneven transposed overlap when the kernel is not a multiple of the stride', () => {
    const rows = trace(
      'ConvTranspose2d(1, 1, 3, stride=2)\nConvTranspose2d(1, 1, (4, 3), stride=(2, 1))',
      [1, 1, 4, 4],
    ).rows;
    expect(rows[0].warnings).toEqual([
      'uneven overlap (checkerboard): along rows and columns the kernel is not a multiple of the stride, so interior cells get 1 to 4 contributions',
    ]);
    expect(rows[1].warnings).toEqual([]);
  });

  it('a transposed conv then a conv: the receptive field is counted through both', () => {
    const rows = trace(
      'ConvTranspose2d(1, 1, 4, 2, 1)\nConv2d(1, 1, 3, padding=1)',
      [1, 1, 8, 8],
    ).rows;
    expect(rows.map((r) => r.receptiveField)).toEqual([
      [2, 2],
      [3, 3],
    ]);
    expect(formatFraction(rows[1].jump![0])).toBe('1/2');
  });

  it('nearest upsampling by 2 then a 3×3 conv sees 2 input cells; bilinear sees 3', () => {
    const nearest = trace(
      'Upsample(scale_factor=2)\nConv2d(1, 1, 3, padding=1)',
      [1, 1, 8, 8],
    ).rows;
    const bilinear = trace(
      "Upsample(scale_factor=2, mode='bilinear')\nConv2d(1, 1, 3, padding=1)",
      [1, 1, 8, 8],
    ).rows;
    expect(nearest.map((r) => r.receptiveField?.[0])).toEqual([1, 2]);
    expect(bilinear.map((r) => r.receptiveField?.[0])).toEqual([2, 3]);
  });
});
