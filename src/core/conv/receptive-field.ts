/**
 * Receptive field and jump of one spatial axis through a stack of layers.
 *
 * The jump is the distance, in input cells, between neighbouring cells of a layer
 * (cumulative stride; a fraction after transposed convolutions or upsampling). The
 * receptive field is the widest span of input cells any one output cell depends on,
 * measured on an unbounded grid (no edges, as in Araujo, Norris & Sim, "Computing Receptive
 * Fields of Convolutional Neural Networks", Distill 2019) by following every read back to
 * the input, so transposed convolutions and upsampling need no special formula.
 */

export interface Fraction {
  num: number;
  den: number;
}

function gcd(a: number, b: number): number {
  return b === 0 ? Math.abs(a) : gcd(b, a % b);
}

export function fraction(num: number, den = 1): Fraction {
  const divisor = gcd(num, den) || 1;
  const sign = den < 0 ? -1 : 1;
  return { num: (sign * num) / divisor, den: (sign * den) / divisor };
}

export function multiplyFractions(a: Fraction, b: Fraction): Fraction {
  return fraction(a.num * b.num, a.den * b.den);
}

/** The simplest fraction within 1e-9 of x (denominators up to 10⁶), for scale factors such as 1.5. */
export function fractionFromNumber(x: number): Fraction {
  for (let den = 1; den <= 1_000_000; den++) {
    const num = Math.round(x * den);
    if (Math.abs(num / den - x) < 1e-9) return fraction(num, den);
  }
  return fraction(Math.round(x * 1_000_000), 1_000_000);
}

export function formatFraction(f: Fraction): string {
  return f.den === 1 ? String(f.num) : `${f.num}/${f.den}`;
}

/** Input cells first, first + step, …, count of them (step ≥ 0). */
export interface Progression {
  first: number;
  step: number;
  count: number;
}

/**
 * Which input cells a layer's output cell reads, on an unbounded grid. The reads repeat:
 * cell o + period reads what cell o reads, moved by `advance` input cells. `reads` is only
 * asked about cells 0 … period − 1.
 */
export interface UnboundedReads {
  period: number;
  advance: number;
  reads(output: number): readonly Progression[];
}

/** Longer periods (output cells before the read pattern repeats) stop the tracking. */
export const MAX_RECEPTIVE_PERIOD = 4096;
/** Span look-ups one layer may make before the tracking stops. */
const MAX_LOOKUPS_PER_LAYER = 1 << 22;

type Span = readonly [number, number];

const mod = (a: number, n: number) => ((a % n) + n) % n;

/**
 * Follows one axis through a stack in time and memory linear in the number of layers: each
 * layer's spans are kept for one period of its output cells only (span(o + P) = span(o) + D),
 * built from the layer below's. The tracking stops (`tracked` false) when a period would
 * exceed MAX_RECEPTIVE_PERIOD cells, which needs strides or scale factors with large
 * denominators.
 */
export class AxisReceptiveField {
  private currentJump: Fraction = fraction(1);
  private period = 1;
  /** Input cells the spans move by per period. */
  private shift = 1;
  private table: (Span | null)[] = [[0, 0]];
  private lost = false;

  get jump(): Fraction {
    return this.currentJump;
  }

  /** False once a layer's read pattern was too irregular to follow. */
  get tracked(): boolean {
    return !this.lost;
  }

  /** Adds a layer; `jumpFactor` is how far apart its output cells are, in its input's cells. */
  push(layer: UnboundedReads, jumpFactor: Fraction): void {
    this.currentJump = multiplyFractions(this.currentJump, jumpFactor);
    if (this.lost) return;
    // Output cell o + period·m reads cells moved by advance·m, a whole number of periods below.
    const m = this.period / gcd(layer.advance, this.period);
    const period = layer.period * m;
    if (period > MAX_RECEPTIVE_PERIOD) {
      this.lost = true;
      return;
    }
    const shift = ((layer.advance * m) / this.period) * this.shift;
    const table: (Span | null)[] = [];
    let lookups = 0;
    for (let o = 0; o < period; o++) {
      const u = Math.floor(o / layer.period);
      let [lo, hi] = [Infinity, -Infinity];
      for (const read of layer.reads(o - u * layer.period)) {
        const span = this.progressionSpan({ ...read, first: read.first + u * layer.advance });
        lookups += Math.min(read.count, this.period);
        if (span === null) continue;
        lo = Math.min(lo, span[0]);
        hi = Math.max(hi, span[1]);
      }
      table.push(lo === Infinity ? null : [lo, hi]);
      if (lookups > MAX_LOOKUPS_PER_LAYER) {
        this.lost = true;
        return;
      }
    }
    [this.period, this.shift, this.table] = [period, shift, table];
  }

  private spanOf(cell: number): Span | null {
    const span = this.table[mod(cell, this.period)];
    if (span === null) return null;
    const moved = Math.floor(cell / this.period) * this.shift;
    return [span[0] + moved, span[1] + moved];
  }

  /**
   * Span of a progression's cells. Spans only move forward from period to period, and the
   * progression's cells repeat their place in the period every c = P / gcd(step, P) terms,
   * so the lowest start is among its first c cells and the highest end among its last c.
   */
  private progressionSpan(p: Progression): Span | null {
    if (p.count <= 0) return null;
    const c = p.step === 0 ? 1 : this.period / gcd(p.step, this.period);
    const n = Math.min(p.count, c);
    let [lo, hi] = [Infinity, -Infinity];
    for (let t = 0; t < n; t++) {
      const low = this.spanOf(p.first + t * p.step);
      if (low !== null) lo = Math.min(lo, low[0]);
      const high = this.spanOf(p.first + (p.count - 1 - t) * p.step);
      if (high !== null) hi = Math.max(hi, high[1]);
    }
    return lo === Infinity ? null : [lo, hi];
  }

  /** The widest span any output cell of the last layer depends on (0 if none reads input). */
  size(): number {
    let widest = 0;
    for (const span of this.table)
      if (span !== null) widest = Math.max(widest, span[1] - span[0] + 1);
    return widest;
  }
}
