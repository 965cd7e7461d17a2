import {
  conv2dConfig,
  convTranspose2dConfig,
  weightShape,
  type ConvConfig,
} from '../../core/conv/conv-config.js';
import { convOutputShape } from '../../core/conv/conv-output-shape.js';
import { prepareConv, type ConvKernelChoice } from '../../gpu/conv/conv-kernels.js';
import { CONV_PARAMS_BYTES, packConvParams } from '../../gpu/conv/conv-params.js';
import { convProblem, type Shape4 } from '../../gpu/conv/conv-runner.js';
import { readBuffer, uploadBuffer } from '../../gpu/readback.js';
import {
  formatRange,
  rangeFigures,
  rateRange,
  ratioRange,
  runsPerSample,
  sampleSeconds,
  type BenchContext,
  type BenchSuite,
  type Samples,
} from './bench-suite.js';
import type { OnnxConvSpec } from './conv-onnx-model.js';
import { loadOnnxPeer } from './conv-onnx-peer.js';
import { loadTfjsPeer } from './conv-tfjs-peer.js';

/**
 * The peers, on our device: onnxruntime-web's WebGPU EP (figures `<case>_peer_gflops`,
 * `<case>_fast_vs_peer`) and TensorFlow.js's WebGPU backend (`<case>_tfjs_gflops`,
 * `<case>_fast_vs_tfjs`).
 */
const PEERS = [
  { key: 'peer', load: loadOnnxPeer },
  { key: 'tfjs', load: loadTfjsPeer },
] as const;

/** Largest max-abs difference from our output, relative to its largest value, that a peer may show. */
const PEER_AGREEMENT = 1e-4;

interface ConvBenchCase {
  /** Prefix of the figures' names. */
  key: 'conv' | 'conv_transpose' | 'conv_depthwise';
  title: string;
  config: ConvConfig;
  input: Shape4;
}

const CASES: ConvBenchCase[] = [
  {
    key: 'conv',
    title: 'Conv2d 1×3×256×256 → 16 channels, 3×3, stride 1, padding 1',
    config: conv2dConfig({
      inChannels: 3,
      outChannels: 16,
      kernelSize: 3,
      stride: 1,
      padding: 1,
      bias: false,
    }),
    input: [1, 3, 256, 256],
  },
  {
    key: 'conv_transpose',
    title: 'ConvTranspose2d 1×16×64×64 → 8 channels, 4×4, stride 2, padding 1',
    config: convTranspose2dConfig({
      inChannels: 16,
      outChannels: 8,
      kernelSize: 4,
      stride: 2,
      padding: 1,
      bias: false,
    }),
    input: [1, 16, 64, 64],
  },
  {
    // The Conv Lab's image view: one 3×3 filter per channel (groups = C) on a 512×768 picture.
    key: 'conv_depthwise',
    title: 'Conv2d 1×3×512×768 depthwise (groups 3), 3×3, stride 1, padding 1',
    config: conv2dConfig({
      inChannels: 3,
      outChannels: 3,
      kernelSize: 3,
      stride: 1,
      padding: 1,
      groups: 3,
      bias: false,
    }),
    input: [1, 3, 512, 768],
  },
];

/** 2·N·C_out·H_out·W_out·(C_in/g)·kH·kW: every tap counted, as frameworks count conv FLOPs. */
function convFlops(config: ConvConfig, out: Shape4): number {
  const [n, cOut, h, w] = out;
  return (
    2 * n * cOut * h * w * (config.inChannels / config.groups) * config.kernel[0] * config.kernel[1]
  );
}

function pseudoRandom(count: number, seed: number): Float32Array<ArrayBuffer> {
  const data = new Float32Array(count);
  for (let i = 0; i < count; i++) data[i] = Math.sin(seed + i * 12.9898) * 0.5;
  return data;
}

/**
 * Seconds per run by the wall clock: `runs` runs queued back to back, then one
 * onSubmittedWorkDone; `repeats` such samples. Used for both sides of the peer ratio,
 * since the peer's own passes cannot be timed with our timestamp queries.
 */
async function wallSecondsPerRun(
  device: GPUDevice,
  repeats: number,
  runs: number,
  once: () => Promise<void> | void,
): Promise<Samples> {
  return sampleSeconds(repeats, async () => {
    const start = performance.now();
    for (let r = 0; r < runs; r++) await once();
    await device.queue.onSubmittedWorkDone();
    return (performance.now() - start) / 1e3 / runs;
  });
}

async function benchCase(context: BenchContext, c: ConvBenchCase): Promise<Record<string, number>> {
  const { gpu, pipelines, timer, log, quick } = context;
  const { device } = gpu;
  const repeats = quick ? 3 : 5;
  const mostRuns = quick ? 2 : 10;
  const out = convOutputShape(c.config, c.input) as Shape4;
  const flops = convFlops(c.config, out);
  const weightDims = weightShape(c.config);
  const input = pseudoRandom(
    c.input.reduce((a, b) => a * b, 1),
    1,
  );
  const weight = pseudoRandom(
    weightDims.reduce((a, b) => a * b, 1),
    2,
  );
  const problem = convProblem(c.config, c.input, out);
  const outputBytes = 4 * out.reduce((a, b) => a * b, 1);
  const params = device.createBuffer({
    size: CONV_PARAMS_BYTES,
    usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
  });
  device.queue.writeBuffer(params, 0, packConvParams(problem));
  const buffers = {
    params,
    input: uploadBuffer(device, input, 'bench input'),
    weight: uploadBuffer(device, weight, 'bench weight'),
    bias: uploadBuffer(device, new Float32Array(1), 'bench bias'),
    output: device.createBuffer({
      size: outputBytes,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC,
    }),
  };
  const figures: Record<string, number> = {};
  log(c.title);
  try {
    const submitters: Partial<Record<ConvKernelChoice, () => void>> = {};
    for (const choice of ['fast', 'direct'] as const) {
      const prepared = await prepareConv(device, pipelines, problem, choice, buffers);
      const seconds = await sampleSeconds(repeats, () =>
        timer.measure((encoder) => prepared.encode(encoder, timer.passTimestamps())),
      );
      const gflops = rateRange(flops / 1e9, seconds);
      Object.assign(figures, rangeFigures(`${c.key}_${choice}_gflops`, gflops));
      log(
        `  ${choice} (${prepared.kernel} kernel): ${formatRange(gflops, (n) => n.toFixed(3))} GFLOP/s, ${(seconds.median * 1e3).toFixed(3)} ms (median of ${seconds.count})`,
      );
      submitters[choice] = () => {
        const encoder = device.createCommandEncoder();
        prepared.encode(encoder);
        device.queue.submit([encoder.finish()]);
      };
    }
    const ours = await readBuffer(device, buffers.output, outputBytes).then(
      (b) => new Float32Array(b),
    );
    const [top, left] = [c.config.padding.top, c.config.padding.left];
    const spec: OnnxConvSpec = {
      op: c.config.transposed ? 'ConvTranspose' : 'Conv',
      inputShape: c.input,
      outputShape: out,
      weight: { data: weight, shape: weightDims },
      attributes: {
        kernel_shape: c.config.kernel,
        strides: c.config.stride,
        dilations: c.config.dilation,
        pads: [top, left, c.config.padding.bottom, c.config.padding.right],
        group: c.config.groups,
        ...(c.config.transposed ? { output_padding: c.config.outputPadding } : {}),
      },
    };
    for (const { key, load } of PEERS) {
      const peer = await load(device, spec, input);
      if ('unavailable' in peer) {
        log(`  ${key}: unavailable (${peer.unavailable})`);
        continue;
      }
      try {
        // One run sizes the samples and gives the output, checked against ours before any timing.
        const oneRun = (await wallSecondsPerRun(device, 1, 1, () => peer.run())).median;
        const theirs = await peer.output();
        let scale = 0;
        let diff = 0;
        for (let i = 0; i < ours.length; i++) {
          scale = Math.max(scale, Math.abs(ours[i]));
          diff = Math.max(diff, Math.abs(ours[i] - theirs[i]));
        }
        const relative = theirs.length === ours.length ? diff / scale : Infinity;
        if (!(relative <= PEER_AGREEMENT)) {
          log(
            `  ${key} ${peer.name}: not timed, its output differs from ours by ${relative.toExponential(1)} relative`,
          );
          continue;
        }
        // Both sides queue the same number of runs a sample, sized by the slower one (the peer).
        const runs = runsPerSample(oneRun, 0.25, mostRuns);
        const peerSeconds = await wallSecondsPerRun(device, repeats, runs, () => peer.run());
        const fastSeconds = await wallSecondsPerRun(device, repeats, runs, submitters.fast!);
        const peerGflops = rateRange(flops / 1e9, peerSeconds);
        const ratio = ratioRange(rateRange(flops / 1e9, fastSeconds), peerGflops);
        Object.assign(figures, rangeFigures(`${c.key}_${key}_gflops`, peerGflops));
        Object.assign(figures, rangeFigures(`${c.key}_fast_vs_${key}`, ratio));
        log(
          `  ${key} ${peer.name}: ${formatRange(peerGflops, (n) => n.toFixed(3))} GFLOP/s (wall clock, ${runs} runs a sample; outputs agree to ${relative.toExponential(1)} relative)`,
        );
        log(`  fast vs ${key}: ${formatRange(ratio, (n) => n.toFixed(2))}× (both by wall clock)`);
      } finally {
        await peer.release();
      }
    }
    return figures;
  } finally {
    for (const buffer of Object.values(buffers)) buffer.destroy();
  }
}

/** conv2d (dense and depthwise) and conv_transpose2d throughput, fast and direct kernels, beside onnxruntime-web's and TensorFlow.js's WebGPU backends. */
export const convThroughput: BenchSuite = {
  key: 'conv',
  name: 'conv throughput',
  async run(context) {
    const figures: Record<string, number> = {};
    for (const c of CASES) Object.assign(figures, await benchCase(context, c));
    // Per FLOP, a depthwise layer should cost about what a dense one does (issue 13).
    const ratio = figures.conv_depthwise_fast_gflops / figures.conv_fast_gflops;
    if (Number.isFinite(ratio)) {
      figures.conv_depthwise_vs_dense = ratio;
      context.log(
        `conv_depthwise_vs_dense: ${ratio.toFixed(2)}× (fast kernels' GFLOP/s, depthwise over dense)`,
      );
    }
    return figures;
  },
};
