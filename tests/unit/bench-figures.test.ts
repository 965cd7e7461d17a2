import { describe, expect, it } from 'vitest';
import {
  percentOfPeak,
  rangeFigures,
  rateRange,
  ratioRange,
  sampleSeconds,
} from '../../src/cli/bench/bench-suite.js';

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
});
