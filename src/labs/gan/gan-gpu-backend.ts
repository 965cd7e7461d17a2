import { ganWorkgroupSize } from '../../gpu/gan/gan-kernel-source.js';
import { ganSweepRefusal, runGanSweep } from '../../gpu/gan/gan-sweep-runner.js';
import type { GpuState } from '../gpu-session.js';
import type { GanSweepBackend } from './gan-lab-store.js';

/** The GAN sweeps on the session's device: runGanSweep, and its refusal for this device's limits. */
export function gpuGanBackend(gpu: Extract<GpuState, { kind: 'ready' }>): GanSweepBackend {
  const device = gpu.handle.device;
  const pipelines = gpu.pipelines;
  const workgroupSize = ganWorkgroupSize(gpu.handle.summary.software);
  return {
    run: (spec, options) => runGanSweep({ device, pipelines, workgroupSize }, spec, options),
    refusal: (spec) => ganSweepRefusal(spec, device.limits)?.message ?? null,
  };
}
