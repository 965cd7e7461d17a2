import { DRAW_PURPOSE, PhiloxStream, uniformFromBits, type DrawPurpose } from './philox.js';
import type { GanData, GanRunSpec } from './gan-spec.js';

/** Samples, one per row: `count` × `dim` values, row-major. */
export interface SampleBatch {
  count: number;
  dim: number;
  values: Float64Array;
}

/**
 * The means of a mixture's Gaussians, row-major, k = 0, 1, …: ring (r·cos 2πk/K, r·sin 2πk/K);
 * grid ((i − (s−1)/2)·spacing, (j − (s−1)/2)·spacing) with i = k mod s, j = ⌊k/s⌋;
 * mixture1d (k − (K−1)/2)·spacing. For points data the points themselves.
 */
export function modeCentres(data: GanData): SampleBatch {
  switch (data.kind) {
    case 'ring': {
      const values = new Float64Array(2 * data.modes);
      for (let k = 0; k < data.modes; k++) {
        const angle = (2 * Math.PI * k) / data.modes;
        values[2 * k] = data.radius * Math.cos(angle);
        values[2 * k + 1] = data.radius * Math.sin(angle);
      }
      return { count: data.modes, dim: 2, values };
    }
    case 'grid': {
      const s = data.side;
      const values = new Float64Array(2 * s * s);
      const centre = (s - 1) / 2;
      for (let k = 0; k < s * s; k++) {
        values[2 * k] = ((k % s) - centre) * data.spacing;
        values[2 * k + 1] = (Math.floor(k / s) - centre) * data.spacing;
      }
      return { count: s * s, dim: 2, values };
    }
    case 'mixture1d': {
      const values = new Float64Array(data.modes);
      for (let k = 0; k < data.modes; k++) values[k] = (k - (data.modes - 1) / 2) * data.spacing;
      return { count: data.modes, dim: 1, values };
    }
    case 'points':
      return pointsBatch(data.points);
  }
}

/** σ of each mode, or 0 for points data (a point mass). */
export function modeSigma(data: GanData): number {
  return data.kind === 'points' ? 0 : data.sigma;
}

export function pointsBatch(points: readonly (readonly number[])[]): SampleBatch {
  const dim = points[0].length;
  const values = new Float64Array(points.length * dim);
  points.forEach((p, i) => values.set(p, i * dim));
  return { count: points.length, dim, values };
}

/**
 * A batch of real data for one step. Points data: every point, in order. A mixture: sample s
 * takes block (s, step, purpose): its mode is ⌊(w0 >>> 8)·K / 2²⁴⌋ (the uniform u0 = (w0 >>> 8 + ½)/2²⁴ times K, floored,
 * computed in integers), its noise σ times the Box–Muller normals of
 * (u1, u2) (the first for 1-D data).
 */
export function dataBatch(
  stream: PhiloxStream,
  data: GanData,
  count: number,
  step: number,
  purpose: DrawPurpose,
): SampleBatch {
  if (data.kind === 'points') return pointsBatch(data.points);
  const modes = modeCentres(data);
  const dim = modes.dim;
  const values = new Float64Array(count * dim);
  const noise = new Float64Array(2);
  for (let s = 0; s < count; s++) {
    const w = stream.block(s, step, purpose);
    // In integers, so float32 and float64 pick the same mode: ⌊(w >>> 8)·K / 2²⁴⌋.
    const k = Math.floor(((w[0] >>> 8) * modes.count) / 16777216);
    const u1 = uniformFromBits(w[1]);
    const u2 = uniformFromBits(w[2]);
    const radius = Math.sqrt(-2 * Math.log(u1));
    noise[0] = radius * Math.cos(2 * Math.PI * u2);
    noise[1] = radius * Math.sin(2 * Math.PI * u2);
    for (let d = 0; d < dim; d++)
      values[s * dim + d] = modes.values[k * dim + d] + data.sigma * noise[d];
  }
  return { count, dim, values };
}

/** Latent codes for one step: the explicit latent points when given, else `count` rows of standard normals. */
export function latentBatch(
  stream: PhiloxStream,
  spec: GanRunSpec,
  count: number,
  step: number,
  purpose: DrawPurpose,
): SampleBatch {
  const { latentPoints, generator } = spec.game;
  if (latentPoints !== undefined) return pointsBatch(latentPoints);
  const dim = generator.latent;
  const values = new Float64Array(count * dim);
  for (let s = 0; s < count; s++) stream.normals(s, step, purpose, dim, values, s * dim);
  return { count, dim, values };
}

/** WGAN-GP's mixing weights ε_s ∈ (0, 1): lane 0 of block (s, step, purpose). */
export function penaltyMix(
  stream: PhiloxStream,
  count: number,
  step: number,
  purpose: DrawPurpose,
): Float64Array {
  const eps = new Float64Array(count);
  for (let s = 0; s < count; s++) eps[s] = stream.uniform(s, step, purpose, 0);
  return eps;
}

/** Everything one evaluation of the GAN's objectives needs. */
export interface GanBatch {
  real: SampleBatch;
  latent: SampleBatch;
  /** One ε per latent row (WGAN-GP); x̂_s mixes generated sample s with real sample s mod count. */
  mix: Float64Array;
}

/** The training batch of draw number `step` (outer step × dSteps + sub-step). */
export function trainingBatch(stream: PhiloxStream, spec: GanRunSpec, step: number): GanBatch {
  const latent = latentBatch(stream, spec, spec.batch, step, DRAW_PURPOSE.latent);
  return {
    real: dataBatch(stream, spec.game.data, spec.batch, step, DRAW_PURPOSE.data),
    latent,
    mix: penaltyMix(stream, latent.count, step, DRAW_PURPOSE.gradientPenalty),
  };
}

/** The fixed evaluation batches (step 0 of the evaluation purposes). */
export function evaluationBatch(stream: PhiloxStream, spec: GanRunSpec): GanBatch {
  const latent = latentBatch(stream, spec, spec.evalBatch, 0, DRAW_PURPOSE.evalLatent);
  return {
    real: dataBatch(stream, spec.game.data, spec.evalBatch, 0, DRAW_PURPOSE.evalData),
    latent,
    mix: penaltyMix(stream, latent.count, 0, DRAW_PURPOSE.evalGradientPenalty),
  };
}
