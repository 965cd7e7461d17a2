import { GpuUnavailableError, requestDeviceFrom, type GpuHandle } from './request-device.js';

/** The page's device, from navigator.gpu; the error says what the user can do about a missing one. */
export async function requestBrowserDevice(): Promise<GpuHandle> {
  if (typeof navigator === 'undefined' || !('gpu' in navigator) || !navigator.gpu) {
    throw new GpuUnavailableError(
      'This browser has no WebGPU (navigator.gpu is missing). Use a current Chrome, Edge or Chromium ' +
        '(WebGPU is on by default since version 113), Safari 26, or Firefox 141 or later; on Linux, ' +
        'start Chromium with --enable-unsafe-webgpu --enable-features=Vulkan. WebGPU also needs a ' +
        'secure context: open the page over https or from localhost.',
    );
  }
  const adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) {
    throw new GpuUnavailableError(
      'WebGPU is present but no adapter was granted: the GPU may be blocklisted or the driver missing. ' +
        'Check chrome://gpu, update the graphics driver, or start the browser with ' +
        '--enable-unsafe-webgpu (and on Linux --enable-features=Vulkan).',
    );
  }
  return requestDeviceFrom(adapter, 'saddle-stride page');
}
