import { describe, expect, it } from 'vitest';
import { convOutputShape } from '../../src/core/conv/index.js';
import { usesGroupedKernel } from '../../src/gpu/conv/conv-kernels.js';
import {
  BLOCKED_MAX_SPAN,
  BLOCKED_PIXELS,
  BLOCKED_ROW_PIXELS,
  blockedPixels,
  blockedRows,
  blockedSpan,
  usesBlockedKernel,
} from '../../src/gpu/conv/conv2d-blocked-source.js';
import {
  convProblem,
  runConv2d,
  runConvTranspose2d,
  type ConvGpu,
  type Shape4,
} from '../../src/gpu/conv/conv-runner.js';
import { PipelineCache } from '../../src/gpu/pipeline-cache.js';
import { withGpu } from '../helpers/gpu-device.js';
import { mulberry32 } from '../helpers/random.js';
import { makeCase, mismatches, randomCases, type ConvCase } from './conv-cases.js';

let pipelines: PipelineCache | undefined;
function convGpu(device: GPUDevice): ConvGpu {
  pipelines ??= new PipelineCache(device);
  return { device, pipelines };
}

function problemOf(c: ConvCase) {
  return convProblem(c.config, c.input.shape, convOutputShape(c.config, c.input.shape) as Shape4);
}

function run(gpu: ConvGpu, c: ConvCase, kernel: 'fast' | 'direct') {
  const go = c.config.transposed ? runConvTranspose2d : runConv2d;
  return go(gpu, c.input, c.weight, { ...c.options, kernel });
}

describe.each(['direct', 'fast'] as const)('the %s kernel', (kernel) => {
  it('matches the float64 reference within the f32 summation bound on random layers (60 direct, 48 fast)', () =>
    withGpu(async ({ device }) => {
      const gpu = convGpu(device);
      const failures: string[] = [];
      for (const c of randomCases(kernel === 'direct' ? 11 : 12, kernel === 'direct' ? 60 : 48)) {
        const result = await run(gpu, c, kernel);
        if (kernel === 'fast') expect(result.kernel).not.toBe('direct');
        const bad = mismatches(c, result.data, result.shape);
        if (bad.length) failures.push(`${c.label}: ${bad.slice(0, 3).join('; ')}`);
      }
      expect(failures).toEqual([]);
    }));
});

describe('the grouped kernel', () => {
  it(
    'serves grouped and depthwise layers, conv2d and transposed, on the fast path and matches the reference (random layers: groups, stride, dilation, padding modes, output_padding, bias)',
    { timeout: 600_000 },
    () =>
      withGpu(async ({ device }) => {
        const gpu = convGpu(device);
        const failures: string[] = [];
        const cases = randomCases(13, 90).filter((c) => c.config.groups > 1);
        expect(cases.filter((c) => c.config.transposed).length).toBeGreaterThan(10);
        expect(cases.filter((c) => !c.config.transposed).length).toBeGreaterThan(10);
        for (const c of cases) {
          const result = await run(gpu, c, 'fast');
          // conv2d whose row segment fits takes the blocked kernel (one lane for depthwise).
          const blocked = !c.config.transposed && usesBlockedKernel(problemOf(c));
          expect(result.kernel, c.label).toBe(blocked ? 'blocked' : 'grouped');
          const bad = mismatches(c, result.data, result.shape);
          if (bad.length) failures.push(`${c.label}: ${bad.slice(0, 3).join('; ')}`);
        }
        expect(failures).toEqual([]);
      }),
  );
});

describe('the grouped conv2d kernel', () => {
  it('keeps depthwise layers whose row segment is too long for the blocked kernel, and matches the reference', () =>
    withGpu(async ({ device }) => {
      const c = makeCase(
        mulberry32(19),
        false,
        {
          inChannels: 3,
          outChannels: 3,
          groups: 3,
          kernelSize: [2, 7],
          dilation: [1, 6],
          padding: [1, 3],
          paddingMode: 'reflect',
        },
        [1, 3, 6, 45],
      );
      expect(usesBlockedKernel(problemOf(c))).toBe(false);
      const result = await run(convGpu(device), c, 'fast');
      expect(result.kernel).toBe('grouped');
      expect(mismatches(c, result.data, result.shape)).toEqual([]);
    }));
});

describe('the blocked kernels (4 output channels × 8 pixels an invocation)', () => {
  it(
    'serves conv2d on the fast path and matches the reference (random layers: channel counts and widths not multiples of the block, stride, dilation, padding modes, bias)',
    { timeout: 600_000 },
    () =>
      withGpu(async ({ device }) => {
        const gpu = convGpu(device);
        const failures: string[] = [];
        const cases = randomCases(14, 240).filter(
          (c) => !c.config.transposed && !usesGroupedKernel(problemOf(c)),
        );
        expect(cases.length).toBeGreaterThan(30);
        for (const c of cases) {
          const result = await run(gpu, c, 'fast');
          expect(result.kernel, c.label).toBe('blocked');
          const bad = mismatches(c, result.data, result.shape);
          if (bad.length) failures.push(`${c.label}: ${bad.slice(0, 3).join('; ')}`);
        }
        expect(failures).toEqual([]);
      }),
  );

  it(
    'matches the reference on wider layers: several channel and pixel blocks, groups of 5 → 11 channels, batches, every padding mode',
    { timeout: 300_000 },
    () =>
      withGpu(async ({ device }) => {
        const gpu = convGpu(device);
        const rng = mulberry32(15);
        const failures: string[] = [];
        const modes = ['zeros', 'reflect', 'replicate', 'circular'] as const;
        for (const [k, mode] of modes.entries()) {
          const c = makeCase(
            rng,
            false,
            {
              inChannels: 10,
              outChannels: 22,
              groups: 1 + (k % 2),
              kernelSize: [3, 5],
              stride: [1 + (k % 2), 2 - (k % 2)],
              padding: [1, 2],
              dilation: [1, 1 + (k % 3)],
              paddingMode: mode,
            },
            [2, 10, 13, 37],
          );
          const result = await run(gpu, c, 'fast');
          expect(result.kernel, c.label).toBe('blocked');
          const bad = mismatches(c, result.data, result.shape);
          if (bad.length) failures.push(`${c.label}: ${bad.slice(0, 3).join('; ')}`);
        }
        expect(failures).toEqual([]);
      }),
  );

  it(
    'serves conv_transpose2d by output phase: strides, dilation, output_padding, groups of 5 → 7, several blocks',
    { timeout: 300_000 },
    () =>
      withGpu(async ({ device }) => {
        const gpu = convGpu(device);
        const rng = mulberry32(17);
        const failures: string[] = [];
        for (let k = 0; k < 4; k++) {
          const stride: [number, number] = [1 + (k % 3), 2 + (k % 2)];
          const c = makeCase(
            rng,
            true,
            {
              inChannels: 10,
              outChannels: 14,
              kernelSize: [3 + (k % 2), 4],
              stride,
              padding: [k % 3, 1],
              dilation: [1 + (k % 2), 1],
              outputPadding: [stride[0] - 1, 0],
              groups: 1 + (k % 2),
            },
            [2, 10, 7, 19],
          );
          const result = await run(gpu, c, 'fast');
          expect(result.kernel, c.label).toBe('blocked');
          const bad = mismatches(c, result.data, result.shape);
          if (bad.length) failures.push(`${c.label}: ${bad.slice(0, 3).join('; ')}`);
        }
        expect(failures).toEqual([]);
      }),
  );

  it('leaves a row segment too long for registers to the tiled kernel, which matches the reference', () =>
    withGpu(async ({ device }) => {
      const gpu = convGpu(device);
      const c = makeCase(
        mulberry32(16),
        false,
        { inChannels: 2, outChannels: 3, kernelSize: [3, 7], dilation: [1, 6], padding: [1, 3] },
        [1, 2, 9, 50],
      );
      expect(blockedSpan(problemOf(c))).toBeGreaterThan(BLOCKED_MAX_SPAN);
      const result = await run(gpu, c, 'fast');
      expect(result.kernel).toBe('tiled');
      expect(mismatches(c, result.data, result.shape)).toEqual([]);
    }));
});

describe('the row-blocked depthwise path of the blocked kernel (1 channel × 8 rows × 16 pixels an invocation)', () => {
  it(
    'matches the reference on depthwise and few-channel groups: sizes not multiples of the block, every padding mode, stride, dilation, batches, channel multipliers 1–3, row bands',
    { timeout: 600_000 },
    () =>
      withGpu(async ({ device }) => {
        const gpu = convGpu(device);
        const rng = mulberry32(21);
        const failures: string[] = [];
        const modes = ['zeros', 'reflect', 'replicate', 'circular'] as const;
        const layers: { args: Parameters<typeof makeCase>[2]; shape: Shape4; pixels: number }[] =
          [];
        for (const [k, mode] of modes.entries()) {
          // Depthwise 3×3 stride 1 (the image view) and multipliers; strides and dilations.
          if (k % 2 === 0)
            layers.push({
              args: {
                inChannels: 3,
                outChannels: 3 * (1 + (k % 3)),
                groups: 3,
                kernelSize: [3, 3],
                padding: [1, 1],
                paddingMode: mode,
              },
              shape: [1 + (k % 2), 3, 19 + k, 37 + 2 * k],
              pixels: BLOCKED_ROW_PIXELS,
            });
          else
            layers.push({
              args: {
                inChannels: 4,
                outChannels: 4,
                groups: 4,
                kernelSize: [3 + (k % 3), 2 + k],
                stride: [1 + (k % 2), 1 + ((k + 1) % 2)],
                dilation: [1 + ((k + 1) % 3), 1 + (k % 2)],
                padding: [1 + (k % 2), 1],
                paddingMode: mode,
              },
              shape: [2, 4, 21, 35],
              pixels: BLOCKED_ROW_PIXELS,
            });
        }
        // Two input channels a group, 3 out; stride 3 makes 16 pixels' segment too long: 8 a row.
        layers.push({
          args: {
            inChannels: 4,
            outChannels: 6,
            groups: 2,
            kernelSize: [5, 4],
            stride: [2, 3],
            dilation: [2, 1],
            padding: [2, 1],
            paddingMode: 'reflect',
          },
          shape: [1, 4, 26, 50],
          pixels: BLOCKED_PIXELS,
        });
        for (const [k, { args, shape, pixels }] of layers.entries()) {
          const c = makeCase(rng, false, args, shape);
          expect(blockedRows(problemOf(c)), c.label).toBeGreaterThan(1);
          expect(blockedPixels(problemOf(c)), c.label).toBe(pixels);
          const result = await run(gpu, c, 'fast');
          expect(result.kernel, c.label).toBe('blocked');
          const bad = mismatches(c, result.data, result.shape);
          if (bad.length) failures.push(`${c.label}: ${bad.slice(0, 3).join('; ')}`);
          // Row bands: input rows past a band are skipped, output rows past it not written.
          if (k % 2 === 1) continue;
          const banded = await runConv2d(gpu, c.input, c.weight, {
            ...c.options,
            maxBindingBytes: 4 * shape[3] * 12 * (args.inChannels / (args.groups ?? 1)),
          });
          expect(banded.chunks, c.label).toBeGreaterThan(1);
          expect(banded.kernel, c.label).toBe('blocked');
          const badBand = mismatches(c, banded.data, banded.shape);
          if (badBand.length)
            failures.push(`${c.label} in bands: ${badBand.slice(0, 3).join('; ')}`);
        }
        expect(failures).toEqual([]);
      }),
  );
});
