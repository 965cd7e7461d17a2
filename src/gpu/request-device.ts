import { summariseAdapter, type AdapterSummary } from './adapter-info.js';

/** A device together with what we know about where it came from. */
export interface GpuHandle {
  adapter: GPUAdapter;
  device: GPUDevice;
  summary: AdapterSummary;
  /** The optional features this project uses, as granted. */
  hasTimestampQuery: boolean;
}

/** Thrown when no WebGPU adapter or device can be had; the message says what is missing and how to get it. */
export class GpuUnavailableError extends Error {
  override name = 'GpuUnavailableError';
}

/**
 * Asks an adapter for a device with the largest compute limits it offers (sweeps of 4096² games and
 * big conv tensors need more than the defaults) and timestamp queries where the adapter has them.
 */
export async function requestDeviceFrom(adapter: GPUAdapter, label: string): Promise<GpuHandle> {
  const hasTimestampQuery = adapter.features.has('timestamp-query');
  const wanted: (keyof GPUSupportedLimits)[] = [
    'maxStorageBufferBindingSize',
    'maxBufferSize',
    'maxComputeWorkgroupsPerDimension',
    'maxComputeInvocationsPerWorkgroup',
    'maxComputeWorkgroupSizeX',
    'maxComputeWorkgroupSizeY',
    'maxComputeWorkgroupStorageSize',
    'maxStorageBuffersPerShaderStage',
  ];
  const requiredLimits: Record<string, number> = {};
  for (const name of wanted) requiredLimits[name] = adapter.limits[name] as number;
  const device = await adapter.requestDevice({
    label,
    requiredFeatures: hasTimestampQuery ? ['timestamp-query'] : [],
    requiredLimits,
  });
  return { adapter, device, summary: summariseAdapter(adapter), hasTimestampQuery };
}
