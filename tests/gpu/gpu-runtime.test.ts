import { describe, expect, it } from 'vitest';
import { prepareLinearKernel } from '../../src/gpu/compute-pass.js';
import { foldWorkgroups, LINEAR_INDEX_WGSL, WORKGROUP_SIZE } from '../../src/gpu/dispatch.js';
import { GpuTimer } from '../../src/gpu/gpu-timer.js';
import { PipelineCache } from '../../src/gpu/pipeline-cache.js';
import { readBuffer, uploadBuffer } from '../../src/gpu/readback.js';
import { withGpu } from '../helpers/gpu-device.js';

const WRITE_INDEX = /* wgsl */ `
override SCALE: u32 = 1u;
@group(0) @binding(0) var<storage, read_write> out: array<u32>;
@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u,
        @builtin(local_invocation_index) li: u32) {
  let i = linear_index(wid, nwg, li);
  if (i >= arrayLength(&out)) { return; }
  out[i] = out[i] + i * SCALE + 1u;
}`;

describe('dispatch folding', () => {
  it('keeps every dimension within the limit and covers the count with less than one row to spare', () => {
    for (const [count, max] of [
      [0, 65535],
      [1, 65535],
      [65535, 65535],
      [65536, 65535],
      [10_000_000, 65535],
      [300, 7],
      [343, 7],
    ]) {
      const [x, y, z] = foldWorkgroups(count, max);
      expect(Math.max(x, y, z)).toBeLessThanOrEqual(max);
      expect(x * y * z).toBeGreaterThanOrEqual(count);
      expect(x * y * z - count).toBeLessThan(Math.max(x * y, 1));
    }
    expect(() => foldWorkgroups(344, 7)).toThrow(RangeError);
  });

  it('writes every element exactly once when the workgroup count exceeds one dimension', () =>
    withGpu(async ({ device }, track) => {
      // 70 000 workgroups of 64 — more than maxComputeWorkgroupsPerDimension (65 535).
      const count = 70_000 * WORKGROUP_SIZE + 17;
      const out = track(uploadBuffer(device, new Uint32Array(count), 'indices'));
      const encode = await prepareLinearKernel(
        device,
        new PipelineCache(device),
        { label: 'write-index', code: WRITE_INDEX },
        [out],
      );
      const encoder = device.createCommandEncoder();
      encode(encoder, count);
      device.queue.submit([encoder.finish()]);
      const values = new Uint32Array(await readBuffer(device, out));
      let wrong = 0;
      for (let i = 0; i < count; i++) if (values[i] !== i + 1) wrong++;
      expect(wrong).toBe(0);
    }));
});

describe('pipeline cache', () => {
  it('returns one pipeline per shader and constants, and a new one when a constant changes', () =>
    withGpu(async ({ device }, track) => {
      const cache = new PipelineCache(device);
      const program = {
        label: 'write-index',
        code: `${LINEAR_INDEX_WGSL}\n${WRITE_INDEX}`,
        constants: { WORKGROUP_SIZE: 64 },
      };
      const a = await cache.get(program);
      const b = await cache.get({ ...program, constants: { WORKGROUP_SIZE: 64 } });
      const c = await cache.get({ ...program, constants: { WORKGROUP_SIZE: 64, SCALE: 3 } });
      expect(b).toBe(a);
      expect(c).not.toBe(a);
      expect(cache.size).toBe(2);
      // The override reaches the kernel: SCALE = 3 writes 3i + 1.
      const out = track(uploadBuffer(device, new Uint32Array(100), 'scaled'));
      const encode = await prepareLinearKernel(
        device,
        cache,
        { label: 'write-index', code: WRITE_INDEX, constants: { SCALE: 3 } },
        [out],
      );
      const encoder = device.createCommandEncoder();
      encode(encoder, 100);
      device.queue.submit([encoder.finish()]);
      expect([...new Uint32Array(await readBuffer(device, out))].slice(0, 4)).toEqual([
        1, 4, 7, 10,
      ]);
    }));

  it('rejects a shader that does not compile, and does not keep the failure', () =>
    withGpu(async ({ device }) => {
      const cache = new PipelineCache(device);
      const broken = {
        label: 'broken',
        code: '@compute @workgroup_size(1) fn main() { let a: u32 = 1.5; }',
      };
      device.pushErrorScope('validation');
      await expect(cache.get(broken)).rejects.toThrow();
      await device.popErrorScope();
      expect(cache.size).toBe(0);
    }));
});

describe('GPU timer', () => {
  it('measures a pass as a positive, finite number of seconds', () =>
    withGpu(async ({ device }, track) => {
      const timer = new GpuTimer(device);
      const out = track(uploadBuffer(device, new Uint32Array(1 << 16), 'timed'));
      const encode = await prepareLinearKernel(
        device,
        new PipelineCache(device),
        { label: 'write-index', code: WRITE_INDEX },
        [out],
      );
      const seconds = await timer.measure((encoder) =>
        encode(encoder, 1 << 16, timer.passTimestamps()),
      );
      timer.destroy();
      expect(Number.isFinite(seconds)).toBe(true);
      expect(seconds).toBeGreaterThan(0);
    }));
});

describe('GPU timer, measurements at once', () => {
  it('serves overlapping measure() calls one after another, each with its own time', () =>
    withGpu(async ({ device }, track) => {
      const timer = new GpuTimer(device);
      const out = track(uploadBuffer(device, new Uint32Array(1 << 12), 'timed'));
      const encode = await prepareLinearKernel(
        device,
        new PipelineCache(device),
        { label: 'write-index', code: WRITE_INDEX },
        [out],
      );
      const times = await Promise.all(
        [1, 2, 3].map(() =>
          timer.measure((encoder) => encode(encoder, 1 << 12, timer.passTimestamps())),
        ),
      );
      timer.destroy();
      for (const seconds of times) expect(Number.isFinite(seconds) && seconds >= 0).toBe(true);
    }));
});
