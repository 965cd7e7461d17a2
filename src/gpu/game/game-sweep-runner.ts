import {
  axisValues,
  finiteMetric,
  numericParameters,
  SWEEP_METRIC_INFO,
  SWEEP_METRIC_NAMES,
  type SweepMetricArrays,
  type SweepProgress,
  type SweepResult as CoreSweepResult,
  type SweepRunOptions as CoreSweepRunOptions,
  type SweepMetricName,
  type SweepSpec,
} from '../../core/games/index.js';
import { prepareLinearKernel } from '../compute-pass.js';
import { toF32Array } from './game-gpu-values.js';
import {
  CHUNK_FIELDS,
  composeGameKernel,
  METRIC_PLANES,
  type ChunkField,
} from './game-kernel-source.js';
import type { PipelineCache } from '../pipeline-cache.js';
import { withErrorScopes } from '../error-scope.js';
import { readBuffer, uploadBuffer } from '../readback.js';

/** What the sweep runner needs: a device and the pipelines built on it. */
export interface GameGpu {
  device: GPUDevice;
  pipelines: PipelineCache;
}

export type { SweepProgress };

/** The signal is checked between chunks: an aborted run rejects with a DOMException named 'AbortError'. */
export interface SweepRunOptions extends CoreSweepRunOptions {
  /**
   * The most game-steps (games × steps) one submit may hold, and the most games: a hard cap on top
   * of the adaptation to targetSubmitSeconds.
   */
  maxGameStepsPerSubmit?: number;
  /** The most games played side by side in one slice of the grid (default 2²⁰). */
  maxSliceGames?: number;
  /**
   * The metrics to compute (default: all); the others come back as empty arrays. The kernel is
   * composed for these (no per-step radius² without maxRadius), with the same values.
   */
  metrics?: readonly SweepMetricName[];
  /**
   * Fold the non-swept numeric parameters that fold exactly (game-kernel-source.ts's `foldable`:
   * today a value of 1) into the pipeline as override constants (default true): the same values,
   * one pipeline per folded set. False: the general kernel, which reads every parameter from a
   * buffer and serves every sweep of the same shape.
   */
  foldParameters?: boolean;
  /** How long one submit should take, in seconds (default 0.05: far below a browser's watchdog). */
  targetSubmitSeconds?: number;
  /**
   * How long a submit counts as having taken, given its shape and its measured wall-clock
   * seconds; the default is the measured time. Tests inject a model of a slower or faster adapter.
   */
  submitSeconds?(submit: SubmitShape, measuredSeconds: number): number;
  /** Called after each step-playing submit with its shape and the seconds it counted as taking. */
  onSubmit?(submit: SubmitShape, seconds: number): void;
}

/** One submit of the sweep kernel: `games` games side by side, each for up to `steps` steps. */
export interface SubmitShape {
  games: number;
  steps: number;
}

/** The GPU's per-cell metrics, row-major (cell (ix, iy) at iy·nx + ix), as the kernel wrote them. */
export type GpuSweepMetrics = SweepMetricArrays<Float32Array, Int32Array>;

/**
 * The GPU's sweep: `seconds` includes building the pipeline. `metricNames`: the metrics it
 * computed (SweepRunOptions.metrics); the others' arrays are empty.
 */
export type SweepResult = CoreSweepResult<GpuSweepMetrics> & {
  metricNames: readonly SweepMetricName[];
};

/**
 * Safety bound on one submit when the caller gives none: far above what the ~50 ms target
 * leads to on any GPU, so it only matters if a chunk's timing misleads the adaptation.
 */
export const DEFAULT_MAX_GAME_STEPS_PER_SUBMIT = 2 ** 33;
/** Each submit aims at this many seconds: long enough to hide the round trip, far below a watchdog. */
const TARGET_SUBMIT_SECONDS = 0.05;
/** The first submit's work, before any timing is known: ~6 ms at SwiftShader's slowest measured game. */
const FIRST_SUBMIT_GAME_STEPS = 2 ** 16;
/** Games per slice: each slice's state lives on the GPU at once. */
const MAX_SLICE_GAMES = 2 ** 20;
/**
 * Each chunk loads and stores every game's state once, a cost per game rather than per step:
 * slices are sized so their chunks can play this many steps, and hold fewer games than that
 * allows only where the target leaves less (a slow adapter, an expensive game).
 */
const PREFERRED_CHUNK_STEPS = 64;
/** A chunk, or a slice's games, grows at most this much over the last: timings are noisy. */
const MAX_GROWTH = 4;

/**
 * Plays every cell of a sweep on the GPU, one invocation per game (shaders/game/game-sweep.wgsl).
 * Cells are processed in slices (games side by side, small enough for one storage binding); each
 * slice's steps are cut into chunks, one submit each. Each submit is timed, and both the games of
 * the next slice and the steps of the next chunk adapt so a submit takes about
 * TARGET_SUBMIT_SECONDS on any adapter and any game, down to one game for one step. How the work
 * is cut never changes a result.
 * Between chunks every game's state waits in a storage buffer. Progress is reported and the
 * signal checked after each chunk.
 */
export async function runSweep(
  gpu: GameGpu,
  spec: SweepSpec,
  options: SweepRunOptions = {},
): Promise<SweepResult> {
  const { device, pipelines } = gpu;
  const { signal, onProgress } = options;
  const maxPerSubmit = options.maxGameStepsPerSubmit ?? DEFAULT_MAX_GAME_STEPS_PER_SUBMIT;
  if (!(maxPerSubmit >= 1))
    throw new RangeError(`maxGameStepsPerSubmit must be at least 1, got ${maxPerSubmit}`);
  const started = performance.now();
  checkAborted(signal);

  const kernel = composeGameKernel(spec, 'sweep', {
    metrics: options.metrics,
    keepInBuffer:
      options.foldParameters === false ? undefined : [spec.axes.x.param, spec.axes.y.param],
  });
  const slot = (path: string) => kernel.cellPaths.indexOf(path);

  const xValues = axisValues(spec.axes.x);
  const yValues = axisValues(spec.axes.y);
  const nx = xValues.length;
  const cells = nx * yValues.length;
  const steps = spec.steps;
  const planes = Math.max(kernel.runPlanes, METRIC_PLANES.length);
  const bindingLimit = Math.min(
    device.limits.maxStorageBufferBindingSize,
    device.limits.maxBufferSize,
  );
  const sliceCapacity = Math.min(
    cells,
    options.maxSliceGames ?? MAX_SLICE_GAMES,
    Math.floor(bindingLimit / (4 * planes)),
  );

  const result = Object.fromEntries(
    SWEEP_METRIC_NAMES.map((name) => {
      const length = kernel.metrics.includes(name) ? cells : 0;
      return [
        name,
        SWEEP_METRIC_INFO[name].integer ? new Int32Array(length) : new Float32Array(length),
      ];
    }),
  ) as GpuSweepMetrics;
  const buffers: GPUBuffer[] = [];
  const track = (buffer: GPUBuffer) => (buffers.push(buffer), buffer);
  try {
    // Buffers past what the device can hold fail here, as an error the caller sees.
    const bindings = await withErrorScopes(device, 'game sweep: allocating its buffers', () => {
      const chunkBuffer = track(
        device.createBuffer({
          label: 'game-sweep chunk',
          size: Math.ceil((CHUNK_FIELDS.length * 4) / 16) * 16,
          usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
        }),
      );
      const params = numericParameters(spec).map((p) => p.value);
      return [
        chunkBuffer,
        track(uploadBuffer(device, toF32Array(params), 'game-sweep params')),
        track(uploadBuffer(device, toF32Array(xValues), 'game-sweep axis x')),
        track(uploadBuffer(device, toF32Array(yValues), 'game-sweep axis y')),
        track(
          device.createBuffer({
            label: 'game-sweep runs',
            size: 4 * kernel.runPlanes * sliceCapacity,
            usage: GPUBufferUsage.STORAGE,
          }),
        ),
        track(
          device.createBuffer({
            label: 'game-sweep metrics',
            size: 4 * METRIC_PLANES.length * sliceCapacity,
            usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC,
          }),
        ),
      ];
    });
    const chunk = bindings[0];
    const encode = await prepareLinearKernel(
      device,
      pipelines,
      {
        label: `game-sweep ${spec.game.name} ${spec.method.name}`,
        code: kernel.code,
        entryPoint: kernel.entryPoint,
        constants: {
          SWEEP_SLOT_X: slot(spec.axes.x.param),
          SWEEP_SLOT_Y: slot(spec.axes.y.param),
          ...kernel.constants,
        },
      },
      bindings,
    );
    checkAborted(signal);
    const metricsBuffer = bindings[5];

    let stepsDone = 0;
    let gameSteps = 0;
    const totalSteps = cells * steps;
    const target = options.targetSubmitSeconds ?? TARGET_SUBMIT_SECONDS;
    const countedSeconds =
      options.submitSeconds ?? ((_: SubmitShape, measured: number) => measured);
    // Seconds per game-step of fresh games (a slice's first chunk), once a submit has been timed.
    let cost: number | undefined;
    let lastCount = 0;
    for (let first = 0; first < cells;) {
      // Size the slice from the cost measured so far: its chunks should hold the target's
      // game-steps at PREFERRED_CHUNK_STEPS steps each, or fewer games when the target allows less.
      const budget = cost === undefined ? FIRST_SUBMIT_GAME_STEPS : target / cost;
      const preferredSteps = Math.min(steps, PREFERRED_CHUNK_STEPS);
      const count = Math.max(
        1,
        Math.min(
          sliceCapacity,
          cells - first,
          Math.floor(maxPerSubmit),
          Math.floor(budget / preferredSteps),
          lastCount ? MAX_GROWTH * lastCount : Infinity,
        ),
      );
      lastCount = count;
      const capSteps = Math.max(1, Math.floor(maxPerSubmit / count));
      let chunkSteps = Math.min(capSteps, Math.max(1, Math.floor(budget / count)));
      for (let from = 0; from < steps;) {
        const to = Math.min(steps, from + chunkSteps);
        const values: Record<ChunkField, number> = {
          first_cell: first,
          count,
          nx,
          step_from: from,
          step_to: to,
          steps,
        };
        device.queue.writeBuffer(
          chunk,
          0,
          Uint32Array.from(CHUNK_FIELDS, (f) => values[f]),
        );
        const submitted = performance.now();
        // Synchronous inside its error scopes: nothing else on the device is caught in them.
        const checked = withErrorScopes(device, 'game sweep: a submit of its kernel', () => {
          const encoder = device.createCommandEncoder({ label: 'game-sweep' });
          encode(encoder, count);
          device.queue.submit([encoder.finish()]);
        });
        await Promise.all([checked, device.queue.onSubmittedWorkDone()]);
        const shape: SubmitShape = { games: count, steps: to - from };
        const seconds = Math.max(
          countedSeconds(shape, (performance.now() - submitted) / 1e3),
          1e-6,
        );
        options.onSubmit?.(shape, seconds);
        const played = count * (to - from);
        if (from === 0) cost = seconds / played;
        // Shrink at once to the target; grow at most MAX_GROWTH× a chunk (games that stopped make
        // a chunk cheap, but not the next slice's).
        const scale = Math.min(MAX_GROWTH, target / seconds);
        chunkSteps = Math.min(capSteps, Math.max(1, Math.floor(chunkSteps * scale)));
        stepsDone += played;
        from = to;
        if (from < steps) {
          onProgress?.({ fraction: stepsDone / totalSteps, cellsDone: first, stepsDone });
          checkAborted(signal);
        }
      }
      const words = new Float32Array(
        await readBuffer(device, metricsBuffer, 4 * METRIC_PLANES.length * count),
      );
      const plane = (name: (typeof METRIC_PLANES)[number]) => {
        const i = METRIC_PLANES.indexOf(name);
        return words.subarray(i * count, (i + 1) * count);
      };
      // The same clamp as the float64 reference's (sweep-metrics.ts): an f32 radius (or its log) can overflow.
      for (const name of kernel.metrics) result[name].set(plane(name).map(finiteMetric), first);
      for (const s of plane('stepsRun')) gameSteps += s;
      first += count;
      onProgress?.({ fraction: stepsDone / totalSteps, cellsDone: first, stepsDone });
      if (first < cells) checkAborted(signal);
    }
    return {
      spec,
      xValues,
      yValues,
      metrics: result,
      metricNames: kernel.metrics,
      gameSteps,
      seconds: (performance.now() - started) / 1e3,
    };
  } finally {
    for (const buffer of buffers) buffer.destroy();
  }
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DOMException('The sweep was aborted', 'AbortError');
}
