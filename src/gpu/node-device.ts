import { existsSync } from 'node:fs';
import { GpuUnavailableError, requestDeviceFrom, type GpuHandle } from './request-device.js';

/** SwiftShader's Vulkan driver as Debian's Chromium ships it: the CPU fallback where no GPU exists. */
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/**
 * Dawn's GPU instances, held for the life of the process: once an instance is garbage-collected,
 * the promises of its devices (mapAsync, onSubmittedWorkDone, …) never settle.
 */
const instances: GPU[] = [];

async function requestAdapter(): Promise<GPUAdapter | null> {
  const { create } = await import('webgpu');
  const gpu = create(['backend=vulkan']);
  instances.push(gpu);
  return gpu.requestAdapter({ powerPreference: 'high-performance' });
}

/**
 * A device from Dawn's Node binding (the `webgpu` package): the real GPU where its Vulkan driver is
 * present, else SwiftShader. The Vulkan loader reads VK_ICD_FILENAMES when Dawn creates an instance,
 * so setting it before the second attempt is enough.
 */
export async function requestNodeDevice(): Promise<GpuHandle> {
  const { globals } = await import('webgpu');
  // The WebGPU enums (GPUBufferUsage, …) are globals in a browser; Dawn's binding hands them over.
  Object.assign(globalThis, globals);
  let adapter = await requestAdapter();
  if (!adapter && !process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD)) {
    process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
    adapter = await requestAdapter();
  }
  if (!adapter) {
    throw new GpuUnavailableError(
      'No WebGPU adapter: Dawn found no Vulkan driver. Install a GPU driver with Vulkan support, or ' +
        'SwiftShader (on Debian: apt-get install chromium libvulkan1), then run again.',
    );
  }
  return requestDeviceFrom(adapter, 'saddle-stride node');
}
