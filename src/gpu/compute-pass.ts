import { dispatchInvocations, LINEAR_INDEX_WGSL, WORKGROUP_SIZE } from './dispatch.js';
import type { ComputeProgram, PipelineCache } from './pipeline-cache.js';

/** Records one compute pass of a prepared kernel over `invocations` elements. */
export type EncodeKernel = (
  encoder: GPUCommandEncoder,
  invocations: number,
  timestampWrites?: GPUComputePassTimestampWrites,
) => void;

/**
 * A 1-D kernel ready to encode: prepends linear_index(), sets WORKGROUP_SIZE, and binds `buffers`
 * to group 0 in order. The pipeline and bind group are made once here, so encoding is cheap.
 */
export async function prepareLinearKernel(
  device: GPUDevice,
  pipelines: PipelineCache,
  program: ComputeProgram,
  buffers: GPUBuffer[],
): Promise<EncodeKernel> {
  const pipeline = await pipelines.get({
    ...program,
    code: `${LINEAR_INDEX_WGSL}\n${program.code}`,
    constants: { WORKGROUP_SIZE, ...program.constants },
  });
  const bindGroup = device.createBindGroup({
    label: program.label,
    layout: pipeline.getBindGroupLayout(0),
    entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
  });
  return (encoder, invocations, timestampWrites) => {
    const pass = encoder.beginComputePass({ label: program.label, timestampWrites });
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    dispatchInvocations(pass, device, invocations);
    pass.end();
  };
}
