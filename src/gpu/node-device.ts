import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { GpuUnavailableError, requestDeviceFrom, type GpuHandle } from './request-device.js';

/** SwiftShader's Vulkan driver as Debian's Chromium ships it: the CPU fallback where no GPU exists. */
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/**
 * Dawn's GPU instances, held for the life of the process: once an instance is garbage-collected,
 * the promises of its devices (mapAsync, onSubmittedWorkDone, …) never settle.
 */
const instances: GPU[] = [];

/**
 * The Vulkan loader's window-system code prints "XDG_RUNTIME_DIR is invalid or not set" when the
 * variable does not name a directory (as in containers and CI). A compute-only process needs no
 * runtime dir, so where it is missing one private to this user is named (made once, reused).
 */
function ensureRuntimeDir(): void {
  const current = process.env.XDG_RUNTIME_DIR;
  if (current && statSync(current, { throwIfNoEntry: false })?.isDirectory()) return;
  const dir = join(tmpdir(), `saddle-stride-runtime-${userInfo().uid}`);
  try {
    mkdirSync(dir, { mode: 0o700, recursive: true });
    process.env.XDG_RUNTIME_DIR = dir;
  } catch {
    // Only a message on stderr depends on it.
  }
}

/** Dawn's backend for this platform, unless SADDLE_STRIDE_BACKEND names another. */
function backend(): string {
  const chosen = process.env.SADDLE_STRIDE_BACKEND;
  if (chosen) return chosen;
  return process.platform === 'darwin'
    ? 'metal'
    : process.platform === 'win32'
      ? 'd3d12'
      : 'vulkan';
}

/**
 * Dawn's options: the backend, and SADDLE_STRIDE_ADAPTER (Dawn's name for an adapter, such as
 * 'SwiftShader Device (Subzero)'; given a name it does not know, requestAdapter fails with the
 * list of those it has) to pick one of several.
 */
export function dawnOptions(): string[] {
  const adapter = process.env.SADDLE_STRIDE_ADAPTER;
  return [`backend=${backend()}`, ...(adapter ? [`adapter=${adapter}`] : [])];
}

async function requestAdapter(): Promise<GPUAdapter | null> {
  ensureRuntimeDir();
  const { create } = await import('webgpu');
  const gpu = create(dawnOptions());
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
  if (
    !adapter &&
    backend() === 'vulkan' &&
    !process.env.VK_ICD_FILENAMES &&
    existsSync(SWIFTSHADER_ICD)
  ) {
    process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
    adapter = await requestAdapter();
  }
  if (!adapter) {
    throw new GpuUnavailableError(
      'No WebGPU adapter: Dawn found no Vulkan driver. Install a GPU driver with Vulkan support, or ' +
        'SwiftShader (on Debian: apt-get install chromium libvulkan1), then run again.' +
        (process.env.SADDLE_STRIDE_ADAPTER || process.env.SADDLE_STRIDE_BACKEND
          ? ` (SADDLE_STRIDE_BACKEND=${backend()}, SADDLE_STRIDE_ADAPTER=${process.env.SADDLE_STRIDE_ADAPTER ?? ''})`
          : ''),
    );
  }
  return requestDeviceFrom(adapter, 'saddle-stride node');
}
