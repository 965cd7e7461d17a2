import expressionPreludeWgsl from '../../../shaders/lib/expression-prelude.wgsl?raw';
import { isConstant, type Expr, type UnaryFunction } from './ast.js';
import { compileExpression } from './compile-expression.js';
import { formatExpression } from './format-expression.js';

/**
 * WGSL helpers that emitted expressions call (shaders/lib/expression-prelude.wgsl, which
 * documents them). Include it once in any shader that uses emitWgsl's output.
 */
export const WGSL_EXPRESSION_PRELUDE: string = expressionPreludeWgsl;

const WGSL_FUNCTION: Readonly<Record<UnaryFunction, string>> = {
  sin: 'ss_sin',
  cos: 'ss_cos',
  tan: 'ss_tan',
  exp: 'exp',
  log: 'log',
  sqrt: 'sqrt',
  abs: 'abs',
  tanh: 'ss_tanh',
  sigmoid: 'ss_sigmoid',
  softplus: 'ss_softplus',
  sign: 'ss_sign',
};

// What a variable may map to: an identifier with member accesses and simple indices (`z.x`, `p[3]`).
const WGSL_REFERENCE = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*|\[[A-Za-z0-9_]+\])*$/;

/**
 * A WGSL f32 expression computing `e`, for use with WGSL_EXPRESSION_PRELUDE.
 * Each variable becomes the WGSL text `names[variable]` (for example
 * `{ x: 'z.x', y: 'z.y', b: 'p[3]' }`), which must be a plain reference.
 *
 * The text is built from the tree alone, fully parenthesised. Parts without
 * variables are evaluated here in float64 and written as one f32 literal:
 * WGSL evaluates constant expressions while compiling, and an overflow or NaN
 * there is a shader-creation error. Throws RangeError for an unmapped
 * variable, a mapping that is not a plain reference, or a constant that is
 * not finite in f32.
 */
export function emitWgsl(e: Expr, names: Readonly<Record<string, string>>): string {
  for (const [name, text] of Object.entries(names)) {
    if (!WGSL_REFERENCE.test(text)) {
      throw new RangeError(`'${name}' maps to '${text}', which is not a plain WGSL reference`);
    }
  }
  const emit = (node: Expr): string => {
    switch (node.kind) {
      case 'num':
        return f32Literal(node.value, node);
      case 'var':
        if (!Object.hasOwn(names, node.name)) {
          throw new RangeError(`no WGSL name given for variable '${node.name}'`);
        }
        return names[node.name];
      default:
        if (isConstant(node)) return f32Literal(compileExpression(node, [])([]), node);
    }
    switch (node.kind) {
      case 'neg':
        return `(-${emit(node.arg)})`;
      case 'call':
        return `${WGSL_FUNCTION[node.fn]}(${emit(node.arg)})`;
      case 'bin':
        if (node.op === '^') return emitPower(emit(node.left), node.right, emit);
        return `(${emit(node.left)} ${node.op} ${emit(node.right)})`;
    }
  };
  return emit(e);
}

// Small integer powers become multiplications: exact, and defined for negative bases.
function emitPower(base: string, exponent: Expr, emit: (node: Expr) => string): string {
  const n = isConstant(exponent) ? compileExpression(exponent, [])([]) : NaN;
  if (!Number.isInteger(n) || Math.abs(n) > 4) return `ss_pow(${base}, ${emit(exponent)})`;
  if (n === 0) return '1.0f';
  if (n === 1) return base;
  if (n === -1) return `(1.0f / ${base})`;
  return n > 0 ? `ss_pow${n}(${base})` : `(1.0f / ss_pow${-n}(${base}))`;
}

/** The f32 nearest to `value`, as the shortest WGSL literal that reads back as that f32. */
function f32Literal(value: number, source: Expr): string {
  const f = Math.fround(value);
  if (!Number.isFinite(f)) {
    throw new RangeError(
      `constant '${formatExpression(source)}' is ${value}, which f32 cannot represent`,
    );
  }
  const magnitude = Math.abs(f);
  let digits = '';
  // Nine significant digits always identify an f32; fewer usually do.
  for (let p = 1; p <= 9 && digits === ''; p++) {
    const shortest = Number(magnitude.toPrecision(p));
    if (Math.fround(shortest) === magnitude) digits = String(shortest);
  }
  const literal = /[.e]/.test(digits) ? `${digits}f` : `${digits}.0f`;
  return f < 0 || Object.is(f, -0) ? `(-${literal})` : literal;
}
