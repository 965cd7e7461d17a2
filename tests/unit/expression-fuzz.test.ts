import { describe, expect, it } from 'vitest';
import {
  compileExpression,
  differentiate,
  emitWgsl,
  ExpressionError,
  formatExpression,
  parseExpression,
  simplify,
  type ParseOptions,
} from '../../src/core/expression/index.js';
import { mulberry32, pick, randInt } from '../helpers/random.js';
import { randomExpression } from './helpers/random-expression.js';

const GRAMMAR_CHARS = '0123456789.eE+-*/^() xyb,pisncotaxlgqrbhmdfu_';
const GARBAGE = [
  '\u0000',
  '\u0007',
  '\t',
  '\n',
  '\u00a0',
  '\u2212',
  '\u00d7',
  '\u00b2',
  '\u00e9',
  '\u03b8',
  '\u4e2d',
  '\ud83d\ude00',
  '\ud800',
  '\udfff',
  '\ufeff',
  '\u202e',
  '%',
  '$',
  '#',
  '"',
  "'",
  '\\',
  '`',
  '{',
  '}',
  '[',
  ']',
  ';',
  '=',
  '<',
  '>',
  '!',
  '?',
  '@',
  '~',
  '|',
  '&',
];
const TOKENS = [
  'x',
  'y',
  'b',
  'z',
  '2',
  '0.5',
  '.5',
  '1e-3',
  '2.5E+2',
  '1e400',
  'pi',
  'e',
  '+',
  '-',
  '*',
  '/',
  '^',
  '**',
  '(',
  ')',
  ',',
  'sin(',
  'cos(',
  'exp(',
  'log(',
  'sqrt(',
  'abs(',
  'tanh(',
  'sigmoid(',
  'softplus(',
  'sign(',
  'tan(',
  'foo(',
  ' ',
];

// Valid text with a few random edits: mostly near misses, some still valid.
function editedExpression(rng: () => number): string {
  const e = randomExpression(rng, { variables: ['x', 'y', 'b'], maxDepth: 6 });
  let text = formatExpression(e);
  for (let edits = randInt(rng, 0, 3); edits > 0; edits--) {
    const at = randInt(rng, 0, text.length);
    const insert = rng() < 0.5 ? pick(rng, TOKENS) : '';
    text = text.slice(0, at) + insert + text.slice(at + randInt(rng, 0, 2));
  }
  return text;
}

function randomText(rng: () => number): string {
  if (rng() < 0.3) return editedExpression(rng);
  const length = randInt(rng, 0, 200);
  let text = '';
  if (rng() < 0.5) {
    while (text.length < length) text += pick(rng, TOKENS);
  } else {
    while (text.length < length) {
      text +=
        rng() < 0.85
          ? GRAMMAR_CHARS[randInt(rng, 0, GRAMMAR_CHARS.length - 1)]
          : pick(rng, GARBAGE);
    }
  }
  return text;
}

// Parses `text`; anything thrown must be an ExpressionError pointing into the text.
function parseOrError(
  text: string,
  options?: ParseOptions,
): ReturnType<typeof parseExpression> | undefined {
  try {
    return parseExpression(text, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ExpressionError);
    const position = (error as ExpressionError).position;
    expect(Number.isInteger(position) && position >= 0 && position <= text.length).toBe(true);
    return undefined;
  }
}

describe('parseExpression on hostile input', () => {
  it('20 000 random strings: an Expr or an ExpressionError, never anything else', () => {
    const rng = mulberry32(424242);
    const options = { variables: ['x', 'y', 'b'] };
    let parsed = 0;
    for (let i = 0; i < 20_000; i++) {
      const text = randomText(rng);
      const e = parseOrError(text, options);
      if (e === undefined) continue;
      parsed++;
      // What parses must also survive every later stage.
      const f = compileExpression(e, options.variables);
      const again = compileExpression(
        parseExpression(formatExpression(e), options),
        options.variables,
      );
      const point = [0.7, -1.3, 2];
      expect(Object.is(f(point), again(point)) || f(point) === again(point)).toBe(true);
      compileExpression(differentiate(e, 'x'), options.variables)(point);
      try {
        emitWgsl(e, { x: 'z.x', y: 'z.y', b: 'p[0]' });
      } catch (error) {
        expect(error).toBeInstanceOf(RangeError);
        expect(String(error)).toContain('f32 cannot represent');
      }
    }
    expect(parsed).toBeGreaterThan(2000);
  }, 60_000);

  it('deep nesting is refused with an ExpressionError, not a stack overflow', () => {
    const long = { maxLength: 10_000_000 };
    const cases = [
      '('.repeat(10_000),
      '('.repeat(10_000) + 'x' + ')'.repeat(10_000),
      '-'.repeat(100_000) + 'x',
      'x^'.repeat(100_000) + 'x',
      'sin('.repeat(10_000) + 'x' + ')'.repeat(10_000),
      '-('.repeat(10_000) + 'x' + ')'.repeat(10_000),
    ];
    for (const text of cases) {
      expect(parseOrError(text, long)).toBeUndefined();
      expect(() => parseExpression(text, long)).toThrow('nests too deeply');
    }
  }, 60_000);

  it('nesting at the largest allowed maxDepth still fits on the stack of every stage', () => {
    const n = 1000;
    const e = parseExpression('sin('.repeat(n) + 'x' + ')'.repeat(n), {
      maxDepth: n,
      maxLength: 10_000,
    });
    // d/dx sinⁿ(x) = Π cos(s_k), s_0 = x, s_{k+1} = sin(s_k).
    let [s, product] = [0.5, 1];
    for (let k = 0; k < n; k++) [s, product] = [Math.sin(s), product * Math.cos(s)];
    const derivative = differentiate(e, 'x');
    expect(compileExpression(derivative, ['x', 'y'])([0.5, 0])).toBeCloseTo(product, 12);
    expect(emitWgsl(e, { x: 'x', y: 'y' })).toMatch(/^ss_sin\(ss_sin\(/);
    expect(formatExpression(simplify(e))).toMatch(/^sin\(sin\(/);
  }, 60_000);

  it('long flat chains parse without recursion', () => {
    const e = parseExpression('x+'.repeat(500_000) + 'x', { maxLength: 2_000_000 });
    expect(e.kind).toBe('bin');
  }, 60_000);

  it('the longest expression the default limits allow survives every stage', () => {
    const e = parseExpression('x*y+'.repeat(499) + 'x');
    expect(compileExpression(differentiate(e, 'y'), ['x', 'y'])([2, 3])).toBe(998);
    expect(formatExpression(differentiate(e, 'x'))).toMatch(/^y \+ y/);
    expect(emitWgsl(e, { x: 'a', y: 'b' }).length).toBeGreaterThan(2000);
  });
});
