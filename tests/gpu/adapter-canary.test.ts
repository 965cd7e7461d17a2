import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adapterName } from '../../src/gpu/adapter-info.js';
import { testDevice } from '../helpers/gpu-device.js';

describe('GPU canary', () => {
  it('finds a WebGPU adapter (a missing one fails here, never skips) and records its name', async () => {
    const { summary, device } = await testDevice();
    expect(summary.vendor).not.toBe('');
    expect(device.limits.maxComputeWorkgroupsPerDimension).toBeGreaterThanOrEqual(65535);
    mkdirSync('test-output', { recursive: true });
    writeFileSync(
      'test-output/gpu-adapter.json',
      JSON.stringify({ adapter: adapterName(summary), ...summary }, null, 2),
    );
  });
});
