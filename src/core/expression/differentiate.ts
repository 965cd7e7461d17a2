import { dependsOn, type Expr, type UnaryFunction } from './ast.js';
import {
  add,
  apply,
  divide,
  multiply,
  negate,
  num,
  power,
  simplify,
  subtract,
} from './simplify.js';

/**
 * ∂e/∂variable, simplified. Every other variable is held constant.
 *
 * At a kink of abs the slope is sign(u)·u', which is 0 at u = 0 (the mean
 * of the two one-sided slopes).
 */
export function differentiate(e: Expr, variable: string): Expr {
  const simple = simplify(e);
  const done = new Map<Expr, Expr>();
  const d = (u: Expr): Expr => {
    let result = done.get(u);
    if (result === undefined) {
      result = dependsOn(u, variable) ? derivative(u, d) : num(0);
      done.set(u, result);
    }
    return result;
  };
  return d(simple);
}

// One rule per node kind; `d` differentiates a child. Operands here are simplified.
function derivative(e: Expr, d: (u: Expr) => Expr): Expr {
  switch (e.kind) {
    case 'num':
      return num(0);
    case 'var':
      return num(1);
    case 'neg':
      return negate(d(e.arg));
    case 'call':
      return multiply(functionDerivative(e.fn, e.arg, e), d(e.arg));
    case 'bin': {
      const { left: u, right: v } = e;
      switch (e.op) {
        case '+':
          return add(d(u), d(v));
        case '-':
          return subtract(d(u), d(v));
        case '*':
          return add(multiply(d(u), v), multiply(u, d(v)));
        case '/':
          // (u/v)' = (u' − (u/v)·v')/v: reuses u/v and never squares v, so it
          // overflows only where the derivative itself does.
          return divide(subtract(d(u), multiply(e, d(v))), v);
        case '^':
          return powerDerivative(e, u, v, d);
      }
    }
  }
}

function powerDerivative(e: Expr, u: Expr, v: Expr, d: (u: Expr) => Expr): Expr {
  const dv = d(v);
  // Exponent constant in the variable: (u^n)' = n·u^(n−1)·u', valid for negative u too.
  if (dv.kind === 'num' && dv.value === 0) {
    return multiply(multiply(v, power(u, subtract(v, num(1)))), d(u));
  }
  const du = d(u);
  // Base constant: (a^v)' = a^v·log(a)·v'.
  if (du.kind === 'num' && du.value === 0) {
    return multiply(multiply(e, apply('log', u)), dv);
  }
  // (u^v)' = u^v·(v'·log(u) + v·u'/u), for u > 0.
  return multiply(e, add(multiply(dv, apply('log', u)), divide(multiply(v, du), u)));
}

// f'(u) for fu = f(u).
function functionDerivative(fn: UnaryFunction, u: Expr, fu: Expr): Expr {
  switch (fn) {
    case 'sin':
      return apply('cos', u);
    case 'cos':
      return negate(apply('sin', u));
    case 'tan':
      // tan' = 1 + tan².
      return add(num(1), power(fu, num(2)));
    case 'exp':
      return fu;
    case 'log':
      return divide(num(1), u);
    case 'sqrt':
      return divide(num(1), multiply(num(2), fu));
    case 'abs':
      return apply('sign', u);
    case 'sign':
      return num(0);
    case 'tanh':
      // tanh' = 1 − tanh² = 4·σ(2u)·σ(−2u); the second form keeps its digits where tanh rounds to ±1.
      return multiply(
        num(4),
        multiply(
          apply('sigmoid', multiply(num(2), u)),
          apply('sigmoid', negate(multiply(num(2), u))),
        ),
      );
    case 'sigmoid':
      // σ' = σ(1 − σ) = σ(u)·σ(−u); the second form keeps its digits where σ rounds to 1.
      return multiply(fu, apply('sigmoid', negate(u)));
    case 'softplus':
      // softplus' = σ.
      return apply('sigmoid', u);
  }
}
