/** An sRGB colour, each channel 0..255. */
export type Rgb = [number, number, number];

// Diverging: blue (negative: shrinking, converging) through near-white (0) to red (positive:
// growing, escaping). Equal steps in value give roughly equal steps in lightness on each side.
const DIVERGING: readonly Rgb[] = [
  [24, 64, 140],
  [67, 137, 196],
  [166, 206, 227],
  [246, 246, 246],
  [250, 189, 160],
  [214, 96, 77],
  [140, 20, 36],
];

// Sequential: dark violet to pale yellow, lightness rising monotonically (readable in grey too).
const SEQUENTIAL: readonly Rgb[] = [
  [40, 16, 78],
  [62, 74, 137],
  [38, 130, 142],
  [53, 183, 121],
  [180, 222, 44],
  [253, 231, 150],
];

const NOT_A_NUMBER: Rgb = [128, 128, 128];

/**
 * The colour of `value` on a diverging map centred on 0 (a sweep heatmap's range, symmetric about
 * 0, is core/heatmap/heatmap-model.ts's metricRange): −limit and below are the deepest blue,
 * 0 is near-white, +limit and above the deepest red. A non-finite value is mid-grey.
 */
export function divergingColor(value: number, limit: number): Rgb {
  if (!Number.isFinite(value)) return [...NOT_A_NUMBER];
  const t = limit > 0 ? 0.5 + value / (2 * limit) : 0.5 + Math.sign(value) / 2;
  return interpolate(DIVERGING, t);
}

/** The colour of `value` on a sequential map from `min` (darkest) to `max` (lightest). */
export function sequentialColor(value: number, min: number, max: number): Rgb {
  if (!Number.isFinite(value)) return [...NOT_A_NUMBER];
  const t = max > min ? (value - min) / (max - min) : 0;
  return interpolate(SEQUENTIAL, t);
}

// Piecewise-linear in sRGB between equally spaced stops; t is clamped to [0, 1].
function interpolate(stops: readonly Rgb[], t: number): Rgb {
  const position = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(position));
  const f = position - i;
  const [a, b] = [stops[i], stops[i + 1]];
  return [0, 1, 2].map((c) => Math.round(a[c] + (b[c] - a[c]) * f)) as Rgb;
}
