import {
  GanTrainer,
  PhiloxStream,
  evaluationBatch,
  forward,
  parameterTensors,
  tensor,
  type GanMetrics,
  type GanModel,
  type GanParameters,
  type GanRunSpec,
  type SampleBatch,
} from '../../core/gan/index.js';

/** At most this many parameter snapshots are kept, evenly spaced, whatever the run's length. */
export const MAX_REPLAY_FRAMES = 600;

/** One kept snapshot: the parameters after `step` outer steps (step 0: the initial ones). */
export interface ReplayFrame {
  step: number;
  params: GanParameters;
}

/**
 * One GAN trained again in float64, as trainGan trains it (the same loop, step by step, so it can
 * run in slices): parameter snapshots every `stride` steps (and the last), the per-step losses
 * trainGan records, and the final metrics.
 */
export interface GanReplay {
  spec: GanRunSpec;
  model: GanModel;
  frames: ReplayFrame[];
  /** Per step k = 1 … stepsRun: −V_D and L_G on that step's last batch at the step's start. */
  lossD: Float64Array;
  lossG: Float64Array;
  metrics: GanMetrics;
}

export interface ReplayOptions {
  signal?: AbortSignal;
  /** Told the fraction of steps done, between slices. */
  onProgress?(fraction: number): void;
  /** Work this long (ms) before yielding to the page. */
  sliceMs?: number;
}

/** Steps between kept snapshots for a run of `steps` steps. */
export function frameStride(steps: number): number {
  return Math.max(1, Math.ceil(steps / MAX_REPLAY_FRAMES));
}

/**
 * Trains the GAN of `spec` with the float64 reference's GanTrainer (trainGan's loop), in slices
 * of about `sliceMs` between which the page runs, and reports progress; an aborted signal rejects
 * with its reason. tests/unit/labs-gan-replay.test.ts holds it to trainGan's record bit for bit.
 */
export async function replayGan(spec: GanRunSpec, options: ReplayOptions = {}): Promise<GanReplay> {
  const sliceMs = options.sliceMs ?? 25;
  const trainer = new GanTrainer(spec);
  const stride = frameStride(spec.steps);
  const frames: ReplayFrame[] = [{ step: 0, params: trainer.last }];
  const lossD: number[] = [];
  const lossG: number[] = [];
  let sliceStart = performance.now();
  while (!trainer.done) {
    const r = trainer.step();
    lossD.push(r.lossD);
    lossG.push(r.lossG);
    if (trainer.finalStep === r.step && r.step % stride === 0)
      frames.push({ step: r.step, params: trainer.last });
    if (performance.now() - sliceStart > sliceMs) {
      options.onProgress?.(r.step / spec.steps);
      await new Promise((resolve) => setTimeout(resolve, 0));
      options.signal?.throwIfAborted();
      sliceStart = performance.now();
    }
  }
  if (frames[frames.length - 1].step !== trainer.finalStep)
    frames.push({ step: trainer.finalStep, params: trainer.last });
  const metrics = trainer.metrics();
  options.onProgress?.(1);
  return {
    spec,
    model: trainer.model,
    frames,
    lossD: Float64Array.from(lossD),
    lossG: Float64Array.from(lossG),
    metrics,
  };
}

/** The frame shown at `step`: the last kept snapshot at or before it. */
export function frameAt(replay: GanReplay, step: number): ReplayFrame {
  const frames = replay.frames;
  let lo = 0;
  let hi = frames.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (frames[mid].step <= step) lo = mid;
    else hi = mid - 1;
  }
  return frames[lo];
}

/** G on a batch of latent codes (one per row). */
export function generate(model: GanModel, g: Float64Array, latent: SampleBatch): SampleBatch {
  const out = forward(
    model.g,
    parameterTensors(model.g, g),
    tensor(latent.count, latent.dim, latent.values),
  );
  return { count: out.rows, dim: out.cols, values: Float64Array.from(out.value) };
}

/** D's logit at each point of a batch. */
export function discriminate(model: GanModel, d: Float64Array, points: SampleBatch): Float64Array {
  const out = forward(
    model.d,
    parameterTensors(model.d, d),
    tensor(points.count, points.dim, points.values),
  );
  return Float64Array.from(out.value);
}

/** The fixed evaluation batches of the cell (its data and latent codes, as the metrics use them). */
export function replayEvaluationBatch(spec: GanRunSpec): {
  real: SampleBatch;
  latent: SampleBatch;
} {
  const b = evaluationBatch(new PhiloxStream(spec.seed), spec);
  return { real: b.real, latent: b.latent };
}

/**
 * A grid of latent codes for the transport picture: `side` values from −2 to 2 (two standard
 * deviations) along the first two latent coordinates (the first only, for a 1-D latent), the
 * others 0; `side` lines of `side` points each, row-major. Explicit latent points are used as
 * they are.
 */
export function latentGrid(spec: GanRunSpec, side = 11): SampleBatch {
  const { latentPoints, generator } = spec.game;
  const dim = generator.latent;
  if (latentPoints !== undefined) {
    const values = new Float64Array(latentPoints.length * dim);
    latentPoints.forEach((p, i) => values.set(p, i * dim));
    return { count: latentPoints.length, dim, values };
  }
  const at = (i: number) => -2 + (4 * i) / (side - 1);
  const rows = dim === 1 ? 1 : side;
  const values = new Float64Array(rows * side * dim);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < side; c++) {
      const o = (r * side + c) * dim;
      values[o] = at(c);
      if (dim > 1) values[o + 1] = at(r);
    }
  return { count: rows * side, dim, values };
}
