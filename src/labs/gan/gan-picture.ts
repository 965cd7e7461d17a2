import { modeCentres, modeSigma, type SampleBatch } from '../../core/gan/index.js';
import {
  discriminate,
  frameAt,
  generate,
  latentGrid,
  replayEvaluationBatch,
  type GanReplay,
} from './gan-replay.js';

/** The picture of one replayed GAN at one step: what the sample view draws, computed from parameters. */
export interface GanPicture {
  /** The step whose parameters these are (a kept snapshot at or before the playhead). */
  step: number;
  dim: number;
  /** The square (2-D) or interval (1-D) shown: [lo, hi] on every axis. */
  window: [number, number];
  real: SampleBatch;
  generated: SampleBatch;
  /** Generated samples outside the window (not drawn). */
  outside: number;
  /** D on a field × field grid over the window (row 0 at the bottom), or along `field` points in 1-D. */
  field: Float64Array;
  fieldSize: number;
  /** What the field holds: D's probability that a point is real (sigmoid of the logit), or the raw logit (critic). */
  fieldKind: 'probability' | 'logit';
  /** G of the latent grid (`gridSide` lines of `gridSide` points, row-major; 1 line for a 1-D latent; explicit latent points: gridSide 0). */
  transport: SampleBatch;
  gridSide: number;
  /** The latent grid itself, for the 1-D picture's lines from z to G(z). */
  latent: SampleBatch;
}

export const FIELD_SIZE = 48;
export const GRID_SIDE = 11;

/** The window the data is shown in: its modes (or points) with 3σ around them, and a margin. */
export function dataWindow(replay: GanReplay): [number, number] {
  const data = replay.spec.game.data;
  const centres = modeCentres(data);
  let reach = 0;
  for (const v of centres.values) reach = Math.max(reach, Math.abs(v));
  reach += 3 * modeSigma(data);
  const half = Math.max(1e-3, reach * 1.35);
  return [-half, half];
}

const sigmoid = (t: number) => 1 / (1 + Math.exp(-t));

/** Computes the picture at the playhead `step` (in float64, from the replay's parameters). */
export function ganPicture(replay: GanReplay, step: number): GanPicture {
  const frame = frameAt(replay, step);
  const { model, spec } = replay;
  const evaluation = replayEvaluationBatch(spec);
  const dim = evaluation.real.dim;
  const window = dataWindow(replay);
  const [lo, hi] = window;
  const generated = generate(model, frame.params.g, evaluation.latent);
  let outside = 0;
  for (let s = 0; s < generated.count; s++) {
    for (let c = 0; c < dim; c++) {
      const v = generated.values[s * dim + c];
      if (!(v >= lo && v <= hi)) {
        outside++;
        break;
      }
    }
  }
  const n = FIELD_SIZE;
  const at = (i: number) => lo + ((i + 0.5) / n) * (hi - lo);
  const points = new Float64Array(dim === 1 ? n : n * n * 2);
  if (dim === 1) for (let i = 0; i < n; i++) points[i] = at(i);
  else
    for (let r = 0; r < n; r++)
      for (let c = 0; c < n; c++) {
        points[2 * (r * n + c)] = at(c);
        points[2 * (r * n + c) + 1] = at(r);
      }
  const logits = discriminate(model, frame.params.d, {
    count: dim === 1 ? n : n * n,
    dim,
    values: points,
  });
  const probability = spec.game.loss === 'minimax' || spec.game.loss === 'non-saturating';
  const field = probability ? logits.map(sigmoid) : logits;
  const latent = latentGrid(spec, GRID_SIDE);
  return {
    step: frame.step,
    dim,
    window,
    real: evaluation.real,
    generated,
    outside,
    field,
    fieldSize: n,
    fieldKind: probability ? 'probability' : 'logit',
    transport: generate(model, frame.params.g, latent),
    gridSide: spec.game.latentPoints ? 0 : GRID_SIDE,
    latent,
  };
}
