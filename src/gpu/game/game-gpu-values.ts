/** The largest finite f32. */
export const F32_MAX = 3.4028234663852886e38;

/**
 * Numbers for a kernel's f32 buffers. A spec may hold values beyond f32's range (a start of
 * 1e300); those are clamped to ±F32_MAX rather than becoming Inf, which WGSL may assume never
 * occurs. Such a game then escapes at once, as it does in float64.
 */
export function toF32Array(values: ArrayLike<number>): Float32Array {
  return Float32Array.from(values, (v) => Math.min(F32_MAX, Math.max(-F32_MAX, v)));
}
