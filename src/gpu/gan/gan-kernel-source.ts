import ganTrainWgsl from '../../../shaders/gan/gan-train.wgsl?raw';
import adamWgsl from '../../../shaders/gan/methods/adam.wgsl?raw';
import adjustmentWgsl from '../../../shaders/gan/methods/adjustment.wgsl?raw';
import altGdaWgsl from '../../../shaders/gan/methods/alt-gda.wgsl?raw';
import consensusWgsl from '../../../shaders/gan/methods/consensus.wgsl?raw';
import egWgsl from '../../../shaders/gan/methods/eg.wgsl?raw';
import hgdWgsl from '../../../shaders/gan/methods/hgd.wgsl?raw';
import momentumWgsl from '../../../shaders/gan/methods/momentum.wgsl?raw';
import ogdaWgsl from '../../../shaders/gan/methods/ogda.wgsl?raw';
import simGdaWgsl from '../../../shaders/gan/methods/sim-gda.wgsl?raw';
import philoxWgsl from '../../../shaders/gan/philox.wgsl?raw';
import {
  dataDimension,
  DRAW_PURPOSE,
  ganModel,
  initialGanParameters,
  modeCentres,
  type GanActivation,
  type GanLoss,
  type GanRunSpec,
  type NetworkLayout,
} from '../../core/gan/index.js';
import { SpecError } from '../../core/games/index.js';

/** Invocations per workgroup (one workgroup trains one GAN) on a hardware GPU. */
export const GAN_WORKGROUP_SIZE = 64;

/**
 * Invocations per workgroup on `software` or hardware adapters. A software adapter runs a
 * workgroup's invocations a few lanes at a time and pays for every barrier in each group of
 * lanes: on SwiftShader, ring GANs of 1×16 with batch 64 train about 1.8 times as fast with 8
 * invocations as with 64 (docs/gans.md#on-the-gpu). No value depends on it.
 */
export function ganWorkgroupSize(software: boolean): number {
  return software ? 8 : GAN_WORKGROUP_SIZE;
}

/** One network's worth of a method's memory: D's or G's size. */
type MemoryArray = readonly [name: string, network: 'D' | 'G'];

/**
 * The methods of docs/gans.md#methods: each with the number
 * of extra parameter-sized workgroup arrays it declares, and the memory that must survive from
 * one chunk of steps to the next (its arrays and its private scalars, kept in the state buffer).
 */
const METHOD_WGSL: Readonly<
  Record<
    string,
    {
      code: string;
      arrays: number;
      memory: readonly MemoryArray[];
      scalars: readonly (readonly [name: string, type: 'f32' | 'bool'])[];
    }
  >
> = {
  'sim-gda': { code: simGdaWgsl, arrays: 0, memory: [], scalars: [] },
  'alt-gda': { code: altGdaWgsl, arrays: 0, memory: [], scalars: [] },
  // EG's start point lives within one step only
  eg: { code: egWgsl, arrays: 1, memory: [], scalars: [] },
  ogda: {
    code: ogdaWgsl,
    arrays: 1,
    memory: [
      ['d_prev_field', 'D'],
      ['g_prev_field', 'G'],
    ],
    scalars: [
      ['d_started', 'bool'],
      ['g_started', 'bool'],
    ],
  },
  momentum: {
    code: momentumWgsl,
    arrays: 1,
    memory: [
      ['d_prev', 'D'],
      ['g_prev', 'G'],
    ],
    scalars: [['prev_set', 'bool']],
  },
  adam: {
    code: adamWgsl,
    arrays: 2,
    memory: [
      ['d_m', 'D'],
      ['d_v', 'D'],
      ['g_m', 'G'],
      ['g_v', 'G'],
    ],
    scalars: [
      ['d_t', 'f32'],
      ['g_t', 'f32'],
    ],
  },
  // the adjustment ∇½‖v‖² (adj_d, adj_g), within one step
  consensus: { code: `${adjustmentWgsl}\n${consensusWgsl}`, arrays: 1, memory: [], scalars: [] },
  hgd: { code: `${adjustmentWgsl}\n${hgdWgsl}`, arrays: 1, memory: [], scalars: [] },
};

/** The methods that step along the consensus adjustment ∇½‖v‖² (a Hessian-vector product). */
const ADJUSTED = new Set(['consensus', 'hgd']);

/**
 * load_memory and store_memory: the method's memory from and to a cell's state slot, after its
 * parameters (D_SIZE + G_SIZE floats); scalars are stored by invocation 0 and loaded by all.
 */
function memoryFunctions(
  method: string,
  sizes: { D: number; G: number },
): {
  code: string;
  floats: number;
} {
  const { memory, scalars } = METHOD_WGSL[method];
  let offset = sizes.D + sizes.G;
  const load: string[] = [];
  const store: string[] = [];
  for (const [name, network] of memory) {
    load.push(`  for (var p = lid; p < ${network}_SIZE; p += WG) {
    ${name}[p] = state[sbase + ${offset}u + p];
  }`);
    store.push(`  for (var p = lid; p < ${network}_SIZE; p += WG) {
    state[sbase + ${offset}u + p] = ${name}[p];
  }`);
    offset += sizes[network];
  }
  const storeScalars: string[] = [];
  for (const [name, type] of scalars) {
    load.push(
      type === 'bool'
        ? `  ${name} = state[sbase + ${offset}u] != 0.0;`
        : `  ${name} = state[sbase + ${offset}u];`,
    );
    storeScalars.push(
      `    state[sbase + ${offset}u] = ${type === 'bool' ? `select(0.0, 1.0, ${name})` : name};`,
    );
    offset += 1;
  }
  if (storeScalars.length > 0) store.push(`  if (lid == 0u) {\n${storeScalars.join('\n')}\n  }`);
  return {
    code: `fn load_memory(sbase: u32, lid: u32) {
${load.join('\n')}
}

fn store_memory(sbase: u32, lid: u32) {
${store.join('\n')}
}`,
    floats: offset,
  };
}

export interface GanKernel {
  code: string;
  /** Floats of one cell's slice of the scratch buffer. */
  scratchPerCell: number;
  /** Floats of one cell's slot of the state buffer: D's then G's parameters, then the method's memory. */
  statePerCell: number;
  /** Parameters of D then G at the start of each state slot. */
  dSize: number;
  gSize: number;
  /** Bytes of workgroup memory the kernel declares. */
  workgroupBytes: number;
  /** The data buffer: the mixture's means (row-major), then σ. */
  dataValues: Float32Array;
}

/**
 * Bytes of workgroup memory the kernel for `spec` declares, without composing it: both networks'
 * parameters and gradients, the method's memory, the escape check's partial sums (a vec4f per
 * invocation) and its two words.
 */
export function ganWorkgroupBytes(spec: GanRunSpec, workgroupSize = GAN_WORKGROUP_SIZE): number {
  const model = ganModel(spec.game);
  const arrays = METHOD_WGSL[spec.method.name].arrays;
  return 4 * (2 + arrays) * (model.d.size + model.g.size) + 16 * workgroupSize + 8;
}

/**
 * Why the kernel cannot train this spec, or null. The float64 reference covers every spec; the
 * kernel covers every data kind, latent noise or explicit latent points, seeded or explicit initial
 * weights, every loss and penalty (WGAN-GP, R1, R2) and every method; only consensus and hgd with a
 * penalty are refused: their adjustment would need the penalty's third derivatives.
 */
export function ganKernelRefusal(spec: GanRunSpec): SpecError | null {
  const { method, game } = spec;
  if (!(method.name in METHOD_WGSL))
    return new SpecError(
      'method.name',
      `the GPU kernel has ${Object.keys(METHOD_WGSL).join(', ')} so far`,
    );
  if (ADJUSTED.has(method.name)) {
    const why = `with ${method.name} the GPU kernel takes no gradient penalty (its adjustment would need third derivatives); set it to 0`;
    if (game.loss === 'wgan-gp' && game.gpLambda > 0) return new SpecError('game.gpLambda', why);
    if (game.r1 > 0) return new SpecError('game.r1', why);
    if (game.r2 > 0) return new SpecError('game.r2', why);
  }
  return null;
}

const f32 = (x: number): string => {
  const v = Math.fround(x);
  if (!Number.isFinite(v)) throw new RangeError(`${x} is not a finite f32`);
  const text = String(v);
  return /[.e]/.test(text) ? text : `${text}.0`;
};

/** act(x) and act′ written from the activation's output y (every one of them allows it). */
function activationWgsl(prefix: string, activation: GanActivation, slope: number): string {
  const s = f32(slope);
  const [act, grad] = {
    relu: ['max(x, 0.0)', 'select(0.0, 1.0, y > 0.0)'],
    // y > 0 exactly when x > 0 (for slope 0, y = 0 for every x ≤ 0)
    'leaky-relu': [`select(${s} * x, x, x > 0.0)`, `select(${s}, 1.0, y > 0.0)`],
    tanh: ['tanh(x)', '1.0 - y * y'],
    // y = eˣ − 1 for x ≤ 0, so eˣ = y + 1
    elu: ['select(exp(x) - 1.0, x, x > 0.0)', 'select(y + 1.0, 1.0, y > 0.0)'],
  }[activation];
  // act″ from y: 0 for the piecewise-linear ones, −2y(1 − y²) for tanh, eˣ = y + 1 for elu at x ≤ 0
  const second = {
    relu: '0.0',
    'leaky-relu': '0.0',
    tanh: '-2.0 * y * (1.0 - y * y)',
    elu: 'select(y + 1.0, 0.0, y > 0.0)',
  }[activation];
  return `fn ${prefix}_act(x: f32) -> f32 { return ${act}; }
fn ${prefix}_act_grad(y: f32) -> f32 { return ${grad}; }
fn ${prefix}_act_grad2(y: f32) -> f32 { return ${second}; }`;
}

/** ∂V_D/∂t (real, fake) and ∂L_G/∂t (fake), t the logit, each divided by its rows (the means). */
function lossCoefficients(loss: GanLoss): string {
  const [real, fake, gen] = {
    minimax: ['sigmoid(-t)', '-sigmoid(t)', '-sigmoid(t)'],
    'non-saturating': ['sigmoid(-t)', '-sigmoid(t)', '-sigmoid(-t)'],
    wgan: ['1.0', '-1.0', '-1.0'],
    'wgan-gp': ['1.0', '-1.0', '-1.0'],
    hinge: ['select(0.0, 1.0, 1.0 - t > 0.0)', '-select(0.0, 1.0, 1.0 + t > 0.0)', '-1.0'],
  }[loss];
  // their derivatives in t (the consensus adjustment's seeds), σ′(t) = σ(t)σ(−t); hinge's are 0
  // wherever they exist
  const slope = 'sigmoid(t) * sigmoid(-t)';
  const [real2, fake2, gen2] = {
    minimax: [`-${slope}`, `-${slope}`, `-${slope}`],
    'non-saturating': [`-${slope}`, `-${slope}`, slope],
    wgan: ['0.0', '0.0', '0.0'],
    'wgan-gp': ['0.0', '0.0', '0.0'],
    hinge: ['0.0', '0.0', '0.0'],
  }[loss];
  const body = (e: string, rows: string) => `return (${e}) * (1.0 / f32(${rows}));`;
  return `fn coef_d_real(t: f32) -> f32 { ${body(real, 'REAL')} }
fn coef_d_fake(t: f32) -> f32 { ${body(fake, 'FAKE')} }
fn coef_g_fake(t: f32) -> f32 { ${body(gen, 'FAKE')} }
fn coef2_d_real(t: f32) -> f32 { ${body(real2, 'REAL')} }
fn coef2_d_fake(t: f32) -> f32 { ${body(fake2, 'FAKE')} }
fn coef2_g_fake(t: f32) -> f32 { ${body(gen2, 'FAKE')} }`;
}

/** Whether D (the scalar games' x) moves first: alt-gda's and momentum's order choice. */
function orderXFirst(spec: GanRunSpec): boolean {
  const { method } = spec;
  if (method.name === 'alt-gda') return method.order === 'x-first';
  if (method.name === 'momentum') return method.order === 'x-first';
  return true;
}

interface Layer {
  in: number;
  out: number;
  weight: number;
  bias: number;
}

function layers(layout: NetworkLayout): Layer[] {
  return layout.shapes.map((s, l) => ({ ...s, ...layout.offsets[l] }));
}

/** `k` = 0 … n − 1 of a short constant loop, written out: a software adapter runs such loops slowly. */
const unrolled = (n: number, line: (k: number) => string, join = '\n'): string =>
  Array.from({ length: n }, (_, k) => line(k)).join(join);

/** One layer's forward pass for one row: dst[row] = act(W·src[row] + b). */
function forwardLayer(
  p: string,
  layer: Layer,
  src: string,
  dst: string,
  row: string,
  act: string | null,
): string {
  const bias = layer.bias >= 0 ? `\n      acc = acc + ${p}[${layer.bias}u + o];` : '';
  return `  {
${unrolled(layer.in, (i) => `    let x${i} = scratch[base + ${src} + ${row} * ${layer.in}u + ${i}u];`)}
    for (var o = 0u; o < ${layer.out}u; o++) {
      let w = ${layer.weight}u + o * ${layer.in}u;
      var acc = ${unrolled(layer.in, (i) => `${p}[w + ${i}u] * x${i}`, ' + ')};${bias}
      scratch[base + ${dst} + ${row} * ${layer.out}u + o] = ${act === null ? 'acc' : `${act}(acc)`};
    }
  }`;
}

/**
 * Back through layer j: delta_in[row][i] = Σ_o W[o][i]·delta_out[outRow][o] (times act′ of the
 * layer's input when given); outRow is row unless the deltas come from another row.
 */
function backwardLayer(
  p: string,
  layer: Layer,
  deltaOut: string,
  deltaIn: string,
  act: string | null,
  input: string,
  row: string,
  outRow = row,
): string {
  const scaled =
    act === null ? 'acc' : `acc * ${act}(scratch[base + ${input} + ${row} * ${layer.in}u + i])`;
  return `  {
${unrolled(layer.out, (o) => `    let y${o} = scratch[base + ${deltaOut} + ${outRow} * ${layer.out}u + ${o}u];`)}
    for (var i = 0u; i < ${layer.in}u; i++) {
      let w = ${layer.weight}u + i;
      let acc = ${unrolled(layer.out, (o) => `${p}[w + ${o * layer.in}u] * y${o}`, ' + ')};
      scratch[base + ${deltaIn} + ${row} * ${layer.in}u + i] = ${scaled};
    }
  }`;
}

/**
 * `acc` += term(r) for rows r = 0 … rows − 1 in order, four rows an iteration: a software
 * adapter spends most of a short loop body on the loop itself.
 */
function rowSum(rows: number, term: (r: string) => string): string {
  return `    var acc = 0.0;
    var r = 0u;
    for (; r + 4u <= ${rows}u; r += 4u) {
${unrolled(4, (k) => `      acc += ${term(k === 0 ? 'r' : `(r + ${k}u)`)};`)}
    }
    for (; r < ${rows}u; r++) {
      acc += ${term('r')};
    }`;
}

/** Gradients of one layer summed over `rows` rows: Σ_r delta[r][o]·input[r][i], and Σ_r delta[r][o] for the bias. */
function reduceLayer(
  out: string,
  layer: Layer,
  delta: string,
  input: string,
  rows: number,
): string {
  const at = (region: string, width: number, r: string, c: string) =>
    `scratch[base + ${region} + ${r} * ${width}u + ${c}]`;
  const bias =
    layer.bias < 0
      ? ''
      : `
  for (var o = lid; o < ${layer.out}u; o += WG) {
${rowSum(rows, (r) => at(delta, layer.out, r, 'o'))}
    ${out}[${layer.bias}u + o] = acc;
  }`;
  return `  for (var q = lid; q < ${layer.in * layer.out}u; q += WG) {
    let o = q / ${layer.in}u;
    let i = q % ${layer.in}u;
${rowSum(rows, (r) => `${at(delta, layer.out, r, 'o')} * ${at(input, layer.in, r, 'i')}`)}
    ${out}[${layer.weight}u + q] = acc;
  }${bias}`;
}

/** (2u − 1)·bound of each parameter: the bound of the layer its index falls in (docs/gans.md#initialisation). */
function boundFunction(name: string, layout: NetworkLayout): string {
  const lines = layers(layout).map((l) => {
    const end = l.bias >= 0 ? l.bias + l.out : l.weight + l.in * l.out;
    return `  if (p < ${end}u) { return ${f32(1 / Math.sqrt(l.in))}; }`;
  });
  return `fn ${name}(p: u32) -> f32 {\n${lines.join('\n')}\n  return 0.0;\n}`;
}

/**
 * R1 and R2 on the GPU, exactly (no finite differences): for a penalised row with input x and
 * logit t, u = ∇ₓt comes from a backward pass seeded with 1; the penalty (γ/2)·mean‖u‖² has
 * ∇_D = (γ/N)·Σ_rows ∇_D ṫ, ṫ = u·∇ₓt the tangent of the forward pass along u (u held fixed), and
 * ∇_D ṫ is the reverse pass through that dual forward pass: with h the pre-activations and ḣ
 * their tangents, the adjoints are h̄ₗ₋₁ = act′·Wᵀh̄ₗ + act″·ḣₗ₋₁·Wᵀḣ̄ₗ and ḣ̄ₗ₋₁ = act′·Wᵀḣ̄ₗ,
 * seeded ḣ̄_L = −γ/N (V_D loses the penalty) and h̄_L = 0; W gains h̄ₗ·aₗ₋₁ᵀ + ḣ̄ₗ·ȧₗ₋₁ᵀ and b
 * gains h̄ₗ. penalty_row adds h̄ into D's deltas (DD, whose reduction multiplies by a) and
 * reduce_penalty adds the ḣ̄·ȧ sums.
 */
function penaltyFunctions(
  d: Layer[],
  penalties: { r1: number; r2: number; gp: number },
  real: number,
  fake: number,
): string {
  const { r1, r2, gp } = penalties;
  const L = d.length;
  const W = (l: number, o: string, i: string) =>
    `dp[${d[l - 1].weight}u + ${o} * ${d[l - 1].in}u + ${i}]`;
  const at = (name: string, l: number, r: string, k: string) =>
    `scratch[base + ${name}${l} + ${r} * ${l === 0 ? 'DIM' : `${d[l - 1].out}u`} + ${k}]`;
  const lines: string[] = [];
  // u: back from the logit with seed 1
  lines.push(`  ${at('PU', L, 'r', '0u')} = 1.0;`);
  for (let l = L; l >= 1; l--) {
    const input = l - 1;
    const scale = input === 0 ? '' : ` * d_act_grad(${at('DA', input, 'r', 'i')})`;
    lines.push(`  for (var i = 0u; i < ${d[l - 1].in}u; i++) {
    var acc = 0.0;
    for (var o = 0u; o < ${d[l - 1].out}u; o++) {
      acc += ${W(l, 'o', 'i')} * ${at('PU', l, 'r', 'o')};
    }
    ${at('PU', input, 'r', 'i')} = acc${scale};
  }`);
  }
  lines.push(`  var norm2 = 0.0;
  for (var i = 0u; i < DIM; i++) {
    norm2 += ${at('PU', 0, 'r', 'i')} * ${at('PU', 0, 'r', 'i')};
  }
  let c = penalty_coefficient(r, sqrt(norm2));`);
  // the tangent forward pass along u: ḣₗ = Wₗ·ȧₗ₋₁, ȧ₀ = u, ȧₗ = act′(aₗ)·ḣₗ
  for (let l = 1; l <= L; l++) {
    const tangentIn =
      l === 1
        ? at('PU', 0, 'r', 'i')
        : `d_act_grad(${at('DA', l - 1, 'r', 'i')}) * ${at('PT', l - 1, 'r', 'i')}`;
    lines.push(`  for (var o = 0u; o < ${d[l - 1].out}u; o++) {
    var acc = 0.0;
    for (var i = 0u; i < ${d[l - 1].in}u; i++) {
      acc += ${W(l, 'o', 'i')} * ${tangentIn};
    }
    ${at('PT', l, 'r', 'o')} = acc;
  }`);
  }
  // the reverse pass of the dual forward pass, seeded ḣ̄_L = c, h̄_L = 0
  lines.push(`  ${at('PHD', L, 'r', '0u')} = c;
  ${at('PH', L, 'r', '0u')} = 0.0;`);
  for (let l = L; l >= 2; l--) {
    lines.push(`  for (var i = 0u; i < ${d[l - 1].in}u; i++) {
    var ab = 0.0;
    var adb = 0.0;
    for (var o = 0u; o < ${d[l - 1].out}u; o++) {
      ab += ${W(l, 'o', 'i')} * ${at('PH', l, 'r', 'o')};
      adb += ${W(l, 'o', 'i')} * ${at('PHD', l, 'r', 'o')};
    }
    let y = ${at('DA', l - 1, 'r', 'i')};
    ${at('PHD', l - 1, 'r', 'i')} = d_act_grad(y) * adb;
    ${at('PH', l - 1, 'r', 'i')} = d_act_grad(y) * ab + d_act_grad2(y) * ${at('PT', l - 1, 'r', 'i')} * adb;
  }`);
  }
  // h̄ joins D's deltas of the row
  for (let l = 1; l <= L; l++)
    lines.push(`  for (var o = 0u; o < ${d[l - 1].out}u; o++) {
    ${at('DD', l, 'r', 'o')} += ${at('PH', l, 'r', 'o')};
  }`);
  const reductions = d.map((layer, j) => {
    const l = j + 1;
    const tangentIn =
      l === 1
        ? at('PU', 0, 'r', 'i')
        : `d_act_grad(${at('DA', l - 1, 'r', 'i')}) * ${at('PT', l - 1, 'r', 'i')}`;
    return `  for (var q = lid; q < ${layer.in * layer.out}u; q += WG) {
    let o = q / ${layer.in}u;
    let i = q % ${layer.in}u;
    var acc = 0.0;
    for (var r = PENALTY_FROM; r < PENALTY_TO; r++) {
      acc += ${at('PHD', l, 'r', 'o')} * ${tangentIn};
    }
    dgr[${layer.weight}u + q] += acc;
  }`;
  });
  const from = r1 > 0 ? 0 : r2 > 0 ? real : real + fake;
  const to = gp > 0 ? real + 2 * fake : r2 > 0 ? real + fake : real;
  return `const PENALTY_FROM: u32 = ${from}u;
const PENALTY_TO: u32 = ${to}u;

// The seed of the row's reverse pass, ∂(−penalty)/∂ṫ: −γ/N for R1 (real rows) and R2 (generated
// rows); for WGAN-GP's λ·mean(‖u‖ − 1)² on the mixed rows −(2λ/N)(1 − 1/‖u‖), 0 at u = 0 (where
// the reference's masked power has no slope).
fn penalty_coefficient(r: u32, norm: f32) -> f32 {
  if (r < REAL) {
    return ${f32(-r1 / real)};
  }
  if (r < REAL + FAKE) {
    return ${f32(-r2 / fake)};
  }
  return select(0.0, ${f32((-2 * gp) / fake)} * (1.0 - 1.0 / norm), norm > 0.0);
}

fn penalty_row(base: u32, r: u32) {
${lines.join('\n')}
}

fn reduce_penalty(base: u32, lid: u32) {
${reductions.join('\n')}
}

fn penalise_rows(base: u32, lid: u32) {
  for (var r = PENALTY_FROM + lid; r < PENALTY_TO; r += WG) {
    penalty_row(base, r);
  }
}`;
}

/**
 * The consensus adjustment ∇½‖v‖², v = (v_D, v_G), exactly (docs/gans.md#on-the-gpu): since
 * ∇½‖v_D‖² = H(V_D)·(v_D, 0) and ∇½‖v_G‖² = H(L_G)·(0, ∇_G L_G), two Hessian-vector products,
 * each the reverse pass through a tangent forward pass along a parameter direction θ̇ (held
 * fixed): with h the pre-activations and a = act(h), ḣₗ = Ẇₗaₗ₋₁ + Wₗȧₗ₋₁ + ḃₗ, ȧₗ = act′·ḣₗ, and
 * for f = Σ_rows φ(t) the reverse pass of ḟ = Σ φ′(t)·ṫ starts from t̄ = φ″·ṫ, ṫ̄ = φ′ and runs
 * āₗ₋₁ = Wₗᵀh̄ₗ + Ẇₗᵀḣ̄ₗ, ǡₗ₋₁ = Wₗᵀḣ̄ₗ, h̄ = act′·ā + act″·ḣ·ǡ, ḣ̄ = act′·ǡ; W gains
 * h̄ₗaₗ₋₁ᵀ + ḣ̄ₗȧₗ₋₁ᵀ and b gains h̄ₗ. A generated sample's D-input adjoints continue into G's
 * output layer. The direction is dgr on D (use_d) or ggr on G (use_g), the other network's zero.
 */
function adjustmentFunctions(d: Layer[], g: Layer[]): string {
  type Net = {
    name: 'd' | 'g';
    layers: Layer[];
    params: string;
    dir: string;
    use: string;
    act: string;
    tan: string;
    adj: string;
    adjTan: string;
    inWidth: string;
    row: string;
  };
  const D: Net = {
    name: 'd',
    layers: d,
    params: 'dp',
    dir: 'dgr',
    use: 'use_d',
    act: 'DA',
    tan: 'AT',
    adj: 'AH',
    adjTan: 'AHD',
    inWidth: 'DIM',
    row: 'r',
  };
  const G: Net = {
    name: 'g',
    layers: g,
    params: 'gp',
    dir: 'ggr',
    use: 'use_g',
    act: 'GA',
    tan: 'BT',
    adj: 'BH',
    adjTan: 'BHD',
    inWidth: 'LATENT',
    row: 's',
  };
  const width = (n: Net, l: number) => (l === 0 ? n.inWidth : `${n.layers[l - 1].out}u`);
  const at = (n: Net, region: string, l: number, r: string, k: string) =>
    `scratch[base + ${region}${l} + ${r} * ${width(n, l)} + ${k}]`;
  const W = (n: Net, l: number, o: string, i: string) =>
    `${n.params}[${n.layers[l - 1].weight}u + ${o} * ${n.layers[l - 1].in}u + ${i}]`;
  const dirW = (n: Net, l: number, o: string, i: string) =>
    `select(0.0, ${n.dir}[${n.layers[l - 1].weight}u + ${o} * ${n.layers[l - 1].in}u + ${i}], ${n.use})`;
  // ȧₗ₋₁ of layer l's input: D's input tangent AT0 (a generated sample's, else 0); G's latent 0.
  const inputTangent = (n: Net, l: number, r: string, i: string) =>
    l > 1
      ? `${n.name}_act_grad(${at(n, n.act, l - 1, r, i)}) * ${at(n, n.tan, l - 1, r, i)}`
      : n.name === 'd'
        ? at(n, n.tan, 0, r, i)
        : '0.0';
  const tangent = (n: Net) =>
    n.layers
      .map((layer, j) => {
        const l = j + 1;
        const bias =
          layer.bias >= 0
            ? `\n    acc += select(0.0, ${n.dir}[${layer.bias}u + o], ${n.use});`
            : '';
        return `  for (var o = 0u; o < ${layer.out}u; o++) {
    var acc = 0.0;
    for (var i = 0u; i < ${layer.in}u; i++) {
      acc += ${W(n, l, 'o', 'i')} * ${inputTangent(n, l, n.row, 'i')} + ${dirW(n, l, 'o', 'i')} * ${at(n, n.act, l - 1, n.row, 'i')};
    }${bias}
    ${at(n, n.tan, l, n.row, 'o')} = acc;
  }`;
      })
      .join('\n');
  // Back from layer L's adjoints to layer 1's (and, for D's first layer, into G's output).
  const reverse = (n: Net) => {
    const lines: string[] = [];
    for (let l = n.layers.length; l >= 1; l--) {
      const layer = n.layers[l - 1];
      if (l === 1 && n.name === 'g') break;
      const store =
        l > 1
          ? `    let y = ${at(n, n.act, l - 1, n.row, 'i')};
    ${at(n, n.adjTan, l - 1, n.row, 'i')} = ${n.name}_act_grad(y) * adb;
    ${at(n, n.adj, l - 1, n.row, 'i')} = ${n.name}_act_grad(y) * ab + ${n.name}_act_grad2(y) * ${at(n, n.tan, l - 1, n.row, 'i')} * adb;`
          : `    ${at(G, G.adj, g.length, 's', 'i')} = ab;
    ${at(G, G.adjTan, g.length, 's', 'i')} = adb;`;
      const body = `  for (var i = 0u; i < ${layer.in}u; i++) {
    var ab = 0.0;
    var adb = 0.0;
    for (var o = 0u; o < ${layer.out}u; o++) {
      ab += ${W(n, l, 'o', 'i')} * ${at(n, n.adj, l, n.row, 'o')} + ${dirW(n, l, 'o', 'i')} * ${at(n, n.adjTan, l, n.row, 'o')};
      adb += ${W(n, l, 'o', 'i')} * ${at(n, n.adjTan, l, n.row, 'o')};
    }
${store}
  }`;
      lines.push(l === 1 ? `  if (to_g) {\n  let s = r - REAL;\n${body}\n  }` : body);
    }
    return lines.join('\n');
  };
  const reduce = (n: Net, from: string, to: string) =>
    n.layers
      .map((layer, j) => {
        const l = j + 1;
        const out = `adj_${n.name}`;
        const bias =
          layer.bias < 0
            ? ''
            : `
  for (var o = lid; o < ${layer.out}u; o += WG) {
    var acc = 0.0;
    for (var r = ${from}; r < ${to}; r++) {
      acc += ${at(n, n.adj, l, 'r', 'o')};
    }
    ${out}[${layer.bias}u + o] = select(0.0, ${out}[${layer.bias}u + o], add) + acc;
  }`;
        return `  for (var q = lid; q < ${layer.in * layer.out}u; q += WG) {
    let o = q / ${layer.in}u;
    let i = q % ${layer.in}u;
    var acc = 0.0;
    for (var r = ${from}; r < ${to}; r++) {
      acc += ${at(n, n.adj, l, 'r', 'o')} * ${at(n, n.act, l - 1, 'r', 'i')} + ${at(n, n.adjTan, l, 'r', 'o')} * ${inputTangent(n, l, 'r', 'i')};
    }
    ${out}[${layer.weight}u + q] = select(0.0, ${out}[${layer.weight}u + q], add) + acc;
  }${bias}`;
      })
      .join('\n');
  const LD = d.length;
  const LG = g.length;
  return `const AT_OUT: u32 = AT${LD};
const BT_OUT: u32 = BT${LG};

fn d_tangent_row(base: u32, r: u32, use_d: bool) {
${tangent(D)}
}

fn g_tangent_sample(base: u32, s: u32, use_g: bool) {
${tangent(G)}
}

// From the seeds t̄ and ṫ̄ of row r's logit back to D's first layer; with to_g, on into G's output
// adjoints of generated sample r − REAL.
fn d_adjoint_row(base: u32, r: u32, use_d: bool, t_bar: f32, t_dot_bar: f32, to_g: bool) {
  ${at(D, 'AH', LD, 'r', '0u')} = t_bar;
  ${at(D, 'AHD', LD, 'r', '0u')} = t_dot_bar;
${reverse(D)}
}

fn g_adjoint_sample(base: u32, s: u32, use_g: bool) {
${reverse(G)}
}

// Σ over D's rows first … REAL + FAKE of each parameter's share, into adj_d (added when add).
fn reduce_adjust_d(base: u32, lid: u32, first: u32, add: bool) {
${reduce(D, 'first', 'REAL + FAKE')}
}

fn reduce_adjust_g(base: u32, lid: u32, add: bool) {
${reduce(G, '0u', 'FAKE')}
}`;
}

/**
 * The kernel for a spec's shape: the networks' sizes, activations, loss and method enter the code;
 * learning rates, clip and seed travel per cell in a buffer, the data means in another.
 */
export function composeGanKernel(spec: GanRunSpec, workgroupSize = GAN_WORKGROUP_SIZE): GanKernel {
  const refusal = ganKernelRefusal(spec);
  if (refusal !== null) throw refusal;
  const { game } = spec;
  const model = ganModel(game);
  const g = layers(model.g);
  const d = layers(model.d);
  const dim = dataDimension(game.data);
  const latent = game.generator.latent;
  // Real rows: every point of points data, else a batch drawn; generated rows: one per explicit
  // latent point, else a batch of noise (gan-data.ts's trainingBatch).
  const real = game.data.kind === 'points' ? game.data.points.length : spec.batch;
  const fake = game.latentPoints?.length ?? spec.batch;
  // WGAN-GP: one mixed row x̂ per generated sample, after the generated rows.
  const mix = game.loss === 'wgan-gp' && game.gpLambda > 0 ? fake : 0;
  const rows = real + fake + mix;

  // Scratch: G's activations GA0 (latent) … GA{LG+1} (generated), D's DA0 (inputs, REAL real rows
  // then FAKE generated rows) … DA{LD+1} (logits), D's deltas DD1 … DD{LD+1}, G's deltas GD1 ….
  const offsets: [string, number][] = [];
  let size = 0;
  const region = (name: string, floats: number) => {
    offsets.push([name, size]);
    size += floats;
  };
  region('GA0', fake * latent);
  g.forEach((l, j) => region(`GA${j + 1}`, fake * l.out));
  region('DA0', rows * dim);
  d.forEach((l, j) => region(`DA${j + 1}`, rows * l.out));
  d.forEach((l, j) => region(`DD${j + 1}`, rows * l.out));
  g.forEach((l, j) => region(`GD${j + 1}`, fake * l.out));
  const LG = g.length - 1;
  const LD = d.length - 1;
  // R1 / R2: per penalised row, u = ∇ₓD (PU, backward from 1), the tangent of D's forward pass
  // along u (PT, pre-activations), and the adjoints of the pre-activations and their tangents
  // (PH, PHD) for ∇_D of the penalty (docs/gans.md#on-the-gpu).
  const penalised = game.r1 > 0 || game.r2 > 0 || mix > 0;
  if (mix > 0) region('EPS', fake);
  if (penalised) {
    region('PU0', rows * dim);
    for (const name of ['PU', 'PT', 'PH', 'PHD'])
      d.forEach((l, j) => region(`${name}${j + 1}`, rows * l.out));
  }
  // Consensus and hgd: per row, D's input tangent AT0, then per layer the pre-activations'
  // tangents (AT, BT for G), their adjoints (AH, BH) and the tangents' adjoints (AHD, BHD).
  const adjusted = ADJUSTED.has(spec.method.name);
  if (adjusted) {
    region('AT0', (real + fake) * dim);
    for (const name of ['AT', 'AH', 'AHD'])
      d.forEach((l, j) => region(`${name}${j + 1}`, (real + fake) * l.out));
    for (const name of ['BT', 'BH', 'BHD'])
      g.forEach((l, j) => region(`${name}${j + 1}`, fake * l.out));
  }
  const memory = memoryFunctions(spec.method.name, { D: model.d.size, G: model.g.size });

  const header = [
    `const WG: u32 = ${workgroupSize}u;`,
    `const REAL: u32 = ${real}u;`,
    `const FAKE: u32 = ${fake}u;`,
    `const MIX: u32 = ${mix}u;`,
    `const DIM: u32 = ${dim}u;`,
    `const LATENT: u32 = ${latent}u;`,
    `const MODES: u32 = ${modeCentres(game.data).count}u;`,
    `const D_STEPS: u32 = ${spec.dSteps}u;`,
    `const D_SIZE: u32 = ${model.d.size}u;`,
    `const G_SIZE: u32 = ${model.g.size}u;`,
    `const SCRATCH_PER_CELL: u32 = ${size}u;`,
    `const STATE_PER_CELL: u32 = ${memory.floats}u;`,
    `const ORDER_X_FIRST: bool = ${orderXFirst(spec)};`,
    `const PENALISED: bool = ${penalised};`,
    ...offsets.map(([name, offset]) => `const ${name}: u32 = ${offset}u;`),
    `const G_OUT: u32 = GA${LG + 1};`,
    `const D_OUT: u32 = DA${LD + 1};`,
  ].join('\n');

  const gForward = g
    .map((l, j) => forwardLayer('gp', l, `GA${j}`, `GA${j + 1}`, 's', j < LG ? 'g_act' : null))
    .join('\n');
  const dForward = d
    .map((l, j) => forwardLayer('dp', l, `DA${j}`, `DA${j + 1}`, 'r', j < LD ? 'd_act' : null))
    .join('\n');
  const dBackward = d
    .slice(1)
    .map((l, k) =>
      backwardLayer('dp', l, `DD${k + 2}`, `DD${k + 1}`, 'd_act_grad', `DA${k + 1}`, 'r'),
    )
    .reverse()
    .join('\n');
  // D's input row for generated sample s is REAL + s.
  const inputDelta = backwardLayer(
    'dp',
    d[0],
    'DD1',
    `GD${LG + 1}`,
    null,
    'DA0',
    's',
    '(REAL + s)',
  );
  const gBackward = g
    .slice(1)
    .map((l, k) =>
      backwardLayer('gp', l, `GD${k + 2}`, `GD${k + 1}`, 'g_act_grad', `GA${k + 1}`, 's'),
    )
    .reverse()
    .join('\n');
  const reduceD = d.map((l, j) => reduceLayer('dgr', l, `DD${j + 1}`, `DA${j}`, rows)).join('\n');
  const reduceG = g.map((l, j) => reduceLayer('ggr', l, `GD${j + 1}`, `GA${j}`, fake)).join('\n');

  // The data buffer: the mixture's means (or the points), σ, then the explicit latent points and
  // the explicit weights (D then G) when the spec has them.
  const means = modeCentres(game.data);
  const latentAt = means.values.length + 1;
  const latentValues = (game.latentPoints ?? []).flat();
  const weightsAt = latentAt + latentValues.length;
  const initial = game.weights === undefined ? undefined : initialGanParameters(spec, model);
  const dataValues = new Float32Array(weightsAt + (initial ? model.d.size + model.g.size : 0));
  dataValues.set(means.values);
  dataValues[means.values.length] = game.data.kind === 'points' ? 0 : game.data.sigma;
  dataValues.set(latentValues, latentAt);
  if (initial) {
    dataValues.set(initial.d, weightsAt);
    dataValues.set(initial.g, weightsAt + model.d.size);
  }

  const initParameters =
    initial === undefined
      ? `fn init_parameters(lid: u32, seed: u32) {
  for (var p = lid; p < D_SIZE; p += WG) {
    let w = philox4x32(vec4u(p >> 2u, 0u, ${DRAW_PURPOSE.initDiscriminator}u, 0u), vec2u(seed, 0u));
    dp[p] = (2.0 * uniform_from_bits(w[p & 3u]) - 1.0) * d_bound(p);
  }
  for (var p = lid; p < G_SIZE; p += WG) {
    let w = philox4x32(vec4u(p >> 2u, 0u, ${DRAW_PURPOSE.initGenerator}u, 0u), vec2u(seed, 0u));
    gp[p] = (2.0 * uniform_from_bits(w[p & 3u]) - 1.0) * g_bound(p);
  }
}`
      : `// The spec's explicit weights, the same for every cell.
fn init_parameters(lid: u32, seed: u32) {
  for (var p = lid; p < D_SIZE; p += WG) {
    dp[p] = data_means[${weightsAt}u + p];
  }
  for (var p = lid; p < G_SIZE; p += WG) {
    gp[p] = data_means[${weightsAt + model.d.size}u + p];
  }
}`;
  const drawReal =
    game.data.kind === 'points'
      ? `  // Points data: every point, in order.
  for (var s = lid; s < REAL; s += WG) {
    for (var c = 0u; c < DIM; c++) {
      scratch[base + DA0 + s * DIM + c] = data_means[s * DIM + c];
    }
  }`
      : `  // Sample s of draw t: data from block (s, t, data).
  let sigma = data_means[MODES * DIM];
  for (var s = lid; s < REAL; s += WG) {
    let w = philox4x32(vec4u(s, t, ${DRAW_PURPOSE.data}u, 0u), vec2u(seed, 0u));
    let k = ((w.x >> 8u) * MODES) >> 24u;
    let noise = box_muller(uniform_from_bits(w.y), uniform_from_bits(w.z));
    for (var c = 0u; c < DIM; c++) {
      scratch[base + DA0 + s * DIM + c] = data_means[k * DIM + c] + sigma * noise[c];
    }
  }`;
  const drawLatent =
    game.latentPoints !== undefined
      ? `  // Explicit latent points: every one, in order.
  for (var q = lid; q < FAKE * LATENT; q += WG) {
    scratch[base + GA0 + q] = data_means[${latentAt}u + q];
  }`
      : `  // Latent code s of draw t from blocks (s, t, latent, ⌊d/4⌋).
  for (var s = lid; s < FAKE; s += WG) {
    for (var first = 0u; first < LATENT; first += 4u) {
      let v = philox4x32(vec4u(s, t, ${DRAW_PURPOSE.latent}u, first >> 2u), vec2u(seed, 0u));
      let n01 = box_muller(uniform_from_bits(v.x), uniform_from_bits(v.y));
      let n23 = box_muller(uniform_from_bits(v.z), uniform_from_bits(v.w));
      var n = array<f32, 4>(n01.x, n01.y, n23.x, n23.y);
      for (var m = 0u; m < 4u && first + m < LATENT; m++) {
        scratch[base + GA0 + s * LATENT + first + m] = n[m];
      }
    }
  }`;
  const drawMix =
    mix > 0
      ? `  // WGAN-GP's ε of generated sample s: lane 0 of block (s, t, gradient penalty).
  for (var s = lid; s < FAKE; s += WG) {
    let w = philox4x32(vec4u(s, t, ${DRAW_PURPOSE.gradientPenalty}u, 0u), vec2u(seed, 0u));
    scratch[base + EPS + s] = uniform_from_bits(w.x);
  }`
      : '';
  const drawBatch = `// The batch of draw number t (outer step × D_STEPS + sub-step).
fn draw_batch(base: u32, lid: u32, seed: u32, t: u32) {
${drawReal}
${drawLatent}
${drawMix}
}

// WGAN-GP's x̂ of generated sample s into D's row REAL + FAKE + s: ε·x_{s mod REAL} + (1 − ε)·G(z_s).
fn mix_row(base: u32, s: u32) {
${
  mix > 0
    ? `  let e = scratch[base + EPS + s];
  let x = s % REAL;
  for (var i = 0u; i < DIM; i++) {
    scratch[base + DA0 + (REAL + FAKE + s) * DIM + i] =
      e * scratch[base + DA0 + x * DIM + i] + (1.0 - e) * scratch[base + G_OUT + s * DIM + i];
  }`
    : ''
}
}`;

  const penaltyCode = penalised
    ? penaltyFunctions(d, { r1: game.r1, r2: game.r2, gp: mix > 0 ? game.gpLambda : 0 }, real, fake)
    : `fn penalise_rows(base: u32, lid: u32) {}
fn reduce_penalty(base: u32, lid: u32) {}`;
  const generated = `${header}

${activationWgsl('g', game.generator.activation, game.generator.slope)}
${activationWgsl('d', game.discriminator.activation, game.discriminator.slope)}
${lossCoefficients(game.loss)}
${boundFunction('g_bound', model.g)}
${boundFunction('d_bound', model.d)}

${initParameters}

${drawBatch}

fn g_forward_sample(base: u32, s: u32) {
${gForward}
}

fn d_forward_row(base: u32, r: u32) {
${dForward}
}

// Deltas of D's pre-activations for row r, from c = ∂(objective)/∂(logit of row r).
fn d_backward_row(base: u32, r: u32, c: f32) {
  scratch[base + DD${LD + 1} + r] = c;
${dBackward}
}

// ∂(objective)/∂(generated sample s), from D's first-layer deltas of row REAL + s.
fn input_delta(base: u32, s: u32) {
${inputDelta}
}

fn g_backward_sample(base: u32, s: u32) {
${gBackward}
}

fn reduce_d(base: u32, lid: u32) {
${reduceD}
}

${penaltyCode}

fn reduce_g(base: u32, lid: u32) {
${reduceG}
}
${adjusted ? `\n${adjustmentFunctions(d, g)}\n` : ''}
${memory.code}
`;
  return {
    code: [philoxWgsl, generated, ganTrainWgsl, METHOD_WGSL[spec.method.name].code].join('\n'),
    scratchPerCell: size,
    statePerCell: memory.floats,
    dSize: model.d.size,
    gSize: model.g.size,
    workgroupBytes: ganWorkgroupBytes(spec, workgroupSize),
    dataValues,
  };
}
