import { describe, expect, it } from 'vitest';
import { compileExpression, parseExpression } from '../../src/core/expression/index.js';

const evaluate = (text: string, t: number): number =>
  compileExpression(parseExpression(text, { variables: ['t'] }), ['t'])([t]);

describe('compileExpression', () => {
  it('reads each variable from its slot in the order given', () => {
    const e = parseExpression('x - 2*y + b', { variables: ['x', 'y', 'b'] });
    expect(compileExpression(e, ['b', 'y', 'x'])([100, 10, 1])).toBe(1 - 20 + 100);
  });

  it('refuses an expression that uses a variable it was not given', () => {
    expect(() => compileExpression(parseExpression('x*y'), ['x'])).toThrow(RangeError);
  });

  it('sigmoid saturates to exactly 0 and 1 instead of overflowing to NaN', () => {
    expect(evaluate('sigmoid(t)', 800)).toBe(1);
    expect(evaluate('sigmoid(t)', -800)).toBe(0);
    expect(evaluate('sigmoid(t)', 0)).toBe(0.5);
  });

  it('sigmoid keeps full relative precision far in its lower tail', () => {
    // σ(t) = e^t/(1+e^t) ≈ e^t(1 − e^t) for t ≪ 0.
    const t = -40;
    expect(evaluate('sigmoid(t)', t)).toBeCloseTo(Math.exp(t) * (1 - Math.exp(t)), 30);
    expect(evaluate('sigmoid(t)', t) / Math.exp(t)).toBeCloseTo(1, 14);
  });

  it('softplus is t for large t and e^t for very negative t, without overflow', () => {
    expect(evaluate('softplus(t)', 1000)).toBe(1000);
    expect(evaluate('softplus(t)', 40)).toBe(40 + Math.exp(-40));
    expect(evaluate('softplus(t)', -40) / Math.exp(-40)).toBeCloseTo(1, 14);
    expect(evaluate('softplus(t)', -1000)).toBe(0);
    expect(evaluate('softplus(t)', 0)).toBe(Math.LN2);
  });

  it('keeps IEEE semantics: log(0) is −∞, sqrt(−1) is NaN, a negative base to an odd power keeps its sign', () => {
    expect(evaluate('log(t)', 0)).toBe(-Infinity);
    expect(evaluate('sqrt(t)', -1)).toBeNaN();
    expect(evaluate('t^3', -2)).toBe(-8);
    expect(evaluate('t^0.5', -4)).toBeNaN();
  });
});
