import { describe, expect, it } from 'vitest';
import {
  differentiate,
  emitWgsl,
  parseExpression,
  simplify,
  WGSL_EXPRESSION_PRELUDE,
} from '../../src/core/expression/index.js';
import { mulberry32 } from '../helpers/random.js';
import { randomExpression } from './helpers/random-expression.js';

const NAMES = { x: 'z.x', y: 'z.y', b: 'p[3]' };
const emit = (text: string): string =>
  emitWgsl(parseExpression(text, { variables: ['x', 'y', 'b'] }), NAMES);

// Identifiers, numbers, operators, parentheses, member access and indices: nothing that can start a comment, a string or a statement.
const SAFE_WGSL = /^[A-Za-z0-9_.,()+\-*/ [\]]*$/;
// WGSL decimal float literals (WGSL spec, "Numeric literals") with the f suffix.
const WGSL_F32_LITERAL = /^(?:\d+\.\d*|\d*\.\d+)(?:[eE][+-]?\d+)?f$|^\d+[eE][+-]?\d+f$/;

describe('emitWgsl: text', () => {
  const cases: [string, string][] = [
    ['x*y', '(z.x * z.y)'],
    ['b*x*y', '((p[3] * z.x) * z.y)'],
    ['-x^2', '(-ss_pow2(z.x))'],
    ['x^3 - y^4', '(ss_pow3(z.x) - ss_pow4(z.y))'],
    ['x^-1', '(1.0f / z.x)'],
    ['x^-2', '(1.0f / ss_pow2(z.x))'],
    ['x^5', 'ss_pow(z.x, 5.0f)'],
    ['x^0.5', 'ss_pow(z.x, 0.5f)'],
    ['x^y', 'ss_pow(z.x, z.y)'],
    ['x^(2-1)', 'z.x'],
    ['x^0', '1.0f'],
    ['2*pi*x', '(6.2831855f * z.x)'],
    ['1e-7*x + 3', '((1e-7f * z.x) + 3.0f)'],
    ['x - 0.1', '(z.x - 0.1f)'],
    ['x*1e21', '(z.x * 1e+21f)'],
    ['x + 16777217', '(z.x + 16777216.0f)'],
    ['x*(-2)', '(z.x * (-2.0f))'],
    ['sin(x) + cos(y) + tan(x)', '((ss_sin(z.x) + ss_cos(z.y)) + ss_tan(z.x))'],
    ['exp(x)*log(y)/sqrt(abs(x))', '((exp(z.x) * log(z.y)) / sqrt(abs(z.x)))'],
    [
      'tanh(x) + sigmoid(y) - softplus(x) + sign(y)',
      '(((ss_tanh(z.x) + ss_sigmoid(z.y)) - ss_softplus(z.x)) + ss_sign(z.y))',
    ],
    ['sqrt(2)', '1.4142135f'],
    ['-0*x', '((-0.0f) * z.x)'],
  ];
  for (const [text, wgsl] of cases) {
    it(`${text} → ${wgsl}`, () => {
      expect(emit(text)).toBe(wgsl);
    });
  }

  it('writes the Dirac-GAN field from its derivative', () => {
    const f = parseExpression('-softplus(-x*y) - b/2*x^2', { variables: ['x', 'y', 'b'] });
    expect(emitWgsl(differentiate(f, 'x'), NAMES)).toBe(
      '((ss_sigmoid((-(z.x * z.y))) * z.y) - ((p[3] / 2.0f) * (2.0f * z.x)))',
    );
  });
});

describe('emitWgsl: safety', () => {
  it('emits only whitelisted characters, and every helper it calls is in the prelude', () => {
    const rng = mulberry32(8080);
    const constants = [0, 1, 2, 0.5, -3, 1e-7, 1e21, 123.456, Math.PI];
    const defined = new Set(
      [...WGSL_EXPRESSION_PRELUDE.matchAll(/fn (ss_\w+)\(/g)].map((m) => m[1]),
    );
    for (let i = 0; i < 1000; i++) {
      const e = randomExpression(rng, { variables: ['x', 'y', 'b'], maxDepth: 6, constants });
      for (const tree of [e, simplify(e), differentiate(e, 'x')]) {
        let wgsl: string;
        try {
          wgsl = emitWgsl(tree, NAMES);
        } catch (error) {
          expect(String(error)).toContain('f32 cannot represent');
          continue;
        }
        expect(wgsl).toMatch(SAFE_WGSL);
        for (const [name] of wgsl.matchAll(/ss_\w+/g)) expect(defined).toContain(name);
        for (const [literal] of wgsl.matchAll(/(?<![\w.])[\d.][\w.+-]*f\b/g)) {
          expect(literal).toMatch(WGSL_F32_LITERAL);
        }
      }
    }
  });

  it('writes each constant as the nearest f32, in as few digits as read back exactly', () => {
    const rng = mulberry32(3);
    for (let i = 0; i < 2000; i++) {
      const value = (rng() * 2 - 1) * 10 ** ((rng() * 2 - 1) * 37);
      const wgsl = emitWgsl({ kind: 'num', value }, {});
      const literal = wgsl.replace(/^\(-(.*)\)$/, '$1');
      expect(literal).toMatch(WGSL_F32_LITERAL);
      const read = Number(literal.slice(0, -1)) * (wgsl.startsWith('(-') ? -1 : 1);
      expect(Math.fround(read)).toBe(Math.fround(value));
    }
  });

  it('refuses a variable without a WGSL name', () => {
    expect(() => emitWgsl(parseExpression('x*y'), { x: 'z.x' })).toThrow(
      "no WGSL name given for variable 'y'",
    );
    expect(() => emitWgsl({ kind: 'var', name: 'constructor' }, {})).toThrow(RangeError);
  });

  it('refuses a WGSL name that is not a plain reference', () => {
    for (const text of ['1.0); evil(', 'z.x // ', 'a b', '', 'p[i + 1]', '/*']) {
      expect(() => emitWgsl(parseExpression('x'), { x: text })).toThrow(RangeError);
    }
  });

  it('refuses constants that f32 cannot hold instead of writing a literal that fails to compile', () => {
    expect(() => emit('1e39*x')).toThrow("constant '1e+39' is 1e+39, which f32 cannot represent");
    expect(() => emit('log(0)*x')).toThrow("constant 'log(0)' is -Infinity");
    expect(() => emit('exp(100) + x')).toThrow(RangeError);
    expect(emit('1e-50*x')).toBe('(0.0f * z.x)');
  });
});
