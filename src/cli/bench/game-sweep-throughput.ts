import bareSimGdaWgsl from '../../../shaders/bench/bench-bare-sim-gda.wgsl?raw';
import {
  axisValues,
  MAX_STEPS,
  numericParameters,
  parseSweepSpec,
  SWEEP_METRIC_NAMES,
  type SweepMetricName,
  type SweepSpec,
} from '../../core/games/index.js';
import { prepareLinearKernel } from '../../gpu/compute-pass.js';
import { toF32Array } from '../../gpu/game/game-gpu-values.js';
import {
  CHUNK_FIELDS,
  composeGameKernel,
  METRIC_PLANES,
  type ChunkField,
} from '../../gpu/game/game-kernel-source.js';
import { runSweep, type SweepRunOptions } from '../../gpu/game/game-sweep-runner.js';
import { readBuffer, uploadBuffer } from '../../gpu/readback.js';
import {
  formatRange,
  interleavedSamples,
  rangeFigures,
  rateRange,
  ratioRange,
  sampleSeconds,
  type BenchContext,
  type BenchSuite,
  type Range,
  type Samples,
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

/** A kernel dispatched over every game for every step in one submit, its buffers made once. */
interface WholeDispatch {
  /** Wall-clock seconds of one submit, to its completion. */
  seconds(): Promise<number>;
  release(): void;
}

async function timedDispatch(
  context: BenchContext,
  label: string,
  program: { code: string; entryPoint?: string; constants?: Record<string, number> },
  buffers: GPUBuffer[],
  invocations: number,
): Promise<WholeDispatch> {
  const { device } = context.gpu;
  const encode = await prepareLinearKernel(
    device,
    context.pipelines,
    { label, ...program },
    buffers,
  );
  return {
    async seconds() {
      const encoder = device.createCommandEncoder({ label });
      encode(encoder, invocations);
      const start = performance.now();
      device.queue.submit([encoder.finish()]);
      await device.queue.onSubmittedWorkDone();
      return (performance.now() - start) / 1e3;
    },
    release: () => buffers.forEach((b) => b.destroy()),
  };
}

/** The bare loop (bench-bare-sim-gda.wgsl) over every game of `spec` for all its steps. */
function bareDispatch(context: BenchContext, spec: SweepSpec): Promise<WholeDispatch> {
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
  return timedDispatch(context, 'bench-bare-sim-gda', { code: bareSimGdaWgsl }, buffers, games);
}

/**
 * The sweep kernel, composed as runSweep composes it for `metrics` (parameters folded or not), over
 * every game of `spec` for all its steps in one dispatch: the bare loop's shape, without
 * runSweep's chunks, slices and readback. Its stepsRun plane is read back once and must show
 * every game ran every step, so both kernels did the same work.
 */
async function sweepDispatch(
  context: BenchContext,
  spec: SweepSpec,
  metrics: readonly SweepMetricName[],
  fold: boolean,
): Promise<WholeDispatch> {
  const { device } = context.gpu;
  const kernel = composeGameKernel(spec, 'sweep', {
    metrics,
    keepInBuffer: fold ? [spec.axes.x.param, spec.axes.y.param] : undefined,
  });
  const games = spec.axes.x.count * spec.axes.y.count;
  const chunk: Record<ChunkField, number> = {
    first_cell: 0,
    count: games,
    nx: spec.axes.x.count,
    step_from: 0,
    step_to: spec.steps,
    steps: spec.steps,
  };
  const metricsBuffer = device.createBuffer({
    label: 'sweep metrics',
    size: 4 * METRIC_PLANES.length * games,
    usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC,
  });
  const buffers = [
    uploadBuffer(
      device,
      Uint32Array.from(CHUNK_FIELDS, (f) => chunk[f]),
      'sweep chunk',
      GPUBufferUsage.UNIFORM,
    ),
    uploadBuffer(device, toF32Array(numericParameters(spec).map((p) => p.value)), 'sweep params'),
    uploadBuffer(device, toF32Array(axisValues(spec.axes.x)), 'sweep axis x'),
    uploadBuffer(device, toF32Array(axisValues(spec.axes.y)), 'sweep axis y'),
    device.createBuffer({
      label: 'sweep runs',
      size: 4 * kernel.runPlanes * games,
      usage: GPUBufferUsage.STORAGE,
    }),
    metricsBuffer,
  ];
  const slot = (path: string) => kernel.cellPaths.indexOf(path);
  const dispatch = await timedDispatch(
    context,
    `bench sweep ${metrics.join('+')}`,
    {
      code: kernel.code,
      entryPoint: kernel.entryPoint,
      constants: {
        SWEEP_SLOT_X: slot(spec.axes.x.param),
        SWEEP_SLOT_Y: slot(spec.axes.y.param),
        ...kernel.constants,
      },
    },
    buffers,
    games,
  );
  await dispatch.seconds();
  const plane = METRIC_PLANES.indexOf('stepsRun');
  const stepsRun = new Float32Array(
    await readBuffer(device, metricsBuffer, 4 * METRIC_PLANES.length * games),
  ).subarray(plane * games, (plane + 1) * games);
  if (stepsRun.some((s) => s !== spec.steps)) {
    dispatch.release();
    throw new Error(
      `bench sweep: a game stopped before step ${spec.steps}; the bench games must not`,
    );
  }
  return dispatch;
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
 * Game-steps per second of the sweep (sim GDA, extragradient, Adam) on ≥ 10⁶ games through
 * runSweep, as the page and the CLI run it; beside the bare sim-GDA loop on the same adapter and a
 * JS loop on the CPU. The kernel ratios (`sweep_vs_bare`, …) time the sweep kernel and the bare
 * loop in the same shape, every game for every step in one dispatch, interleaved pair by pair
 * (interleavedSamples); `sweep_run_vs_bare` is runSweep's whole run (chunks, slices, readback)
 * over the bare loop. Each figure is the median of several samples with the least and greatest
 * (`_min`, `_max`), and each GPU kernel's useful FLOP/s (`_useful_gflops`; the bench command adds
 * it as a share of the fma peak).
 */
export const gameSweepThroughput: BenchSuite = {
  key: 'sweep',
  name: 'game sweep throughput',
  async run(context) {
    const { log, quick } = context;
    const gpu = { device: context.gpu.device, pipelines: context.pipelines };
    const side = quick ? 64 : 1024;
    const games = side * side;
    const samples = quick ? 3 : 5;
    const pairs = quick ? 5 : 7;
    // Long enough to time: ~0.25 s of the bare loop, so the general kernel's one dispatch stays
    // well under a GPU watchdog (~2 s on Windows). Quick runs: a fixed count, enough that a
    // dispatch is not all overhead.
    let steps = 4096;
    {
      const probe = await bareDispatch(context, benchSpec('sim-gda', side, 1024));
      try {
        await probe.seconds();
        if (!quick)
          steps = Math.max(
            1024,
            Math.min(MAX_STEPS, Math.round((1024 * 0.25) / (await probe.seconds()))),
          );
      } finally {
        probe.release();
      }
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
    const ratio = (key: string, r: Range) => {
      Object.assign(figures, rangeFigures(key, r));
      return formatRange(r, (n) => n.toFixed(3));
    };
    // Kernel against kernel: one dispatch each, the same games and steps, pair by pair.
    const bare = await bareDispatch(context, bareSpec);
    try {
      const kernels = [
        { key: 'sweep_vs_bare', label: 'growthRate', metrics: ['growthRate'], fold: true },
        {
          key: 'sweep_maxradius_vs_bare',
          label: 'growthRate+maxRadius',
          metrics: ['growthRate', 'maxRadius'],
          fold: true,
        },
        {
          key: 'sweep_general_vs_bare',
          label: 'general kernel',
          metrics: SWEEP_METRIC_NAMES,
          fold: false,
        },
      ] as const;
      let bareSeconds: Samples | undefined;
      for (const k of kernels) {
        const kernel = await sweepDispatch(context, bareSpec, k.metrics, k.fold);
        try {
          const measured = await interleavedSamples(pairs, bare.seconds, kernel.seconds);
          bareSeconds ??= measured.a;
          log(
            `sweep kernel / bare, ${`${k.label}:`.padEnd(22)} ${ratio(k.key, measured.ratio)} (one dispatch each, ${pairs} interleaved pairs)`,
          );
        } finally {
          kernel.release();
        }
      }
      record('bare_sim_gda', 'sim-gda', rateRange(games * steps, bareSeconds!));
      log(`bare sim-gda                       ${rate(rates.bare_sim_gda)}`);
    } finally {
      bare.release();
    }

    const jsGames = Math.min(games, quick ? 256 : 4096);
    const js = await sampleSeconds(samples, async () => jsSimGdaSeconds(bareSpec, jsGames));
    rates.js = rateRange(jsGames * steps, js);
    Object.assign(figures, rangeFigures('js_sim_gda_steps_per_s', rates.js));
    log(`JS sim-gda                         ${rate(rates.js)} (${jsGames} of the games)`);

    log(
      `runSweep growthRate / bare:         ${ratio('sweep_run_vs_bare', ratioRange(rates.sim_gda_growth_rate, rates.bare_sim_gda))} (the whole run: chunks, slices, readback)`,
    );
    log(
      `GPU sweep (growthRate) / JS:        ${ratio('gpu_vs_js', ratioRange(rates.sim_gda_growth_rate, rates.js))}`,
    );
    return figures;
  },
};
