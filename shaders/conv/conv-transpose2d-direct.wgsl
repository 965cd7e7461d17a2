// conv_transpose2d by gathering, one invocation per output element (no float atomics, so the
// result is deterministic). Output cell y receives tap ky of input row iy where
// iy·s − p + ky·d = y, i.e. iy = (y + p − ky·d) / s when that is a non-negative integer below
// in_height; the ≥ 0 test comes before `%` because WGSL's `%` truncates toward zero.
// Weight layout [in, out/g, kH, kW]. Kept as the oracle for the blocked and grouped transposed kernels.
// Frame (entry point, one invocation per output element, bias) and dispatch: conv-direct-common.wgsl.

fn conv_sum(n: i32, co: i32, y: i32, x: i32) -> f32 {
  let group = co / params.out_per_group;
  let co_in_group = co % params.out_per_group;
  var sum = 0.0;
  for (var c = 0; c < params.in_per_group; c++) {
    let ci = group * params.in_per_group + c;
    for (var ky = 0; ky < params.kernel_h; ky++) {
      let ty = y + params.pad_top - ky * params.dilation_h;
      if (ty < 0 || ty % params.stride_h != 0 || ty / params.stride_h >= params.in_height) {
        continue;
      }
      let iy = ty / params.stride_h;
      for (var kx = 0; kx < params.kernel_w; kx++) {
        let tx = x + params.pad_left - kx * params.dilation_w;
        if (tx < 0 || tx % params.stride_w != 0 || tx / params.stride_w >= params.in_width) {
          continue;
        }
        let w = weight[((ci * params.out_per_group + co_in_group) * params.kernel_h + ky) * params.kernel_w + kx];
        sum = fma(w, input[input_offset(n, ci, iy, tx / params.stride_w)], sum);
      }
    }
  }
  return sum;
}
