// Linear invocation index for dispatches folded into 2-D/3-D grids (src/gpu/dispatch.ts).
//
// A dispatch of more workgroups than maxComputeWorkgroupsPerDimension is folded into
// (x, y, z) workgroups with x·y·z ≥ the count; invocations past the end must return early,
// so every kernel compares the index returned here with its own element count.
// WORKGROUP_SIZE is an override constant set from TypeScript (src/gpu/dispatch.ts), never typed here.

override WORKGROUP_SIZE: u32;

fn linear_index(workgroup_id: vec3u, num_workgroups: vec3u, local_index: u32) -> u32 {
  let workgroup = workgroup_id.x + num_workgroups.x * (workgroup_id.y + num_workgroups.y * workgroup_id.z);
  return workgroup * WORKGROUP_SIZE + local_index;
}
