import { sequentialColor, type Rgb } from '../color-map.js';
import { GAN_FATES, GAN_METRIC_INFO, type GanMetricName } from '../gan/gan-metrics.js';
import type { SweepAxis } from '../games/sweep-spec.js';
import { axisTicks, NO_VALUE_RGB, type HeatmapSwatch, type HeatmapTick } from './heatmap-model.js';
import { formatTick, ticks } from './ticks.js';

/**
 * The fate colours of a GAN sweep, by GAN_FATES index: converged blue, cycling grey,
 * mode-collapsed yellow, diverged vermilion — Okabe and Ito's colour-blind-safe set, with the
 * scalar games' blue, grey and vermilion for the fates they share; the four differ in lightness
 * (about 46, 76, 89 and 57 L*) as well as hue.
 */
export const GAN_FATE_RGB: readonly Rgb[] = [
  [0, 114, 178],
  [187, 187, 187],
  [240, 228, 66],
  [213, 94, 0],
];

/** What a picture of one GAN sweep metric needs: the scalar HeatmapModel's drawing half. */
export interface GanHeatmapModel {
  metric: GanMetricName;
  nx: number;
  ny: number;
  /** The colour bar's title. */
  label: string;
  /** The colours' range (categories: 0 … the number of fates). */
  range: { min: number; max: number };
  swatches: HeatmapSwatch[];
  xTicks: HeatmapTick[];
  yTicks: HeatmapTick[];
  barTicks: HeatmapTick[];
  cellColor(ix: number, iy: number): Rgb;
  barColor(t: number): Rgb;
}

/**
 * A GAN sweep metric's heatmap: the fate as four categories (one block of the bar each, labelled
 * with its name); the escape step on the sequential map over the cells that escaped, "never" in
 * the no-value colour; every other metric on the sequential map from its least to its largest
 * value.
 */
export function ganHeatmapModel(input: {
  metric: GanMetricName;
  values: ArrayLike<number>;
  axes: { x: SweepAxis; y: SweepAxis };
}): GanHeatmapModel {
  const { metric, values, axes } = input;
  const nx = axes.x.count;
  const ny = axes.y.count;
  if (values.length !== nx * ny)
    throw new RangeError(`${metric} has ${values.length} values for ${nx} × ${ny} cells`);
  const base = {
    metric,
    nx,
    ny,
    label: GAN_METRIC_INFO[metric].title,
    xTicks: axisTicks(axes.x),
    yTicks: axisTicks(axes.y),
  };
  if (metric === 'fate') {
    const count = GAN_FATES.length;
    const fateColor = (v: number): Rgb =>
      Number.isInteger(v) && v >= 0 && v < count ? [...GAN_FATE_RGB[v]] : [...NO_VALUE_RGB];
    return {
      ...base,
      range: { min: 0, max: count },
      swatches: [],
      barTicks: GAN_FATES.map((label, i) => ({ value: i, position: (i + 0.5) / count, label })),
      cellColor: (ix, iy) => fateColor(values[iy * nx + ix]),
      barColor: (t) => fateColor(Math.min(count - 1, Math.max(0, Math.floor(t * count)))),
    };
  }
  const noValue = (v: number) => !Number.isFinite(v) || (metric === 'escapeStep' && v < 0);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (noValue(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const range =
    lo > hi ? { min: 0, max: 1 } : hi > lo ? { min: lo, max: hi } : { min: lo - 1, max: hi + 1 };
  const color = (v: number): Rgb =>
    noValue(v) ? [...NO_VALUE_RGB] : sequentialColor(v, range.min, range.max);
  return {
    ...base,
    range,
    swatches: metric === 'escapeStep' ? [{ rgb: NO_VALUE_RGB, label: 'never' }] : [],
    barTicks: ticks({ min: range.min, max: range.max, log: false }).map((value) => ({
      value,
      position: (value - range.min) / (range.max - range.min),
      label: formatTick(value),
    })),
    cellColor: (ix, iy) => color(values[iy * nx + ix]),
    barColor: (t) => color(range.min + t * (range.max - range.min)),
  };
}
