import { modeCentres, modeSigma, type SampleBatch } from './gan-data.js';
import type { GanData } from './gan-spec.js';

/** A run's fate, as a metric plane holds it: the index in this list. */
export const GAN_FATES = ['converged', 'cycling', 'mode-collapsed', 'diverged'] as const;
export type GanFate = (typeof GAN_FATES)[number];

/** A generated sample is high quality within this many σ of its nearest mode. */
export const HIGH_QUALITY_SIGMAS = 3;
/** A mode is covered when at least this share of its expected count N/K lies within 3σ of it (and at least one sample). */
export const COVERED_SHARE = 0.25;
/** A mixture is learnt (or collapsed onto a few modes) when at least this fraction of samples is high quality. */
export const MATCHED_QUALITY = 0.5;
/** Points data: the run has converged when the field's norm on the evaluation batch is below this. */
export const SETTLED_FIELD_NORM = 1e-3;

/** The per-cell metrics of docs/gans.md#metrics, every one a finite number. */
export interface GanMetrics {
  /** Index into GAN_FATES. */
  fate: number;
  /** Modes covered by the generated evaluation batch (0 for points data). */
  modesCovered: number;
  /** Fraction of generated samples within 3σ of their nearest mode (0 for points data). */
  highQualityFraction: number;
  /** Energy distance between the generated and the data evaluation batches. */
  energyDistance: number;
  /** D's loss −V_D and G's loss L_G on the evaluation batches, penalties included. */
  lossD: number;
  lossG: number;
  /** ‖(v_D, v_G)‖ on the evaluation batches at the final parameters. */
  fieldNorm: number;
  /** ‖φ_final‖ / ‖φ₀‖ over both networks' parameters (1 when both are 0). */
  normGrowth: number;
  /** The step at which a parameter norm passed escapeNorm or a value stopped being finite, −1 if never. */
  escapeStep: number;
  /** Steps the run took. */
  stepsRun: number;
}

/**
 * The energy distance E = 2·E‖X − Y‖ − E‖X − X′‖ − E‖Y − Y′‖ between two samples, as the
 * V-statistic (the means over all pairs, i = j included), which is never negative and is 0 iff the
 * two empirical distributions are equal.
 */
export function energyDistance(a: SampleBatch, b: SampleBatch): number {
  if (a.dim !== b.dim)
    throw new RangeError(`energyDistance: dimensions ${a.dim} and ${b.dim} differ`);
  const cross = meanDistance(a, b);
  const value = 2 * cross - meanDistance(a, a) - meanDistance(b, b);
  return Math.max(0, value);
}

function meanDistance(a: SampleBatch, b: SampleBatch): number {
  const dim = a.dim;
  const x = a.values;
  const y = b.values;
  const n = a.count;
  const m = b.count;
  let total = 0;
  // The sweeps' data is 1-D or 2-D: those get the sum of squares written out, the same additions
  // in the same order as the general loop (its leading 0 + d² is d² exactly, d² never being −0).
  if (dim === 1) {
    for (let i = 0; i < n; i++) {
      const xi = x[i];
      for (let j = 0; j < m; j++) {
        const d = xi - y[j];
        total += Math.sqrt(d * d);
      }
    }
  } else if (dim === 2) {
    for (let i = 0; i < n; i++) {
      const x0 = x[2 * i];
      const x1 = x[2 * i + 1];
      for (let j = 0; j < m; j++) {
        const d0 = x0 - y[2 * j];
        const d1 = x1 - y[2 * j + 1];
        total += Math.sqrt(d0 * d0 + d1 * d1);
      }
    }
  } else {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let k = 0; k < dim; k++) {
          const d = x[i * dim + k] - y[j * dim + k];
          s += d * d;
        }
        total += Math.sqrt(s);
      }
    }
  }
  return total / (n * m);
}

/** The modes covered and the high-quality fraction of generated samples (both 0 for points data). */
export function modeQuality(
  samples: SampleBatch,
  data: GanData,
): { covered: number; highQuality: number } {
  if (data.kind === 'points') return { covered: 0, highQuality: 0 };
  const modes = modeCentres(data);
  const limit = HIGH_QUALITY_SIGMAS * modeSigma(data);
  const hits = new Array<number>(modes.count).fill(0);
  let good = 0;
  const { dim, values: centres } = modes;
  const values = samples.values;
  for (let s = 0; s < samples.count; s++) {
    let best = Infinity;
    let nearest = -1;
    for (let k = 0; k < modes.count; k++) {
      let d2 = 0;
      for (let c = 0; c < dim; c++) {
        const d = values[s * dim + c] - centres[k * dim + c];
        d2 += d * d;
      }
      if (d2 < best) {
        best = d2;
        nearest = k;
      }
    }
    if (Math.sqrt(best) <= limit) {
      good++;
      hits[nearest]++;
    }
  }
  const needed = Math.max(1, Math.ceil((COVERED_SHARE * samples.count) / modes.count));
  return { covered: hits.filter((h) => h >= needed).length, highQuality: good / samples.count };
}

/**
 * The fate: diverged when the run escaped; for a mixture, converged when every mode is covered
 * and at least half the samples are high quality, mode-collapsed when at least half are high
 * quality but some mode is missed, else cycling; for points data, converged when the field's norm
 * is below SETTLED_FIELD_NORM, else cycling.
 */
export function ganFate(
  data: GanData,
  m: Pick<GanMetrics, 'escapeStep' | 'modesCovered' | 'highQualityFraction' | 'fieldNorm'>,
): GanFate {
  if (m.escapeStep >= 0) return 'diverged';
  if (data.kind === 'points') return m.fieldNorm < SETTLED_FIELD_NORM ? 'converged' : 'cycling';
  const modes = modeCentres(data).count;
  if (m.highQualityFraction >= MATCHED_QUALITY)
    return m.modesCovered === modes ? 'converged' : 'mode-collapsed';
  return 'cycling';
}

/** A metric as reported: NaN and ±∞ (an overflow) become ±Number.MAX_VALUE, so every value is finite. */
export function finiteMetric(x: number): number {
  if (Number.isFinite(x)) return x;
  return x === -Infinity ? -Number.MAX_VALUE : Number.MAX_VALUE;
}

/** The metrics of GanMetrics, in the order sweep files list them. */
export const GAN_METRIC_NAMES = [
  'fate',
  'modesCovered',
  'highQualityFraction',
  'energyDistance',
  'lossD',
  'lossG',
  'fieldNorm',
  'normGrowth',
  'escapeStep',
  'stepsRun',
] as const satisfies readonly (keyof GanMetrics)[];
export type GanMetricName = (typeof GAN_METRIC_NAMES)[number];

/** What each metric is, in words a legend and a CSV header can use. */
export const GAN_METRIC_INFO: Readonly<
  Record<GanMetricName, { title: string; description: string }>
> = {
  fate: {
    title: 'fate',
    description: 'converged, cycling, mode-collapsed or diverged (docs/gans.md#metrics)',
  },
  modesCovered: {
    title: 'modes covered',
    description: 'modes with at least a quarter of their share of generated samples within 3σ',
  },
  highQualityFraction: {
    title: 'high-quality fraction',
    description: 'share of generated samples within 3σ of their nearest mode',
  },
  energyDistance: {
    title: 'energy distance',
    description: 'between a generated and a data evaluation batch (0 when they are equal)',
  },
  lossD: { title: 'D loss', description: 'the discriminator’s loss −V_D at the end' },
  lossG: { title: 'G loss', description: 'the generator’s loss L_G at the end' },
  fieldNorm: {
    title: 'gradient norm',
    description: 'norm of both players’ gradients at the end',
  },
  normGrowth: {
    title: 'parameter-norm growth',
    description: 'final over initial parameter norm',
  },
  escapeStep: {
    title: 'escape step',
    description: 'step at which a parameter norm passed escapeNorm (−1: never)',
  },
  stepsRun: { title: 'steps run', description: 'outer steps the run took' },
};
