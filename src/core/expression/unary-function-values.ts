import type { UnaryFunction } from './ast.js';

// σ(t) = 1/(1+e^−t), written so that exp only sees −|t| and never overflows.
function sigmoid(t: number): number {
  if (t >= 0) return 1 / (1 + Math.exp(-t));
  const q = Math.exp(t);
  return q / (1 + q);
}

// softplus(t) = log(1+e^t) = max(t,0) + log1p(e^−|t|): no overflow for large t, no lost digits for very negative t.
function softplus(t: number): number {
  return Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t)));
}

/**
 * The float64 value of each function. The evaluator and the constant folder
 * both use this table, so a folded constant equals what evaluation would give.
 */
export const UNARY_FUNCTION_VALUES: Readonly<Record<UnaryFunction, (t: number) => number>> = {
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  abs: Math.abs,
  tanh: Math.tanh,
  sigmoid,
  softplus,
  sign: Math.sign,
};
