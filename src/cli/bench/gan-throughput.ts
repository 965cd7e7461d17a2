import {
  evaluateGan,
  ganCellSpec,
  initialGanParameters,
  parseGanSweepSpec,
  type GanSweepSpec,
} from '../../core/gan/index.js';
import { ganStepFlops } from '../../gpu/gan/gan-flops.js';
import { GAN_WORKGROUP_SIZE, ganWorkgroupSize } from '../../gpu/gan/gan-kernel-source.js';
import { cellSettings, trainGansOnGpu } from '../../gpu/gan/gan-train-runner.js';
import {
  formatRange,
  rangeFigures,
  rateRange,
  runsPerSample,
  sampleSeconds,
  type BenchSuite,
} from './bench-suite.js';

/**
 * The GANs the bench trains: the standard ring of eight Gaussians, generator and discriminator
 * with 2 hidden layers of 16 (relu), batch 64, non-saturating loss, simultaneous GDA, swept over
 * lrD × lrG on a log axis. The rates (10⁻⁴ … 10⁻³) are small enough that no cell escapes, so every
 * cell runs every step; the bench checks it.
 */
function benchSpec(side: number, steps: number): GanSweepSpec {
  return parseGanSweepSpec({
    game: {
      name: 'mlp-gan',
      data: { kind: 'ring', modes: 8, radius: 2, sigma: 0.02 },
      generator: { latent: 2, layers: 2, width: 16, activation: 'relu' },
      discriminator: { layers: 2, width: 16, activation: 'relu' },
      loss: 'non-saturating',
    },
    method: 'sim-gda',
    steps,
    batch: 64,
    axes: {
      x: { param: 'lrD', from: 1e-4, to: 1e-3, count: side, scale: 'log' },
      y: { param: 'lrG', from: 1e-4, to: 1e-3, count: side, scale: 'log' },
    },
  });
}

/**
 * GAN training throughput: a side × side sweep of ring GANs trained on the GPU as runGanSweep
 * trains them (trainGansOnGpu: slices, chunks of about 0.1 s a submit, the final parameters read
 * back), timed on the wall clock from the first submit to the readback. Reports GAN training
 * steps per second summed over cells and useful GFLOP/s (gan-flops.ts: forward and backward of
 * both networks on the batch, per field evaluation; docs/gans.md#performance) with the workgroup
 * size the sweeps use on this adapter (ganWorkgroupSize) and, on a software adapter, with the
 * hardware's 64 beside it: their ratio is gan_software_wg_speedup. The metrics, which
 * runGanSweep computes afterwards in float64 on the CPU, are timed apart: milliseconds per cell.
 */
export const ganThroughput: BenchSuite = {
  key: 'gan',
  name: 'GAN sweep throughput',
  async run({ gpu, pipelines, log, quick }) {
    const { device } = gpu;
    const side = quick ? 4 : 64;
    const chosen = ganWorkgroupSize(gpu.summary.software);
    const train = async (spec: GanSweepSpec, workgroupSize = chosen): Promise<number> => {
      const cellSpecs: ReturnType<typeof ganCellSpec>[] = [];
      for (let iy = 0; iy < side; iy++)
        for (let ix = 0; ix < side; ix++) cellSpecs.push(ganCellSpec(spec, ix, iy));
      const start = performance.now();
      const results = await trainGansOnGpu(
        device,
        pipelines,
        cellSpecs[0],
        cellSpecs.map(cellSettings),
        spec.steps,
        { workgroupSize },
      );
      const seconds = (performance.now() - start) / 1e3;
      const escaped = results.filter((r) => r.escapeStep >= 0).length;
      if (escaped > 0)
        throw new Error(`the GAN bench: ${escaped} cells escaped, not every step ran`);
      return seconds;
    };
    // A probe of two steps sizes the run to about 1 s a sample (0.1 s with --quick).
    const probeSteps = 2;
    const probe = await train(benchSpec(side, probeSteps));
    const steps = probeSteps * runsPerSample(probe, quick ? 0.1 : 1, quick ? 2 : 1000);
    const spec = benchSpec(side, steps);
    const cells = side * side;
    const samples = quick ? 3 : 5;
    const seconds = await sampleSeconds(samples, () => train(spec));
    // The hardware's workgroup size on this adapter, sampled right after, when it is not the same.
    const wide =
      chosen === GAN_WORKGROUP_SIZE
        ? null
        : await sampleSeconds(samples, () => train(spec, GAN_WORKGROUP_SIZE));
    const stepsPerSecond = rateRange(cells * steps, seconds);
    const flopsPerStep = ganStepFlops(ganCellSpec(spec, 0, 0));
    const gflops = rateRange((cells * steps * flopsPerStep) / 1e9, seconds);
    log(
      `${side}×${side} ring GANs (G and D 2×16 relu, batch 64, sim-gda), ${steps} steps each; ` +
        `${chosen} invocations a workgroup; median (min … max) of ${seconds.count}`,
    );
    log(`GAN steps/s over cells  ${formatRange(stepsPerSecond, (n) => n.toExponential(3))}`);
    log(
      `useful GFLOP/s          ${formatRange(gflops, (n) => n.toFixed(3))} ` +
        `(${flopsPerStep} FLOPs a step)`,
    );
    const speedup = wide === null ? null : wide.median / seconds.median;
    if (wide !== null && speedup !== null)
      log(
        `${chosen} invocations against ${GAN_WORKGROUP_SIZE}: ${speedup.toFixed(2)}× the steps/s ` +
          `(${formatRange(rateRange(cells * steps, wide), (n) => n.toExponential(3))} with ${GAN_WORKGROUP_SIZE})`,
      );
    // The float64 metrics of a few cells, as runGanSweep computes them after training.
    const evaluated = quick ? 2 : 16;
    const evalSeconds = await sampleSeconds(1, async () => {
      const start = performance.now();
      for (let i = 0; i < evaluated; i++) {
        const cell = ganCellSpec(spec, i % side, Math.floor(i / side) % side);
        const initial = initialGanParameters(cell);
        evaluateGan(cell, initial, initial, -1, steps);
      }
      return (performance.now() - start) / 1e3;
    });
    const evalMs = (1e3 * evalSeconds.median) / evaluated;
    log(`metrics (float64, CPU)  ${evalMs.toFixed(2)} ms a cell (evalBatch ${spec.evalBatch})`);
    return {
      ...rangeFigures('gan_steps_per_s', stepsPerSecond),
      ...rangeFigures('gan_gflops', gflops),
      gan_flops_per_step: flopsPerStep,
      gan_cells: cells,
      gan_steps: steps,
      gan_metrics_ms_per_cell: evalMs,
      gan_workgroup_size: chosen,
      ...(speedup === null ? {} : { gan_software_wg_speedup: speedup }),
    };
  },
};
