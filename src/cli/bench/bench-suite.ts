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

/** The median of repeated timings, in seconds: robust to the first run's warm-up. */
export async function medianSeconds(repeats: number, once: () => Promise<number>): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) times.push(await once());
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
