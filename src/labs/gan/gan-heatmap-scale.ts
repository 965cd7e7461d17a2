import { divergingColor, sequentialColor, type Rgb } from '../../core/color-map.js';
import {
  GAN_FATES,
  GAN_METRIC_INFO,
  modeCentres,
  type GanMetricName,
} from '../../core/gan/index.js';
import { formatTick, ticks } from '../../core/heatmap/ticks.js';

/**
 * The fates' colours, by index in GAN_FATES, from Okabe and Ito's colour-blind-safe palette:
 * converged blue, cycling grey, mode-collapsed yellow, diverged vermilion — the Game Lab's
 * converged, bounded and diverged colours plus yellow, so the four also differ in lightness
 * (about 46, 76, 89 and 57 L*).
 */
export const GAN_FATE_RGB: readonly Rgb[] = [
  [0, 114, 178],
  [187, 187, 187],
  [240, 228, 66],
  [213, 94, 0],
];

/** A cell with no value to colour (an escape step of a run that never escaped). */
export const GAN_NO_VALUE_RGB: Rgb = [48, 56, 64];

/** Values this large are overflows reported as finite (finiteMetric): drawn at the scale's end, not ranged over. */
const OVERFLOW = 1e300;

export interface GanScaleTick {
  /** 0 (bottom of the bar) … 1 (top). */
  position: number;
  label: string;
}

/** How one metric of one sweep is coloured: the colour of a value and the legend's bar. */
export interface GanMetricScale {
  metric: GanMetricName;
  /** The legend's title. */
  title: string;
  /** Categorical (fate): one block per category, labelled with its word. */
  categories: readonly string[] | null;
  ticks: GanScaleTick[];
  /** Colours the bar does not show, with their words (an escape step of "never"). */
  swatches: { rgb: Rgb; label: string }[];
  color(value: number): Rgb;
  barColor(t: number): Rgb;
}

interface Range {
  min: number;
  max: number;
  log: boolean;
}

function position(range: Range, v: number): number {
  const t = range.log
    ? (Math.log(Math.max(v, range.min)) - Math.log(range.min)) /
      (Math.log(range.max) - Math.log(range.min))
    : (v - range.min) / (range.max - range.min);
  return Math.min(1, Math.max(0, t));
}

/** The finite, non-overflow values' extent (positive ones only for a log range). */
function extent(values: ArrayLike<number>, positive: boolean): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v) || Math.abs(v) >= OVERFLOW || (positive && v <= 0)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return lo <= hi ? [lo, hi] : null;
}

/**
 * The colour scale of a GAN metric over a sweep's values: fate in four categorical colours with
 * their words; modes covered 0 … the data's mode count and the high-quality fraction 0 … 1 on
 * fixed sequential scales (the same colour means the same value in every sweep); the escape step
 * 1 … steps in log, "never" apart; steps run 0 … steps; the energy distance, the gradient norm
 * and the norm growth on a log scale over the sweep's values; the losses on a linear one. The
 * norm growth is diverging about 1 (shrinking blue, growing red).
 */
export function ganMetricScale(
  metric: GanMetricName,
  values: ArrayLike<number>,
  context: { steps: number; modes: number },
): GanMetricScale {
  const title = GAN_METRIC_INFO[metric].title;
  if (metric === 'fate') {
    const n = GAN_FATES.length;
    return {
      metric,
      title,
      categories: GAN_FATES,
      ticks: GAN_FATES.map((label, i) => ({ position: (i + 0.5) / n, label })),
      swatches: [],
      color: (v) => [...(GAN_FATE_RGB[v] ?? GAN_NO_VALUE_RGB)] as Rgb,
      barColor: (t) => [...GAN_FATE_RGB[Math.min(n - 1, Math.floor(t * n))]] as Rgb,
    };
  }
  let range: Range;
  let swatches: { rgb: Rgb; label: string }[] = [];
  let noValue = (v: number) => !Number.isFinite(v);
  switch (metric) {
    case 'modesCovered':
      range = { min: 0, max: Math.max(1, context.modes), log: false };
      break;
    case 'highQualityFraction':
      range = { min: 0, max: 1, log: false };
      break;
    case 'escapeStep':
      range = { min: 1, max: Math.max(10, context.steps), log: true };
      swatches = [{ rgb: GAN_NO_VALUE_RGB, label: 'never' }];
      noValue = (v) => !Number.isFinite(v) || v < 0;
      break;
    case 'stepsRun':
      range = { min: 0, max: Math.max(1, context.steps), log: false };
      break;
    case 'lossD':
    case 'lossG': {
      const e = extent(values, false) ?? [0, 1];
      range =
        e[1] > e[0]
          ? { min: e[0], max: e[1], log: false }
          : { min: e[0] - 1, max: e[1] + 1, log: false };
      break;
    }
    case 'normGrowth': {
      const e = extent(values, true) ?? [0.5, 2];
      const m = Math.max(Math.abs(Math.log(e[0])), Math.abs(Math.log(e[1])), Math.log(2));
      range = { min: Math.exp(-m), max: Math.exp(m), log: true };
      return finish(metric, title, range, [], noValue, (t) => divergingColor(2 * t - 1, 1));
    }
    default: {
      const e = extent(values, true) ?? [1e-3, 1];
      const [lo, hi] = e[1] / e[0] < 10 ? [e[0] / 2, e[1] * 2] : e;
      range = { min: lo, max: hi, log: true };
    }
  }
  return finish(metric, title, range, swatches, noValue, (t) => sequentialColor(t, 0, 1));
}

function finish(
  metric: GanMetricName,
  title: string,
  range: Range,
  swatches: { rgb: Rgb; label: string }[],
  noValue: (v: number) => boolean,
  ramp: (t: number) => Rgb,
): GanMetricScale {
  const values = ticks(range);
  return {
    metric,
    title,
    categories: null,
    ticks: values.map((v) => ({ position: position(range, v), label: formatTick(v) })),
    swatches,
    color: (v) => (noValue(v) ? ([...GAN_NO_VALUE_RGB] as Rgb) : ramp(position(range, v))),
    barColor: (t) => ramp(t),
  };
}

/** The number of modes of the spec's data (0 for points data), for the modes-covered scale. */
export function modeCount(data: Parameters<typeof modeCentres>[0]): number {
  return data.kind === 'points' ? 0 : modeCentres(data).count;
}
