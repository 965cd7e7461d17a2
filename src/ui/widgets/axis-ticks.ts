import type { TickScale } from '../../core/heatmap/ticks.js';

// The one tick generator lives in core: the sweep heatmap and the CLI's PNG share it.
export { ticks } from '../../core/heatmap/ticks.js';

/** An axis of a canvas plot: a value range, linear or logarithmic. */
export type PlotScale = TickScale;

/** Where a value falls between the pixels `lo` (at min) and `hi` (at max). */
export function toPixel(scale: PlotScale, value: number, lo: number, hi: number): number {
  const t = scale.log
    ? (Math.log(value) - Math.log(scale.min)) / (Math.log(scale.max) - Math.log(scale.min))
    : (value - scale.min) / (scale.max - scale.min);
  return lo + (hi - lo) * t;
}

/** The value at pixel `p` between `lo` (min) and `hi` (max). */
export function fromPixel(scale: PlotScale, p: number, lo: number, hi: number): number {
  const t = (p - lo) / (hi - lo);
  return scale.log
    ? Math.exp(Math.log(scale.min) + t * (Math.log(scale.max) - Math.log(scale.min)))
    : scale.min + t * (scale.max - scale.min);
}
