// Helpers shared by the four conv kernels (conv2d / conv_transpose2d, direct / tiled).
//
// Prepended before this file by src/gpu/conv/conv-params.ts: `struct ConvParams` (every size as i32,
// laid out from one field list in TypeScript) and the PADDING_* mode ids. Bindings, the same
// for every conv kernel:
//   0 — params: ConvParams (uniform)
//   1 — input:  array<f32>, NCHW, holding input rows [in_row_begin, in_row_begin + in_rows)
//   2 — weight: array<f32>, PyTorch layout ([out, in/g, kH, kW], or [in, out/g, kH, kW] transposed)
//   3 — bias:   array<f32>, read only when has_bias ≠ 0
//   4 — output: array<f32>, NCHW, holding output rows [out_row_begin, out_row_begin + out_rows)
// Row coordinates inside kernels are absolute (whole-tensor); a row band is a split of a tensor
// too large for one binding.

@group(0) @binding(0) var<uniform> params: ConvParams;
@group(0) @binding(1) var<storage, read> input: array<f32>;
@group(0) @binding(2) var<storage, read> weight: array<f32>;
@group(0) @binding(3) var<storage, read> bias: array<f32>;
@group(0) @binding(4) var<storage, read_write> output: array<f32>;

// Index into an unpadded axis of `size` cells for position i of the padded axis, or −1 for a zero
// (torch.nn.functional.pad: reflect mirrors without repeating the edge, replicate repeats it,
// circular wraps; PyTorch's checks keep i within one period of the edge).
fn padded_index(i: i32, size: i32, mode: i32) -> i32 {
  if (i >= 0 && i < size) {
    return i;
  }
  switch mode {
    case PADDING_REFLECT: {
      return select(2 * (size - 1) - i, -i, i < 0);
    }
    case PADDING_REPLICATE: {
      return clamp(i, 0, size - 1);
    }
    case PADDING_CIRCULAR: {
      return ((i % size) + size) % size;
    }
    default: {
      return -1;
    }
  }
}

// ⌊a / b⌋ for b > 0 (WGSL's `/` truncates toward zero).
fn floor_div(a: i32, b: i32) -> i32 {
  let q = a / b;
  return select(q, q - 1, a % b != 0 && a < 0);
}

// Offset of input[n, c, row, col], `row` absolute.
fn input_offset(n: i32, c: i32, row: i32, col: i32) -> i32 {
  return ((n * params.in_channels + c) * params.in_rows + row - params.in_row_begin) * params.in_width + col;
}

// Offset of output[n, c, row, col], `row` relative to the band.
fn output_offset(n: i32, c: i32, row: i32, col: i32) -> i32 {
  return ((n * params.out_channels + c) * params.out_rows + row) * params.out_width + col;
}

// Whether input row `row` (absolute) is in the bound band; tiled kernels stage patch cells that no
// pixel of the band reads, and those must not index past the band.
fn input_row_bound(row: i32) -> bool {
  return row >= params.in_row_begin && row < params.in_row_begin + params.in_rows;
}

fn bias_of(co: i32) -> f32 {
  return select(0.0, bias[co], params.has_bias != 0);
}
