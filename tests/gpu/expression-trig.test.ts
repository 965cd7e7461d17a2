import { describe, expect, it } from 'vitest';
import {
  emitWgsl,
  parseExpression,
  WGSL_EXPRESSION_PRELUDE,
} from '../../src/core/expression/index.js';
import { prepareLinearKernel } from '../../src/gpu/compute-pass.js';
import { PipelineCache } from '../../src/gpu/pipeline-cache.js';
import { readBuffer, uploadBuffer } from '../../src/gpu/readback.js';
import { withGpu } from '../helpers/gpu-device.js';
import { mulberry32 } from '../helpers/random.js';

const FUNCTIONS = ['sin', 'cos', 'tan'] as const;
type Trig = (typeof FUNCTIONS)[number];

const REFERENCE: Record<Trig, { f: (x: number) => number; slope: (x: number) => number }> = {
  sin: { f: Math.sin, slope: Math.cos },
  cos: { f: Math.cos, slope: (x) => -Math.sin(x) },
  tan: { f: Math.tan, slope: (x) => 1 + Math.tan(x) ** 2 },
};

/** Each function as the game kernels call it: emitted by emitWgsl, one output plane per function. */
function trigKernel(): string {
  const call = (fn: Trig) =>
    emitWgsl(parseExpression(`${fn}(x)`, { variables: ['x'] }), { x: 'x' });
  const stores = FUNCTIONS.map((fn, plane) => `out[${plane}u * n + i] = ${call(fn)};`);
  return /* wgsl */ `${WGSL_EXPRESSION_PRELUDE}
@group(0) @binding(0) var<storage, read> xs: array<f32>;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u,
        @builtin(local_invocation_index) li: u32) {
  let i = linear_index(wid, nwg, li);
  let n = arrayLength(&xs);
  if (i >= n) { return; }
  let x = xs[i];
  ${stores.join('\n  ')}
}`;
}

let pipelines: PipelineCache | undefined;

/** sin, cos and tan of every input on the GPU, each as a Float32Array. */
async function gpuTrig(inputs: Float32Array): Promise<Record<Trig, Float32Array>> {
  return withGpu(async ({ device }, track) => {
    pipelines ??= new PipelineCache(device);
    const xs = track(uploadBuffer(device, inputs, 'trig inputs'));
    const out = track(
      uploadBuffer(device, new Float32Array(FUNCTIONS.length * inputs.length), 'trig outputs'),
    );
    const encode = await prepareLinearKernel(
      device,
      pipelines,
      { label: 'expression-trig', code: trigKernel() },
      [xs, out],
    );
    const encoder = device.createCommandEncoder();
    encode(encoder, inputs.length);
    device.queue.submit([encoder.finish()]);
    const values = new Float32Array(await readBuffer(device, out));
    const n = inputs.length;
    return {
      sin: values.subarray(0, n),
      cos: values.subarray(n, 2 * n),
      tan: values.subarray(2 * n),
    };
  });
}

/** The spacing of f32 values at magnitude v ≥ 2⁻¹²⁶ (the normal range). */
function f32Ulp(v: number): number {
  let e = Math.max(Math.floor(Math.log2(v)), -126);
  // Math.log2 may round across a power of two.
  if (2 ** e > v && e > -126) e--;
  if (2 ** (e + 1) <= v) e++;
  return 2 ** (e - 23);
}

/**
 * The error of `got` for f(x), in f32 ulps of max(|f(x)|, 2⁻²⁴·|x|·|f′(x)|). The f32 argument stands
 * for every real within 2⁻²⁴·|x| of it (the rounding that made it), over which f moves by
 * 2⁻²⁴·|x|·|f′(x)|: below that, f(x) has no meaningful relative precision. So away from zeros of
 * f (and for |x| < 1 everywhere) this is the plain ulp error, and within about one ulp of x of a
 * zero it bounds the absolute error by a few ulps of 2⁻²⁴·|x|, still 2²² times finer than the input's
 * own uncertainty. For tan, f′ = 1 + tan² makes the same rule cover its poles.
 */
function ulpError(fn: Trig, x: number, got: number): number {
  const { f, slope } = REFERENCE[fn];
  const want = f(x);
  const scale = Math.max(Math.abs(want), 2 ** -24 * Math.abs(x) * Math.abs(slope(x)));
  return Math.abs(got - want) / f32Ulp(scale);
}

/** The largest ulpError of each function over `inputs`, and where it occurs. */
function worstErrors(inputs: Float32Array, results: Record<Trig, Float32Array>) {
  return Object.fromEntries(
    FUNCTIONS.map((fn) => {
      let worst = { ulps: 0, x: 0, got: 0 };
      inputs.forEach((x, i) => {
        const ulps = ulpError(fn, x, results[fn][i]);
        if (!(ulps <= worst.ulps)) worst = { ulps, x, got: results[fn][i] };
      });
      return [fn, worst];
    }),
  ) as Record<Trig, { ulps: number; x: number; got: number }>;
}

const HALF_PI = Math.PI / 2;

/** Uniform points over ±range, the f32 points around every multiple of π/2 in ±range, and tiny values. */
function testInputs(range: number, uniform: number, seed: number): Float32Array {
  const rng = mulberry32(seed);
  const xs: number[] = [0, -0];
  for (let i = 0; i < uniform; i++) xs.push((2 * rng() - 1) * range);
  for (let i = 0; i < uniform / 5; i++) xs.push((2 * rng() - 1) * Math.PI);
  // Zeros of sin and cos, and poles of tan: the f32 nearest kπ/2 and its three neighbours each side.
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  for (let k = -Math.floor(range / HALF_PI); k <= range / HALF_PI; k++) {
    if (k === 0) continue;
    f32[0] = k * HALF_PI;
    const bits = u32[0];
    for (let d = -3; d <= 3; d++) {
      u32[0] = bits + d;
      xs.push(f32[0]);
    }
  }
  // Normal magnitudes down to 2⁻¹²⁶, where sin x = tan x = x and cos x = 1 in f32.
  for (let e = -126; e <= 2; e += 0.125) xs.push(2 ** e, -(2 ** e));
  return new Float32Array(xs);
}

describe('ss_sin, ss_cos and ss_tan (the WGSL that typed objectives call) against float64', () => {
  it('sin and cos are within 2 ulp, tan within 4.5, on 100k points of [−1e4, 1e4], every multiple of π/2 there, and tiny values', async () => {
    const inputs = testInputs(1e4, 100_000, 2024);
    const worst = worstErrors(inputs, await gpuTrig(inputs));
    console.info('ss_sin/ss_cos/ss_tan worst ulp error on [−1e4, 1e4]:', worst);
    // tan is a quotient of two ~1 ulp results by a WGSL division, itself good to 2.5 ulp.
    expect(worst.sin.ulps).toBeLessThanOrEqual(2);
    expect(worst.cos.ulps).toBeLessThanOrEqual(2);
    expect(worst.tan.ulps).toBeLessThanOrEqual(4.5);
  });

  it('keep that accuracy to |x| = 2e5, the range where the reduction by π/2 is exact', async () => {
    const inputs = testInputs(2e5, 20_000, 7);
    const worst = worstErrors(inputs, await gpuTrig(inputs));
    console.info('ss_sin/ss_cos/ss_tan worst ulp error on [−2e5, 2e5]:', worst);
    expect(worst.sin.ulps).toBeLessThanOrEqual(2);
    expect(worst.cos.ulps).toBeLessThanOrEqual(2);
    expect(worst.tan.ulps).toBeLessThanOrEqual(4.5);
  });

  it('give exact results at zero and for subnormal arguments, which a GPU may flush to zero', async () => {
    const tiny = [0, -0, 2 ** -149, -(2 ** -140), 2 ** -127, -(2 ** -130)];
    const results = await gpuTrig(new Float32Array(tiny));
    tiny.forEach((x, i) => {
      expect([x, 0], `sin(${x})`).toContain(results.sin[i]);
      expect([x, 0], `tan(${x})`).toContain(results.tan[i]);
      expect(results.cos[i], `cos(${x})`).toBe(1);
    });
  });

  it('stay finite and bounded far past the exact range', async () => {
    const huge = [3e6, -1e7, 1e8, -3e9, 1e20, -1e30, 1e38];
    const results = await gpuTrig(new Float32Array(huge));
    for (const fn of ['sin', 'cos'] as const) {
      for (const value of results[fn]) expect(Math.abs(value), fn).toBeLessThanOrEqual(1.01);
    }
  });
});
