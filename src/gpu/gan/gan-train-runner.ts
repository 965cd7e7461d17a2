import { ganLearningRates, type GanRunSpec } from '../../core/gan/index.js';
import { METHOD_CATALOG } from '../../core/games/index.js';
import { withErrorScopes } from '../error-scope.js';
import type { PipelineCache } from '../pipeline-cache.js';
import { readBuffer, uploadBuffer } from '../readback.js';
import { ganStepFlops } from './gan-flops.js';
import { composeGanKernel } from './gan-kernel-source.js';

const F32_MAX = 3.4028234663852886e38;

/** Bytes of one GanCell (gan-train.wgsl): rates, clip, seed, four method parameters. */
const CELL_BYTES = 32;
/** Bytes of the GanRun uniform (five words, padded to 16). */
const RUN_BYTES = 32;

/**
 * The first submit's work in useful FLOPs (gan-flops.ts), before any timing is known: about
 * 0.1 s on SwiftShader on this project's 2-core machine (≈ 0.1 GFLOP/s on this kernel, 0.5 s
 * when the machine is loaded), 25 steps of the bench's 2×16 GAN, and far less on a GPU; later
 * submits adapt to TARGET_SUBMIT_SECONDS.
 */
export const FIRST_SUBMIT_FLOPS = 1e7;
/** Each submit aims at this many seconds: long enough to hide the round trip, far below a watchdog. */
const TARGET_SUBMIT_SECONDS = 0.1;
/** A submit's work grows at most this much over the last: timings are noisy. */
const MAX_GROWTH = 4;
/** Slices are sized so that their chunks can hold this many steps within the budget. */
const PREFERRED_CHUNK_STEPS = 16;

/** One GAN of a GPU run: its key and rates (the spec's shape is shared). */
export interface GanCellSettings {
  seed: number;
  lrD: number;
  lrG: number;
  clip: number;
  /** The method's numeric parameters in catalogue order (at most 4). */
  methodParameters: number[];
}

export function cellSettings(spec: GanRunSpec): GanCellSettings {
  const method = spec.method as unknown as Record<string, number>;
  return {
    seed: spec.seed,
    ...ganLearningRates(spec),
    clip: spec.game.clip,
    methodParameters: METHOD_CATALOG[spec.method.name].numeric.map((p) => method[p.name]),
  };
}

/** One trained cell: its last finite parameters (D then G, the reference's flat layouts) in f32. */
export interface GanCellResult {
  d: Float32Array;
  g: Float32Array;
  /** As trainGan's: the step at which the run escaped, −1 if never. */
  escapeStep: number;
}

/** One submit of the training kernel: `cells` GANs side by side, each for `steps` outer steps. */
export interface GanSubmitShape {
  cells: number;
  steps: number;
}

export interface GanTrainOptions {
  /** The most cells trained side by side (default: as many as one storage binding holds). */
  maxCellsPerSlice?: number;
  /**
   * Fixed work per submit: each holds at most this many GAN-steps (cells × outer steps; at least
   * one cell for one step), with no adaptation to timing. Default: adaptive, from
   * FIRST_SUBMIT_FLOPS towards `targetSubmitSeconds`.
   */
  ganStepsPerSubmit?: number;
  /** How long one adaptive submit should take, in seconds (default 0.1). */
  targetSubmitSeconds?: number;
  /** Checked between submits: an aborted run rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Invocations per workgroup (ganWorkgroupSize; default GAN_WORKGROUP_SIZE). */
  workgroupSize?: number;
  /** After each submit has completed on the device: its shape and its wall-clock seconds. */
  onSubmit?(shape: GanSubmitShape, seconds: number): void;
  /** When a slice's cells are read back: the index of its first cell and their results. */
  onSlice?(first: number, results: GanCellResult[]): void | Promise<void>;
}

/**
 * Trains every cell for `steps` outer steps on the GPU, one workgroup a cell, and returns each
 * cell's last finite parameters in f32 and its escape step (as trainGan's: −1 if none). Cells go
 * in slices whose scratch and state fit one binding; each slice's steps go in chunks, one submit
 * each, the cells' parameters and the method's memory waiting in a storage buffer between them.
 * How the work is cut never changes a value. An aborted signal rejects with its reason after the
 * submit in flight completes; every buffer is released.
 */
export async function trainGansOnGpu(
  device: GPUDevice,
  pipelines: PipelineCache,
  spec: GanRunSpec,
  cells: readonly GanCellSettings[],
  steps: number,
  options: GanTrainOptions = {},
): Promise<GanCellResult[]> {
  const { signal } = options;
  signal?.throwIfAborted();
  const kernel = composeGanKernel(spec, options.workgroupSize);
  if (kernel.workgroupBytes > device.limits.maxComputeWorkgroupStorageSize) {
    throw new RangeError(
      `the networks need ${kernel.workgroupBytes} bytes of workgroup memory, the device has ${device.limits.maxComputeWorkgroupStorageSize}`,
    );
  }
  const fixed = options.ganStepsPerSubmit;
  if (fixed !== undefined && !(fixed >= 1))
    throw new RangeError(`ganStepsPerSubmit must be at least 1, got ${fixed}`);
  const limits = device.limits;
  const binding = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  const fit = Math.floor(binding / (4 * Math.max(kernel.scratchPerCell, kernel.statePerCell)));
  const capacity = Math.min(
    cells.length,
    options.maxCellsPerSlice ?? Infinity,
    fit,
    limits.maxComputeWorkgroupsPerDimension,
  );
  if (capacity < 1)
    throw new RangeError(
      `one cell needs ${4 * Math.max(kernel.scratchPerCell, kernel.statePerCell)} bytes of scratch, more than one binding holds`,
    );
  const cellBytes = new ArrayBuffer(CELL_BYTES * Math.max(1, cells.length));
  const asFloat = new Float32Array(cellBytes);
  const asUint = new Uint32Array(cellBytes);
  const words = CELL_BYTES / 4;
  cells.forEach((c, i) => {
    asFloat[words * i] = c.lrD;
    asFloat[words * i + 1] = c.lrG;
    asFloat[words * i + 2] = c.clip;
    asUint[words * i + 3] = c.seed >>> 0;
    c.methodParameters.forEach((v, k) => (asFloat[words * i + 4 + k] = v));
  });
  const results: GanCellResult[] = [];
  if (cells.length === 0) return results;

  const buffers: GPUBuffer[] = [];
  const track = (b: GPUBuffer) => (buffers.push(b), b);
  try {
    const bindings = await withErrorScopes(device, 'GAN training: allocating its buffers', () => [
      track(uploadBuffer(device, new Uint8Array(cellBytes), 'gan cells')),
      track(
        device.createBuffer({
          label: 'gan run',
          size: RUN_BYTES,
          usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
        }),
      ),
      track(uploadBuffer(device, kernel.dataValues, 'gan data means')),
      track(
        device.createBuffer({
          label: 'gan state',
          size: 4 * kernel.statePerCell * capacity,
          usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC,
        }),
      ),
      track(
        device.createBuffer({
          label: 'gan scratch',
          size: 4 * kernel.scratchPerCell * capacity,
          usage: GPUBufferUsage.STORAGE,
        }),
      ),
      track(
        device.createBuffer({
          label: 'gan escape steps',
          size: 4 * capacity,
          usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC,
        }),
      ),
    ]);
    const [, runBuffer, , stateBuffer, , escapeBuffer] = bindings;
    const pipeline = await pipelines.get({
      label: 'gan-train',
      code: kernel.code,
      entryPoint: 'gan_train',
    });
    const bindGroup = device.createBindGroup({
      label: 'gan-train',
      layout: pipeline.getBindGroupLayout(0),
      entries: bindings.map((buffer, index) => ({ binding: index, resource: { buffer } })),
    });
    signal?.throwIfAborted();

    const runValues = new ArrayBuffer(RUN_BYTES);
    const runWords = new Uint32Array(runValues, 0, 4);
    new Float32Array(runValues, 16, 1)[0] = Math.min(spec.escapeNorm, F32_MAX);
    const target = options.targetSubmitSeconds ?? TARGET_SUBMIT_SECONDS;
    // GAN-steps per submit: fixed, or adapted to the measured time of the last submit.
    let budget = fixed ?? Math.max(1, Math.floor(FIRST_SUBMIT_FLOPS / ganStepFlops(spec)));
    let lastCount = 0;
    for (let first = 0; first < cells.length;) {
      const count = Math.max(
        1,
        Math.min(
          capacity,
          cells.length - first,
          Math.floor(budget / Math.min(steps, PREFERRED_CHUNK_STEPS)),
          fixed === undefined && lastCount > 0 ? MAX_GROWTH * lastCount : Infinity,
        ),
      );
      lastCount = count;
      // At least one submit, which initialises the cells (steps = 0 trains none).
      let from = 0;
      do {
        const to = Math.min(steps, from + Math.max(1, Math.floor(budget / count)));
        runWords.set([first, count, from, to]);
        device.queue.writeBuffer(runBuffer, 0, runValues);
        const submitted = performance.now();
        const checked = withErrorScopes(device, 'GAN training: a submit of its kernel', () => {
          const encoder = device.createCommandEncoder({ label: 'gan-train' });
          const pass = encoder.beginComputePass({ label: 'gan-train' });
          pass.setPipeline(pipeline);
          pass.setBindGroup(0, bindGroup);
          pass.dispatchWorkgroups(count);
          pass.end();
          device.queue.submit([encoder.finish()]);
        });
        await Promise.all([checked, device.queue.onSubmittedWorkDone()]);
        const seconds = Math.max((performance.now() - submitted) / 1e3, 1e-6);
        const shape = { cells: count, steps: to - from };
        options.onSubmit?.(shape, seconds);
        if (fixed === undefined) {
          // Shrink at once to the target; grow at most MAX_GROWTH× (cells that escaped make a
          // chunk cheap, but not the next one's fresh cells).
          const played = count * (to - from);
          budget = Math.max(1, Math.floor(played * Math.min(MAX_GROWTH, target / seconds)));
        }
        from = to;
        signal?.throwIfAborted();
      } while (from < steps);
      const state = new Float32Array(
        await readBuffer(device, stateBuffer, 4 * kernel.statePerCell * count),
      );
      const escapes = new Int32Array(await readBuffer(device, escapeBuffer, 4 * count));
      const slice: GanCellResult[] = [];
      for (let i = 0; i < count; i++) {
        const at = i * kernel.statePerCell;
        slice.push({
          escapeStep: escapes[i],
          d: state.slice(at, at + kernel.dSize),
          g: state.slice(at + kernel.dSize, at + kernel.dSize + kernel.gSize),
        });
      }
      results.push(...slice);
      await options.onSlice?.(first, slice);
      first += count;
      if (first < cells.length) signal?.throwIfAborted();
    }
    return results;
  } finally {
    for (const b of buffers) b.destroy();
  }
}
