import type { Expr } from './ast.js';
import { UNARY_FUNCTION_VALUES } from './unary-function-values.js';

export type CompiledExpression = (values: ArrayLike<number>) => number;

/**
 * Turns `e` into a float64 function of `values`, where `values[i]` is the
 * value of `variables[i]`. Built from closures over the tree (no `eval`, so
 * it works under a strict Content-Security-Policy). Throws RangeError if `e`
 * uses a variable that is not listed.
 */
export function compileExpression(e: Expr, variables: readonly string[]): CompiledExpression {
  const slots = new Map<string, number>();
  variables.forEach((name, i) => {
    if (!slots.has(name)) slots.set(name, i);
  });
  const build = (node: Expr): CompiledExpression => {
    switch (node.kind) {
      case 'num': {
        const value = node.value;
        return () => value;
      }
      case 'var': {
        const slot = slots.get(node.name);
        if (slot === undefined) {
          throw new RangeError(`variable '${node.name}' is not one of: ${variables.join(', ')}`);
        }
        return (v) => v[slot];
      }
      case 'neg': {
        const arg = build(node.arg);
        return (v) => -arg(v);
      }
      case 'call': {
        const f = UNARY_FUNCTION_VALUES[node.fn];
        const arg = build(node.arg);
        return (v) => f(arg(v));
      }
      case 'bin': {
        const a = build(node.left);
        const b = build(node.right);
        switch (node.op) {
          case '+':
            return (v) => a(v) + b(v);
          case '-':
            return (v) => a(v) - b(v);
          case '*':
            return (v) => a(v) * b(v);
          case '/':
            return (v) => a(v) / b(v);
          case '^':
            return (v) => Math.pow(a(v), b(v));
        }
      }
    }
  };
  return build(e);
}
