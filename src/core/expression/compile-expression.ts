import type { Expr } from './ast.js';
import { exprDag } from './dag.js';
import { UNARY_FUNCTION_VALUES } from './unary-function-values.js';

export type CompiledExpression = (values: ArrayLike<number>) => number;

/** Evaluates several expressions at once: out[i] = the value of root i. */
export type CompiledExpressions = (values: ArrayLike<number>, out: { [i: number]: number }) => void;

const enum Op {
  Var,
  Neg,
  Add,
  Sub,
  Mul,
  Div,
  Pow,
  Call,
}

const BINARY_OP = { '+': Op.Add, '-': Op.Sub, '*': Op.Mul, '/': Op.Div, '^': Op.Pow } as const;

/**
 * Turns `e` into a float64 function of `values`, where `values[i]` is the
 * value of `variables[i]`. Throws RangeError if `e` uses a variable that is
 * not listed.
 */
export function compileExpression(e: Expr, variables: readonly string[]): CompiledExpression {
  const all = compileExpressions([e], variables);
  const out = [0];
  return (values) => {
    all(values, out);
    return out[0];
  };
}

/**
 * Compiles `roots` together into one flat instruction tape over their shared
 * DAG (exprDag): each distinct subexpression is computed once per call, in
 * topological order, with the same float64 operation as the tree it came
 * from, so results are bit-identical to evaluating each tree on its own.
 * Parts without variables are computed here, once. No `eval`, so it works
 * under a strict Content-Security-Policy. Throws RangeError if a root uses a
 * variable that is not listed.
 */
export function compileExpressions(
  roots: readonly Expr[],
  variables: readonly string[],
): CompiledExpressions {
  const slots = new Map<string, number>();
  variables.forEach((name, i) => {
    if (!slots.has(name)) slots.set(name, i);
  });
  const dag = exprDag(roots);
  const registers = new Float64Array(dag.nodes.length);
  const ops: Op[] = [];
  const targets: number[] = [];
  const lefts: number[] = [];
  const rights: number[] = [];
  const functions: ((t: number) => number)[] = [];
  for (const [i, node] of dag.nodes.entries()) {
    if (node.constant) {
      registers[i] = node.value;
      continue;
    }
    const e = node.expr;
    const [a, b] = node.children;
    let op: Op;
    let left = a ?? 0;
    let right = b ?? 0;
    switch (e.kind) {
      case 'num':
        continue;
      case 'var': {
        const slot = slots.get(e.name);
        if (slot === undefined) {
          throw new RangeError(`variable '${e.name}' is not one of: ${variables.join(', ')}`);
        }
        op = Op.Var;
        left = slot;
        break;
      }
      case 'neg':
        op = Op.Neg;
        break;
      case 'call':
        op = Op.Call;
        right = functions.push(UNARY_FUNCTION_VALUES[e.fn]) - 1;
        break;
      case 'bin':
        op = BINARY_OP[e.op];
        break;
    }
    ops.push(op);
    targets.push(i);
    lefts.push(left);
    rights.push(right);
  }
  const op = Uint8Array.from(ops);
  const target = Int32Array.from(targets);
  const left = Int32Array.from(lefts);
  const right = Int32Array.from(rights);
  const rootIndices = Int32Array.from(dag.roots);
  const r = registers;
  return (values, out) => {
    for (let k = 0; k < op.length; k++) {
      const a = left[k];
      const b = right[k];
      switch (op[k]) {
        case Op.Var:
          r[target[k]] = values[a];
          break;
        case Op.Neg:
          r[target[k]] = -r[a];
          break;
        case Op.Add:
          r[target[k]] = r[a] + r[b];
          break;
        case Op.Sub:
          r[target[k]] = r[a] - r[b];
          break;
        case Op.Mul:
          r[target[k]] = r[a] * r[b];
          break;
        case Op.Div:
          r[target[k]] = r[a] / r[b];
          break;
        case Op.Pow:
          r[target[k]] = Math.pow(r[a], r[b]);
          break;
        case Op.Call:
          r[target[k]] = functions[b](r[a]);
          break;
      }
    }
    for (let i = 0; i < rootIndices.length; i++) out[i] = r[rootIndices[i]];
  };
}
