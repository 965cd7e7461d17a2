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

/** Cells of a layer's input that its output cell o reads, on an unbounded grid. */
export type UnboundedReads = (output: number) => readonly number[];

/** Sampling more output cells than this changes nothing for strides and factors seen in practice. */
const MAX_SAMPLED_CELLS = 4096;

export class AxisReceptiveField {
  private readonly layers: UnboundedReads[] = [];
  private readonly spans: Map<number, readonly [number, number] | null>[] = [];
  private currentJump: Fraction = fraction(1);

  get jump(): Fraction {
    return this.currentJump;
  }

  /** Adds a layer; `jumpFactor` is how far apart its output cells are, in its input's cells. */
  push(reads: UnboundedReads, jumpFactor: Fraction): void {
    this.layers.push(reads);
    this.spans.push(new Map());
    this.currentJump = multiplyFractions(this.currentJump, jumpFactor);
  }

  /** Input-cell span [lo, hi] that cell o of layer `level` depends on (level 0 is the input). */
  private span(level: number, cell: number): readonly [number, number] | null {
    if (level === 0) return [cell, cell];
    const memo = this.spans[level - 1];
    const known = memo.get(cell);
    if (known !== undefined) return known;
    let lo = Infinity;
    let hi = -Infinity;
    for (const read of this.layers[level - 1](cell)) {
      const s = this.span(level - 1, read);
      if (s === null) continue;
      lo = Math.min(lo, s[0]);
      hi = Math.max(hi, s[1]);
    }
    const result: readonly [number, number] | null = lo === Infinity ? null : [lo, hi];
    memo.set(cell, result);
    return result;
  }

  /** Widest span over output cells 0 … max(outputSize, jump period) − 1 of the last layer. */
  size(outputSize: number): number {
    const level = this.layers.length;
    const cells = Math.min(MAX_SAMPLED_CELLS, Math.max(outputSize, this.currentJump.den));
    let widest = 0;
    for (let o = 0; o < cells; o++) {
      const s = this.span(level, o);
      if (s !== null) widest = Math.max(widest, s[1] - s[0] + 1);
    }
    return widest;
  }
}
