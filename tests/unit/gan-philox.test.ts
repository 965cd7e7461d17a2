import { describe, expect, it } from 'vitest';
import {
  boxMuller,
  DRAW_PURPOSE,
  philox4x32,
  PhiloxStream,
  uniformFromBits,
} from '../../src/core/gan/index.js';

describe('Philox-4x32-10', () => {
  // Random123's known-answer vectors (kat_vectors, "philox4x32 10"): counter, key, result.
  const KNOWN_ANSWERS: [number[], number[], number[]][] = [
    [
      [0, 0, 0, 0],
      [0, 0],
      [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8],
    ],
    [
      [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
      [0xffffffff, 0xffffffff],
      [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd],
    ],
    [
      [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344],
      [0xa4093822, 0x299f31d0],
      [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1],
    ],
  ];

  it('reproduces the Random123 known answers', () => {
    for (const [c, k, expected] of KNOWN_ANSWERS) {
      expect(Array.from(philox4x32(c[0], c[1], c[2], c[3], k[0], k[1]))).toEqual(expected);
    }
  });

  it('takes uniforms from the top 24 bits, strictly inside (0, 1)', () => {
    expect(uniformFromBits(0)).toBe(0.5 / 2 ** 24);
    expect(uniformFromBits(0xffffffff)).toBe(1 - 0.5 / 2 ** 24);
    expect(uniformFromBits(0x000000ff)).toBe(uniformFromBits(0));
    expect(uniformFromBits(0x80000000)).toBe(0.5 + 0.5 / 2 ** 24);
    // exact in float32 too, so the GPU's uniforms are these bit for bit
    expect(Math.fround(uniformFromBits(0x12345678))).toBe(uniformFromBits(0x12345678));
  });

  it('Box–Muller maps (a, b) to √(−2 ln a)·(cos 2πb, sin 2πb)', () => {
    const out = new Float64Array(2);
    boxMuller(Math.exp(-2), 0.125, out, 0);
    expect(out[0]).toBeCloseTo(2 * Math.SQRT1_2, 14);
    expect(out[1]).toBeCloseTo(2 * Math.SQRT1_2, 14);
  });

  it('normals follow the documented block layout', () => {
    const stream = new PhiloxStream(7);
    const out = new Float64Array(6);
    stream.normals(3, 5, DRAW_PURPOSE.latent, 6, out);
    const w0 = philox4x32(3, 5, DRAW_PURPOSE.latent, 0, 7, 0);
    const pair = new Float64Array(2);
    boxMuller(uniformFromBits(w0[2]), uniformFromBits(w0[3]), pair, 0);
    expect([out[2], out[3]]).toEqual([pair[0], pair[1]]);
    const w1 = philox4x32(3, 5, DRAW_PURPOSE.latent, 1, 7, 0);
    boxMuller(uniformFromBits(w1[0]), uniformFromBits(w1[1]), pair, 0);
    expect([out[4], out[5]]).toEqual([pair[0], pair[1]]);
  });

  it('draws standard normals: mean 0, variance 1, and independent lanes', () => {
    const stream = new PhiloxStream(12345);
    const n = 20000;
    const z = new Float64Array(4 * n);
    for (let s = 0; s < n; s++) stream.normals(s, 0, DRAW_PURPOSE.latent, 4, z, 4 * s);
    const mean = z.reduce((a, b) => a + b, 0) / z.length;
    const variance = z.reduce((a, b) => a + (b - mean) ** 2, 0) / z.length;
    // 80 000 draws: the standard error of the mean is 0.0035, of the variance 0.005
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.03);
    let cov = 0;
    for (let s = 0; s < n; s++) cov += z[4 * s] * z[4 * s + 1];
    expect(Math.abs(cov / n)).toBeLessThan(0.04);
  });
});
