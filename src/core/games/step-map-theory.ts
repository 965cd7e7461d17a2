import {
  abs,
  add,
  complex,
  div,
  mul,
  quadraticRoots,
  scale,
  sqrt,
  sub,
  type Complex,
} from './complex.js';
import { clipBound, compileGame } from './compile-game.js';
import { matrixEigenvalues, polynomialRoots } from './matrix-eigenvalues.js';
import { METHOD_CATALOG } from './method-catalog.js';
import { createStepper } from './method-steps.js';
import { learningRates, type SingleGameSpec } from './sweep-spec.js';

// Closed forms of docs/games.md#closed-forms-on-the-bilinear-game. On f = b·x·y pass η·|b| for η
// (docs/games.md#general-bilinear-games: replace lr by lr·σ).

/** Simultaneous GDA on x·y: [[1, η], [−η, 1]], ρ = √(1+η²). */
export const simGdaRadius = (eta: number): number => Math.sqrt(1 + eta * eta);

/** Simultaneous GDA with separate rates: [[1, ηx], [−ηy, 1]], ρ = √(1+ηx·ηy). */
export const simGdaSeparateRatesRadius = (etaX: number, etaY: number): number =>
  Math.sqrt(1 + etaX * etaY);

/** Alternating GDA: [[1, η], [−η, 1−η²]] has det 1, so ρ = 1 for η ≤ 2 and (η²−2+η√(η²−4))/2 beyond. */
export function altGdaRadius(eta: number): number {
  if (eta <= 2) return 1;
  return (eta * eta - 2 + eta * Math.sqrt(eta * eta - 4)) / 2;
}

/** Extragradient: [[1−η², η], [−η, 1−η²]], ρ = √(1−η²+η⁴). */
export const extragradientRadius = (eta: number): number => Math.sqrt(1 - eta * eta + eta ** 4);

/**
 * Optimistic GDA: the largest root of (λ²−λ)² + η²(2λ−1)² = 0. Each factor
 * λ² − λ ∓ iη(2λ−1) has discriminant 1 − 4η², so the roots are
 * λ = (1 ± 2iη ± √(1−4η²))/2.
 */
export function ogdaRoots(eta: number): Complex[] {
  const root = sqrt(complex(1 - 4 * eta * eta));
  const roots: Complex[] = [];
  for (const turn of [1, -1]) {
    const centre = complex(0.5, turn * eta);
    roots.push(add(centre, scale(root, 0.5)), sub(centre, scale(root, 0.5)));
  }
  return roots;
}
export const ogdaRadius = (eta: number): number => maxAbs(ogdaRoots(eta));

/**
 * Heavy-ball momentum on x·y. Simultaneous: per mode ∓i of the field,
 * (λ−1)(λ−β) ∓ iηλ = 0, i.e. ((λ−1)(λ−β))² + η²λ² = 0. Alternating (x first):
 * (λ−1)²(λ−β)² + η²λ³ = 0 (docs/games.md#heavy-ball-momentum).
 */
export function momentumRoots(
  eta: number,
  beta: number,
  order: 'simultaneous' | 'x-first',
): Complex[] {
  // (λ−1)²(λ−β)² = λ⁴ − 2(1+β)λ³ + (1+4β+β²)λ² − 2β(1+β)λ + β²
  const c = [beta * beta, -2 * beta * (1 + beta), 1 + 4 * beta + beta * beta, -2 * (1 + beta), 1];
  if (order === 'simultaneous') c[2] += eta * eta;
  else c[3] += eta * eta;
  return polynomialRoots(c);
}
export const momentumRadius = (
  eta: number,
  beta: number,
  order: 'simultaneous' | 'x-first',
): number => maxAbs(momentumRoots(eta, beta, order));

/** Consensus optimisation: [[1−ηγ, η], [−η, 1−ηγ]], ρ = √((1−ηγ)² + η²). SGA with λ = γ is the same map on x·y. */
export const consensusRadius = (eta: number, gamma: number): number =>
  Math.hypot(1 - eta * gamma, eta);

/** Hamiltonian gradient descent: (1−η)·I, ρ = |1−η|. */
export const hgdRadius = (eta: number): number => Math.abs(1 - eta);

/** Proximal point (implicit, for reference): [[1, η], [−η, 1]]/(1+η²), ρ = 1/√(1+η²). */
export const proximalRadius = (eta: number): number => 1 / Math.sqrt(1 + eta * eta);

/**
 * The closed-form spectral radius of the spec's method on its game, when
 * docs/games.md has one: bilinear games (and WGAN, which is x·y) with one shared
 * rate, or simultaneous GDA with two. null otherwise.
 */
export function closedFormSpectralRadius(spec: SingleGameSpec): number | null {
  const b = bilinearCoupling(spec);
  if (b === null) return null;
  const { lrX, lrY } = learningRates(spec);
  const method = spec.method;
  if (method.name === 'sim-gda')
    return simGdaSeparateRatesRadius(lrX * Math.abs(b), lrY * Math.abs(b));
  if (lrX !== lrY) return null;
  const eta = lrX * Math.abs(b);
  switch (method.name) {
    case 'alt-gda':
      return altGdaRadius(eta);
    case 'eg':
      return extragradientRadius(eta);
    case 'ogda':
      return ogdaRadius(eta);
    // The characteristic polynomial holds η²: past the float range it has no roots to find.
    case 'momentum':
      return Number.isFinite(eta * eta) ? momentumRadius(eta, method.beta, method.order) : null;
    // On b·x·y, γ·JᵀF = γb²·z, so the damping per step is ηγ|b| in units of η|b|.
    case 'consensus':
      return consensusRadius(eta, method.gamma * Math.abs(b));
    case 'sga':
      return consensusRadius(eta, method.lambda * Math.abs(b));
    // JᵀF = b²·z: HGD is (1 − ηb²)·I.
    case 'hgd':
      return hgdRadius(eta * Math.abs(b));
    case 'adam':
      return null;
  }
}

/** b when the spec's game is b·x·y (bilinear, WGAN without penalty or clipping, a quadratic with μ = 0). */
function bilinearCoupling(spec: SingleGameSpec): number | null {
  const game = spec.game;
  if (game.name === 'bilinear') return game.b;
  if (game.name === 'quadratic' && game.muX === 0 && game.muY === 0) return game.b;
  if (game.name === 'dirac-gan' && game.loss === 'wgan' && game.r1 === 0 && game.clip === 0)
    return 1;
  return null;
}

/** Steps for a scaled rotation of ratio ρ to take radius r₀ to R: k* = ln(R/r₀)/ln ρ (Infinity when ρ ≤ 1 < R/r₀). */
export function escapeStepEstimate(rho: number, r0: number, escapeRadius: number): number {
  if (escapeRadius <= r0) return 0;
  if (rho <= 1) return Infinity;
  return Math.log(escapeRadius / r0) / Math.log(rho);
}

// Convergence to (0, 0) on x·y, docs/games.md#summary-table, last column.
export const extragradientConverges = (eta: number): boolean => eta > 0 && eta < 1;
export const ogdaConverges = (eta: number): boolean => eta > 0 && eta < 1 / Math.sqrt(3);
export const alternatingMomentumConverges = (eta: number, beta: number): boolean =>
  beta > -1 && beta < 0 && eta > 0 && eta < 2 * (1 + beta);
export const consensusConverges = (eta: number, gamma: number): boolean =>
  eta > 0 && eta < (2 * gamma) / (1 + gamma * gamma);
export const hgdConverges = (eta: number): boolean => eta > 0 && eta < 2;

/** Eigenvalues μ± of the quadratic game's field Jacobian [[−μx, b], [−b, −μy]]. */
export function quadraticFieldEigenvalues(muX: number, muY: number, b: number): [Complex, Complex] {
  return quadraticRoots(complex(-muX - muY), complex(muX * muY + b * b));
}

export type QuadraticStepMethod = 'sim-gda' | 'eg' | 'ogda' | 'proximal' | 'alt-gda';

/**
 * Eigenvalues of one step on f = −(μx/2)x² + b·x·y + (μy/2)y² (docs/games.md#quadratic-games):
 * sim GDA 1+ημ; extragradient 1+ημ+η²μ²; OGDA the roots
 * of λ² − (1+2ημ)λ + ημ; proximal 1/(1−ημ); alternating (x first) those of
 * [[1−ημx, ηb], [−ηb(1−ημx), 1−ημy−η²b²]].
 */
export function quadraticStepEigenvalues(
  method: QuadraticStepMethod,
  eta: number,
  muX: number,
  muY: number,
  b: number,
): Complex[] {
  if (method === 'alt-gda') {
    const a = 1 - eta * muX;
    return matrixEigenvalues([
      [a, eta * b],
      [-eta * b * a, 1 - eta * muY - eta * eta * b * b],
    ]);
  }
  const one = complex(1);
  return quadraticFieldEigenvalues(muX, muY, b).flatMap((mu) => {
    const etaMu = scale(mu, eta);
    switch (method) {
      case 'sim-gda':
        return [add(one, etaMu)];
      case 'eg':
        return [add(add(one, etaMu), mul(etaMu, etaMu))];
      case 'ogda':
        return quadraticRoots(add(one, scale(etaMu, 2)), etaMu);
      case 'proximal':
        return [div(one, sub(one, etaMu))];
    }
  });
}

/** Alternating GDA on the quadratic game converges iff |det| < 1 and |trace| < 1 + det of its step matrix. */
export function alternatingQuadraticConverges(
  eta: number,
  muX: number,
  muY: number,
  b: number,
): boolean {
  const a = 1 - eta * muX;
  const d = 1 - eta * muY - eta * eta * b * b;
  const det = a * d + eta * b * eta * b * a;
  const trace = a + d;
  return Math.abs(det) < 1 && Math.abs(trace) < 1 + det;
}

/** With μx = μy = μ, simultaneous GDA converges iff 0 < η < 2μ/(μ² + b²). */
export const quadraticSimGdaConverges = (eta: number, mu: number, b: number): boolean =>
  eta > 0 && eta < (2 * mu) / (mu * mu + b * b);

/**
 * Dirac-GAN with an R1 penalty γ: the field's eigenvalues at the equilibrium,
 * −γ/2 ± √(γ²/4 − h'(0)²) (Mescheder et al. 2018, Theorem 4.1); h'(0) = ½
 * for the standard GAN, 1 for WGAN.
 */
export function diracGanR1FieldEigenvalues(gamma: number, hPrimeAtZero = 0.5): [Complex, Complex] {
  const root = sqrt(complex((gamma * gamma) / 4 - hPrimeAtZero * hPrimeAtZero));
  const centre = complex(-gamma / 2);
  return [add(centre, root), sub(centre, root)];
}

/** Half-width of the central differences; the step maps' base point is the equilibrium, so there is no cancellation. */
const DIFFERENCE_STEP = 1e-5;

/** A second, wider half-width: a difference quotient across a jump scales as 1/h, a slope does not. */
const WIDE_STEP = 8 * DIFFERENCE_STEP;

/**
 * How far two estimates of a slope may part, relative to it, before the step counts as not
 * differentiable at the equilibrium: the one-sided differences on either side (a smooth step
 * parts them by about h·|second derivative|, a kink by the kink's size) and the central ones at
 * h and 8h (a smooth step parts them by about 10h²·|third derivative|; a jump, as WGAN-GP's
 * penalty has at ψ = 0, gives the jump over h, a factor 8 apart).
 */
const SLOPE_TOLERANCE = 1e-3;

/** The state stepped once from the rest point moved by +h and by −h in slot j. */
function stepsAround(
  stepper: ReturnType<typeof createStepper>,
  rest: Float64Array,
  j: number,
  h: number,
): [Float64Array, Float64Array] {
  const plus = rest.slice();
  const minus = rest.slice();
  plus[j] += h;
  minus[j] -= h;
  stepper.step(plus);
  stepper.step(minus);
  return [plus, minus];
}

/** The step map's linearisation at the equilibrium, or why there is none, in words for a panel. */
export type StepMapLinearisation =
  | { kind: 'linear'; jacobian: number[][]; eigenvalues: Complex[] }
  | { kind: 'none'; reason: string };

/**
 * The Jacobian of one method step on the whole state (z and the method's memory: previous point
 * or field) at the equilibrium (0, 0), by central differences in float64, and its eigenvalues.
 * The step maps of bilinear and quadratic games are linear, so there this is exact to rounding.
 * Never throws: a method that is not differentiable there (Adam), a field that is not finite
 * there (a typed log(x)·y), or a step whose one-sided slopes disagree (a jump or a kink in the
 * field, as WGAN-GP's penalty has at ψ = 0) gives the reason instead.
 */
export function linearisedStepMap(spec: SingleGameSpec): StepMapLinearisation {
  const method = METHOD_CATALOG[spec.method.name];
  if (!method.linearisable)
    return { kind: 'none', reason: `${method.title}'s step is not differentiable at (0, 0)` };
  const game = compileGame(spec.game);
  const stepper = createStepper(spec.method, game.evaluator(), {
    ...learningRates(spec),
    clip: clipBound(spec.game),
  });
  const rest = stepper.init(game.equilibrium[0], game.equilibrium[1]);
  if (!rest.every(Number.isFinite))
    return { kind: 'none', reason: 'the field is not finite at (0, 0)' };
  const base = rest.slice();
  stepper.step(base);
  if (!base.every(Number.isFinite))
    return { kind: 'none', reason: 'the field is not finite at (0, 0)' };
  const n = rest.length;
  let smooth = true;
  const agree = (a: number, b: number, scale: number) => {
    if (!(Math.abs(a - b) <= SLOPE_TOLERANCE * (1 + Math.abs(scale)))) smooth = false;
  };
  const columns = Array.from({ length: n }, (_, j) => {
    const [plus, minus] = stepsAround(stepper, rest, j, DIFFERENCE_STEP);
    const [widePlus, wideMinus] = stepsAround(stepper, rest, j, WIDE_STEP);
    return Array.from({ length: n }, (_, i) => {
      const central = (plus[i] - minus[i]) / (2 * DIFFERENCE_STEP);
      agree((plus[i] - base[i]) / DIFFERENCE_STEP, (base[i] - minus[i]) / DIFFERENCE_STEP, central);
      agree((widePlus[i] - wideMinus[i]) / (2 * WIDE_STEP), central, central);
      return central;
    });
  });
  const jacobian = Array.from({ length: n }, (_, i) => columns.map((column) => column[i]));
  if (!jacobian.every((row) => row.every(Number.isFinite)))
    return { kind: 'none', reason: 'the field is not differentiable at (0, 0)' };
  if (!smooth)
    return {
      kind: 'none',
      reason: 'the field jumps or bends at (0, 0), so the step has no linearisation there',
    };
  try {
    return { kind: 'linear', jacobian, eigenvalues: matrixEigenvalues(jacobian) };
  } catch {
    return { kind: 'none', reason: 'the eigenvalue iteration did not converge' };
  }
}

/** The Jacobian of the linearised step map (see linearisedStepMap); null where there is none. */
export function stepMapJacobian(spec: SingleGameSpec): number[][] | null {
  const l = linearisedStepMap(spec);
  return l.kind === 'linear' ? l.jacobian : null;
}

/** Eigenvalues of the linearised step map (see linearisedStepMap); null where there is none. */
export function stepMapEigenvalues(spec: SingleGameSpec): Complex[] | null {
  const l = linearisedStepMap(spec);
  return l.kind === 'linear' ? l.eigenvalues : null;
}

/** ρ = max |λ|. */
export function spectralRadius(eigenvalues: readonly Complex[]): number {
  return maxAbs(eigenvalues);
}

function maxAbs(values: readonly Complex[]): number {
  return values.reduce((m, z) => Math.max(m, abs(z)), 0);
}
