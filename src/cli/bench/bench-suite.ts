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

/** The median of repeated timings, in seconds: robust to the first run's warm-up. */
export async function medianSeconds(repeats: number, once: () => Promise<number>): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) times.push(await once());
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
