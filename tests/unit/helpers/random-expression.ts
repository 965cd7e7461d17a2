import type { Expr, UnaryFunction } from '../../../src/core/expression/index.js';
import { UNARY_FUNCTIONS } from '../../../src/core/expression/index.js';
import { pick, randInt } from '../../helpers/random.js';

export interface RandomExpressionOptions {
  readonly variables: readonly string[];
  readonly maxDepth: number;
  /** Functions to draw from; default all of them. */
  readonly functions?: readonly UnaryFunction[];
  /** Constants to draw from. */
  readonly constants?: readonly number[];
}

const DEFAULT_CONSTANTS = [0, 1, 2, 3, 0.5, 1.5, 0.1, 2.5, Math.PI];

/** A random syntax tree, built directly (not through the parser). */
export function randomExpression(rng: () => number, options: RandomExpressionOptions): Expr {
  const functions = options.functions ?? UNARY_FUNCTIONS;
  const constants = options.constants ?? DEFAULT_CONSTANTS;
  const leaf = (): Expr =>
    rng() < 0.65
      ? { kind: 'var', name: pick(rng, options.variables) }
      : { kind: 'num', value: pick(rng, constants) };
  const build = (depth: number): Expr => {
    if (depth <= 0 || rng() < 0.2) return leaf();
    const r = rng();
    if (r < 0.1) return { kind: 'neg', arg: build(depth - 1) };
    if (r < 0.35) return { kind: 'call', fn: pick(rng, functions), arg: build(depth - 1) };
    if (r < 0.45) {
      // Mostly small integer exponents (the common case), sometimes a general one.
      const right: Expr =
        rng() < 0.7 ? { kind: 'num', value: randInt(rng, -3, 4) } : build(depth - 1);
      return { kind: 'bin', op: '^', left: build(depth - 1), right };
    }
    const op = pick(rng, ['+', '-', '*', '/'] as const);
    return { kind: 'bin', op, left: build(depth - 1), right: build(depth - 1) };
  };
  return build(options.maxDepth);
}

/** `e` and every expression inside it. */
export function subexpressions(e: Expr): Expr[] {
  const found: Expr[] = [];
  const walk = (node: Expr): void => {
    found.push(node);
    if (node.kind === 'neg' || node.kind === 'call') walk(node.arg);
    if (node.kind === 'bin') {
      walk(node.left);
      walk(node.right);
    }
  };
  walk(e);
  return found;
}

/** Every call to abs or sign in `e`: the places where a derivative has a kink or a jump. */
export function kinkArguments(e: Expr): Expr[] {
  return subexpressions(e).flatMap((node) =>
    node.kind === 'call' && (node.fn === 'abs' || node.fn === 'sign') ? [node.arg] : [],
  );
}
