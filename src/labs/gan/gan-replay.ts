import {
  PhiloxStream,
  evaluateGan,
  evaluationBatch,
  forward,
  ganField,
  ganLearningRates,
  ganMethodStep,
  ganModel,
  initialGanParameters,
  initialMethodState,
  parameterTensors,
  tensor,
  trainingBatch,
  type FieldAt,
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

function norm(...vectors: Float64Array[]): number {
  let s = 0;
  for (const v of vectors) for (const x of v) s += x * x;
  return Math.sqrt(s);
}

function finite(v: Float64Array): boolean {
  for (const x of v) if (!Number.isFinite(x)) return false;
  return true;
}

function copy(p: GanParameters): GanParameters {
  return { d: Float64Array.from(p.d), g: Float64Array.from(p.g) };
}

/** Steps between kept snapshots for a run of `steps` steps. */
export function frameStride(steps: number): number {
  return Math.max(1, Math.ceil(steps / MAX_REPLAY_FRAMES));
}

/**
 * Trains the GAN of `spec` with the float64 reference, in slices of about `sliceMs` between which
 * the page runs, and reports progress; an aborted signal rejects with its reason. The loop is
 * trainGan's (core/gan/train-gan.ts) line for line; tests/unit/gan-replay.test.ts holds it to
 * trainGan's record bit for bit.
 */
export async function replayGan(spec: GanRunSpec, options: ReplayOptions = {}): Promise<GanReplay> {
  const sliceMs = options.sliceMs ?? 25;
  const model = ganModel(spec.game);
  const stream = new PhiloxStream(spec.seed);
  const initial = initialGanParameters(spec, model);
  const state = initialMethodState(initial.d, initial.g);
  const { lrD, lrG } = ganLearningRates(spec);
  const settings = { lrD, lrG, clip: spec.game.clip };
  const escaped = (p: GanParameters) => norm(p.d) > spec.escapeNorm || norm(p.g) > spec.escapeNorm;
  const stride = frameStride(spec.steps);
  const frames: ReplayFrame[] = [{ step: 0, params: copy(initial) }];
  const lossD: number[] = [];
  const lossG: number[] = [];

  let last: GanParameters = copy(initial);
  let lastStep = 0;
  let escapeStep = escaped(initial) ? 0 : -1;
  let stepsRun = 0;
  let sliceStart = performance.now();
  for (let step = 1; step <= spec.steps && escapeStep < 0; step++) {
    let valueD = 0;
    let loss = 0;
    for (let sub = 0; sub < spec.dSteps; sub++) {
      const batch = trainingBatch(stream, spec, (step - 1) * spec.dSteps + sub);
      const field: FieldAt = (d, g, request) => ganField(model, d, g, batch, request);
      const f = ganMethodStep(spec.method, state, field, settings, sub === spec.dSteps - 1);
      valueD = f.valueD;
      loss = f.lossG;
    }
    stepsRun = step;
    lossD.push(-valueD);
    lossG.push(loss);
    const now = { d: state.d, g: state.g };
    if (!finite(now.d) || !finite(now.g)) {
      escapeStep = step;
      break;
    }
    last = copy(now);
    lastStep = step;
    if (step % stride === 0) frames.push({ step, params: last });
    if (escaped(now)) escapeStep = step;
    if (performance.now() - sliceStart > sliceMs) {
      options.onProgress?.(step / spec.steps);
      await new Promise((resolve) => setTimeout(resolve, 0));
      options.signal?.throwIfAborted();
      sliceStart = performance.now();
    }
  }
  if (frames[frames.length - 1].step !== lastStep) frames.push({ step: lastStep, params: last });
  const metrics = evaluateGan(spec, initial, last, escapeStep, stepsRun, model);
  options.onProgress?.(1);
  return {
    spec,
    model,
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
