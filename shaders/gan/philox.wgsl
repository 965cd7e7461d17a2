// Philox-4x32-10 and the uniforms and normals drawn from it: the WGSL mirror of
// src/core/gan/philox.ts (docs/gans.md#the-random-stream). Integer arithmetic throughout, so the
// words and the uniforms are the float64 reference's bit for bit.

// The high 32 bits of the 64-bit product a·b, from 16-bit halves (WGSL has no u64).
fn philox_mul_hi(a: u32, b: u32) -> u32 {
  let a_lo = a & 0xffffu;
  let a_hi = a >> 16u;
  let b_lo = b & 0xffffu;
  let b_hi = b >> 16u;
  let lolo = a_lo * b_lo;
  let lohi = a_lo * b_hi;
  let hilo = a_hi * b_lo;
  let carry = (lolo >> 16u) + (lohi & 0xffffu) + (hilo & 0xffffu);
  return a_hi * b_hi + (lohi >> 16u) + (hilo >> 16u) + (carry >> 16u);
}

fn philox4x32(counter: vec4u, key: vec2u) -> vec4u {
  var c = counter;
  var k = key;
  for (var round = 0u; round < 10u; round++) {
    let hi0 = philox_mul_hi(0xd2511f53u, c.x);
    let lo0 = 0xd2511f53u * c.x;
    let hi1 = philox_mul_hi(0xcd9e8d57u, c.z);
    let lo1 = 0xcd9e8d57u * c.z;
    c = vec4u(hi1 ^ c.y ^ k.x, lo1, hi0 ^ c.w ^ k.y, lo0);
    k = k + vec2u(0x9e3779b9u, 0xbb67ae85u);
  }
  return c;
}

// (top 24 bits + 1/2)·2⁻²⁴: exact in f32, strictly inside (0, 1).
fn uniform_from_bits(w: u32) -> f32 {
  return (f32(w >> 8u) + 0.5) * (1.0 / 16777216.0);
}

// Box–Muller: (√(−2 ln a)·cos 2πb, √(−2 ln a)·sin 2πb).
fn box_muller(a: f32, b: f32) -> vec2f {
  let radius = sqrt(-2.0 * log(a));
  let angle = 6.283185307179586 * b;
  return radius * vec2f(cos(angle), sin(angle));
}
