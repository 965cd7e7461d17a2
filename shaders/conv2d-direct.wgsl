// conv2d, one invocation per output element: the plain definition, kept as the oracle for the
// tiled kernel (conv2d-tiled.wgsl) and the fallback where its tiles do not fit.
//   out[n, co, y, x] = bias[co] + Σ_{ci in co's group} Σ_{ky, kx}
//                      w[co, ci, ky, kx] · in_padded[n, ci, y·s + ky·d − p, x·s + kx·d − p]
// Prepended: the ConvParams prelude, conv-common.wgsl (bindings), lib/linear-index.wgsl.
// Dispatch: ceil(batch · out_channels · out_rows · out_width / WORKGROUP_SIZE) workgroups, folded.

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(
  @builtin(workgroup_id) workgroup_id: vec3u,
  @builtin(num_workgroups) num_workgroups: vec3u,
  @builtin(local_invocation_index) local_index: u32,
) {
  let i = linear_index(workgroup_id, num_workgroups, local_index);
  let plane = params.out_rows * params.out_width;
  if (i >= u32(params.batch * params.out_channels * plane)) {
    return;
  }
  let index = i32(i);
  let x = index % params.out_width;
  let row = (index / params.out_width) % params.out_rows;
  let co = (index / plane) % params.out_channels;
  let n = index / (plane * params.out_channels);
  let y = row + params.out_row_begin;
  let group = co / params.out_per_group;
  var sum = 0.0;
  for (var c = 0; c < params.in_per_group; c++) {
    let ci = group * params.in_per_group + c;
    for (var ky = 0; ky < params.kernel_h; ky++) {
      let iy = padded_index(y * params.stride_h + ky * params.dilation_h - params.pad_top, params.in_height, params.padding_mode);
      if (iy < 0) {
        continue;
      }
      for (var kx = 0; kx < params.kernel_w; kx++) {
        let ix = padded_index(x * params.stride_w + kx * params.dilation_w - params.pad_left, params.in_width, params.padding_mode);
        if (ix < 0) {
          continue;
        }
        let w = weight[((co * params.in_per_group + c) * params.kernel_h + ky) * params.kernel_w + kx];
        sum = fma(w, input[input_offset(n, ci, iy, ix)], sum);
      }
    }
  }
  output[index] = sum + bias_of(co);
}
