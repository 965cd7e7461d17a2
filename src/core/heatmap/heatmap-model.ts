import { divergingColor, sequentialColor, type Rgb } from '../color-map.js';
import {
  CONVERGED_RADIUS,
  FATE,
  fateBand,
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
  /**
   * Colours the bar does not explain by itself, each drawn as a swatch with its words under the
   * bar: "never" (no value) on the escape-step map, "bounded" (the neutral band) on growth rates.
   */
  swatches: HeatmapSwatch[];
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

export interface HeatmapSwatch {
  rgb: Rgb;
  /** Plain ASCII (the PNG's bitmap font has no other glyphs). */
  label: string;
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
  /** The sweep's step count: a 'steps' metric's scale (escape step) runs 1 … steps; it sets the growth rate's neutral band. */
  steps: number;
}

/** Cells with no value to colour (a game that never escaped, on the escape-step map; a non-finite value). */
export const NO_VALUE_RGB: Rgb = [48, 56, 64];

/**
 * The fate metric's colours, by value (FATE): converged blue, bounded grey, diverged orange —
 * Okabe and Ito's colour-blind-safe blue and vermilion, and a grey lighter than both, so the
 * three also differ in lightness (about 46, 76 and 57 L*) in grey print and on a washed-out
 * projector.
 */
export const FATE_RGB: readonly Rgb[] = [
  [0, 114, 178],
  [187, 187, 187],
  [213, 94, 0],
];

/** Growth rates within the neutral band (fateBand: "bounded") are drawn in the bounded grey. */
export const NEUTRAL_RGB: Rgb = FATE_RGB[FATE.bounded];

/**
 * The growth rate's fixed scale: ±GROWTH_RATE_LIMIT (one e-fold of the radius per step) at the
 * bar's ends, log10 of |rate| between the neutral band's edge and it, so the same colour means
 * the same rate in every sweep of the same step count.
 */
export const GROWTH_RATE_LIMIT = 1;

/** Half the bar's share given to the neutral band: the grey slice spans 0.5 ± BAND_SHARE. */
const BAND_SHARE = 0.08;
/** Just outside the band a rate is drawn at this depth of the diverging map, so it never reads as grey. */
const BAND_EDGE_DEPTH = 0.25;

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
    swatches: [
      ...(info.noValueLabel === undefined ? [] : [{ rgb: NO_VALUE_RGB, label: info.noValueLabel }]),
      ...(range.band === undefined ? [] : [{ rgb: NEUTRAL_RGB, label: 'bounded' }]),
    ],
    xTicks: axisTicks(axes.x),
    yTicks: axisTicks(axes.y),
    barTicks: colorBarTicks(range, info.categories),
    cellColor: (ix, iy) => metricColor(metric, range, values[iy * nx + ix]),
    barColor: (t) => metricColor(metric, range, rangeValue(range, t)),
  };
}

/** The colour scale's range over a sweep's values; log ranges are coloured in log10. */
export interface MetricRange {
  min: number;
  max: number;
  log: boolean;
  /**
   * The growth rate's neutral band, ±band (fateBand of the step count): drawn grey over the
   * middle 2·BAND_SHARE of the bar, with log10 |value| from band to max on either side.
   */
  band?: number;
}

/**
 * The range the colours span. The growth rate has a fixed range, ±GROWTH_RATE_LIMIT around its
 * neutral band ±fateBand(steps): equal distances from 0 get equal depths of blue and red, and
 * the same rate the same colour in any sweep of that length, so a speaker need not explain a
 * stretch. Other diverging metrics get a range symmetric about 0, ±(largest |value|). Step
 * metrics span 1 … steps in log10 (the −1 of games that never escaped has no colour); radii are
 * clamped to the converged radius so 0 has a logarithm; categories span 0 … their count.
 */
export function metricRange(
  metric: SweepMetricName,
  values: ArrayLike<number>,
  steps: number,
): MetricRange {
  const info = SWEEP_METRIC_INFO[metric];
  const kind = info.kind;
  if (kind === 'steps') return { min: 1, max: Math.max(10, steps), log: true };
  if (kind === 'category') return { min: 0, max: info.categories?.length ?? 1, log: false };
  if (metric === 'growthRate') {
    const band = fateBand(steps);
    const limit = Math.max(GROWTH_RATE_LIMIT, 10 * (Number.isFinite(band) ? band : 1));
    return { min: -limit, max: limit, log: false, band: Number.isFinite(band) ? band : limit / 10 };
  }
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
  const { band } = range;
  if (band !== undefined) {
    const size = Math.abs(value);
    if (size <= band) return 0.5 + (BAND_SHARE * value) / band;
    const beyond = Math.min(1, Math.log(size / band) / Math.log(range.max / band));
    return 0.5 + Math.sign(value) * (BAND_SHARE + (0.5 - BAND_SHARE) * beyond);
  }
  if (range.log) {
    const v = Math.max(value, range.min > CONVERGED_RADIUS ? range.min : CONVERGED_RADIUS);
    return clamp01(
      (Math.log(v) - Math.log(range.min)) / (Math.log(range.max) - Math.log(range.min)),
    );
  }
  return clamp01((value - range.min) / (range.max - range.min));
}

/** The value at position t (0 … 1) of the range: the inverse of rangePosition. */
export function rangeValue(range: MetricRange, t: number): number {
  const { band } = range;
  if (band !== undefined) {
    const d = t - 0.5;
    if (Math.abs(d) <= BAND_SHARE) return (band * d) / BAND_SHARE;
    const beyond = (Math.abs(d) - BAND_SHARE) / (0.5 - BAND_SHARE);
    return Math.sign(d) * band * (range.max / band) ** beyond;
  }
  if (range.log)
    return Math.exp(Math.log(range.min) + t * (Math.log(range.max) - Math.log(range.min)));
  return range.min + t * (range.max - range.min);
}

/**
 * The colour of a metric value within its range: categories by FATE_RGB; the growth rate grey
 * within its neutral band and on the blue–white–red map beyond it (from BAND_EDGE_DEPTH at the
 * band's edge to the deepest at ±max); other diverging metrics on that map (white at 0, the
 * middle of their symmetric range); the others on the sequential map.
 */
export function metricColor(metric: SweepMetricName, range: MetricRange, value: number): Rgb {
  const info = SWEEP_METRIC_INFO[metric];
  if (info.noValueLabel !== undefined && value < 0) return [...NO_VALUE_RGB];
  if (info.kind === 'category') {
    const i = Math.floor(value);
    return i >= 0 && i < FATE_RGB.length && i < range.max ? [...FATE_RGB[i]] : [...NO_VALUE_RGB];
  }
  const t = rangePosition(range, value);
  if (Number.isNaN(t)) return [...NO_VALUE_RGB];
  if (range.band !== undefined) {
    const d = Math.abs(2 * t - 1);
    if (d <= 2 * BAND_SHARE) return [...NEUTRAL_RGB];
    const depth =
      BAND_EDGE_DEPTH + ((1 - BAND_EDGE_DEPTH) * (d - 2 * BAND_SHARE)) / (1 - 2 * BAND_SHARE);
    return divergingColor(Math.sign(2 * t - 1) * depth, 1);
  }
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

/**
 * Round values along the colour bar and where they fall on it (0 bottom … 1 top). A category
 * bar is one block a value, each labelled with its name at its middle; the growth rate's bar
 * has its band's edges ±band and the decades beyond them.
 */
export function colorBarTicks(range: MetricRange, categories?: readonly string[]): HeatmapTick[] {
  if (categories !== undefined)
    return categories.map((label, i) => ({
      value: i,
      position: (i + 0.5) / categories.length,
      label,
    }));
  const { band } = range;
  if (band !== undefined) {
    // Decades at least 1.5 bands out, so their labels keep clear of the band's.
    const decades: number[] = [];
    for (let e = Math.ceil(Math.log10(1.5 * band)); 10 ** e <= range.max * (1 + 1e-9); e++)
      decades.push(Number(`1e${e}`));
    const values = [...decades.map((v) => -v).reverse(), -band, band, ...decades];
    return values.map((value) => ({
      value,
      position: rangePosition(range, value),
      label: formatTick(value),
    }));
  }
  return ticks(range).map((value) => ({
    value,
    position: rangePosition(range, value),
    label: formatTick(value),
  }));
}

function clamp01(t: number): number {
  return Math.min(1, Math.max(0, t));
}
