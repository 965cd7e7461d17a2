import { describe, expect, it } from 'vitest';
import {
  conv2dConfig,
  convOutputShape,
  SEED_EXAMPLES,
  transposedAxisOutputSize,
} from '../../src/core/conv/index.js';
import { ConvTooLargeError, planConvChunks } from '../../src/gpu/conv/conv-chunks.js';
import { tiledLayout } from '../../src/gpu/conv/conv-kernels.js';
import {
  convProblem,
  runConv2d,
  runConvTranspose2d,
  type ConvGpu,
  type Shape4,
} from '../../src/gpu/conv/conv-runner.js';
import { PipelineCache } from '../../src/gpu/pipeline-cache.js';
import { mulberry32, pick, randInt } from '../helpers/random.js';
import { withGpu } from '../helpers/gpu-device.js';
import { makeCase, mismatches, type ConvCase } from './conv-cases.js';

let pipelines: PipelineCache | undefined;
function convGpu(device: GPUDevice): ConvGpu {
  pipelines ??= new PipelineCache(device);
  return { device, pipelines };
}

function run(gpu: ConvGpu, c: ConvCase, extra: Parameters<typeof runConv2d>[3] = {}) {
  const go = c.config.transposed ? runConvTranspose2d : runConv2d;
  return go(gpu, c.input, c.weight, { ...c.options, ...extra });
}

function dot(a: Float32Array, b: Float32Array): { value: number; magnitude: number } {
  let value = 0;
  let magnitude = 0;
  for (let i = 0; i < a.length; i++) {
    value += a[i] * b[i];
    magnitude += Math.abs(a[i] * b[i]);
  }
  return { value, magnitude };
}

describe('conv_transpose2d is the adjoint of conv2d on the GPU', () => {
  // 24 kernels to compile; the row-blocked grouped ones are long, and SwiftShader compiles on the CPU.
  it(
    '⟨conv(x), y⟩ = ⟨x, convT(y)⟩ for 12 random layers with the same stride, padding, dilation and groups',
    { timeout: 600_000 },
    () =>
      withGpu(async ({ device }) => {
        const gpu = convGpu(device);
        const rng = mulberry32(7);
        let checked = 0;
        while (checked < 12) {
          const groups = pick(rng, [1, 2]);
          const pair = (lo: number, hi: number): [number, number] => [
            randInt(rng, lo, hi),
            randInt(rng, lo, hi),
          ];
          const args = {
            inChannels: groups * randInt(rng, 1, 3),
            outChannels: groups * randInt(rng, 1, 3),
            kernelSize: pair(1, 4),
            stride: pair(1, 3),
            padding: pair(0, 2),
            dilation: pair(1, 2),
            groups,
            bias: false,
          };
          const inShape: Shape4 = [
            randInt(rng, 1, 2),
            args.inChannels,
            randInt(rng, 3, 9),
            randInt(rng, 3, 9),
          ];
          let outShape: number[];
          try {
            outShape = convOutputShape(conv2dConfig(args), inShape);
          } catch {
            continue;
          }
          const c = makeCase(rng, false, args, inShape);
          const y = makeCase(rng, false, args, outShape as Shape4).input;
          // output_padding that makes convT(y) exactly x's shape: in − min size, always < stride.
          const outputPadding = [0, 1].map(
            (a) =>
              inShape[2 + a] -
              transposedAxisOutputSize(
                outShape[2 + a],
                args.kernelSize[a],
                args.stride[a],
                args.padding[a],
                args.dilation[a],
                0,
              ),
          ) as [number, number];
          for (const kernel of ['fast', 'direct'] as const) {
            const forward = await runConv2d(gpu, c.input, c.weight, { ...c.options, kernel });
            const backward = await runConvTranspose2d(gpu, y, c.weight, {
              ...c.options,
              outputPadding,
              kernel,
            });
            expect(backward.shape).toEqual(inShape);
            const left = dot(forward.data, y.data);
            const right = dot(c.input.data, backward.data);
            // Each side sums products with f32 error ≤ K·2⁻²⁴·Σ|terms| per output plus the dot itself.
            const k =
              forward.data.length +
              (args.inChannels / groups) * args.kernelSize[0] * args.kernelSize[1];
            expect(Math.abs(left.value - right.value)).toBeLessThanOrEqual(
              4 * k * 2 ** -24 * Math.max(left.magnitude, right.magnitude) + 1e-12,
            );
          }
          checked++;
        }
      }),
  );
});

describe("the seed's seven examples", () => {
  it.each(SEED_EXAMPLES.map((e) => [e.id, e] as const))(
    'Example %i gives its n×n output on real tensors',
    (_, example) =>
      withGpu(async ({ device }) => {
        const gpu = convGpu(device);
        const { kernelSize, stride, padding } = example.args;
        const pair = (v: unknown): [number, number] | undefined =>
          v === undefined ? undefined : [v as number, v as number];
        const c = makeCase(
          mulberry32(example.id),
          example.transposed,
          {
            inChannels: 1,
            outChannels: 1,
            kernelSize: pair(kernelSize)!,
            stride: pair(stride),
            padding: pair(padding),
          },
          [1, 1, example.inputSize, example.inputSize],
        );
        for (const kernel of ['fast', 'direct'] as const) {
          const result = await run(gpu, c, { kernel });
          expect(result.shape).toEqual([1, 1, example.expectedOutput, example.expectedOutput]);
          expect(mismatches(c, result.data, result.shape)).toEqual([]);
        }
      }),
  );
});

describe('tensors larger than one binding', () => {
  const cases = (): ConvCase[] => {
    const rng = mulberry32(5);
    return [
      makeCase(
        rng,
        false,
        {
          inChannels: 4,
          outChannels: 6,
          kernelSize: [3, 2],
          stride: [2, 1],
          padding: [2, 1],
          groups: 2,
          paddingMode: 'reflect',
        },
        [3, 4, 9, 7],
      ),
      makeCase(
        rng,
        false,
        {
          inChannels: 3,
          outChannels: 5,
          kernelSize: [3, 3],
          padding: 'same',
          dilation: [2, 1],
          paddingMode: 'circular',
        },
        [2, 3, 8, 6],
      ),
      makeCase(
        rng,
        true,
        {
          inChannels: 4,
          outChannels: 6,
          kernelSize: [4, 3],
          stride: [2, 3],
          padding: [1, 1],
          outputPadding: [1, 2],
          groups: 2,
        },
        [2, 4, 6, 5],
      ),
    ];
  };

  // A band next to an edge of a circular-padded input reads rows from the far edge too, so its
  // input piece spans the whole height: that case gets a looser limit.
  it('split over batch, channels and row bands gives exactly the unsplit result', () =>
    withGpu(async ({ device }) => {
      const gpu = convGpu(device);
      for (const c of cases()) {
        for (const kernel of ['fast', 'direct'] as const) {
          const whole = await run(gpu, c, { kernel });
          const split = await run(gpu, c, {
            kernel,
            maxBindingBytes: c.config.paddingMode === 'circular' ? 640 : 256,
          });
          expect(whole.chunks).toBe(1);
          expect(split.chunks).toBeGreaterThan(2);
          expect(split.shape).toEqual(whole.shape);
          expect([...split.data]).toEqual([...whole.data]);
          expect(mismatches(c, split.data, split.shape)).toEqual([]);
        }
      }
    }));

  it('cuts a 19.2 GB input into row bands, and refuses with the sizes where one output row is too big', () => {
    const config = conv2dConfig({ inChannels: 3, outChannels: 1, kernelSize: 3 });
    const problem = convProblem(config, [1, 3, 40000, 40000], [1, 1, 39998, 39998]);
    const bands = planConvChunks(problem, 39998, 2 ** 30);
    expect(bands.length).toBeGreaterThan(19);
    for (const band of bands)
      expect(4 * 3 * band.problem.inRows * 40000).toBeLessThanOrEqual(2 ** 30);
    expect(() => planConvChunks(problem, 39998, 2 ** 20)).toThrow(ConvTooLargeError);
    expect(() => planConvChunks(problem, 39998, 2 ** 20)).toThrow(
      /^input 1×3×40000×40000 needs 19\.2 GB; this device allows 1 MiB per buffer/,
    );
  });

  it('counts the pieces before listing them, and refuses plans of more than MAX_CONV_CHUNKS (issue 11)', () => {
    const config = conv2dConfig({ inChannels: 1, outChannels: 1, kernelSize: 3, padding: 3e9 });
    const problem = convProblem(config, [1, 1, 4, 4], [1, 1, 6000000004, 6000000004]);
    expect(() => planConvChunks(problem, 6000000004, 2 ** 30)).toThrow(
      /^output 1×1×6000000004×6000000004 would need more than 65,536 pieces of at most 1 GiB each/,
    );
  });
});

describe('the fast path', () => {
  it('falls back to the direct kernel where one staged channel exceeds workgroup memory, and still agrees', () =>
    withGpu(async ({ device }) => {
      const c = makeCase(
        mulberry32(3),
        false,
        { inChannels: 1, outChannels: 2, kernelSize: [2, 2], dilation: [120, 120] },
        [1, 1, 122, 123],
      );
      const problem = convProblem(c.config, c.input.shape, [1, 2, 1, 2]);
      expect(tiledLayout(problem, device.limits)).toBeNull();
      const result = await run(convGpu(device), c, { kernel: 'fast' });
      expect(result.kernel).toBe('direct');
      expect(mismatches(c, result.data, result.shape)).toEqual([]);
    }));

  it('rejects shapes as PyTorch does, with its message', () =>
    withGpu(async ({ device }) => {
      const gpu = convGpu(device);
      const input = { data: new Float32Array(2 * 5 * 5), shape: [1, 2, 5, 5] as Shape4 };
      const weight = { data: new Float32Array(4 * 3 * 9), shape: [4, 3, 3, 3] as Shape4 };
      await expect(runConv2d(gpu, input, weight)).rejects.toThrow(
        'Given groups=1, weight of size [4, 3, 3, 3], expected input[1, 2, 5, 5] to have 3 channels, but got 2 channels instead',
      );
      await expect(
        runConv2d(
          gpu,
          input,
          { data: new Float32Array(4 * 2 * 9), shape: [4, 2, 3, 3] },
          { padding: 'same', stride: 2 },
        ),
      ).rejects.toThrow("padding='same' is not supported for strided convolutions");
    }));
});
