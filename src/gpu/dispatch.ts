import linearIndexWgsl from '../../shaders/lib/linear-index.wgsl?raw';

/** Invocations per workgroup for 1-D kernels; reaches WGSL as the override constant WORKGROUP_SIZE. */
export const WORKGROUP_SIZE = 64;

/** WGSL source of `linear_index(...)`, to prepend to kernels dispatched with `foldWorkgroups`. */
export const LINEAR_INDEX_WGSL = linearIndexWgsl;

/**
 * Splits a workgroup count into (x, y, z) with every dimension ≤ maxPerDimension and x·y·z ≥ count,
 * wasting less than one row of x. Throws if even a 3-D dispatch cannot hold it.
 */
export function foldWorkgroups(count: number, maxPerDimension: number): [number, number, number] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`workgroup count ${count}`);
  if (count <= maxPerDimension) return [count, 1, 1];
  const x = maxPerDimension;
  const rows = Math.ceil(count / x);
  if (rows <= maxPerDimension) return [x, rows, 1];
  const z = Math.ceil(rows / maxPerDimension);
  if (z > maxPerDimension) {
    throw new RangeError(`${count} workgroups exceed a 3-D dispatch of ${maxPerDimension}³`);
  }
  return [x, maxPerDimension, z];
}

/** Dispatches enough workgroups of WORKGROUP_SIZE for `invocations`, folded to fit the device. */
export function dispatchInvocations(
  pass: GPUComputePassEncoder,
  device: GPUDevice,
  invocations: number,
  workgroupSize = WORKGROUP_SIZE,
): void {
  const [x, y, z] = foldWorkgroups(
    Math.ceil(invocations / workgroupSize),
    device.limits.maxComputeWorkgroupsPerDimension,
  );
  if (x > 0) pass.dispatchWorkgroups(x, y, z);
}
