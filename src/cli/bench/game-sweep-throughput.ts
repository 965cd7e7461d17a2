import bareSimGdaWgsl from '../../../shaders/bench/bench-bare-sim-gda.wgsl?raw';
import { axisValues, MAX_STEPS, parseSweepSpec, type SweepSpec } from '../../core/games/index.js';
import { prepareLinearKernel } from '../../gpu/compute-pass.js';
import { runSweep, type SweepRunOptions } from '../../gpu/game/game-sweep-runner.js';
import { uploadBuffer } from '../../gpu/readback.js';
import {
  formatRange,
  rangeFigures,
  rateRange,
  ratioRange,
  sampleSeconds,
  type BenchContext,
  type BenchSuite,
  type Range,
} from './bench-suite.js';

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

const rate = (r: Range) => `${formatRange(r, (n) => n.toExponential(2))} game-steps/s`;

/**
 * Useful FLOPs a game-step of f = x·y (b = 1) needs, whatever a kernel spends besides:
 * sim GDA x + η·y, y − η·x (2 multiplies, 2 adds); extragradient two such maps; Adam per player
 * its two moments (7), bias corrections (2 divides), √v̂ + ε and the divide (3) and the update
 * (2), plus t + 1, two powers and 1 − βᵗ twice shared (5, a power counted as one).
 */
const USEFUL_FLOPS_PER_STEP: Readonly<Record<string, number>> = { 'sim-gda': 4, eg: 8, adam: 33 };

/**
 * Game-steps per second of the sweep kernel (sim GDA, extragradient, Adam) on ≥ 10⁶ games,
 * beside the bare sim-GDA loop on the same adapter and a JS loop on the CPU. Each figure is the
 * median of several runs with the slowest and fastest (`_min`, `_max`), and each GPU kernel's
 * useful FLOP/s (`_useful_gflops`; the bench command adds it as a share of the fma peak).
 */
export const gameSweepThroughput: BenchSuite = {
  name: 'game sweep throughput',
  async run(context) {
    const { log, quick } = context;
    const gpu = { device: context.gpu.device, pipelines: context.pipelines };
    const side = quick ? 64 : 1024;
    const games = side * side;
    const samples = quick ? 3 : 5;
    // Long enough to time: ~0.5 s of the bare loop. Quick runs: a fixed count, enough that a
    // sweep's fixed costs (buffers, submits, readback) do not swamp its steps.
    let steps = 1024;
    if (!quick) {
      const probe = await bareSeconds(context, benchSpec('sim-gda', side, 1024));
      steps = Math.max(1024, Math.min(MAX_STEPS, Math.round((1024 * 0.5) / probe)));
    }
    log(`${side}×${side} games of f = x·y, ${steps} steps each; median (min … max) of ${samples}`);

    const figures: Record<string, number> = {};
    const rates: Record<string, Range> = {};
    const record = (key: string, method: string, stepsPerSecond: Range) => {
      rates[key] = stepsPerSecond;
      Object.assign(figures, rangeFigures(`${key}_steps_per_s`, stepsPerSecond));
      const flops = USEFUL_FLOPS_PER_STEP[method] / 1e9;
      Object.assign(
        figures,
        rangeFigures(`${key}_useful_gflops`, {
          median: stepsPerSecond.median * flops,
          min: stepsPerSecond.min * flops,
          max: stepsPerSecond.max * flops,
        }),
      );
    };
    const sweep = async (key: string, method: string, label: string, options: SweepRunOptions) => {
      // The first run builds the pipeline; the samples are timed.
      await runSweep(gpu, benchSpec(method, side, 2), options);
      let gameSteps = 0;
      const seconds = await sampleSeconds(samples, async () => {
        const result = await runSweep(gpu, benchSpec(method, side, steps), options);
        gameSteps = result.gameSteps;
        return result.seconds;
      });
      record(key, method, rateRange(gameSteps, seconds));
      log(`sweep ${label.padEnd(28)} ${rate(rates[key])}`);
    };
    // The general kernel: every metric, every parameter read from its buffer.
    const general = { foldParameters: false };
    await sweep('sim_gda', 'sim-gda', 'sim-gda (general)', general);
    // Composed for what is asked, b = 1 folded in (docs/architecture.md).
    await sweep('sim_gda_growth_rate', 'sim-gda', 'sim-gda growthRate', {
      metrics: ['growthRate'],
    });
    await sweep('sim_gda_growth_rate_max_radius', 'sim-gda', 'sim-gda growthRate+maxRadius', {
      metrics: ['growthRate', 'maxRadius'],
    });
    await sweep('eg', 'eg', 'eg (general)', general);
    await sweep('adam', 'adam', 'adam (general)', general);

    const bareSpec = benchSpec('sim-gda', side, steps);
    await bareSeconds(context, benchSpec('sim-gda', side, 2));
    const bare = await sampleSeconds(samples, () => bareSeconds(context, bareSpec));
    record('bare_sim_gda', 'sim-gda', rateRange(games * steps, bare));
    log(`bare sim-gda                       ${rate(rates.bare_sim_gda)}`);

    const jsGames = Math.min(games, quick ? 256 : 4096);
    const js = await sampleSeconds(samples, async () => jsSimGdaSeconds(bareSpec, jsGames));
    rates.js = rateRange(jsGames * steps, js);
    Object.assign(figures, rangeFigures('js_sim_gda_steps_per_s', rates.js));
    log(`JS sim-gda                         ${rate(rates.js)} (${jsGames} of the games)`);

    const ratio = (key: string, a: Range, b: Range) => {
      const r = ratioRange(a, b);
      Object.assign(figures, rangeFigures(key, r));
      return formatRange(r, (n) => n.toFixed(3));
    };
    log(
      `sweep / bare, growthRate:            ${ratio('sweep_vs_bare', rates.sim_gda_growth_rate, rates.bare_sim_gda)}`,
    );
    log(
      `sweep / bare, growthRate+maxRadius: ${ratio('sweep_maxradius_vs_bare', rates.sim_gda_growth_rate_max_radius, rates.bare_sim_gda)}`,
    );
    log(
      `sweep / bare, general kernel:        ${ratio('sweep_general_vs_bare', rates.sim_gda, rates.bare_sim_gda)}`,
    );
    log(
      `GPU sweep (growthRate) / JS:         ${ratio('gpu_vs_js', rates.sim_gda_growth_rate, rates.js)}`,
    );
    return figures;
  },
};
