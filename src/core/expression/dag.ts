import type { Expr } from './ast.js';
import { UNARY_FUNCTION_VALUES } from './unary-function-values.js';

/**
 * One node of an ExprDag. Its children are earlier nodes, by index, so the
 * nodes are in topological order (every child before its parents).
 */
export interface DagNode {
  /** A tree with this node's structure (the first one met). */
  readonly expr: Expr;
  /** Indices of the operands: [arg] for neg and call, [left, right] for bin, [] for leaves. */
  readonly children: readonly number[];
  /** Whether no variable occurs below, so that the node has one value everywhere. */
  readonly constant: boolean;
  /** The float64 value of a constant node (the same operations as evaluation); NaN otherwise. */
  readonly value: number;
}

/**
 * Expressions as one shared DAG: structurally equal subtrees, within one
 * root or across roots, are one node. Derivatives reuse the subtrees of what
 * they differentiate, so their trees can be exponentially larger than their
 * DAGs; every pass that must stay cheap works on this form.
 */
export interface ExprDag {
  readonly nodes: readonly DagNode[];
  /** The node of each root, in the order given. */
  readonly roots: readonly number[];
}

// Hash-consing keys of interior nodes: the operator's code with the children's indices, as one
// exact number (a string key would be rebuilt and rehashed at every visit).
const CODE: Readonly<Record<string, number>> = {
  neg: 1,
  '+': 2,
  '-': 3,
  '*': 4,
  '/': 5,
  '^': 6,
  sin: 7,
  cos: 8,
  tan: 9,
  exp: 10,
  log: 11,
  sqrt: 12,
  abs: 13,
  tanh: 14,
  sigmoid: 15,
  softplus: 16,
  sign: 17,
};
const INDEX_LIMIT = 2 ** 21; // code·2⁴² + a·2²¹ + b stays below 2⁵³, so keys are exact.

function constantValue(e: Expr, operands: readonly number[]): number {
  switch (e.kind) {
    case 'num':
      return e.value;
    case 'var':
      return NaN;
    case 'neg':
      return -operands[0];
    case 'call':
      return UNARY_FUNCTION_VALUES[e.fn](operands[0]);
    case 'bin': {
      const [a, b] = operands;
      switch (e.op) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          return a / b;
        case '^':
          return Math.pow(a, b);
      }
    }
  }
}

/**
 * The shared DAG of `roots`, in time linear in their number of distinct
 * objects (never in the size of their trees).
 */
export function exprDag(roots: readonly Expr[]): ExprDag {
  const nodes: DagNode[] = [];
  const byObject = new Map<Expr, number>();
  const numbers = new Map<number, number>();
  let negativeZero: number | undefined;
  const variables = new Map<string, number>();
  const interior = new Map<number, number>();
  const add = (e: Expr, children: readonly number[], constant: boolean, value: number) => {
    if (nodes.length >= INDEX_LIMIT) throw new RangeError('expression DAG too large to index');
    nodes.push({ expr: e, children, constant, value });
    return nodes.length - 1;
  };
  const visit = (e: Expr): number => {
    let index = byObject.get(e);
    if (index !== undefined) return index;
    switch (e.kind) {
      case 'num':
        // Map keys treat −0 as 0, and the two must stay apart.
        if (Object.is(e.value, -0)) index = negativeZero ??= add(e, [], true, e.value);
        else {
          index = numbers.get(e.value);
          if (index === undefined) numbers.set(e.value, (index = add(e, [], true, e.value)));
        }
        break;
      case 'var':
        index = variables.get(e.name);
        if (index === undefined) variables.set(e.name, (index = add(e, [], false, NaN)));
        break;
      default: {
        const children = e.kind === 'bin' ? [visit(e.left), visit(e.right)] : [visit(e.arg)];
        const code = CODE[e.kind === 'neg' ? 'neg' : e.kind === 'bin' ? e.op : e.fn];
        const k = (code * INDEX_LIMIT + children[0]) * INDEX_LIMIT + (children[1] ?? 0);
        index = interior.get(k);
        if (index === undefined) {
          const constant = children.every((c) => nodes[c].constant);
          const operands = children.map((c) => nodes[c].value);
          const value = constant ? constantValue(e, operands) : NaN;
          interior.set(k, (index = add(e, children, constant, value)));
        }
      }
    }
    byObject.set(e, index);
    return index;
  };
  return { nodes, roots: roots.map(visit) };
}

/** The number of distinct nodes of `roots` together: the measure of their cost. */
export function dagSize(roots: readonly Expr[]): number {
  return exprDag(roots).nodes.length;
}

/**
 * `e` rebuilt so that structurally equal subtrees are one object, which lets
 * passes memoised by object identity (differentiate) treat them once.
 */
export function shareSubtrees(e: Expr): Expr {
  const dag = exprDag([e]);
  const shared: Expr[] = [];
  for (const [i, node] of dag.nodes.entries()) {
    const e = node.expr;
    const [a, b] = node.children.map((c) => shared[c]);
    switch (e.kind) {
      case 'num':
      case 'var':
        shared[i] = e;
        break;
      case 'neg':
      case 'call':
        shared[i] = a === e.arg ? e : { ...e, arg: a };
        break;
      case 'bin':
        shared[i] = a === e.left && b === e.right ? e : { ...e, left: a, right: b };
        break;
    }
  }
  return shared[dag.roots[0]];
}
