import { describe, expect, it } from 'vitest';
import {
  interleavedSamples,
  percentOfPeak,
  rangeFigures,
  rateRange,
  ratioRange,
  sampleSeconds,
} from '../../src/cli/bench/bench-suite.js';
import { parseGanRunSpec } from '../../src/core/gan/index.js';
import { ganStepFlops } from '../../src/gpu/gan/gan-flops.js';

describe('bench figures: medians with their range', () => {
  it('samples give their median, slowest and fastest', async () => {
    const times = [0.3, 0.1, 0.2, 0.5, 0.4];
    const s = await sampleSeconds(5, async () => times.shift()!);
    expect(s).toEqual({ median: 0.3, min: 0.1, max: 0.5, count: 5 });
  });

  it('a rate runs from the slowest sample to the fastest, and a ratio spans both ranges', () => {
    const a = rateRange(10, { median: 2, min: 1, max: 5, count: 3 });
    expect(a).toEqual({ median: 5, min: 2, max: 10 });
    const b = { median: 2, min: 1, max: 4 };
    expect(ratioRange(a, b)).toEqual({ median: 2.5, min: 0.5, max: 10 });
    expect(rangeFigures('x_gflops', a)).toEqual({ x_gflops: 5, x_gflops_min: 2, x_gflops_max: 10 });
  });

  it('every useful-FLOP/s median is also a percentage of the fma peak', () => {
    const shares = percentOfPeak({
      fma_gflops: 200,
      fma_gflops_max: 210,
      conv_fast_gflops: 50,
      conv_fast_gflops_min: 40,
      sim_gda_useful_gflops: 2,
      sweep_vs_bare: 0.8,
    });
    expect(shares).toEqual({ conv_fast_pct_of_fma_peak: 25, sim_gda_useful_pct_of_fma_peak: 1 });
    expect(percentOfPeak({ conv_fast_gflops: 50 })).toEqual({});
  });

  it('interleaved pairs: a load that drifts between pairs cancels in each ratio, and the order alternates after one warm-up each', async () => {
    // The machine slows 1×, 3×, 0.5×, 7×, 2× pair by pair; b always takes twice a's time.
    const load = [1, 3, 0.5, 7, 2];
    const calls: string[] = [];
    let pair = -1;
    const a = async () => {
      calls.push('a');
      return calls.length <= 2 ? 100 : load[pair] * 1;
    };
    const b = async () => {
      calls.push('b');
      return calls.length <= 2 ? 100 : load[pair] * 2;
    };
    // Each pair's first call moves to the next load.
    const step = (f: () => Promise<number>) => async () => {
      if (calls.length >= 2 && (calls.length - 2) % 2 === 0) pair++;
      return f();
    };
    const m = await interleavedSamples(5, step(a), step(b));
    expect(calls).toEqual(['a', 'b', 'a', 'b', 'b', 'a', 'a', 'b', 'b', 'a', 'a', 'b']);
    expect(m.ratio).toEqual({ median: 0.5, min: 0.5, max: 0.5 });
    expect(m.a).toEqual({ median: 2, min: 0.5, max: 7, count: 5 });
    expect(m.b.median).toBe(4);
  });

  it('interleaved pairs: the median of the ratios, with the least and greatest', async () => {
    const as = [1, 1, 1, 1, 1, 1];
    const bs = [1, 2, 4, 1, 8, 3];
    const m = await interleavedSamples(
      5,
      async () => as.shift()!,
      async () => bs.shift()!,
    );
    // Ratios a / b of pairs 1…5: 1/2, 1/4, 1/1, 1/8, 1/3.
    expect(m.ratio).toEqual({ median: 1 / 3, min: 1 / 8, max: 1 });
  });
});

describe('the GAN bench’s useful FLOPs a step (docs/gans.md#performance)', () => {
  // 1-D data; G: 3 → 4 → 1, D: 1 → 5 → 1, both with biases; batch 10. Counted by hand:
  //   G forward, 10 rows: 10·(2·(3·4 + 4·1) + 4 + 1) = 370; D forward, 20 rows: 20·(2·(5 + 5) + 6) = 520
  //   D's gradient: back through D's hidden layer, 20 rows: 20·2·5 = 200; its sums: 520
  //   G's gradient: D back to its input, 10 rows: 10·2·10 = 200; back through G's hidden layer:
  //   10·2·4 = 80; its sums: 370
  // so an evaluation of both gradients is 890 + 720 + 650 = 2260, of D's alone 1610, of G's 1540.
  const spec = (method: unknown, dSteps = 1) =>
    parseGanRunSpec({
      game: {
        name: 'mlp-gan',
        data: { kind: 'mixture1d' },
        generator: { latent: 3, layers: 1, width: 4 },
        discriminator: { layers: 1, width: 5 },
      },
      method,
      batch: 10,
      dSteps,
    });
  it('counts each method’s field evaluations', () => {
    expect(ganStepFlops(spec('sim-gda'))).toBe(2260);
    expect(ganStepFlops(spec('adam'))).toBe(2260);
    expect(ganStepFlops(spec({ name: 'alt-gda', order: 'x-first' }))).toBe(1610 + 1540);
    expect(ganStepFlops(spec('eg'))).toBe(2 * 2260);
    expect(ganStepFlops(spec({ name: 'momentum', order: 'x-first' }))).toBe(1610 + 1540);
    expect(ganStepFlops(spec({ name: 'momentum', order: 'simultaneous' }))).toBe(2260);
    // dSteps − 1 discriminator-only steps first
    expect(ganStepFlops(spec('sim-gda', 3))).toBe(2 * 1610 + 2260);
    expect(ganStepFlops(spec('eg', 2))).toBe(2 * 1610 + 2 * 2260);
  });
});
