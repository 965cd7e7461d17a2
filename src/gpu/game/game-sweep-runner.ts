import {
  axisValues,
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
import { readBuffer, uploadBuffer } from '../readback.js';

export { runTrajectories } from './game-trajectory-runner.js';

/** What the sweep runner needs: a device and the pipelines built on it. */
export interface GameGpu {
  device: GPUDevice;
  pipelines: PipelineCache;
}

export type { SweepProgress };

/** The signal is checked between chunks: an aborted run rejects with a DOMException named 'AbortError'. */
export interface SweepRunOptions extends CoreSweepRunOptions {
  /**
   * The most game-steps (games × steps) one submit may hold. Within it, chunks adapt to take
   * ~50 ms each, yet play at least 64 steps (a chunk's cost per game) unless this cap allows fewer.
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
   * Fold every non-swept numeric parameter into the pipeline as an override constant (default
   * true): the same values, one pipeline per parameter set. False: the general kernel, which
   * reads them from a buffer and serves every sweep of the same shape.
   */
  foldParameters?: boolean;
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
const TARGET_CHUNK_SECONDS = 0.05;
/** The first submit's work, before any timing is known. */
const FIRST_CHUNK_GAME_STEPS = 2 ** 20;
/** Games per slice: each slice's state lives on the GPU at once, and its chunks stay short. */
const MAX_SLICE_GAMES = 2 ** 20;
/**
 * Each chunk loads and stores every game's state once, a cost per game rather than per step:
 * shorter chunks would spend more time there than stepping (unless the caller's cap asks).
 */
const MIN_CHUNK_STEPS = 64;

/**
 * Plays every cell of a sweep on the GPU, one invocation per game (shaders/game/game-sweep.wgsl).
 * Cells are processed in slices small enough for one storage binding; each slice's steps are cut
 * into chunks, one submit each, whose size adapts so a submit takes about TARGET_CHUNK_SECONDS.
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
    const chunk = track(
      device.createBuffer({
        label: 'game-sweep chunk',
        size: Math.ceil((CHUNK_FIELDS.length * 4) / 16) * 16,
        usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
      }),
    );
    const params = numericParameters(spec).map((p) => p.value);
    const bindings = [
      chunk,
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
    for (let first = 0; first < cells; first += sliceCapacity) {
      const count = Math.min(sliceCapacity, cells - first);
      const capSteps = Math.max(1, Math.floor(maxPerSubmit / count));
      let chunkSteps = Math.min(
        capSteps,
        Math.max(MIN_CHUNK_STEPS, Math.floor(FIRST_CHUNK_GAME_STEPS / count)),
      );
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
        const encoder = device.createCommandEncoder({ label: 'game-sweep' });
        encode(encoder, count);
        const submitted = performance.now();
        device.queue.submit([encoder.finish()]);
        await device.queue.onSubmittedWorkDone();
        const seconds = Math.max((performance.now() - submitted) / 1e3, 1e-4);
        const played = count * (to - from);
        // Grow at most 4× a chunk: games that stopped make a chunk cheap, but not the next one.
        const scale = Math.min(4, Math.max(0.5, TARGET_CHUNK_SECONDS / seconds));
        chunkSteps = Math.min(capSteps, Math.max(MIN_CHUNK_STEPS, Math.round(chunkSteps * scale)));
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
      for (const name of kernel.metrics) result[name].set(plane(name), first);
      for (const s of plane('stepsRun')) gameSteps += s;
      onProgress?.({ fraction: stepsDone / totalSteps, cellsDone: first + count, stepsDone });
      if (first + count < cells) checkAborted(signal);
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
