// Peak arithmetic probe for `npm run bench`: each invocation runs ITERATIONS rounds of four
// independent vec4 fused multiply-adds in registers (32 flops a round) and writes one value so
// the compiler cannot drop the loop. Prepended: lib/linear-index.wgsl (folded dispatch).
//
// Bindings: 0 — out: array<f32>, one element per invocation.
// Dispatch: ceil(invocations / WORKGROUP_SIZE) workgroups through foldWorkgroups.

override ITERATIONS: u32 = 1024u;

@group(0) @binding(0) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(
  @builtin(workgroup_id) workgroup_id: vec3u,
  @builtin(num_workgroups) num_workgroups: vec3u,
  @builtin(local_invocation_index) local_index: u32,
) {
  let i = linear_index(workgroup_id, num_workgroups, local_index);
  if (i >= arrayLength(&out)) {
    return;
  }
  let seed = f32(i) * 1e-7;
  var a = vec4f(seed, seed + 0.1, seed + 0.2, seed + 0.3);
  var b = a + 0.5;
  var c = a + 0.25;
  var d = a + 0.75;
  let m = vec4f(0.999);
  let k = vec4f(1e-4);
  for (var n = 0u; n < ITERATIONS; n++) {
    a = fma(a, m, k);
    b = fma(b, m, k);
    c = fma(c, m, k);
    d = fma(d, m, k);
  }
  let s = a + b + c + d;
  out[i] = s.x + s.y + s.z + s.w;
}
