import fmaWgsl from '../../../shaders/bench/bench-fma.wgsl?raw';
import { prepareLinearKernel } from '../../gpu/compute-pass.js';
import { medianSeconds, runsPerSample, type BenchSuite } from './bench-suite.js';

const PROBE_ITERATIONS = 256;

/** 4 chains × vec4 × (multiply + add) per loop round in bench-fma.wgsl. */
const FLOPS_PER_ROUND = 32;

/** The adapter's arithmetic peak: the ceiling to read every other figure against. */
export const fmaThroughput: BenchSuite = {
  name: 'fma throughput',
  async run({ gpu, pipelines, timer, log, quick }) {
    const { device } = gpu;
    const invocations = quick ? 1 << 14 : 1 << 22;
    const out = device.createBuffer({ size: invocations * 4, usage: GPUBufferUsage.STORAGE });
    const time = async (iterations: number) => {
      const encode = await prepareLinearKernel(
        device,
        pipelines,
        { label: 'bench-fma', code: fmaWgsl, constants: { ITERATIONS: iterations } },
        [out],
      );
      return medianSeconds(iterations === PROBE_ITERATIONS ? 1 : 5, () =>
        timer.measure((encoder) => encode(encoder, invocations, timer.passTimestamps())),
      );
    };
    try {
      // A probe sizes the loop to ~0.2 s a pass: long on a GPU, bearable on a software adapter.
      const probe = await time(PROBE_ITERATIONS);
      const rounds = runsPerSample(probe, quick ? 0.02 : 0.2, quick ? 1 : 16);
      const iterations = PROBE_ITERATIONS * rounds;
      const seconds = await time(iterations);
      const gflops = (invocations * iterations * FLOPS_PER_ROUND) / seconds / 1e9;
      log(
        `fma peak: ${gflops.toFixed(1)} GFLOP/s (${invocations} invocations × ${iterations} rounds)`,
      );
      return { fma_gflops: gflops };
    } finally {
      out.destroy();
    }
  },
};
