import bareSimGdaWgsl from '../../../shaders/bench/bench-bare-sim-gda.wgsl?raw';
import { axisValues, MAX_STEPS, parseSweepSpec, type SweepSpec } from '../../core/games/index.js';
import { prepareLinearKernel } from '../../gpu/compute-pass.js';
import { runSweep, type SweepRunOptions } from '../../gpu/game/game-sweep-runner.js';
import { uploadBuffer } from '../../gpu/readback.js';
import type { BenchContext, BenchSuite } from './bench-suite.js';

/**
 * Games the bench plays: f = x·y from (x0, 1), η swept on a log axis and x0 on a linear one.
 * The rates are small enough that no game escapes or converges within MAX_STEPS (sim GDA's
 * radius grows by (1+η²)^{k/2} ≤ e^{0.05}; Adam circles), so every cell runs every step.
 */
function benchSpec(method: string, side: number, steps: number): SweepSpec {
  return parseSweepSpec({
    game: { name: 'bilinear', b: 1 },
    method,
    x0: 0,
    y0: 1,
    steps,
    escapeRadius: 1e6,
    axes: {
      x: { param: 'lr', from: 1e-4, to: 1e-3, count: side, scale: 'log' },
      y: { param: 'x0', from: -1, to: 1, count: side, scale: 'linear' },
    },
  });
}

/** The bare loop: wall-clock seconds of one dispatch of every game for `steps` steps. */
async function bareSeconds(context: BenchContext, spec: SweepSpec): Promise<number> {
  const { device } = context.gpu;
  const games = spec.axes.x.count * spec.axes.y.count;
  const buffers = [
    uploadBuffer(
      device,
      Uint32Array.of(spec.axes.x.count, spec.steps),
      'bare config',
      GPUBufferUsage.UNIFORM,
    ),
    uploadBuffer(device, Float32Array.from(axisValues(spec.axes.x)), 'bare lr'),
    uploadBuffer(device, Float32Array.from(axisValues(spec.axes.y)), 'bare x0'),
    device.createBuffer({ label: 'bare out', size: games * 4, usage: GPUBufferUsage.STORAGE }),
  ];
  try {
    const encode = await prepareLinearKernel(
      device,
      context.pipelines,
      { label: 'bench-bare-sim-gda', code: bareSimGdaWgsl },
      buffers,
    );
    const encoder = device.createCommandEncoder({ label: 'bare sim-gda' });
    encode(encoder, games);
    const start = performance.now();
    device.queue.submit([encoder.finish()]);
    await device.queue.onSubmittedWorkDone();
    return (performance.now() - start) / 1e3;
  } finally {
    for (const buffer of buffers) buffer.destroy();
  }
}

/** The same sim-GDA games in a plain JS loop, with the sweep's escape and max-radius bookkeeping. */
function jsSimGdaSeconds(spec: SweepSpec, games: number): number {
  const lr = axisValues(spec.axes.x);
  const x0 = axisValues(spec.axes.y);
  const nx = lr.length;
  const escape2 = spec.escapeRadius * spec.escapeRadius;
  let sink = 0;
  const start = performance.now();
  for (let g = 0; g < games; g++) {
    const eta = lr[g % nx];
    let x = x0[Math.floor(g / nx)];
    let y = spec.y0;
    let most = x * x + y * y;
    for (let k = 0; k < spec.steps; k++) {
      const nextX = x + eta * y;
      y = y - eta * x;
      x = nextX;
      const r2 = x * x + y * y;
      if (r2 > most) most = r2;
      if (!(r2 <= escape2) || r2 < 1e-60) break;
    }
    sink += most + x + y;
  }
  const seconds = (performance.now() - start) / 1e3;
  if (!Number.isFinite(sink)) throw new Error('the JS loop diverged');
  return seconds;
}

const rate = (n: number) => `${n.toExponential(3)} game-steps/s`;

/**
 * Game-steps per second of the sweep kernel (sim GDA, extragradient, Adam) on ≥ 10⁶ games,
 * beside the bare sim-GDA loop on the same adapter and a JS loop on the CPU.
 */
export const gameSweepThroughput: BenchSuite = {
  name: 'game sweep throughput',
  async run(context) {
    const { log, quick } = context;
    const gpu = { device: context.gpu.device, pipelines: context.pipelines };
    const side = quick ? 64 : 1024;
    const games = side * side;
    // Long enough to time: ~0.5 s of the bare loop (quick runs: a fixed, small count).
    let steps = 256;
    if (!quick) {
      const probe = await bareSeconds(context, benchSpec('sim-gda', side, 1024));
      steps = Math.max(1024, Math.min(MAX_STEPS, Math.round((1024 * 0.5) / probe)));
    }
    log(`${side}×${side} games of f = x·y, ${steps} steps each`);

    const figures: Record<string, number> = {};
    const sweepRate = async (
      method: string,
      label: string,
      options: SweepRunOptions,
    ): Promise<number> => {
      // The first run builds the pipeline; the second is timed.
      await runSweep(gpu, benchSpec(method, side, 2), options);
      const result = await runSweep(gpu, benchSpec(method, side, steps), options);
      const perSecond = result.gameSteps / result.seconds;
      log(`sweep ${label.padEnd(26)} ${rate(perSecond)}`);
      return perSecond;
    };
    // The general kernel: every metric, every parameter read from its buffer.
    const general = { foldParameters: false };
    figures.sim_gda_steps_per_s = await sweepRate('sim-gda', 'sim-gda (general)', general);
    // Composed for what is asked, b = 1 and the start folded in (docs/architecture.md).
    figures.sim_gda_growth_rate_steps_per_s = await sweepRate('sim-gda', 'sim-gda growthRate', {
      metrics: ['growthRate'],
    });
    figures.sim_gda_growth_rate_max_radius_steps_per_s = await sweepRate(
      'sim-gda',
      'sim-gda growthRate+maxRadius',
      { metrics: ['growthRate', 'maxRadius'] },
    );
    figures.eg_steps_per_s = await sweepRate('eg', 'eg (general)', general);
    figures.adam_steps_per_s = await sweepRate('adam', 'adam (general)', general);

    const bareSpec = benchSpec('sim-gda', side, steps);
    await bareSeconds(context, benchSpec('sim-gda', side, 2));
    figures.bare_sim_gda_steps_per_s = (games * steps) / (await bareSeconds(context, bareSpec));
    log(`bare sim-gda     ${rate(figures.bare_sim_gda_steps_per_s)}`);

    const jsGames = Math.min(games, quick ? 256 : 4096);
    figures.js_sim_gda_steps_per_s = (jsGames * steps) / jsSimGdaSeconds(bareSpec, jsGames);
    log(`JS sim-gda       ${rate(figures.js_sim_gda_steps_per_s)} (${jsGames} of the games)`);

    const bare = figures.bare_sim_gda_steps_per_s;
    figures.sweep_vs_bare = figures.sim_gda_growth_rate_steps_per_s / bare;
    figures.sweep_maxradius_vs_bare = figures.sim_gda_growth_rate_max_radius_steps_per_s / bare;
    figures.sweep_general_vs_bare = figures.sim_gda_steps_per_s / bare;
    figures.gpu_vs_js = figures.sim_gda_growth_rate_steps_per_s / figures.js_sim_gda_steps_per_s;
    log(
      `sweep / bare: ${figures.sweep_vs_bare.toFixed(3)} (growthRate), ` +
        `${figures.sweep_maxradius_vs_bare.toFixed(3)} (with maxRadius), ` +
        `${figures.sweep_general_vs_bare.toFixed(3)} (general)   ` +
        `GPU sweep / JS: ${figures.gpu_vs_js.toFixed(1)}×`,
    );
    return figures;
  },
};
