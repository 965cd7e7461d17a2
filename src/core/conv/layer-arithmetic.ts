/**
 * Python arithmetic on the layer parser's values (layer-parser.ts reads the syntax): ints stay
 * ints under + − * // % and ** with a non-negative exponent, `/` always gives a float, `//` and
 * `%` floor, and bools count as 0 and 1. Ints are computed exactly (BigInt) and must stay within
 * ±(2^53 − 1), where a JavaScript number still holds every int; beyond that the parser stops
 * rather than round. Errors carry Python's wording (ZeroDivisionError, TypeError).
 */
import { LayerParseError, type SourcePosition } from './layer-parse-error.js';
import type { PyValue } from './layer-arguments.js';

export type BinaryOperator = '+' | '-' | '*' | '/' | '//' | '%' | '**';

export const BINARY_OPERATORS: readonly string[] = ['+', '-', '*', '/', '//', '%', '**'];

type NumberValue = { kind: 'int' | 'float'; value: number };

/** Python's type name, for TypeError messages. */
export function pythonTypeName(value: PyValue): string {
  return value.kind === 'none' ? 'NoneType' : value.kind;
}

function asNumber(value: PyValue): NumberValue | null {
  if (value.kind === 'int' || value.kind === 'float') return value;
  if (value.kind === 'bool') return { kind: 'int', value: value.value ? 1 : 0 };
  return null;
}

function tooLarge(text: string, at: SourcePosition): never {
  throw new LayerParseError(
    at,
    `the int ${text} is beyond ±(2^53 − 1), where numbers here stop being exact`,
    'a smaller number',
  );
}

function checkedInt(value: bigint, at: SourcePosition): PyValue {
  const limit = BigInt(Number.MAX_SAFE_INTEGER);
  if (value > limit || value < -limit) tooLarge(String(value), at);
  const number = Number(value);
  return { kind: 'int', value: number === 0 ? 0 : number, at };
}

function checkedFloat(value: number, at: SourcePosition): PyValue {
  if (!Number.isFinite(value))
    throw new LayerParseError(at, 'numerical result out of range', 'a finite number');
  return { kind: 'float', value, at };
}

/** Python's float floor division and modulo (floatobject.c, float_divmod). */
function floatDivmod(a: number, b: number): [number, number] {
  let mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0) {
    if (b < 0 !== mod < 0) {
      mod += b;
      div -= 1;
    }
  } else {
    mod = b < 0 ? -0 : 0;
  }
  let floorDiv: number;
  if (div !== 0) {
    floorDiv = Math.floor(div);
    if (div - floorDiv > 0.5) floorDiv += 1;
  } else {
    floorDiv = a / b < 0 ? -0 : 0;
  }
  return [floorDiv, mod];
}

function floorDivBig(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/**
 * `left op right`. `opAt` is where the operator is (errors point there); `at` is where the
 * whole expression starts (the result's position).
 */
export function applyBinary(
  op: BinaryOperator,
  left: PyValue,
  right: PyValue,
  opAt: SourcePosition,
  at: SourcePosition,
): PyValue {
  const a = asNumber(left);
  const b = asNumber(right);
  if (!a || !b) {
    throw new LayerParseError(
      opAt,
      `unsupported operand type(s) for ${op}: '${pythonTypeName(left)}' and '${pythonTypeName(right)}'`,
      'numbers on both sides (arithmetic on strings, tuples and None is not read here)',
    );
  }
  const ints = a.kind === 'int' && b.kind === 'int';
  if ((op === '/' || op === '//' || op === '%') && b.value === 0) {
    const detail =
      op === '/'
        ? 'division by zero'
        : ints
          ? op === '//'
            ? 'integer division or modulo by zero'
            : 'integer modulo by zero'
          : op === '//'
            ? 'float floor division by zero'
            : 'float modulo';
    throw new LayerParseError(opAt, `ZeroDivisionError: ${detail}`, 'a non-zero divisor');
  }
  if (op === '/') return checkedFloat(a.value / b.value, at);
  if (op === '**') {
    if (a.value === 0 && b.value < 0) {
      throw new LayerParseError(
        opAt,
        'ZeroDivisionError: 0.0 cannot be raised to a negative power',
        'a non-negative exponent for 0',
      );
    }
    if (ints && b.value >= 0) {
      // |a| ≥ 2 to the 54th is already beyond 2^53: say so without building a huge BigInt.
      if (Math.abs(a.value) >= 2 && b.value >= 54) tooLarge(`${a.value} ** ${b.value}`, at);
      return checkedInt(BigInt(a.value) ** BigInt(b.value), at);
    }
    if (a.value < 0 && !Number.isInteger(b.value)) {
      throw new LayerParseError(
        opAt,
        'a negative number to a fractional power is a complex number in Python',
        'a real result',
      );
    }
    return checkedFloat(a.value ** b.value, at);
  }
  if (ints) {
    const x = BigInt(a.value);
    const y = BigInt(b.value);
    switch (op) {
      case '+':
        return checkedInt(x + y, at);
      case '-':
        return checkedInt(x - y, at);
      case '*':
        return checkedInt(x * y, at);
      case '//':
        return checkedInt(floorDivBig(x, y), at);
      case '%':
        return checkedInt(x - floorDivBig(x, y) * y, at);
    }
  }
  switch (op) {
    case '+':
      return checkedFloat(a.value + b.value, at);
    case '-':
      return checkedFloat(a.value - b.value, at);
    case '*':
      return checkedFloat(a.value * b.value, at);
    case '//':
      return checkedFloat(floatDivmod(a.value, b.value)[0], at);
    case '%':
      return checkedFloat(floatDivmod(a.value, b.value)[1], at);
  }
}

/** `-x` or `+x`; `at` is where the sign is. */
export function applyUnary(sign: '+' | '-', operand: PyValue, at: SourcePosition): PyValue {
  const n = asNumber(operand);
  if (!n) {
    throw new LayerParseError(
      at,
      `bad operand type for unary ${sign}: '${pythonTypeName(operand)}'`,
      'a number',
    );
  }
  if (sign === '+') return { kind: n.kind, value: n.value, at };
  if (n.kind === 'int') return { kind: 'int', value: n.value === 0 ? 0 : -n.value, at };
  return { kind: 'float', value: -n.value, at };
}

/** Python's repr of a float: 32.0, 0.5, 1e-05, 1e+16 (shortest digits that read back). */
export function pythonFloatRepr(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa, exponentText] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  // Python writes an exponent below 1e-4 and from 1e16 on.
  if (exponent < -4 || exponent >= 16) {
    return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  const text = String(value);
  return text.includes('.') ? text : `${text}.0`;
}
