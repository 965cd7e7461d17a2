import type { BinaryOperator, Expr, UnaryFunction } from './ast.js';
import { shareSubtrees } from './dag.js';
import { UNARY_FUNCTION_VALUES } from './unary-function-values.js';

/**
 * Rewrites `e` into a smaller expression with the same value wherever both
 * are defined: folds constants (only to finite results), drops 0 and 1
 * identities, cancels double negation and lifts signs out of products, so
 * that d/dx of `x*y` is `y` rather than `1*y + x*0`.
 *
 * Rules that are exact in float64 (sign flips, operand order of `*`) are
 * used freely; the only rounding change is merging constant factors
 * (`2*(3*x)` → `6*x`).
 */
export function simplify(e: Expr): Expr {
  if (SIMPLIFIED.has(e)) return e;
  // Derivatives share subtrees; memoising keeps the walk linear in distinct nodes.
  const done = new Map<Expr, Expr>();
  const visit = (node: Expr): Expr => {
    if (SIMPLIFIED.has(node)) return node;
    const cached = done.get(node);
    if (cached !== undefined) return cached;
    let result: Expr;
    switch (node.kind) {
      case 'num':
      case 'var':
        result = node;
        break;
      case 'neg':
        result = negate(visit(node.arg));
        break;
      case 'bin':
        result = combine(node.op, visit(node.left), visit(node.right));
        break;
      case 'call':
        result = apply(node.fn, visit(node.arg));
        break;
    }
    done.set(node, result);
    return result;
  };
  // Equal subtrees as one object, so that passes memoised by identity meet each once.
  const result = shareSubtrees(visit(e));
  markSimplified(result);
  return result;
}

// Every node simplify has returned, with all its subtrees. simplify is idempotent (a tested
// property), so it hands these back as they are: a derivative, which is built from simplified
// subtrees, then costs a walk over its new nodes only.
const SIMPLIFIED = new WeakSet<Expr>();

function markSimplified(e: Expr): void {
  if (SIMPLIFIED.has(e)) return;
  SIMPLIFIED.add(e);
  switch (e.kind) {
    case 'neg':
    case 'call':
      markSimplified(e.arg);
      break;
    case 'bin':
      markSimplified(e.left);
      markSimplified(e.right);
      break;
  }
}

// The constructors below assume their operands are already simplified.

export function num(value: number): Expr {
  return { kind: 'num', value };
}

const isNum = (e: Expr, value: number): boolean => e.kind === 'num' && e.value === value;
const isNegativeNum = (e: Expr): e is { kind: 'num'; value: number } =>
  e.kind === 'num' && e.value < 0;

function folded(value: number): Expr | undefined {
  return Number.isFinite(value) ? num(value) : undefined;
}

export function negate(a: Expr): Expr {
  if (a.kind === 'num') return num(-a.value);
  if (a.kind === 'neg') return a.arg;
  // −(p − q) = q − p exactly: rounding is symmetric in sign.
  if (a.kind === 'bin' && a.op === '-') return subtract(a.right, a.left);
  return { kind: 'neg', arg: a };
}

export function add(a: Expr, b: Expr): Expr {
  if (a.kind === 'num' && b.kind === 'num') {
    const f = folded(a.value + b.value);
    if (f) return f;
  }
  if (isNum(a, 0)) return b;
  if (isNum(b, 0)) return a;
  if (b.kind === 'neg') return subtract(a, b.arg);
  if (isNegativeNum(b)) return subtract(a, num(-b.value));
  if (a.kind === 'neg') return subtract(b, a.arg);
  if (isNegativeNum(a)) return subtract(b, num(-a.value));
  return { kind: 'bin', op: '+', left: a, right: b };
}

export function subtract(a: Expr, b: Expr): Expr {
  if (a.kind === 'num' && b.kind === 'num') {
    const f = folded(a.value - b.value);
    if (f) return f;
  }
  if (isNum(b, 0)) return a;
  if (isNum(a, 0)) return negate(b);
  if (b.kind === 'neg') return add(a, b.arg);
  if (isNegativeNum(b)) return add(a, num(-b.value));
  return { kind: 'bin', op: '-', left: a, right: b };
}

export function multiply(a: Expr, b: Expr): Expr {
  if (a.kind === 'num' && b.kind === 'num') {
    const f = folded(a.value * b.value);
    if (f) return f;
  }
  if (isNum(a, 0) || isNum(b, 0)) return num(0);
  if (isNum(a, 1)) return b;
  if (isNum(b, 1)) return a;
  // Constants first; swapping the operands of * is exact.
  if (b.kind === 'num' && a.kind !== 'num') return multiply(b, a);
  if (a.kind === 'neg') return negate(multiply(a.arg, b));
  if (b.kind === 'neg') return negate(multiply(a, b.arg));
  if (isNegativeNum(a) && b.kind !== 'num') return negate(multiply(num(-a.value), b));
  if (a.kind === 'num' && b.kind === 'bin' && b.op === '*' && b.left.kind === 'num') {
    const f = folded(a.value * b.left.value);
    if (f) return multiply(f, b.right);
  }
  return { kind: 'bin', op: '*', left: a, right: b };
}

export function divide(a: Expr, b: Expr): Expr {
  if (a.kind === 'num' && b.kind === 'num') {
    const f = folded(a.value / b.value);
    if (f) return f;
  }
  if (isNum(b, 1)) return a;
  // 0/b = 0 wherever b ≠ 0; a constant b that is 0 makes 0/b undefined everywhere.
  if (isNum(a, 0) && !isNum(b, 0)) return num(0);
  if (a.kind === 'neg') return negate(divide(a.arg, b));
  if (b.kind === 'neg') return negate(divide(a, b.arg));
  if (isNegativeNum(a) && b.kind !== 'num') return negate(divide(num(-a.value), b));
  if (isNegativeNum(b)) return negate(divide(a, num(-b.value)));
  return { kind: 'bin', op: '/', left: a, right: b };
}

export function power(a: Expr, b: Expr): Expr {
  if (a.kind === 'num' && b.kind === 'num') {
    const f = folded(Math.pow(a.value, b.value));
    if (f) return f;
  }
  if (isNum(b, 0) || isNum(a, 1)) return num(1);
  if (isNum(b, 1)) return a;
  return { kind: 'bin', op: '^', left: a, right: b };
}

export function apply(fn: UnaryFunction, a: Expr): Expr {
  if (a.kind === 'num') {
    const f = folded(UNARY_FUNCTION_VALUES[fn](a.value));
    if (f) return f;
  }
  if (fn === 'abs' && a.kind === 'neg') return apply('abs', a.arg);
  if (fn === 'abs' && a.kind === 'call' && a.fn === 'abs') return a;
  return { kind: 'call', fn, arg: a };
}

export function combine(op: BinaryOperator, a: Expr, b: Expr): Expr {
  switch (op) {
    case '+':
      return add(a, b);
    case '-':
      return subtract(a, b);
    case '*':
      return multiply(a, b);
    case '/':
      return divide(a, b);
    case '^':
      return power(a, b);
  }
}
