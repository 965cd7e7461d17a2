import {
  CONVERGED_RADIUS,
  SWEEP_METRIC_INFO,
  type MetricInfo,
  type SweepMetricName,
} from '../../core/games/index.js';

export type { MetricInfo };

/** How the heatmap colours each metric: its title, unit and scale, from core's metric list. */
export const METRIC_INFO: Readonly<Record<SweepMetricName, MetricInfo>> = SWEEP_METRIC_INFO;

/**
 * The colour bar's range over a sweep's values: for diverging metrics min < 0 < max, each side
 * mapped to its half of the colours; log10 for radii.
 */
export interface MetricRange {
  min: number;
  max: number;
  log: boolean;
}

/**
 * The range the colours span. Escape steps that never happened (−1) are
 * left out; radii are clamped to the converged radius so 0 has a logarithm.
 */
export function metricRange(
  metric: SweepMetricName,
  values: ArrayLike<number>,
  steps: number,
): MetricRange {
  const info = METRIC_INFO[metric];
  if (metric === 'escapeStep') return { min: 0, max: steps, log: false };
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    const u = info.kind === 'log' ? Math.max(v, CONVERGED_RADIUS) : v;
    if (u < lo) lo = u;
    if (u > hi) hi = u;
  }
  if (lo > hi) return { min: 0, max: 1, log: info.kind === 'log' };
  if (info.kind === 'diverging') {
    // Each side of 0 spans its own extreme, so a faint "converges" beside a strong "diverges" still
    // reads as blue; one-signed values get a symmetric range, and no colour of the other sign.
    const m = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
    return { min: lo < 0 ? lo : -m, max: hi > 0 ? hi : m, log: false };
  }
  if (info.kind === 'log') {
    if (hi / lo < 10) return { min: lo / 2, max: hi * 2, log: true };
    return { min: lo, max: hi, log: true };
  }
  return hi > lo ? { min: lo, max: hi, log: false } : { min: lo - 1, max: hi + 1, log: false };
}

/** Where a value falls in the range, 0 … 1 (log ranges in log10); NaN for a value with no colour. */
export function rangePosition(range: MetricRange, value: number): number {
  if (!Number.isFinite(value)) return NaN;
  if (range.log) {
    const v = Math.max(value, CONVERGED_RADIUS);
    return clamp01(
      (Math.log(v) - Math.log(range.min)) / (Math.log(range.max) - Math.log(range.min)),
    );
  }
  if (range.min < 0 && range.max > 0)
    return clamp01(value < 0 ? 0.5 - (0.5 * value) / range.min : 0.5 + (0.5 * value) / range.max);
  return clamp01((value - range.min) / (range.max - range.min));
}

/** The value at position t (0 … 1) of the range: the inverse of rangePosition. */
export function rangeValue(range: MetricRange, t: number): number {
  if (range.log)
    return Math.exp(Math.log(range.min) + t * (Math.log(range.max) - Math.log(range.min)));
  if (range.min < 0 && range.max > 0)
    return t < 0.5 ? -range.min * (2 * t - 1) : range.max * (2 * t - 1);
  return range.min + t * (range.max - range.min);
}

function clamp01(t: number): number {
  return Math.min(1, Math.max(0, t));
}
