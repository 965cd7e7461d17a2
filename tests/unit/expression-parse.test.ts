import { describe, expect, it } from 'vitest';
import {
  compileExpression,
  ExpressionError,
  parseExpression,
  type ParseOptions,
} from '../../src/core/expression/index.js';

function valueOf(text: string, x = 0, y = 0, options?: ParseOptions): number {
  return compileExpression(parseExpression(text, options), ['x', 'y'])([x, y]);
}

function errorOf(text: string, options?: ParseOptions): ExpressionError {
  try {
    parseExpression(text, options);
  } catch (error) {
    if (error instanceof ExpressionError) return error;
    throw error;
  }
  throw new Error(`'${text}' parsed without an error`);
}

describe('parseExpression: numbers, names and precedence', () => {
  it.each([
    ['2', 2],
    ['0.5', 0.5],
    ['.5', 0.5],
    ['2.', 2],
    ['1e-3', 0.001],
    ['2.5E+2', 250],
    ['1E2', 100],
    ['pi', Math.PI],
    ['e', Math.E],
    ['2^3^2', 512],
    ['2**3**2', 512],
    ['(2^3)^2', 64],
    ['2*-3', -6],
    ['1-2-3', -4],
    ['8/2/2', 2],
    ['8/(2/2)', 8],
    ['1+2*3', 7],
    ['(1+2)*3', 9],
    ['-2^2', -4],
    ['(-2)^2', 4],
    ['2^-1', 0.5],
    ['2^-1^2', 0.5],
    ['--3', 3],
    ['+3', 3],
    ['1 - -2', 3],
    ['2*+3', 6],
    ['-3*2', -6],
    ['1/2*4', 2],
    ['sqrt(16)', 4],
    ['abs(-3) + sign(-3)', 2],
    ['softplus(0)', Math.LN2],
    ['sigmoid(0)', 0.5],
  ])('%s = %d', (text, value) => {
    expect(valueOf(text)).toBeCloseTo(value, 14);
  });

  it('-x^2 is −(x²): at x = 3 it is −9', () => {
    expect(valueOf('-x^2', 3)).toBe(-9);
    expect(valueOf('-x**2', 3)).toBe(-9);
  });

  it('reads x and y by default, and whitespace of any kind between tokens', () => {
    expect(valueOf(' \t x\n*\r\ny\u00a0', 2, 5)).toBe(10);
  });

  it('builds the tree the grammar describes', () => {
    expect(parseExpression('-x^2')).toEqual({
      kind: 'neg',
      arg: {
        kind: 'bin',
        op: '^',
        left: { kind: 'var', name: 'x' },
        right: { kind: 'num', value: 2 },
      },
    });
    expect(parseExpression('sin(x)')).toEqual({
      kind: 'call',
      fn: 'sin',
      arg: { kind: 'var', name: 'x' },
    });
  });

  it('accepts the extra parameter names a game passes, and only those', () => {
    const options = { variables: ['x', 'y', 'b', 'r1', 'mux'] };
    const e = parseExpression('-softplus(-x*y) - r1/2*x^2 + b*mux', options);
    const f = compileExpression(e, options.variables);
    const [x, y, b, r1, mux] = [0.3, -0.7, 2, 0.5, 1.5];
    expect(f([x, y, b, r1, mux])).toBeCloseTo(
      -Math.log1p(Math.exp(-x * y)) - (r1 / 2) * x * x + b * mux,
      14,
    );
    expect(errorOf('b*x', { variables: ['x'] }).message).toBe("unknown name 'b' at 0: use x");
  });

  it('treats pi and e as constants, never as variables', () => {
    expect(() => parseExpression('x', { variables: ['x', 'e'] })).toThrow(RangeError);
    expect(() => parseExpression('x', { variables: ['sin'] })).toThrow(RangeError);
    expect(() => parseExpression('x', { variables: ['2x'] })).toThrow(RangeError);
  });

  it('refuses a maxDepth deep enough to overflow the stack', () => {
    expect(() => parseExpression('x', { maxDepth: 1000 })).not.toThrow();
    expect(() => parseExpression('x', { maxDepth: 1001 })).toThrow(RangeError);
    expect(() => parseExpression('x', { maxDepth: 0 })).toThrow(RangeError);
  });
});

describe('parseExpression: errors name what was found, what was expected, and where', () => {
  it.each([
    ['', 'empty expression', 0],
    ['  \t ', 'empty expression', 0],
    ['x*z', "unknown name 'z' at 2: use x or y", 2],
    ['X+1', "unknown name 'X' at 0: did you mean 'x'?", 0],
    ['Pi', "unknown name 'Pi' at 0: did you mean 'pi'?", 0],
    [
      'foo(x)',
      "unknown function 'foo' at 0: use sin, cos, tan, exp, log, sqrt, abs, tanh, sigmoid, softplus or sign",
      0,
    ],
    ['ln(x)', "unknown function 'ln' at 0: did you mean 'log'?", 0],
    ['Sin(x)', "unknown function 'Sin' at 0: did you mean 'sin'?", 0],
    ['2x', "missing operator between '2' and 'x' at 1", 1],
    ['x y', "missing operator between 'x' and 'y' at 2", 2],
    ['(x)(y)', "missing operator between ')' and '(' at 3", 3],
    ['x(y)', "missing operator between 'x' and '(' at 1", 1],
    ['2 3', "missing operator between '2' and '3' at 2", 2],
    ['2^3x', "missing operator between '3' and 'x' at 3", 3],
    ['x + y)', "unexpected ')' at 5: no '(' is open", 5],
    ['x + ', "expected an expression after '+' at 2", 2],
    ['x^', "expected an expression after '^' at 1", 1],
    ['x**', "expected an expression after '**' at 1", 1],
    ['-', "expected an expression after '-' at 0", 0],
    ['(', "expected an expression after '(' at 0", 0],
    ['x + )', "unexpected ')' at 4: expected a number, a name or '('", 4],
    ['x * * y', "unexpected '*' at 4: expected a number, a name or '('", 4],
    ['()', "unexpected ')' at 1: expected a number, a name or '('", 1],
    ['(x + 1', "missing ')' for '(' at 0", 0],
    ['sin(x', "missing ')' for '(' at 3", 3],
    ['sin x', "expected '(' after 'sin' at 4", 4],
    ['exp', "expected '(' after 'exp' at 3", 3],
    ['sin(x, y)', "unexpected ',' at 5: functions take one argument", 5],
    ['1.2.3', "malformed number '1.2.3' at 0", 0],
    ['1e999', "number '1e999' at 0 is too large", 0],
    ['x \u00d7 y', "unexpected character '\u00d7' at 2: use '*'", 2],
    ['x \u2212 y', "unexpected character '\u2212' at 2: use '-'", 2],
    ['x\u00b2', "unexpected character '\u00b2' at 1: use '^2'", 1],
    ['x % y', "unexpected character '%' at 2", 2],
    ['x + \u0007', "unexpected character 'U+0007' at 4", 4],
    ['\ud83d\ude00', "unexpected character '\ud83d\ude00' at 0", 0],
    ['[x]', "unexpected character '[' at 0: use '('", 0],
  ])('%j → %s', (text, message, position) => {
    const error = errorOf(text);
    expect(error.message).toBe(message);
    expect(error.position).toBe(position);
  });

  it('says when a name is unknown and there are no variables at all', () => {
    expect(errorOf('x', { variables: [] }).message).toBe(
      "unknown name 'x' at 0: this expression takes no variables",
    );
  });

  it('shortens a long unknown name in the message', () => {
    const error = errorOf('x + ' + 'q'.repeat(500));
    expect(error.message).toBe(`unknown name '${'q'.repeat(20)}\u2026' at 4: use x or y`);
  });

  it('limits nesting to maxDepth levels (parentheses, calls, signs and exponents alike)', () => {
    const nest = (n: number) => '('.repeat(n) + 'x' + ')'.repeat(n);
    expect(() => parseExpression(nest(64))).not.toThrow();
    const error = errorOf(nest(65));
    expect(error.message).toBe('expression nests too deeply (more than 64 levels)');
    expect(error.position).toBe(64);
    expect(errorOf('-'.repeat(65) + 'x').message).toBe(
      'expression nests too deeply (more than 64 levels)',
    );
    expect(errorOf('sin('.repeat(11) + 'x' + ')'.repeat(11), { maxDepth: 10 }).message).toBe(
      'expression nests too deeply (more than 10 levels)',
    );
    expect(errorOf('x^'.repeat(65) + 'x').position).toBe(129);
  });

  it('limits the text to maxLength characters', () => {
    expect(() => parseExpression('x+'.repeat(999) + 'x')).not.toThrow();
    const error = errorOf('x+'.repeat(1000) + 'x');
    expect(error.message).toBe('expression is too long (2001 characters, at most 2000)');
    expect(error.position).toBe(2000);
    expect(errorOf('x + y', { maxLength: 3 }).position).toBe(3);
  });

  it('is an Error whose name is ExpressionError', () => {
    const error = errorOf('x +');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ExpressionError');
  });
});
