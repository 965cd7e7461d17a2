import { describe, expect, it } from 'vitest';
import { runConv2d, type Shape4 } from '../../src/gpu/conv/conv-runner.js';
import { PipelineCache } from '../../src/gpu/pipeline-cache.js';
import { withGpu } from '../helpers/gpu-device.js';

// The plumbing, not the values: a run's time never includes pipeline compilation, which is
// reported on its own on the first run of a geometry and not at all once the cache holds it.
describe('conv run timing', () => {
  it('reports compile time apart on the first run and none on the second, with the clock it used', () =>
    withGpu(async ({ device }) => {
      const gpu = { device, pipelines: new PipelineCache(device) };
      const input = { data: new Float32Array(2 * 6 * 7).fill(1), shape: [1, 2, 6, 7] as Shape4 };
      const weight = { data: new Float32Array(2 * 9).fill(0.5), shape: [2, 1, 3, 3] as Shape4 };
      const clock = device.features.has('timestamp-query') ? 'gpu' : 'wall';
      for (const kernel of ['fast', 'direct'] as const) {
        const options = { groups: 2, padding: 1, kernel };
        const first = await runConv2d(gpu, input, weight, options);
        const second = await runConv2d(gpu, input, weight, options);
        expect(first.compileSeconds, kernel).not.toBeNull();
        expect(first.compileSeconds, kernel).toBeGreaterThan(0);
        expect(second.compileSeconds, kernel).toBeNull();
        for (const result of [first, second]) {
          expect(result.clock, kernel).toBe(clock);
          expect(Number.isFinite(result.seconds) && result.seconds >= 0, kernel).toBe(true);
        }
      }
    }));
});
