import { describe, expect, it } from 'vitest';
import {
  compileExpression,
  formatExpression,
  parseExpression,
  type Expr,
} from '../../src/core/expression/index.js';
import { mulberry32 } from '../helpers/random.js';
import { randomExpression } from './helpers/random-expression.js';

const VARIABLES = ['x', 'y'];
const x: Expr = { kind: 'var', name: 'x' };
const y: Expr = { kind: 'var', name: 'y' };
const z: Expr = { kind: 'var', name: 'z' };
const num = (value: number): Expr => ({ kind: 'num', value });
const bin = (op: '+' | '-' | '*' | '/' | '^', left: Expr, right: Expr): Expr => ({
  kind: 'bin',
  op,
  left,
  right,
});
const neg = (arg: Expr): Expr => ({ kind: 'neg', arg });

const sameDouble = (a: number, b: number): boolean =>
  a === b || (Number.isNaN(a) && Number.isNaN(b));

describe('formatExpression: only the parentheses the grammar needs', () => {
  const cases: [Expr, string][] = [
    [bin('+', bin('+', x, y), z), 'x + y + z'],
    [bin('+', x, bin('+', y, z)), 'x + (y + z)'],
    [bin('-', x, bin('-', y, z)), 'x - (y - z)'],
    [bin('-', x, bin('*', y, z)), 'x - y*z'],
    [bin('*', x, bin('*', y, z)), 'x*(y*z)'],
    [bin('/', x, bin('/', y, z)), 'x/(y/z)'],
    [bin('*', bin('+', x, y), z), '(x + y)*z'],
    [bin('^', bin('^', x, y), z), '(x^y)^z'],
    [bin('^', x, bin('^', y, z)), 'x^y^z'],
    [bin('^', x, neg(y)), 'x^-y'],
    [bin('^', x, bin('*', y, z)), 'x^(y*z)'],
    [bin('^', num(-2), x), '(-2)^x'],
    [bin('^', neg(x), num(2)), '(-x)^2'],
    [neg(bin('^', x, num(2))), '-x^2'],
    [neg(bin('+', x, y)), '-(x + y)'],
    [neg(bin('*', x, y)), '-x*y'],
    [neg(neg(x)), '-(-x)'],
    [bin('/', x, neg(bin('*', y, z))), 'x/(-y*z)'],
    [bin('*', x, neg(y)), 'x*-y'],
    [bin('-', x, num(-2)), 'x - -2'],
    [{ kind: 'call', fn: 'sigmoid', arg: bin('*', x, y) }, 'sigmoid(x*y)'],
    [bin('*', num(Math.PI), num(Math.E)), 'pi*e'],
    [bin('+', num(1e-7), num(1e21)), '1e-7 + 1e+21'],
  ];
  for (const [e, text] of cases) {
    it(text, () => {
      expect(formatExpression(e)).toBe(text);
    });
  }
});

describe('formatExpression: parsing the text back gives the same value', () => {
  it('for random expressions, exactly (same double) at random points', () => {
    const rng = mulberry32(2718);
    const constants = [0, 1, 2, 0.5, -2, -0.5, 1e-7, 1e21, 123.456, Math.PI, Math.E, NaN, Infinity];
    for (let i = 0; i < 2000; i++) {
      const e = randomExpression(rng, { variables: VARIABLES, maxDepth: 6, constants });
      const text = formatExpression(e);
      const [f, g] = [
        compileExpression(e, VARIABLES),
        compileExpression(parseExpression(text), VARIABLES),
      ];
      for (let j = 0; j < 3; j++) {
        const point = [rng() * 6 - 3, rng() * 6 - 3];
        if (!sameDouble(f(point), g(point))) {
          throw new Error(`${text}: ${f(point)} before, ${g(point)} after at (${point})`);
        }
      }
    }
  });

  it('formatting is stable: format(parse(format(e))) = format(e) for parser output', () => {
    const rng = mulberry32(99);
    for (let i = 0; i < 1000; i++) {
      const text = formatExpression(randomExpression(rng, { variables: VARIABLES, maxDepth: 5 }));
      const again = formatExpression(parseExpression(text));
      expect(formatExpression(parseExpression(again))).toBe(again);
    }
  });
});
