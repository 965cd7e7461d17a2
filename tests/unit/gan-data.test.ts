import { describe, expect, it } from 'vitest';
import {
  boxMuller,
  dataBatch,
  DRAW_PURPOSE,
  latentBatch,
  modeCentres,
  parseGanRunSpec,
  philox4x32,
  PhiloxStream,
  uniformFromBits,
} from '../../src/core/gan/index.js';

describe('data and latent draws', () => {
  const ring = { kind: 'ring' as const, modes: 8, radius: 2, sigma: 0.05 };

  it('draws sample s of a mixture from block (s, draw, data) as documented', () => {
    const seed = 31;
    const batch = dataBatch(new PhiloxStream(seed), ring, 50, 9, DRAW_PURPOSE.data);
    const means = modeCentres(ring);
    const noise = new Float64Array(2);
    for (const s of [0, 17, 49]) {
      const w = philox4x32(s, 9, DRAW_PURPOSE.data, 0, seed, 0);
      const k = Math.floor(((w[0] >>> 8) * 8) / 2 ** 24);
      boxMuller(uniformFromBits(w[1]), uniformFromBits(w[2]), noise, 0);
      expect(batch.values[2 * s]).toBe(means.values[2 * k] + 0.05 * noise[0]);
      expect(batch.values[2 * s + 1]).toBe(means.values[2 * k + 1] + 0.05 * noise[1]);
    }
  });

  it('visits every mode about equally, with noise of standard deviation σ', () => {
    const n = 8000;
    const batch = dataBatch(new PhiloxStream(2), ring, n, 0, DRAW_PURPOSE.evalData);
    const means = modeCentres(ring);
    const counts = new Array(8).fill(0);
    let squares = 0;
    for (let s = 0; s < n; s++) {
      const x = batch.values[2 * s];
      const y = batch.values[2 * s + 1];
      const k = Math.round((Math.atan2(y, x) / (2 * Math.PI)) * 8 + 8) % 8;
      counts[k]++;
      squares += (x - means.values[2 * k]) ** 2 + (y - means.values[2 * k + 1]) ** 2;
    }
    // 1000 expected per mode, standard deviation ≈ 30
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(150);
    expect(Math.sqrt(squares / (2 * n)) / 0.05).toBeGreaterThan(0.95);
    expect(Math.sqrt(squares / (2 * n)) / 0.05).toBeLessThan(1.05);
  });

  it('uses points and latent points whole, in order', () => {
    const spec = parseGanRunSpec({
      game: {
        name: 'mlp-gan',
        data: {
          kind: 'points',
          points: [
            [1, 2],
            [3, 4],
            [5, 6],
          ],
        },
        generator: { latent: 1 },
        latentPoints: [[0.5], [-1]],
      },
      batch: 7,
    });
    const stream = new PhiloxStream(0);
    expect(Array.from(dataBatch(stream, spec.game.data, 7, 3, DRAW_PURPOSE.data).values)).toEqual([
      1, 2, 3, 4, 5, 6,
    ]);
    expect(Array.from(latentBatch(stream, spec, 7, 3, DRAW_PURPOSE.latent).values)).toEqual([
      0.5, -1,
    ]);
    const noisy = latentBatch(
      stream,
      { ...spec, game: { ...spec.game, latentPoints: undefined } },
      7,
      3,
      DRAW_PURPOSE.latent,
    );
    expect(noisy.count).toBe(7);
    expect(noisy.dim).toBe(1);
  });
});
