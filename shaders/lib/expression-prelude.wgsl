// The numerical prelude of emitted expressions (src/core/expression/emit-wgsl.ts): every
// ss_* function that emitWgsl's output may call. Shaders that embed emitted expressions
// include it once, ahead of them.
//
// Out-of-domain arguments (log or sqrt of a negative, a negative base to a fractional power,
// tan at a pole, exp overflow) give NaN or ±Inf on real GPUs; WGSL calls these values
// indeterminate. The sweep kernels test for non-finite values by bit pattern and a finite
// escape radius, never isnan, so such games are counted as diverged rather than silently wrong.

fn ss_pow2(a: f32) -> f32 { return a * a; }
fn ss_pow3(a: f32) -> f32 { return a * a * a; }
fn ss_pow4(a: f32) -> f32 { let s = a * a; return s * s; }

// WGSL pow(a, b) is exp2(b * log2(a)): undefined for a < 0 and unreliable at a = 0.
// Follow float64 Math.pow there: an integer exponent of a negative base keeps the
// sign of (-1)^b, and 0^b is 0 for b > 0.
fn ss_pow(a: f32, b: f32) -> f32 {
  if (b == 0.0) { return 1.0; }
  if (a == 0.0 && b > 0.0) { return 0.0; }
  if (a < 0.0 && b == floor(b)) {
    let m = pow(-a, b);
    return select(m, -m, fract(0.5 * b) != 0.0);
  }
  return pow(a, b);
}

fn ss_sign(t: f32) -> f32 {
  return select(select(0.0, -1.0, t < 0.0), 1.0, t > 0.0);
}

// 1/(1+e^-t) with exp only ever seeing -|t|, so it cannot overflow.
fn ss_sigmoid(t: f32) -> f32 {
  let q = exp(-abs(t));
  return select(q / (1.0 + q), 1.0 / (1.0 + q), t >= 0.0);
}

// log(1+e^t) = max(t,0) + log1p(e^-|t|). WGSL has no log1p and log(1 + q)
// loses q's low bits, so small q uses the series (truncation below q^6/6).
fn ss_softplus(t: f32) -> f32 {
  let q = exp(-abs(t));
  let series = q * (1.0 - q * (0.5 - q * (1.0 / 3.0 - q * (0.25 - q * 0.2))));
  return max(t, 0.0) + select(log(1.0 + q), series, q < 0.05);
}

// WGSL allows tanh to be computed as sinh/cosh, which overflows to NaN for
// |t| > 44 and cancels badly near 0. Near 0 use the Taylor series (error below
// 1e-8 relative for |t| < 0.25); elsewhere (1-q)/(1+q) with q = e^-2|t| <= 1.
fn ss_tanh(t: f32) -> f32 {
  let a = abs(t);
  let s = t * t;
  let series = t * (1.0 - s * (1.0 / 3.0 - s * (2.0 / 15.0 - s * (17.0 / 315.0 - s * (62.0 / 2835.0)))));
  let q = exp(-2.0 * a);
  let r = (1.0 - q) / (1.0 + q);
  return select(select(-r, r, t > 0.0), series, a < 0.25);
}

// WGSL bounds its sin and cos only to 2^-11 absolute on [-π, π], and not at all outside, so
// ss_sin, ss_cos and ss_tan reduce x themselves (Cody–Waite, as in Cephes' sinf) to
// x = k·π/2 + r + lo with |r| ≤ π/4, and pick ±sin r or ±cos r by k mod 4; every path is
// computed and chosen by select, as divergent branches cost both sides on a GPU anyway.
// π/2 is split into 7-bit parts, so for |k| < 2^17 (|x| < 2.05e5) each product k·part is exact
// and only the last two parts' product rounds: the reduction's absolute error stays below
// 2^-49·|x|, and sin and cos come within 1.3 ulp, or 2^-46·|x| absolute near their zeros (tan
// within 3 ulp). Past that range k·part rounds, and the error grows like 2^-24·|x|, the size of
// x's own rounding; past about 1e7 the clamps only keep the polynomials' argument in [-2, 2].
struct SsReduced { r: f32, lo: f32, q: i32 }

fn ss_reduce_half_pi(x: f32) -> SsReduced {
  let k = round(x * 0.636619772);
  let exact = fma(-k, -0x1.2cp-18f, fma(-k, -0x1.ep-8f, fma(-k, 0x1.94p+0f, x)));
  let tail = fma(k, 0x1.0b4612p-34f, k * 0x1.1p-26f);
  let r = exact - tail;
  // Fast2Sum: r + lo is exact − tail to twice f32 precision, worth 0.3 ulp in the result. A
  // compiler that reassociates (HLSL without 'precise') may fold lo to 0.
  let lo = (exact - r) - tail;
  return SsReduced(clamp(r, -2.0, 2.0), clamp(lo, -0x1p-22f, 0x1p-22f), i32(k) & 3);
}

// sin(r + lo) ≈ r + (lo + r³·P(r²)), P the Taylor series to r⁹ (truncation below 2^-28·|r| on [-π/4, π/4]).
fn ss_sin_reduced(r: f32, lo: f32) -> f32 {
  let s = r * r;
  let p = fma(fma(fma(1.0 / 362880.0, s, -1.0 / 5040.0), s, 1.0 / 120.0), s, -1.0 / 6.0);
  return r + fma(r * s, p, lo);
}

// cos(r + lo) ≈ 1 − r²/2 + r⁴·Q(r²) − r·lo, Q the Taylor series to r¹⁰ (truncation below 2^-33).
// fdlibm's __kernel_cos adds back the rounding error of 1 − r²/2, but SwiftShader folds that
// correction away; a fused fma rounds 1 − r²/2 once instead.
fn ss_cos_reduced(r: f32, lo: f32) -> f32 {
  let s = r * r;
  let q = fma(fma(fma(-1.0 / 3628800.0, s, 1.0 / 40320.0), s, -1.0 / 720.0), s, 1.0 / 24.0);
  return fma(-0.5 * r, r, 1.0) + fma(s * s, q, -r * lo);
}

fn ss_sin(x: f32) -> f32 {
  let a = ss_reduce_half_pi(x);
  let v = select(ss_sin_reduced(a.r, a.lo), ss_cos_reduced(a.r, a.lo), (a.q & 1) != 0);
  return select(v, -v, (a.q & 2) != 0);
}

fn ss_cos(x: f32) -> f32 {
  let a = ss_reduce_half_pi(x);
  let v = select(ss_cos_reduced(a.r, a.lo), ss_sin_reduced(a.r, a.lo), (a.q & 1) != 0);
  return select(v, -v, ((a.q + 1) & 2) != 0);
}

// tan = sin r / cos r, or −cos r / sin r in odd quadrants; one division either way.
fn ss_tan(x: f32) -> f32 {
  let a = ss_reduce_half_pi(x);
  let s = ss_sin_reduced(a.r, a.lo);
  let c = ss_cos_reduced(a.r, a.lo);
  let odd = (a.q & 1) != 0;
  return select(s, -c, odd) / select(c, s, odd);
}
