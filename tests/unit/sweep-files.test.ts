import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSweepFiles } from '../../src/cli/sweep-files.js';
import { parseSweepSpec } from '../../src/core/games/index.js';
import { formatF32 } from '../../src/core/games/sweep-result.js';

const dir = mkdtempSync(join(tmpdir(), 'saddle-stride-sweep-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function lastBytes(file: string, count: number): Promise<string> {
  const handle = await open(file);
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(count, size));
    await handle.read(buffer, 0, buffer.length, size - buffer.length);
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}

describe('writeSweepFiles', () => {
  it('writes a 1024² sweep: JSON and CSV end to end, no temporary file left', async () => {
    const side = 1024;
    const cells = side * side;
    let seed = 1;
    const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 8 - 4;
    const metric = () => Float32Array.from({ length: cells }, random);
    const spec = parseSweepSpec({
      axes: {
        x: { param: 'lr', from: 0.001, to: 1, count: side, scale: 'log' },
        y: { param: 'x0', from: -2, to: 2, count: side },
      },
    });
    const axis = (from: number, to: number) =>
      Float64Array.from({ length: side }, (_, i) => from + ((to - from) * i) / (side - 1));
    const result = {
      spec,
      xValues: axis(0.001, 1),
      yValues: axis(-2, 2),
      metrics: {
        finalX: metric(),
        finalY: metric(),
        radius: metric(),
        growthRate: metric(),
        escapeStep: Int32Array.from({ length: cells }, (_, i) => (i % 3) - 1),
        maxRadius: metric(),
        fate: Int32Array.from({ length: cells }, (_, i) => i % 3),
      },
    };
    const started = performance.now();
    await writeSweepFiles(dir, result, 'test adapter', Uint8Array.of(1, 2, 3));
    const seconds = (performance.now() - started) / 1e3;
    const json = join(dir, 'sweep.json');
    const csv = join(dir, 'sweep.csv');
    // Reported, not asserted: timings on a shared machine say little.
    console.info(
      `wrote a ${side}² sweep (${(statSync(json).size / 1e6).toFixed(0)} MB JSON, ` +
        `${(statSync(csv).size / 1e6).toFixed(0)} MB CSV) in ${seconds.toFixed(1)} s`,
    );
    expect(readdirSync(dir).sort()).toEqual(['heatmap.png', 'sweep.csv', 'sweep.json']);
    expect([...readFileSync(join(dir, 'heatmap.png'))]).toEqual([1, 2, 3]);
    const last = cells - 1;
    const m = result.metrics;
    expect(await lastBytes(json, 200)).toMatch(new RegExp(`,${m.fate[last]}\\]\\}\\}\\n$`));
    const lastRow = (await lastBytes(csv, 300)).trimEnd().split('\n').at(-1);
    expect(lastRow).toBe(
      [
        side - 1,
        side - 1,
        result.xValues[side - 1],
        result.yValues[side - 1],
        ...[m.finalX, m.finalY, m.radius, m.growthRate].map((v) => formatF32(v[last])),
        m.escapeStep[last],
        formatF32(m.maxRadius[last]),
        m.fate[last],
      ].join(','),
    );
  }, 600_000);
});
