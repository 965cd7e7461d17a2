import { divergingColor, sequentialColor, type Rgb } from '../color-map.js';
import {
  CONVERGED_RADIUS,
  SWEEP_METRIC_INFO,
  type SweepMetricName,
} from '../games/sweep-metrics.js';
import type { SweepAxis } from '../games/sweep-spec.js';
import { formatTick, ticks } from './ticks.js';

/**
 * The heatmap of one sweep metric, as both pictures of a sweep draw it: the Game Lab's canvas
 * (src/ui/game/sweep-heatmap.ts) and the CLI's heatmap.png (src/cli/heatmap-png.ts). Each only
 * lays out and paints what the model says: the colour of every cell and of the colour bar, the
 * ticks and their labels, the colour bar's title. So the two pictures of one sweep are the same
 * picture (tests/unit/heatmap-model.test.ts compares them cell by cell).
 */
export interface HeatmapModel {
  metric: SweepMetricName;
  nx: number;
  ny: number;
  range: MetricRange;
  /** The colour bar's title: the metric and its unit. */
  label: string;
  /** What a cell with no value means (its colour NO_VALUE_RGB), where a metric has such cells. */
  noValueLabel: string | null;
  /** Ticks along x and y: `position` is a fractional cell index (cell i is centred at i). */
  xTicks: HeatmapTick[];
  yTicks: HeatmapTick[];
  /** Ticks along the colour bar: `position` runs 0 (bottom, range.min) to 1 (top, range.max). */
  barTicks: HeatmapTick[];
  /** The colour of cell (ix, iy); row iy = 0 is the lowest y value, drawn at the bottom. */
  cellColor(ix: number, iy: number): Rgb;
  /** The colour at position t (0 bottom … 1 top) of the colour bar. */
  barColor(t: number): Rgb;
}

export interface HeatmapTick {
  value: number;
  position: number;
  label: string;
}

export interface HeatmapInput {
  metric: SweepMetricName;
  /** One value per cell, row-major (cell (ix, iy) at iy·nx + ix). */
  values: ArrayLike<number>;
  axes: { x: SweepAxis; y: SweepAxis };
  /** The sweep's step count: a 'steps' metric's scale (escape step) runs 0 … steps. */
  steps: number;
}

/** Cells with no value to colour (a game that never escaped, on the escape-step map; a non-finite value). */
export const NO_VALUE_RGB: Rgb = [48, 56, 64];

export function heatmapModel({ metric, values, axes, steps }: HeatmapInput): HeatmapModel {
  const nx = axes.x.count;
  const ny = axes.y.count;
  if (values.length !== nx * ny)
    throw new RangeError(`${metric} has ${values.length} values for ${nx} × ${ny} cells`);
  const range = metricRange(metric, values, steps);
  const info = SWEEP_METRIC_INFO[metric];
  return {
    metric,
    nx,
    ny,
    range,
    label: `${info.title} (${info.units})`,
    noValueLabel: info.noValueLabel ?? null,
    xTicks: axisTicks(axes.x),
    yTicks: axisTicks(axes.y),
    barTicks: colorBarTicks(range),
    cellColor: (ix, iy) => metricColor(metric, range, values[iy * nx + ix]),
    barColor: (t) => metricColor(metric, range, rangeValue(range, t)),
  };
}

/** The colour scale's range over a sweep's values; log ranges are coloured in log10. */
export interface MetricRange {
  min: number;
  max: number;
  log: boolean;
}

/**
 * The range the colours span. Diverging metrics get a range symmetric about 0, ±(largest
 * |value|): equal distances from 0 get equal depths of blue and red, so "how far below 0" and
 * "how far above 0" read on one scale, as the captions describe growth rates (a bar stretched
 * differently above and below 0 would contradict them). Step metrics span 0 … steps (the −1 of
 * games that never escaped has no colour); radii are clamped to the converged radius so 0 has a
 * logarithm.
 */
export function metricRange(
  metric: SweepMetricName,
  values: ArrayLike<number>,
  steps: number,
): MetricRange {
  const kind = SWEEP_METRIC_INFO[metric].kind;
  if (kind === 'steps') return { min: 0, max: steps, log: false };
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    const u = kind === 'log' ? Math.max(v, CONVERGED_RADIUS) : v;
    if (u < lo) lo = u;
    if (u > hi) hi = u;
  }
  if (lo > hi)
    return kind === 'diverging'
      ? { min: -1, max: 1, log: false }
      : { min: 0, max: 1, log: kind === 'log' };
  if (kind === 'diverging') {
    const m = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
    return { min: -m, max: m, log: false };
  }
  if (kind === 'log') {
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
  return clamp01((value - range.min) / (range.max - range.min));
}

/** The value at position t (0 … 1) of the range: the inverse of rangePosition. */
export function rangeValue(range: MetricRange, t: number): number {
  if (range.log)
    return Math.exp(Math.log(range.min) + t * (Math.log(range.max) - Math.log(range.min)));
  return range.min + t * (range.max - range.min);
}

/**
 * The colour of a metric value within its range: diverging metrics on the blue–white–red map
 * (white at 0, the middle of their symmetric range), the others on the sequential map.
 */
export function metricColor(metric: SweepMetricName, range: MetricRange, value: number): Rgb {
  const info = SWEEP_METRIC_INFO[metric];
  if (info.noValueLabel !== undefined && value < 0) return [...NO_VALUE_RGB];
  const t = rangePosition(range, value);
  if (Number.isNaN(t)) return [...NO_VALUE_RGB];
  return info.kind === 'diverging' ? divergingColor(2 * t - 1, 1) : sequentialColor(t, 0, 1);
}

/**
 * Round values along a sweep axis and where they fall (fractional cell index): the one tick
 * generator's values (1-2-5 steps on a linear axis, decades on a log one), labelled by formatTick.
 */
export function axisTicks(axis: SweepAxis): HeatmapTick[] {
  const { from, to, count } = axis;
  if (count === 1 || from === to)
    return [{ value: from, position: (count - 1) / 2, label: formatTick(from) }];
  const log = axis.scale === 'log';
  const position = log
    ? (v: number) =>
        ((Math.log(v) - Math.log(from)) / (Math.log(to) - Math.log(from))) * (count - 1)
    : (v: number) => ((v - from) / (to - from)) * (count - 1);
  return ticks({ min: from, max: to, log }).map((value) => ({
    value,
    position: position(value),
    label: formatTick(value),
  }));
}

/** Round values along the colour bar and where they fall on it (0 bottom … 1 top). */
export function colorBarTicks(range: MetricRange): HeatmapTick[] {
  return ticks(range).map((value) => ({
    value,
    position: rangePosition(range, value),
    label: formatTick(value),
  }));
}

function clamp01(t: number): number {
  return Math.min(1, Math.max(0, t));
}
