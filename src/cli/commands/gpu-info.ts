import { adapterName } from '../../gpu/adapter-info.js';
import { requestNodeDevice } from '../../gpu/node-device.js';
import type { Command } from '../command.js';
import { parseOptions } from '../parse-options.js';

export const gpuInfoCommand: Command = {
  name: 'gpu-info',
  summary: 'print the WebGPU adapter this machine gives (--json for all fields)',
  usage: `Usage: saddle-stride gpu-info [--json]

Finds a WebGPU adapter through Dawn (the real GPU's Vulkan driver, else SwiftShader)
and prints its vendor, architecture, the limits the kernels depend on, and its features.
`,
  async run(args, io) {
    const json = parseOptions(args, { json: { type: 'boolean' } }).json === true;
    const { adapter, device, summary, hasTimestampQuery } = await requestNodeDevice();
    const limits = {
      maxComputeWorkgroupsPerDimension: device.limits.maxComputeWorkgroupsPerDimension,
      maxComputeInvocationsPerWorkgroup: device.limits.maxComputeInvocationsPerWorkgroup,
      maxStorageBufferBindingSize: device.limits.maxStorageBufferBindingSize,
      maxBufferSize: device.limits.maxBufferSize,
      maxComputeWorkgroupStorageSize: device.limits.maxComputeWorkgroupStorageSize,
    };
    const features = [...adapter.features].sort();
    if (json) {
      io.out(
        JSON.stringify({ adapter: adapterName(summary), ...summary, limits, features }, null, 2) +
          '\n',
      );
    } else {
      io.out(`adapter:      ${adapterName(summary)}\n`);
      io.out(`vendor:       ${summary.vendor}\narchitecture: ${summary.architecture}\n`);
      io.out(
        `timing:       ${hasTimestampQuery ? 'timestamp-query' : 'wall clock (no timestamp-query)'}\n`,
      );
      for (const [name, value] of Object.entries(limits)) io.out(`${name}: ${value}\n`);
      io.out(`features:     ${features.join(', ')}\n`);
    }
    device.destroy();
    return 0;
  },
};
