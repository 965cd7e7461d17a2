import type { Expr } from './ast.js';

// Binding strength of printed text, loosest first; matches parse-expression's grammar.
const SUM = 1;
const PRODUCT = 2;
const UNARY = 3;
const POWER = 4;
const ATOM = 5;

interface Printed {
  readonly text: string;
  readonly level: number;
}

/**
 * Readable infix text for `e`, with only the parentheses the grammar needs;
 * parsing it back gives an expression with exactly the same float64 value.
 */
export function formatExpression(e: Expr): string {
  return print(e).text;
}

function print(e: Expr): Printed {
  switch (e.kind) {
    case 'num':
      return printNumber(e.value);
    case 'var':
      return { text: e.name, level: ATOM };
    case 'call':
      return { text: `${e.fn}(${print(e.arg).text})`, level: ATOM };
    case 'neg': {
      const arg = print(e.arg);
      if (arg.level >= POWER) return { text: `-${arg.text}`, level: UNARY };
      // −(a·b) and (−a)·b are the same double, so the sign can go on the first factor.
      if (arg.level === PRODUCT && !arg.text.startsWith('-')) {
        return { text: `-${arg.text}`, level: PRODUCT };
      }
      return { text: `-(${arg.text})`, level: UNARY };
    }
    case 'bin': {
      const left = print(e.left);
      const right = print(e.right);
      switch (e.op) {
        case '+':
        case '-':
          return { text: `${left.text} ${e.op} ${wrap(right, PRODUCT)}`, level: SUM };
        case '*':
        case '/':
          return { text: `${wrap(left, PRODUCT)}${e.op}${wrap(right, UNARY)}`, level: PRODUCT };
        case '^':
          return { text: `${wrap(left, ATOM)}^${wrap(right, UNARY)}`, level: POWER };
      }
    }
  }
}

function wrap(p: Printed, atLeast: number): string {
  return p.level >= atLeast ? p.text : `(${p.text})`;
}

function printNumber(value: number): Printed {
  if (value === Math.PI) return { text: 'pi', level: ATOM };
  if (value === Math.E) return { text: 'e', level: ATOM };
  // The grammar has no literal for these; a quotient that evaluates to them keeps the round trip.
  if (Number.isNaN(value)) return { text: '(0/0)', level: ATOM };
  if (value === Infinity) return { text: '(1/0)', level: ATOM };
  if (value === -Infinity) return { text: '(-1/0)', level: ATOM };
  // String() gives the shortest text that reads back as the same double.
  if (value < 0) return { text: `-${String(-value)}`, level: UNARY };
  return { text: String(value), level: ATOM };
}
