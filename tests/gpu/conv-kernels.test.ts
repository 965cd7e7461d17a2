import { describe, expect, it } from 'vitest';
import { runConv2d, runConvTranspose2d, type ConvGpu } from '../../src/gpu/conv/conv-runner.js';
import { PipelineCache } from '../../src/gpu/pipeline-cache.js';
import { withGpu } from '../helpers/gpu-device.js';
import { mismatches, randomCases, type ConvCase } from './conv-cases.js';

let pipelines: PipelineCache | undefined;
function convGpu(device: GPUDevice): ConvGpu {
  pipelines ??= new PipelineCache(device);
  return { device, pipelines };
}

function run(gpu: ConvGpu, c: ConvCase, kernel: 'fast' | 'direct') {
  const go = c.config.transposed ? runConvTranspose2d : runConv2d;
  return go(gpu, c.input, c.weight, { ...c.options, kernel });
}

describe.each(['direct', 'fast'] as const)('the %s kernel', (kernel) => {
  it('matches the float64 reference within the f32 summation bound on random layers (60 direct, 48 fast)', () =>
    withGpu(async ({ device }) => {
      const gpu = convGpu(device);
      const failures: string[] = [];
      for (const c of randomCases(kernel === 'direct' ? 11 : 12, kernel === 'direct' ? 60 : 48)) {
        const result = await run(gpu, c, kernel);
        if (kernel === 'fast') expect(result.kernel).not.toBe('direct');
        const bad = mismatches(c, result.data, result.shape);
        if (bad.length) failures.push(`${c.label}: ${bad.slice(0, 3).join('; ')}`);
      }
      expect(failures).toEqual([]);
    }));
});

describe('the grouped kernel', () => {
  it('serves grouped and depthwise layers, conv2d and transposed, on the fast path and matches the reference (random layers: groups, stride, dilation, padding modes, output_padding, bias)', () =>
    withGpu(async ({ device }) => {
      const gpu = convGpu(device);
      const failures: string[] = [];
      const cases = randomCases(13, 90).filter((c) => c.config.groups > 1);
      expect(cases.filter((c) => c.config.transposed).length).toBeGreaterThan(10);
      expect(cases.filter((c) => !c.config.transposed).length).toBeGreaterThan(10);
      for (const c of cases) {
        const result = await run(gpu, c, 'fast');
        expect(result.kernel, c.label).toBe('grouped');
        const bad = mismatches(c, result.data, result.shape);
        if (bad.length) failures.push(`${c.label}: ${bad.slice(0, 3).join('; ')}`);
      }
      expect(failures).toEqual([]);
    }));
});
