import type { GpuHandle } from '../../gpu/request-device.js';
import type { PipelineCache } from '../../gpu/pipeline-cache.js';
import type { GpuTimer } from '../../gpu/gpu-timer.js';

export interface BenchContext {
  gpu: GpuHandle;
  pipelines: PipelineCache;
  timer: GpuTimer;
  /** Prints one line of the report. */
  log(line: string): void;
  /** Smaller problem sizes, for a smoke run on a software adapter. */
  quick: boolean;
}

/** A group of measurements; returns its figures for `--json` (snake_case keys, plain numbers). */
export interface BenchSuite {
  /** What `--only` calls it. */
  key: string;
  name: string;
  run(context: BenchContext): Promise<Record<string, number>>;
}

/**
 * How many back-to-back runs make a sample of about `sampleSeconds`, given one run's time: enough
 * to hide submit overhead on a fast GPU, few enough that a software adapter finishes.
 */
export function runsPerSample(oneRunSeconds: number, sampleSeconds: number, most: number): number {
  return Math.max(1, Math.min(most, Math.round(sampleSeconds / Math.max(oneRunSeconds, 1e-9))));
}

/** Repeated timings of one measurement, in seconds. */
export interface Samples {
  median: number;
  min: number;
  max: number;
  count: number;
}

/** `repeats` timings (at least one) of `once`: their median, robust to a warm-up, and their range. */
export async function sampleSeconds(
  repeats: number,
  once: () => Promise<number>,
): Promise<Samples> {
  const times: number[] = [];
  for (let r = 0; r < Math.max(1, repeats); r++) times.push(await once());
  return summarise(times);
}

/** The median (the upper one of an even count), least and greatest of `values` (at least one). */
export function summarise(values: readonly number[]): Samples {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: sorted[Math.floor(sorted.length / 2)],
    min: sorted[0],
    max: sorted[sorted.length - 1],
    count: sorted.length,
  };
}

/**
 * Two timings side by side, robust to a machine whose load drifts: one warm-up run of each,
 * then `pairs` adjacent pairs in alternating order (A B, B A, A B, …), each pair's a / b seconds
 * one ratio. `ratio` is the median of those ratios with the least and greatest (b's rate over
 * a's); `a` and `b` the seconds of each side.
 */
export async function interleavedSamples(
  pairs: number,
  a: () => Promise<number>,
  b: () => Promise<number>,
): Promise<{ ratio: Range; a: Samples; b: Samples }> {
  await a();
  await b();
  const as: number[] = [];
  const bs: number[] = [];
  for (let p = 0; p < Math.max(1, pairs); p++) {
    if (p % 2 === 0) {
      as.push(await a());
      bs.push(await b());
    } else {
      bs.push(await b());
      as.push(await a());
    }
  }
  const { median, min, max } = summarise(as.map((t, p) => t / bs[p]));
  return { ratio: { median, min, max }, a: summarise(as), b: summarise(bs) };
}

/** A figure with the range its samples span. */
export interface Range {
  median: number;
  min: number;
  max: number;
}

/** `work` per second: at the median sample, the slowest (min) and the fastest (max). */
export function rateRange(work: number, seconds: Samples): Range {
  return { median: work / seconds.median, min: work / seconds.max, max: work / seconds.min };
}

/** a / b: the medians' ratio, and the widest range the two ranges allow. */
export function ratioRange(a: Range, b: Range): Range {
  return { median: a.median / b.median, min: a.min / b.max, max: a.max / b.min };
}

/** A range as JSON figures: `key` (the median), `key_min`, `key_max`. */
export function rangeFigures(key: string, range: Range): Record<string, number> {
  return { [key]: range.median, [`${key}_min`]: range.min, [`${key}_max`]: range.max };
}

/** A range as text: `median (min … max)`. */
export function formatRange(range: Range, digits: (n: number) => string): string {
  return `${digits(range.median)} (${digits(range.min)} … ${digits(range.max)})`;
}

/**
 * Each kernel's useful FLOP/s (every `…_gflops` median but the peak's own) as a percentage of
 * the adapter's measured fma peak (`fma_gflops`): `…_pct_of_fma_peak`.
 */
export function percentOfPeak(figures: Readonly<Record<string, number>>): Record<string, number> {
  const peak = figures.fma_gflops;
  const out: Record<string, number> = {};
  if (!(peak > 0)) return out;
  for (const [key, value] of Object.entries(figures))
    if (key.endsWith('_gflops') && key !== 'fma_gflops')
      out[`${key.slice(0, -'_gflops'.length)}_pct_of_fma_peak`] = (100 * value) / peak;
  return out;
}
