/** A value range along an axis or a colour bar: linear or logarithmic. */
export interface TickScale {
  min: number;
  max: number;
  log?: boolean;
}

/**
 * The one tick generator (page plots and the CLI's PNG alike): round values (1, 2 or 5 × 10ⁿ
 * apart) inside the scale, about `approx` of them; on a log scale, decades (1, 2 and 5 × 10ⁿ
 * when it spans two decades or less).
 */
export function ticks(scale: TickScale, approx = 5): number[] {
  const lo = Math.min(scale.min, scale.max);
  const hi = Math.max(scale.min, scale.max);
  if (!(hi > lo)) return [lo];
  if (scale.log) {
    const out: number[] = [];
    if (Math.log10(hi / lo) <= 2 + 1e-9) {
      // Two decades or less: 1, 2 and 5 × 10ⁿ, so the axis gets more than three ticks.
      for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++)
        for (const m of [1, 2, 5]) {
          const v = m * 10 ** e;
          if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(v);
        }
    } else {
      const first = Math.ceil(Math.log10(lo) - 1e-9);
      const last = Math.floor(Math.log10(hi) + 1e-9);
      const stride = Math.max(1, Math.ceil((last - first + 1) / approx));
      for (let e = first; e <= last; e += stride) out.push(10 ** e);
    }
    // Too narrow for two such ticks: fall back to round linear ticks.
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

/**
 * A short tick label in plain ASCII (the PNG's bitmap font has no ×, superscripts or minus sign):
 * up to 3 significant digits, exponent form outside 0.001..10000.
 */
export function formatTick(v: number): string {
  if (Math.abs(v) < 1e-12 * Math.max(1, Math.abs(v)) || v === 0) return '0';
  const rounded = Number(v.toPrecision(3));
  const magnitude = Math.abs(rounded);
  if (magnitude >= 1e4 || magnitude < 1e-3) return rounded.toExponential().replace('e+', 'e');
  return String(rounded);
}
