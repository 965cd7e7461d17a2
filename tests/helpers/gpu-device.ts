import { adapterName } from '../../src/gpu/adapter-info.js';
import { requestNodeDevice } from '../../src/gpu/node-device.js';
import type { GpuHandle } from '../../src/gpu/request-device.js';

let shared: Promise<GpuHandle> | undefined;

/**
 * The GPU tier's device: Dawn's Node binding on the real GPU, else SwiftShader. There is no skip
 * path: a machine without an adapter fails every GPU test with the reason.
 */
export function testDevice(): Promise<GpuHandle> {
  shared ??= requestNodeDevice().then((handle) => {
    console.info(`GPU tests run on: ${adapterName(handle.summary)}`);
    return handle;
  });
  return shared;
}

/**
 * Runs `body` inside validation and out-of-memory error scopes, fails on any error they catch, and
 * destroys every buffer `body` registers through `track`, pass or fail.
 */
export async function withGpu<T>(
  body: (gpu: GpuHandle, track: <B extends GPUBuffer>(buffer: B) => B) => Promise<T>,
): Promise<T> {
  const gpu = await testDevice();
  const { device } = gpu;
  const buffers: GPUBuffer[] = [];
  let gpuError: GPUError | null = null;
  device.pushErrorScope('out-of-memory');
  device.pushErrorScope('validation');
  let result: T;
  try {
    result = await body(gpu, (buffer) => {
      buffers.push(buffer);
      return buffer;
    });
  } finally {
    const validation = await device.popErrorScope();
    const memory = await device.popErrorScope();
    for (const buffer of buffers) buffer.destroy();
    gpuError = validation ?? memory;
  }
  if (gpuError) throw new Error(`WebGPU error during the test: ${gpuError.message}`);
  return result;
}
