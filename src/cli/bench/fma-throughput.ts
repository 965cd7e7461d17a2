import fmaWgsl from '../../../shaders/bench-fma.wgsl?raw';
import { prepareLinearKernel } from '../../gpu/compute-pass.js';
import { medianSeconds, type BenchSuite } from './bench-suite.js';

/** 4 chains × vec4 × (multiply + add) per loop round in bench-fma.wgsl. */
const FLOPS_PER_ROUND = 32;

/** The adapter's arithmetic peak: the ceiling to read every other figure against. */
export const fmaThroughput: BenchSuite = {
  name: 'fma throughput',
  async run({ gpu, pipelines, timer, log, quick }) {
    const { device } = gpu;
    const invocations = quick ? 1 << 14 : 1 << 22;
    const iterations = quick ? 256 : 4096;
    const out = device.createBuffer({ size: invocations * 4, usage: GPUBufferUsage.STORAGE });
    try {
      const encode = await prepareLinearKernel(
        device,
        pipelines,
        { label: 'bench-fma', code: fmaWgsl, constants: { ITERATIONS: iterations } },
        [out],
      );
      const seconds = await medianSeconds(5, () =>
        timer.measure((encoder) => encode(encoder, invocations, timer.passTimestamps())),
      );
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
