import expressionPreludeWgsl from '../../../shaders/lib/expression-prelude.wgsl?raw';
import type { Expr, UnaryFunction } from './ast.js';
import { exprDag, type DagNode } from './dag.js';
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
 * The text is built from the tree alone, fully parenthesised, and repeats a
 * shared subtree wherever it occurs; for derivatives, whose trees share
 * subtrees heavily, use emitWgslBlock. Parts without variables are evaluated
 * here in float64 and written as one f32 literal: WGSL evaluates constant
 * expressions while compiling, and an overflow or NaN there is a
 * shader-creation error. Throws RangeError for an unmapped variable, a
 * mapping that is not a plain reference, or a constant that is not finite in
 * f32.
 */
export function emitWgsl(e: Expr, names: Readonly<Record<string, string>>): string {
  return emitDag([e], names, null).values[0];
}

/** WGSL for several expressions that share subexpressions: see emitWgslBlock. */
export interface WgslBlock {
  /** `let` statements, one per line, that the values refer to; they go first in the function body. */
  readonly statements: readonly string[];
  /** One WGSL f32 expression per root, in the order given. */
  readonly values: readonly string[];
}

/**
 * WGSL computing each of `roots`, as emitWgsl writes it except that every
 * subexpression used more than once (within one root or across roots) is
 * computed once, into `let <prefix><n> = …;`, and referred to by name, as is
 * every chain of single-use operations at MAX_INLINE_DEPTH nesting, so that no
 * statement nests deeper than a WGSL parser accepts.
 * Nodes are emitted in topological order of the shared DAG (exprDag), so the
 * text grows linearly with the DAG's size, whatever the size of the trees.
 * Each node keeps the operation it has in emitWgsl's text, so the values
 * are the same. Throws as emitWgsl does, and RangeError when `prefix`
 * followed by digits could be the name of a variable's reference.
 */
export function emitWgslBlock(
  roots: readonly Expr[],
  names: Readonly<Record<string, string>>,
  prefix = 't',
): WgslBlock {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(prefix) || /[0-9_]$/.test(prefix)) {
    throw new RangeError(`'${prefix}' is not a usable prefix for WGSL let names`);
  }
  const own = new RegExp(`^${prefix}[0-9]+(?![A-Za-z0-9_])`);
  for (const [name, text] of Object.entries(names)) {
    if (own.test(text)) {
      throw new RangeError(
        `'${name}' maps to '${text}', which a let name '${prefix}<n>' could shadow`,
      );
    }
  }
  return emitDag(roots, names, prefix);
}

// Operations one let may nest. WGSL parsers bound their recursion (Tint refuses a 300-factor
// product's derivative written as one expression: "maximum parser recursive depth reached"), and
// a long chain of single-use nodes would otherwise be one such expression.
const MAX_INLINE_DEPTH = 16;

// Emits the DAG of `roots`; with prefix null nothing is bound and every tree is written out.
function emitDag(
  roots: readonly Expr[],
  names: Readonly<Record<string, string>>,
  prefix: string | null,
): WgslBlock {
  for (const [name, text] of Object.entries(names)) {
    if (!WGSL_REFERENCE.test(text)) {
      throw new RangeError(`'${name}' maps to '${text}', which is not a plain WGSL reference`);
    }
  }
  const { nodes, roots: rootIndices } = exprDag(roots);
  // How often each interior node's text is referred to: by the roots and by its parents' text.
  const uses = new Uint32Array(nodes.length);
  for (const r of rootIndices) uses[r]++;
  for (const node of nodes) {
    if (node.constant) continue;
    for (const c of node.children) uses[c]++;
  }
  const statements: string[] = [];
  const text: (string | undefined)[] = new Array(nodes.length);
  // Operations nested in each node's text (0 for a name, a variable or a literal).
  const depth = new Uint32Array(nodes.length);
  // Only what some root reaches is emitted: a constant below a constant is never written.
  const emit = (i: number): string => {
    const cached = text[i];
    if (cached !== undefined) return cached;
    const node = nodes[i];
    const e = node.expr;
    let result: string;
    if (node.constant) {
      result = f32Literal(node.value, e);
    } else {
      switch (e.kind) {
        case 'num':
          throw new Error('unreachable: a number is constant');
        case 'var':
          if (!Object.hasOwn(names, e.name)) {
            throw new RangeError(`no WGSL name given for variable '${e.name}'`);
          }
          result = names[e.name];
          break;
        case 'neg':
          result = `(-${emit(node.children[0])})`;
          break;
        case 'call':
          result = `${WGSL_FUNCTION[e.fn]}(${emit(node.children[0])})`;
          break;
        case 'bin': {
          const [left, right] = node.children;
          if (e.op === '^') result = emitPower(emit(left), nodes[right], () => emit(right));
          else result = `(${emit(left)} ${e.op} ${emit(right)})`;
          break;
        }
      }
      if (e.kind !== 'var') depth[i] = 1 + Math.max(0, ...node.children.map((c) => depth[c]));
      const deep = depth[i] >= MAX_INLINE_DEPTH;
      if (prefix !== null && e.kind !== 'var' && (uses[i] > 1 || deep)) {
        depth[i] = 0;
        const name = `${prefix}${statements.length}`;
        statements.push(`let ${name} = ${result};`);
        result = name;
      }
    }
    text[i] = result;
    return result;
  };
  return { statements, values: rootIndices.map(emit) };
}

// Small integer powers become multiplications: exact, and defined for negative bases.
function emitPower(base: string, exponent: DagNode, emitExponent: () => string): string {
  const n = exponent.constant ? exponent.value : NaN;
  if (!Number.isInteger(n) || Math.abs(n) > 4) return `ss_pow(${base}, ${emitExponent()})`;
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
