import {
  evaluateGan,
  ganAxisValues,
  ganCellSpec,
  ganMetricPlanes,
  ganModel,
  initialGanParameters,
  storeGanMetrics,
  type GanRunSpec,
  type GanSweepOptions,
  type GanSweepResult,
  type GanSweepSpec,
} from '../../core/gan/index.js';
import { METHOD_CATALOG, SpecError } from '../../core/games/index.js';
import type { PipelineCache } from '../pipeline-cache.js';
import { ganKernelRefusal, ganWorkgroupBytes } from './gan-kernel-source.js';
import {
  cellSettings,
  trainGansOnGpu,
  type GanCellResult,
  type GanSubmitShape,
} from './gan-train-runner.js';

/** What the GAN sweep runner needs: a device and the pipelines built on it. */
export interface GanGpu {
  device: GPUDevice;
  pipelines: PipelineCache;
  /** Invocations per workgroup: ganWorkgroupSize for the adapter (default GAN_WORKGROUP_SIZE). */
  workgroupSize?: number;
}

/** The GPU sweep's options: the core's (signal, progress) and how the work is cut. */
export interface GanGpuSweepOptions extends GanSweepOptions {
  /** Fixed GAN-steps per submit (trainGansOnGpu's ganStepsPerSubmit); default adaptive. */
  ganStepsPerSubmit?: number;
  /** The most cells trained side by side. */
  maxCellsPerSlice?: number;
  /** How long one adaptive submit should take, in seconds. */
  targetSubmitSeconds?: number;
  /** After each submit has completed: its shape and wall-clock seconds. */
  onSubmit?(shape: GanSubmitShape, seconds: number): void;
}

/**
 * Every guaranteed WebGPU device offers this much workgroup memory; ganSweepRefusal measures
 * against it unless given the device's limits.
 */
const MIN_WORKGROUP_STORAGE = 16384;

/** The longest the metrics' evaluation holds the thread before letting submits and the page in. */
const EVALUATION_BURST_MS = 20;

/** Cells that share a kernel: the same spec but for the fields the per-cell buffer carries. */
interface CellGroup {
  spec: GanRunSpec;
  /** Row-major cell indices (iy·nx + ix) and their specs. */
  indices: number[];
  specs: GanRunSpec[];
}

/**
 * The kernel a cell needs: its spec with the per-cell fields (seed, rates, clip, the method's
 * numeric parameters) and the evaluation batch (which only the metrics use) blanked.
 */
function kernelKey(spec: GanRunSpec): string {
  const blank = structuredClone(spec) as unknown as Record<string, unknown> & GanRunSpec;
  for (const field of ['seed', 'lr', 'lrD', 'lrG', 'evalBatch'] as const) delete blank[field];
  blank.game.clip = 0;
  const method = blank.method as unknown as Record<string, unknown>;
  for (const p of METHOD_CATALOG[spec.method.name].numeric) delete method[p.name];
  return JSON.stringify(blank);
}

/** The sweep's cells grouped by the kernel they need, in order of first appearance. */
function groupCells(spec: GanSweepSpec): { groups: CellGroup[]; nx: number; ny: number } {
  const { x, y } = ganAxisValues(spec);
  const groups = new Map<string, CellGroup>();
  for (let iy = 0; iy < y.length; iy++) {
    for (let ix = 0; ix < x.length; ix++) {
      const cell = ganCellSpec(spec, ix, iy);
      const key = kernelKey(cell);
      let group = groups.get(key);
      if (group === undefined) {
        group = { spec: cell, indices: [], specs: [] };
        groups.set(key, group);
      }
      group.indices.push(iy * x.length + ix);
      group.specs.push(cell);
    }
  }
  return { groups: [...groups.values()], nx: x.length, ny: y.length };
}

/** Whether the networks and the method's memory fit the workgroup memory; names the bigger network's width. */
function networkRefusal(
  spec: GanRunSpec,
  limits: { maxComputeWorkgroupStorageSize: number },
): SpecError | null {
  const bytes = ganWorkgroupBytes(spec);
  const available = limits.maxComputeWorkgroupStorageSize;
  if (bytes <= available) return null;
  const model = ganModel(spec.game);
  const bigger = model.d.size >= model.g.size ? 'discriminator' : 'generator';
  return new SpecError(
    `game.${bigger}.width`,
    `the networks and the method's memory need ${bytes} bytes of workgroup memory, the GPU has ${available}: use narrower or fewer layers`,
  );
}

/**
 * Why the GPU cannot train this spec (a SpecError naming the field), or null: a cell needs what
 * the kernel does not have yet (ganKernelRefusal), or its networks and the method's memory
 * exceed the workgroup memory of `limits` (default: the 16 KiB every WebGPU device has).
 */
export function ganSweepRefusal(
  spec: GanSweepSpec,
  limits: { maxComputeWorkgroupStorageSize: number } = {
    maxComputeWorkgroupStorageSize: MIN_WORKGROUP_STORAGE,
  },
): SpecError | null {
  return groupsRefusal(groupCells(spec).groups, limits);
}

/** The first group's refusal (ganSweepRefusal's), or null. */
function groupsRefusal(
  groups: readonly CellGroup[],
  limits: { maxComputeWorkgroupStorageSize: number },
): SpecError | null {
  for (const group of groups) {
    const refusal = ganKernelRefusal(group.spec) ?? networkRefusal(group.spec, limits);
    if (refusal !== null) return refusal;
  }
  return null;
}

/**
 * Trains every cell of a GAN sweep on the GPU and measures it. Cells are grouped by the kernel
 * they need (kernelKey) and each group is trained by trainGansOnGpu (slices of cells, chunks of
 * steps, one submit each); the metrics are then computed in float64 by the reference's
 * evaluateGan at each cell's final f32 parameters, with the escape step from the GPU
 * (docs/gans.md#on-the-gpu), each slice while the GPU trains the next. Progress is reported
 * after each submit completes and as cells are measured, the signal is checked between submits
 * and between bursts of evaluation; an aborted run rejects with the signal's reason and releases
 * its buffers. A spec the GPU cannot train rejects with
 * ganSweepRefusal's SpecError before any GPU work.
 */
export async function runGanSweep(
  gpu: GanGpu,
  spec: GanSweepSpec,
  options: GanGpuSweepOptions = {},
): Promise<GanSweepResult> {
  const started = performance.now();
  const { device, pipelines } = gpu;
  const { signal, onProgress } = options;
  signal?.throwIfAborted();
  const { groups, nx, ny } = groupCells(spec);
  const refusal = groupsRefusal(groups, device.limits);
  if (refusal !== null) throw refusal;
  const cells = nx * ny;
  const metrics = ganMetricPlanes(cells);
  const totalSteps = groups.reduce((t, g) => t + g.indices.length * g.spec.steps, 0);
  let stepsSubmitted = 0;
  let cellsDone = 0;
  let ganSteps = 0;
  const progress = () => onProgress?.({ fraction: stepsSubmitted / totalSteps, cellsDone });

  // Slices read back and waiting for their metrics. The evaluator measures them on the CPU while
  // the GPU trains the next ones, in bursts of EVALUATION_BURST_MS between which the submits (and
  // the page) get their turn.
  const pending: { group: CellGroup; first: number; results: GanCellResult[] }[] = [];
  let wake: (() => void) | null = null;
  let trainingDone = false;
  let stopped = false;
  let failure: { error: unknown } | null = null;
  const evaluate = async () => {
    let burst = performance.now();
    while (!stopped) {
      const next = pending.shift();
      if (next === undefined) {
        if (trainingDone) return;
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      const { group, first, results } = next;
      for (let i = 0; i < results.length && !stopped; i++) {
        const cell = group.specs[first + i];
        const { escapeStep } = results[i];
        const stepsRun = escapeStep >= 0 ? escapeStep : cell.steps;
        const m = evaluateGan(
          cell,
          initialGanParameters(cell),
          { d: Float64Array.from(results[i].d), g: Float64Array.from(results[i].g) },
          escapeStep,
          stepsRun,
        );
        storeGanMetrics(metrics, group.indices[first + i], m);
        ganSteps += stepsRun;
        cellsDone++;
        if (performance.now() - burst > EVALUATION_BURST_MS) {
          progress();
          await new Promise((resolve) => setTimeout(resolve, 0));
          burst = performance.now();
          signal?.throwIfAborted();
        }
      }
      progress();
    }
  };
  const evaluator = evaluate().catch((error: unknown) => {
    failure = { error };
  });
  const wakeEvaluator = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const checkEvaluator = () => {
    if (failure !== null) throw failure.error;
  };
  try {
    for (const group of groups) {
      await trainGansOnGpu(
        device,
        pipelines,
        group.spec,
        group.specs.map(cellSettings),
        group.spec.steps,
        {
          signal,
          ganStepsPerSubmit: options.ganStepsPerSubmit,
          maxCellsPerSlice: options.maxCellsPerSlice,
          targetSubmitSeconds: options.targetSubmitSeconds,
          workgroupSize: gpu.workgroupSize,
          onSubmit: (shape, seconds) => {
            checkEvaluator();
            stepsSubmitted += shape.cells * shape.steps;
            options.onSubmit?.(shape, seconds);
            progress();
          },
          onSlice: (first: number, results: GanCellResult[]) => {
            checkEvaluator();
            pending.push({ group, first, results });
            wakeEvaluator();
          },
        },
      );
    }
  } catch (error) {
    stopped = true;
    wakeEvaluator();
    throw error;
  }
  trainingDone = true;
  wakeEvaluator();
  await evaluator;
  checkEvaluator();
  const { x, y } = ganAxisValues(spec);
  return {
    spec,
    xValues: x,
    yValues: y,
    metrics,
    ganSteps,
    seconds: (performance.now() - started) / 1000,
  };
}
