import { describe, expect, it } from 'vitest';
import {
  compileExpression,
  differentiate,
  formatExpression,
  parseExpression,
  type CompiledExpression,
  type Expr,
} from '../../src/core/expression/index.js';
import { mulberry32 } from '../helpers/random.js';
import { kinkArguments, randomExpression } from './helpers/random-expression.js';

const VARIABLES = ['x', 'y'];

const derivativeText = (text: string, variable: string): string =>
  formatExpression(differentiate(parseExpression(text, { variables: ['x', 'y', 'b'] }), variable));

/**
 * ∂f/∂(values[axis]) by central differences with one Richardson step
 * (error O(h⁴)), or undefined where that estimate is not trustworthy: f not
 * finite nearby, or the estimates at h and h/2 disagree (a pole, a cusp).
 */
function numericPartial(
  f: CompiledExpression,
  point: readonly number[],
  axis: number,
): number | undefined {
  const at = (offset: number): number => {
    const p = [...point];
    p[axis] += offset;
    return f(p);
  };
  const central = (h: number): number => (at(h) - at(-h)) / (2 * h);
  const richardson = (h: number): number => (4 * central(h / 2) - central(h)) / 3;
  const h = 1e-3;
  const coarse = richardson(h);
  const fine = richardson(h / 2);
  const scale = 1 + Math.abs(fine) + Math.abs(f(point)) * 1e-6;
  if (
    !Number.isFinite(coarse) ||
    !Number.isFinite(fine) ||
    Math.abs(coarse - fine) > 1e-7 * scale
  ) {
    return undefined;
  }
  return fine;
}

// A point is near a kink when an abs/sign argument changes sign within the stencil.
function nearKink(e: Expr, point: readonly number[], axis: number): boolean {
  return kinkArguments(e).some((arg) => {
    const g = compileExpression(arg, VARIABLES);
    const values = [-1e-3, 0, 1e-3].map((offset) => {
      const p = [...point];
      p[axis] += offset;
      return g(p);
    });
    return !values.every((v) => v > 0) && !values.every((v) => v < 0);
  });
}

interface Tally {
  checked: number;
  attempted: number;
}

function expectMatchesFiniteDifferences(
  f: Expr,
  df: Expr,
  axis: number,
  point: readonly number[],
  tally: Tally,
): void {
  tally.attempted++;
  const exact = compileExpression(df, VARIABLES)(point);
  const fd = numericPartial(compileExpression(f, VARIABLES), point, axis);
  if (fd === undefined || !Number.isFinite(exact) || nearKink(f, point, axis)) return;
  tally.checked++;
  const tolerance = 1e-6 * (1 + Math.abs(fd));
  if (Math.abs(exact - fd) > tolerance) {
    throw new Error(
      `d/d${VARIABLES[axis]} of ${formatExpression(f)} at (${point.join(', ')}): ` +
        `symbolic ${formatExpression(df)} = ${exact}, finite differences ${fd}`,
    );
  }
}

describe('differentiate: each rule', () => {
  const cases: [string, string, string][] = [
    ['x*y', 'x', 'y'],
    ['x*y', 'y', 'x'],
    ['b*x*y', 'x', 'b*y'],
    ['x^2', 'x', '2*x'],
    ['x^3 - 3*x*y^2', 'x', '3*x^2 - 3*y^2'],
    ['x^b', 'x', 'b*x^(b - 1)'],
    ['2^x', 'x', '0.6931471805599453*2^x'],
    ['x^y', 'y', 'x^y*log(x)'],
    ['x^x', 'x', 'x^x*(log(x) + x/x)'],
    ['1/x', 'x', '-1/x/x'],
    ['x/y', 'y', '-x/y/y'],
    ['x/4', 'x', '0.25'],
    ['sin(x)', 'x', 'cos(x)'],
    ['cos(x)', 'x', '-sin(x)'],
    ['tan(x)', 'x', '1 + tan(x)^2'],
    ['exp(2*x)', 'x', '2*exp(2*x)'],
    ['log(x)', 'x', '1/x'],
    ['sqrt(x)', 'x', '1/(2*sqrt(x))'],
    ['abs(x)', 'x', 'sign(x)'],
    ['sign(x)', 'x', '0'],
    ['tanh(x)', 'x', '4*(sigmoid(2*x)*sigmoid(-2*x))'],
    ['sigmoid(x)', 'x', 'sigmoid(x)*sigmoid(-x)'],
    ['softplus(x)', 'x', 'sigmoid(x)'],
    ['-softplus(-x*y) - b/2*x^2', 'y', 'sigmoid(-x*y)*x'],
    ['y', 'x', '0'],
    ['7', 'x', '0'],
  ];
  for (const [text, variable, expected] of cases) {
    it(`d/d${variable} ${text} = ${expected}`, () => {
      expect(derivativeText(text, variable)).toBe(expected);
    });
  }

  it('differentiates x^n for negative x (the exponent rule, not the log rule)', () => {
    const d = compileExpression(differentiate(parseExpression('x^3'), 'x'), VARIABLES);
    expect(d([-2, 0])).toBe(12);
  });

  it('the Dirac-GAN field: ∂/∂ψ of −softplus(−ψθ) is θ·σ(−ψθ) = θ·h′(ψθ)', () => {
    const d = compileExpression(differentiate(parseExpression('-softplus(-x*y)'), 'x'), VARIABLES);
    for (const [psi, theta] of [
      [1, 1],
      [-3, 0.5],
      [40, 30],
      [-40, 30],
    ]) {
      expect(d([psi, theta])).toBeCloseTo(theta / (1 + Math.exp(psi * theta)), 14);
    }
  });
});

describe('differentiate: agrees with finite differences', () => {
  it('first partial derivatives of random expressions at random points', () => {
    const rng = mulberry32(20240601);
    const tally: Tally = { checked: 0, attempted: 0 };
    for (let i = 0; i < 400; i++) {
      const f = randomExpression(rng, { variables: VARIABLES, maxDepth: 5 });
      const gradient = VARIABLES.map((v) => differentiate(f, v));
      for (let j = 0; j < 5; j++) {
        const point = [rng() * 4 - 2, rng() * 4 - 2];
        gradient.forEach((df, axis) => expectMatchesFiniteDifferences(f, df, axis, point, tally));
      }
    }
    expect(tally.checked).toBeGreaterThan(0.6 * tally.attempted);
  });

  it('second partial derivatives (the field Jacobian: f_xx, f_xy, f_yx, f_yy)', () => {
    const rng = mulberry32(77);
    const tally: Tally = { checked: 0, attempted: 0 };
    for (let i = 0; i < 250; i++) {
      const f = randomExpression(rng, { variables: VARIABLES, maxDepth: 4 });
      for (const first of VARIABLES) {
        const df = differentiate(f, first);
        const hessianRow = VARIABLES.map((v) => differentiate(df, v));
        for (let j = 0; j < 4; j++) {
          const point = [rng() * 4 - 2, rng() * 4 - 2];
          if (nearKink(f, point, 0) || nearKink(f, point, 1)) continue;
          hessianRow.forEach((d2f, axis) =>
            expectMatchesFiniteDifferences(df, d2f, axis, point, tally),
          );
        }
      }
    }
    expect(tally.checked).toBeGreaterThan(0.5 * tally.attempted);
  });

  it('mixed partials agree: ∂²f/∂x∂y = ∂²f/∂y∂x', () => {
    const rng = mulberry32(5);
    let compared = 0;
    for (let i = 0; i < 300; i++) {
      const f = randomExpression(rng, { variables: VARIABLES, maxDepth: 4 });
      const fxy = compileExpression(differentiate(differentiate(f, 'x'), 'y'), VARIABLES);
      const fyx = compileExpression(differentiate(differentiate(f, 'y'), 'x'), VARIABLES);
      const point = [rng() * 4 - 2, rng() * 4 - 2];
      const [a, b] = [fxy(point), fyx(point)];
      if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
      compared++;
      expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(a)));
    }
    expect(compared).toBeGreaterThan(150);
  });
});

describe('differentiate: derivatives keep their digits in saturated tails', () => {
  const at = (text: string, t: number): number =>
    compileExpression(differentiate(parseExpression(text), 'x'), VARIABLES)([t, 0]);

  it("sigmoid'(t) = e^−|t|/(1+e^−|t|)² even where sigmoid(t) rounds to 1", () => {
    for (const t of [0, 3, -3, 40, -40, 700]) {
      const q = Math.exp(-Math.abs(t));
      expect(at('sigmoid(x)', t) / (q / (1 + q) ** 2)).toBeCloseTo(1, 14);
    }
  });

  it("tanh'(t) = 1/cosh²(t) even where tanh(t) rounds to ±1", () => {
    for (const t of [0, 0.5, -2, 20, -20, 300]) {
      expect(at('tanh(x)', t) * Math.cosh(t) ** 2).toBeCloseTo(1, 13);
    }
  });
});
