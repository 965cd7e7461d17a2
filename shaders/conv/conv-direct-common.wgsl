// The frame shared by the direct kernels (conv2d-direct.wgsl, conv-transpose2d-direct.wgsl): one
// invocation per output element of the bound band. Each kernel file defines
// conv_sum(n, co, y, x) -> f32, the value of output[n, co, y, x] before bias (y absolute).
// Prepended: the ConvParams prelude, conv-common.wgsl (bindings), lib/linear-index.wgsl.
// Dispatch: ceil(batch · out_channels · out_rows · out_width / WORKGROUP_SIZE) workgroups, folded.

// Output element [n, co, y, x], `y` absolute; `valid` is false for invocations past the band's end.
struct OutputElement {
  n: i32,
  co: i32,
  y: i32,
  x: i32,
  valid: bool,
}

// The element invocation `i` computes: `i` runs over the bound band in NCHW order.
fn output_element(i: u32) -> OutputElement {
  let plane = params.out_rows * params.out_width;
  let index = i32(i);
  var e: OutputElement;
  e.valid = i < u32(params.batch * params.out_channels * plane);
  e.x = index % params.out_width;
  e.y = (index / params.out_width) % params.out_rows + params.out_row_begin;
  e.co = (index / plane) % params.out_channels;
  e.n = index / (plane * params.out_channels);
  return e;
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(
  @builtin(workgroup_id) workgroup_id: vec3u,
  @builtin(num_workgroups) num_workgroups: vec3u,
  @builtin(local_invocation_index) local_index: u32,
) {
  let i = linear_index(workgroup_id, num_workgroups, local_index);
  let e = output_element(i);
  if (e.valid) {
    output[i] = conv_sum(e.n, e.co, e.y, e.x) + bias_of(e.co);
  }
}
