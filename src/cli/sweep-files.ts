import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  sweepCsvChunks,
  sweepJsonChunks,
  type SweepResultData,
} from '../core/games/sweep-result.js';

/** What `saddle-stride sweep` writes into its --out directory, in the order it writes them. */
export const SWEEP_FILES = ['sweep.json', 'sweep.csv', 'heatmap.png'] as const;

/**
 * Writes sweep.json, sweep.csv (in pieces of about a megabyte: a 4096 × 4096 sweep is more text
 * than one JavaScript string holds) and heatmap.png into `dir`. Each file is written under a temporary name beside
 * its final one and all are renamed once all are complete, so a failed or interrupted run leaves
 * an earlier run's files as they were, never a half-written one.
 */
export async function writeSweepFiles(
  dir: string,
  result: SweepResultData,
  adapter: string,
  png: Uint8Array,
): Promise<void> {
  await writeFilesTogether(dir, {
    'sweep.json': sweepJsonChunks(result, adapter),
    'sweep.csv': sweepCsvChunks(result),
    'heatmap.png': [png],
  });
}

/**
 * Writes each of SWEEP_FILES from its pieces under a temporary name and renames all once all are
 * complete (as writeSweepFiles does): a GAN sweep's files, or any other set of the three.
 */
export async function writeFilesTogether(
  dir: string,
  contents: Record<(typeof SWEEP_FILES)[number], Iterable<Uint8Array>>,
): Promise<void> {
  const write = (chunks: Iterable<Uint8Array>) => async (path: string) => {
    const file = await open(path, 'w');
    try {
      for (const chunk of chunks) await file.write(chunk);
    } finally {
      await file.close();
    }
  };
  const writers: Record<(typeof SWEEP_FILES)[number], (path: string) => Promise<void>> = {
    'sweep.json': write(contents['sweep.json']),
    'sweep.csv': write(contents['sweep.csv']),
    'heatmap.png': write(contents['heatmap.png']),
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
