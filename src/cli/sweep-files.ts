import { createWriteStream } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  sweepCsvChunks,
  sweepJsonChunks,
  type SweepResultData,
} from '../core/games/sweep-result.js';

/** What `saddle-stride sweep` writes into its --out directory, in the order it writes them. */
export const SWEEP_FILES = ['sweep.json', 'sweep.csv', 'heatmap.png'] as const;

/** Bytes a file stream gathers before it writes: few large writes rather than many small ones. */
const WRITE_BUFFER_BYTES = 4 << 20;

/**
 * Writes sweep.json, sweep.csv (streamed: a 4096 × 4096 sweep is more text than one JavaScript
 * string holds) and heatmap.png into `dir`. Each file is written under a temporary name beside
 * its final one and all are renamed once all are complete, so a failed or interrupted run leaves
 * an earlier run's files as they were, never a half-written one.
 */
export async function writeSweepFiles(
  dir: string,
  result: SweepResultData,
  adapter: string,
  png: Uint8Array,
): Promise<void> {
  const stream = (chunks: Iterable<string>) => (path: string) =>
    pipeline(
      Readable.from(chunks, { objectMode: false, highWaterMark: WRITE_BUFFER_BYTES }),
      createWriteStream(path, { highWaterMark: WRITE_BUFFER_BYTES }),
    );
  const writers: Record<(typeof SWEEP_FILES)[number], (path: string) => Promise<void>> = {
    'sweep.json': stream(sweepJsonChunks(result, adapter)),
    'sweep.csv': stream(sweepCsvChunks(result)),
    'heatmap.png': (path) => writeFile(path, png),
  };
  const temporary = (name: string) => join(dir, `.${name}.partial-${process.pid}`);
  try {
    for (const name of SWEEP_FILES) await writers[name](temporary(name));
    for (const name of SWEEP_FILES) await rename(temporary(name), join(dir, name));
  } finally {
    // Whatever is left of a failed run; a failure to tidy must not hide why it failed.
    await Promise.allSettled(SWEEP_FILES.map((name) => rm(temporary(name), { force: true })));
  }
}
