/**
 * Philox-4x32-10 (Salmon, Moraes, Dror, Shaw 2011, "Parallel random numbers: as easy as 1, 2, 3"),
 * the counter-based generator of Random123, cuRAND and JAX: a pure function of a 128-bit counter
 * and a 64-bit key, so a GAN's every draw can be made in any order, on the CPU or the GPU, and
 * come out the same. docs/gans.md#the-random-stream says which counter each draw uses.
 */

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;
const ROUNDS = 10;

/** The high 32 bits of the 64-bit product of two unsigned 32-bit integers, exactly. */
function mulHi(a: number, b: number): number {
  const aLo = a & 0xffff;
  const aHi = a >>> 16;
  const bLo = b & 0xffff;
  const bHi = b >>> 16;
  const lolo = aLo * bLo;
  const lohi = aLo * bHi;
  const hilo = aHi * bLo;
  const carry = (lolo >>> 16) + (lohi & 0xffff) + (hilo & 0xffff);
  return (aHi * bHi + (lohi >>> 16) + (hilo >>> 16) + (carry >>> 16)) >>> 0;
}

/**
 * The four 32-bit words Philox-4x32-10 makes of counter (c0, c1, c2, c3) and key (k0, k1), written
 * into `out` (unsigned). Each round: (hi0, lo0) = M0·c0, (hi1, lo1) = M1·c2;
 * c = (hi1 ⊕ c1 ⊕ k0, lo1, hi0 ⊕ c3 ⊕ k1, lo0); then the key is bumped by (W0, W1).
 */
export function philox4x32(
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  k0: number,
  k1: number,
  out: Uint32Array = new Uint32Array(4),
): Uint32Array {
  let x0 = c0 >>> 0;
  let x1 = c1 >>> 0;
  let x2 = c2 >>> 0;
  let x3 = c3 >>> 0;
  let key0 = k0 >>> 0;
  let key1 = k1 >>> 0;
  for (let round = 0; round < ROUNDS; round++) {
    const hi0 = mulHi(M0, x0);
    const lo0 = Math.imul(M0, x0) >>> 0;
    const hi1 = mulHi(M1, x2);
    const lo1 = Math.imul(M1, x2) >>> 0;
    x0 = (hi1 ^ x1 ^ key0) >>> 0;
    x1 = lo1;
    x2 = (hi0 ^ x3 ^ key1) >>> 0;
    x3 = lo0;
    key0 = (key0 + W0) >>> 0;
    key1 = (key1 + W1) >>> 0;
  }
  out[0] = x0;
  out[1] = x1;
  out[2] = x2;
  out[3] = x3;
  return out;
}

/**
 * A uniform in the open interval (0, 1) from a 32-bit word: its top 24 bits u, as (u + ½)·2⁻²⁴.
 * Every value is exact in float32 as well as float64, so the GPU and this reference agree bit for
 * bit on the uniforms; 0 and 1 never occur, so log(u) is finite.
 */
export function uniformFromBits(word: number): number {
  return ((word >>> 8) + 0.5) / 16777216;
}

/**
 * Box–Muller: two uniforms (a, b) → two independent standard normals
 * (√(−2 ln a)·cos 2πb, √(−2 ln a)·sin 2πb), written to out[offset], out[offset + 1].
 */
export function boxMuller(a: number, b: number, out: Float64Array, offset: number): void {
  const radius = Math.sqrt(-2 * Math.log(a));
  const angle = 2 * Math.PI * b;
  out[offset] = radius * Math.cos(angle);
  out[offset + 1] = radius * Math.sin(angle);
}

/**
 * What a draw is for: the third counter word, so no two purposes share a block. The numbers are
 * part of the documented stream (docs/gans.md#the-random-stream); never renumber them.
 */
export const DRAW_PURPOSE = {
  initGenerator: 1,
  initDiscriminator: 2,
  latent: 3,
  data: 4,
  gradientPenalty: 5,
  evalLatent: 6,
  evalData: 7,
  evalGradientPenalty: 8,
} as const;
export type DrawPurpose = (typeof DRAW_PURPOSE)[keyof typeof DRAW_PURPOSE];

/**
 * One cell's stream: key (seed, 0); a block is addressed by (index, step, purpose, lane block),
 * the four counter words in that order. Uniforms and normals are derived from a block's words as
 * the methods below say.
 */
export class PhiloxStream {
  private readonly words = new Uint32Array(4);
  private readonly pair = new Float64Array(2);

  constructor(readonly seed: number) {}

  /** The block's four words. */
  block(index: number, step: number, purpose: DrawPurpose, laneBlock = 0): Uint32Array {
    return philox4x32(index, step, purpose, laneBlock, this.seed, 0, this.words);
  }

  /** The uniform in lane `lane` (0–3) of a block. */
  uniform(index: number, step: number, purpose: DrawPurpose, lane: number, laneBlock = 0): number {
    return uniformFromBits(this.block(index, step, purpose, laneBlock)[lane]);
  }

  /**
   * `count` standard normals for one sample: normal d comes from block (index, step, purpose, ⌊d/4⌋);
   * its uniforms u0..u3 give normals 4⌊d/4⌋ + (0, 1) by Box–Muller on (u0, u1) and + (2, 3) on (u2, u3).
   */
  normals(
    index: number,
    step: number,
    purpose: DrawPurpose,
    count: number,
    out: Float64Array,
    offset = 0,
  ): void {
    for (let first = 0; first < count; first += 4) {
      const w = this.block(index, step, purpose, first >> 2);
      for (let lanePair = 0; lanePair < 2 && first + 2 * lanePair < count; lanePair++) {
        boxMuller(
          uniformFromBits(w[2 * lanePair]),
          uniformFromBits(w[2 * lanePair + 1]),
          this.pair,
          0,
        );
        out[offset + first + 2 * lanePair] = this.pair[0];
        if (first + 2 * lanePair + 1 < count) out[offset + first + 2 * lanePair + 1] = this.pair[1];
      }
    }
  }
}
