import fmaWgsl from '../../../shaders/bench/bench-fma.wgsl?raw';
import { prepareLinearKernel } from '../../gpu/compute-pass.js';
import {
  formatRange,
  rangeFigures,
  rateRange,
  runsPerSample,
  sampleSeconds,
  type BenchSuite,
} from './bench-suite.js';

const PROBE_ITERATIONS = 256;

/** 4 chains × vec4 × (multiply + add) per loop round in bench-fma.wgsl. */
const FLOPS_PER_ROUND = 32;

/** The adapter's arithmetic peak: the ceiling to read every other figure against. */
export const fmaThroughput: BenchSuite = {
  key: 'fma',
  name: 'fma throughput',
  async run({ gpu, pipelines, timer, log, quick }) {
    const { device } = gpu;
    const invocations = quick ? 1 << 14 : 1 << 22;
    const out = device.createBuffer({ size: invocations * 4, usage: GPUBufferUsage.STORAGE });
    const time = async (iterations: number, repeats: number) => {
      const encode = await prepareLinearKernel(
        device,
        pipelines,
        { label: 'bench-fma', code: fmaWgsl, constants: { ITERATIONS: iterations } },
        [out],
      );
      return sampleSeconds(repeats, () =>
        timer.measure((encoder) => encode(encoder, invocations, timer.passTimestamps())),
      );
    };
    try {
      // A probe sizes the loop to ~0.2 s a pass: long on a GPU, bearable on a software adapter.
      const probe = (await time(PROBE_ITERATIONS, 1)).median;
      const rounds = runsPerSample(probe, quick ? 0.02 : 0.2, quick ? 1 : 16);
      const iterations = PROBE_ITERATIONS * rounds;
      const seconds = await time(iterations, quick ? 3 : 5);
      const gflops = rateRange((invocations * iterations * FLOPS_PER_ROUND) / 1e9, seconds);
      log(
        `fma peak: ${formatRange(gflops, (n) => n.toFixed(2))} GFLOP/s, median (min … max) of ` +
          `${seconds.count} (${invocations} invocations × ${iterations} rounds)`,
      );
      return rangeFigures('fma_gflops', gflops);
    } finally {
      out.destroy();
    }
  },
};
