import type { MethodSpec } from '../games/method-catalog.js';
import type { FieldRequest, FieldValue } from './gan-objectives.js';

/**
 * The scalar games' methods (core/games/method-steps.ts, docs/games.md) on parameter vectors: the
 * discriminator D plays x (the maximiser, moving along v_D = ∇_D V_D), the generator G plays y
 * (moving along v_G = −∇_G L_G), each with its own rate. Every line mirrors the scalar step with
 * x → D's vector and y → G's; the Dirac-GAN reduction test holds them to it.
 *
 * A D-only step (the dSteps − 1 extra discriminator steps) applies the same method to the game
 * with G held fixed: only D's components and D's memory move.
 */
export interface GanMethodState {
  d: Float64Array;
  g: Float64Array;
  /** ogda: v at the previous step (null until the first step: z₋₁ = z₀). */
  prevVd: Float64Array | null;
  prevVg: Float64Array | null;
  /** momentum: the previous point. */
  prevD: Float64Array;
  prevG: Float64Array;
  /** adam: moments and each player's step count. */
  mD: Float64Array;
  vD: Float64Array;
  mG: Float64Array;
  vG: Float64Array;
  tD: number;
  tG: number;
}

export function initialMethodState(d0: Float64Array, g0: Float64Array): GanMethodState {
  return {
    d: Float64Array.from(d0),
    g: Float64Array.from(g0),
    prevVd: null,
    prevVg: null,
    prevD: Float64Array.from(d0),
    prevG: Float64Array.from(g0),
    mD: new Float64Array(d0.length),
    vD: new Float64Array(d0.length),
    mG: new Float64Array(g0.length),
    vG: new Float64Array(g0.length),
    tD: 0,
    tG: 0,
  };
}

/** The field at (d, g) on the current step's batch. */
export type FieldAt = (d: Float64Array, g: Float64Array, request: FieldRequest) => FieldValue;

export interface GanStepSettings {
  lrD: number;
  lrG: number;
  /** Discriminator parameters are clamped to [−clip, clip] after each of their updates; 0 = off. */
  clip: number;
}

/** x + c·y, elementwise, into a new array. */
function axpy(x: Float64Array, c: number, y: Float64Array): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i] + c * y[i];
  return out;
}

function project(d: Float64Array, clip: number): Float64Array {
  if (clip > 0) for (let i = 0; i < d.length; i++) d[i] = Math.min(clip, Math.max(-clip, d[i]));
  return d;
}

const BOTH: FieldRequest = { d: true, g: true, adjustment: false };
const D_ONLY: FieldRequest = { d: true, g: false, adjustment: false };
const G_ONLY: FieldRequest = { d: false, g: true, adjustment: false };

/**
 * One step of `method`, in place: both players (`withG`), or D alone. Returns the field at the
 * step's starting point (for the metrics and the record).
 */
export function ganMethodStep(
  method: MethodSpec,
  state: GanMethodState,
  field: FieldAt,
  settings: GanStepSettings,
  withG: boolean,
): FieldValue {
  const { lrD, lrG, clip } = settings;
  const request = withG ? BOTH : D_ONLY;
  switch (method.name) {
    // x' = x + ηx·Fx(z), y' = y + ηy·Fy(z)
    case 'sim-gda': {
      const f = field(state.d, state.g, request);
      state.d = project(axpy(state.d, lrD, f.d!), clip);
      if (withG) state.g = axpy(state.g, lrG, f.g!);
      return f;
    }

    // x' = x + ηx·Fx(x, y), then y' = y + ηy·Fy(x', y) (or y first)
    case 'alt-gda': {
      if (!withG || method.order === 'x-first') {
        const f = field(state.d, state.g, D_ONLY);
        state.d = project(axpy(state.d, lrD, f.d!), clip);
        if (withG) state.g = axpy(state.g, lrG, field(state.d, state.g, G_ONLY).g!);
        return f;
      }
      const f = field(state.d, state.g, G_ONLY);
      state.g = axpy(state.g, lrG, f.g!);
      state.d = project(axpy(state.d, lrD, field(state.d, state.g, D_ONLY).d!), clip);
      return f;
    }

    // z½ = z + η·F(z); z' = z + η·F(z½) (the look-ahead is projected too)
    case 'eg': {
      const f = field(state.d, state.g, request);
      const halfD = project(axpy(state.d, lrD, f.d!), clip);
      const halfG = withG ? axpy(state.g, lrG, f.g!) : state.g;
      const h = field(halfD, halfG, request);
      state.d = project(axpy(state.d, lrD, h.d!), clip);
      if (withG) state.g = axpy(state.g, lrG, h.g!);
      return f;
    }

    // z_{k+1} = z_k + 2η·F(z_k) − η·F(z_{k−1}), z_{−1} = z₀
    case 'ogda': {
      const f = field(state.d, state.g, request);
      const prevD = state.prevVd ?? f.d!;
      state.d = project(optimistic(state.d, lrD, f.d!, prevD), clip);
      state.prevVd = f.d;
      if (withG) {
        const prevG = state.prevVg ?? f.g!;
        state.g = optimistic(state.g, lrG, f.g!, prevG);
        state.prevVg = f.g;
      }
      return f;
    }

    // z' = z + η·F + β(z − z_prev); x-first: y's step sees x'
    case 'momentum': {
      const { beta, order } = method;
      const d = state.d;
      const g = state.g;
      const f = field(d, g, request);
      const nextD = project(heavyBall(d, lrD, f.d!, beta, state.prevD), clip);
      if (withG) {
        const fg = order === 'x-first' ? field(nextD, g, G_ONLY).g! : f.g!;
        state.g = heavyBall(g, lrG, fg, beta, state.prevG);
        state.prevG = g;
      }
      state.d = nextD;
      state.prevD = d;
      return f;
    }

    // z' = z + η(F − γ·∇½‖F‖²), ∇½‖F‖² = JᵀF (Mescheder, Nowozin, Geiger 2017)
    case 'consensus': {
      const { gamma } = method;
      const f = field(state.d, state.g, { ...request, adjustment: true });
      state.d = project(axpy(state.d, lrD, axpy(f.d!, -gamma, f.adjustD!)), clip);
      if (withG) state.g = axpy(state.g, lrG, axpy(f.g!, -gamma, f.adjustG!));
      return f;
    }

    // z' = z − η·∇½‖F‖²
    case 'hgd': {
      const f = field(state.d, state.g, { ...request, adjustment: true });
      state.d = project(axpy(state.d, -lrD, f.adjustD!), clip);
      if (withG) state.g = axpy(state.g, -lrG, f.adjustG!);
      return f;
    }

    // Bias-corrected Adam per player on its own objective (PyTorch's update), moving along +m̂/(√v̂ + ε) of F.
    case 'adam': {
      const { beta1, beta2, eps } = method;
      const f = field(state.d, state.g, request);
      state.tD += 1;
      state.d = project(
        adamStep(state.d, lrD, f.d!, state.mD, state.vD, state.tD, beta1, beta2, eps),
        clip,
      );
      if (withG) {
        state.tG += 1;
        state.g = adamStep(state.g, lrG, f.g!, state.mG, state.vG, state.tG, beta1, beta2, eps);
      }
      return f;
    }

    default:
      throw new RangeError(`method '${method.name}' is not available for mlp-gan`);
  }
}

function optimistic(
  z: Float64Array,
  lr: number,
  f: Float64Array,
  prev: Float64Array,
): Float64Array {
  const out = new Float64Array(z.length);
  for (let i = 0; i < z.length; i++) out[i] = z[i] + lr * (2 * f[i] - prev[i]);
  return out;
}

function heavyBall(
  z: Float64Array,
  lr: number,
  f: Float64Array,
  beta: number,
  prev: Float64Array,
): Float64Array {
  const out = new Float64Array(z.length);
  for (let i = 0; i < z.length; i++) out[i] = z[i] + lr * f[i] + beta * (z[i] - prev[i]);
  return out;
}

function adamStep(
  z: Float64Array,
  lr: number,
  f: Float64Array,
  m: Float64Array,
  v: Float64Array,
  t: number,
  beta1: number,
  beta2: number,
  eps: number,
): Float64Array {
  const c1 = 1 - beta1 ** t;
  const c2 = 1 - beta2 ** t;
  const out = new Float64Array(z.length);
  for (let i = 0; i < z.length; i++) {
    m[i] = beta1 * m[i] + (1 - beta1) * f[i];
    v[i] = beta2 * v[i] + (1 - beta2) * f[i] * f[i];
    // m̂/(√v̂ + ε); with ε = 0 and no gradient yet the step is 0, not 0/0.
    const denominator = Math.sqrt(v[i] / c2) + eps;
    out[i] = z[i] + lr * (denominator > 0 ? m[i] / c1 / denominator : 0);
  }
  return out;
}
