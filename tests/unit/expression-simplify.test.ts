import { describe, expect, it } from 'vitest';
import {
  compileExpression,
  formatExpression,
  parseExpression,
  simplify,
  type Expr,
} from '../../src/core/expression/index.js';
import { mulberry32 } from '../helpers/random.js';
import { randomExpression, subexpressions } from './helpers/random-expression.js';

const VARIABLES = ['x', 'y'];
const simplified = (text: string): string => formatExpression(simplify(parseExpression(text)));

describe('simplify: small forms', () => {
  const cases: [string, string][] = [
    ['1*y + x*0', 'y'],
    ['x*1 + 0*y', 'x'],
    ['0 + x - 0', 'x'],
    ['0 - x', '-x'],
    ['--x', 'x'],
    ['-(-(-x))', '-x'],
    ['x*2', '2*x'],
    ['2*(3*x)', '6*x'],
    ['x + -y', 'x - y'],
    ['x - -y', 'x + y'],
    ['-x + y', 'y - x'],
    ['x + -2', 'x - 2'],
    ['-(x - y)', 'y - x'],
    ['(-x)*(-y)', 'x*y'],
    ['x*(-y)', '-x*y'],
    ['-1*x', '-x'],
    ['-2*x', '-2*x'],
    ['x/1', 'x'],
    ['x/-1', '-x'],
    ['0/x', '0'],
    ['(-x)/y', '-x/y'],
    ['x^1', 'x'],
    ['x^0', '1'],
    ['1^x', '1'],
    ['2^3 + 1', '9'],
    ['sin(0) + cos(0)*x', 'x'],
    ['abs(-x)', 'abs(x)'],
    ['abs(abs(x))', 'abs(x)'],
    ['sqrt(4)*x', '2*x'],
    ['x/3', 'x/3'],
  ];
  for (const [text, expected] of cases) {
    it(`${text} → ${expected}`, () => {
      expect(simplified(text)).toBe(expected);
    });
  }

  it('never folds a constant to a value the grammar cannot write (log(0), 0/0, overflow)', () => {
    expect(simplified('log(0)*x')).toBe('log(0)*x');
    expect(simplified('x + (0/0)')).toBe('x + 0/0');
    expect(simplified('1e308*10*x')).toBe('1e+308*10*x');
  });
});

describe('simplify: properties', () => {
  // "Defined" means no step of the evaluation leaves the finite numbers: IEEE
  // arithmetic can turn an infinity back into a finite value (sign(1/0) = 1).
  it('keeps the value wherever the original is defined', () => {
    const rng = mulberry32(314159);
    let compared = 0;
    for (let i = 0; i < 1500; i++) {
      const e = randomExpression(rng, { variables: VARIABLES, maxDepth: 5 });
      const s = simplify(e);
      const [fe, fs] = [compileExpression(e, VARIABLES), compileExpression(s, VARIABLES)];
      const parts = subexpressions(e).map((part) => compileExpression(part, VARIABLES));
      for (let j = 0; j < 4; j++) {
        const point = [rng() * 6 - 3, rng() * 6 - 3];
        if (!parts.every((part) => Number.isFinite(part(point)))) continue;
        const original = fe(point);
        compared++;
        const value = fs(point);
        if (!(Math.abs(value - original) <= 1e-9 * (1 + Math.abs(original)))) {
          throw new Error(
            `${formatExpression(e)} = ${original} but ${formatExpression(s)} = ${value} at (${point})`,
          );
        }
      }
    }
    expect(compared).toBeGreaterThan(2000);
  });

  it('is idempotent', () => {
    const rng = mulberry32(11);
    for (let i = 0; i < 1000; i++) {
      const s = simplify(randomExpression(rng, { variables: VARIABLES, maxDepth: 5 }));
      expect(simplify(s)).toEqual(s);
    }
  });

  it('never makes an expression larger', () => {
    const size = (e: Expr): number => subexpressions(e).length;
    const rng = mulberry32(12);
    for (let i = 0; i < 1000; i++) {
      const e = randomExpression(rng, { variables: VARIABLES, maxDepth: 5 });
      const [before, after] = [formatExpression(e), formatExpression(simplify(e))];
      if (size(simplify(e)) > size(e)) throw new Error(`${before} became ${after}`);
    }
  });
});
