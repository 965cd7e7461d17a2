// conv2d, one invocation per output element: the plain definition, kept as the oracle for the
// tiled kernel (conv2d-tiled.wgsl) and the fallback where its tiles do not fit.
//   out[n, co, y, x] = bias[co] + Σ_{ci in co's group} Σ_{ky, kx}
//                      w[co, ci, ky, kx] · in_padded[n, ci, y·s + ky·d − p, x·s + kx·d − p]
// Frame (entry point, one invocation per output element, bias) and dispatch: conv-direct-common.wgsl.

fn conv_sum(n: i32, co: i32, y: i32, x: i32) -> f32 {
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
  return sum;
}
