/** An axis of a canvas plot: a value range, linear or logarithmic. */
export interface PlotScale {
  min: number;
  max: number;
  log?: boolean;
}

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

/** Round tick values (1, 2 or 5 × 10ⁿ apart) inside the scale, about `approx` of them; decades on a log scale. */
export function ticks(scale: PlotScale, approx = 5): number[] {
  const lo = Math.min(scale.min, scale.max);
  const hi = Math.max(scale.min, scale.max);
  if (!(hi > lo)) return [lo];
  if (scale.log) {
    const out: number[] = [];
    const first = Math.ceil(Math.log10(lo) - 1e-9);
    const last = Math.floor(Math.log10(hi) + 1e-9);
    const stride = Math.max(1, Math.ceil((last - first + 1) / approx));
    for (let e = first; e <= last; e += stride) out.push(10 ** e);
    // Less than a decade wide: fall back to round linear ticks.
    if (out.length >= 2) return out;
  }
  const raw = (hi - lo) / approx;
  const step10 = 10 ** Math.floor(Math.log10(raw));
  // The round step nearest the raw one, so a window never ends up with a single tick.
  const step = [1, 2, 5, 10].map((m) => m * step10).find((s) => s >= raw * 0.7) ?? 10 * step10;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) {
    out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  }
  return out;
}
