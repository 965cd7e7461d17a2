import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  HEATMAP_METRIC_NAMES,
  parseSweepSpec,
  simulateSweep,
  SWEEP_METRIC_NAMES,
  SWEEP_METRICS,
  sweepMetricsMarkdownTable,
  type SweepMetricName,
  type SweepRunner,
} from '../../src/core/games/index.js';
import { sweepJsonChunks, sweepResultToCsv } from '../../src/core/games/sweep-result.js';
import { runSweep, type GameGpu } from '../../src/gpu/game/game-sweep-runner.js';
import { HEATMAP_METRICS } from '../../src/labs/game/game-presets.js';

const spec = parseSweepSpec({
  axes: {
    x: { param: 'lr', from: 0.1, to: 0.2, count: 2 },
    y: { param: 'x0', from: -1, to: 1, count: 1 },
  },
});

/** A 2 × 1 sweep whose every metric holds its own position in the list (k + 0.5, k + 0.25). */
function syntheticResult() {
  const metrics = Object.fromEntries(
    SWEEP_METRIC_NAMES.map((name, k) => [name, Float64Array.of(k + 0.5, k + 0.25)]),
  ) as Record<SweepMetricName, Float64Array>;
  return { spec, xValues: Float64Array.of(0.1, 0.2), yValues: Float64Array.of(-1), metrics };
}

describe('the one metric list', () => {
  it('names every metric once', () => {
    expect(new Set(SWEEP_METRIC_NAMES).size).toBe(SWEEP_METRICS.length);
    expect([...HEATMAP_METRIC_NAMES].sort()).toEqual([...SWEEP_METRIC_NAMES].sort());
    expect(HEATMAP_METRICS).toEqual(HEATMAP_METRIC_NAMES);
  });

  it('drives the CSV columns: one per metric, in list order', () => {
    const [header, ...rows] = sweepResultToCsv(syntheticResult()).trimEnd().split('\n');
    expect(header.split(',')).toEqual(['ix', 'iy', 'lr', 'x0', ...SWEEP_METRIC_NAMES]);
    const cells = rows.map((row) => row.split(',').slice(4).map(Number));
    expect(cells[0]).toEqual(SWEEP_METRIC_NAMES.map((_, k) => k + 0.5));
    expect(cells[1]).toEqual(SWEEP_METRIC_NAMES.map((_, k) => k + 0.25));
  });

  it('drives the JSON keys: one per metric, in list order', () => {
    const json = JSON.parse(
      [...sweepJsonChunks(syntheticResult(), 'test')]
        .map((p) => new TextDecoder().decode(p))
        .join(''),
    ) as {
      metrics: Record<string, number[]>;
    };
    expect(Object.keys(json.metrics)).toEqual(SWEEP_METRIC_NAMES);
    SWEEP_METRIC_NAMES.forEach((name, k) =>
      expect(json.metrics[name]).toEqual([k + 0.5, k + 0.25]),
    );
  });

  it('is the table in docs/sweep-metrics.md', () => {
    const file = new URL('../../docs/sweep-metrics.md', import.meta.url);
    let doc = readFileSync(file, 'utf8');
    if (process.env.UPDATE_METRIC_DOCS) {
      // UPDATE_METRIC_DOCS=1 npx vitest run tests/unit/sweep-metrics.test.ts rewrites the table.
      const lines = doc.split('\n');
      const first = lines.findIndex((line) => line.startsWith('|'));
      const count = lines.slice(first).findIndex((line) => !line.startsWith('|'));
      lines.splice(first, count < 0 ? lines.length - first : count, sweepMetricsMarkdownTable());
      writeFileSync(file, (doc = lines.join('\n')));
    }
    // Compared cell by cell, as Prettier may pad the doc's columns.
    const rows = (markdown: string) =>
      markdown
        .split('\n')
        .filter((line) => line.startsWith('|'))
        .map((line) => line.replace(/ *\| */g, '|').replace(/-{3,}/g, '---'));
    expect(rows(doc)).toEqual(rows(sweepMetricsMarkdownTable()));
  });

  it('has one result type and one runner interface for the float64 reference and the GPU', () => {
    expectTypeOf(simulateSweep).toExtend<SweepRunner>();
    const onGpu =
      (gpu: GameGpu): SweepRunner =>
      (spec, options) =>
        runSweep(gpu, spec, options);
    expectTypeOf(onGpu).returns.toEqualTypeOf<SweepRunner>();
  });
});
