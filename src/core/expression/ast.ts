/** Functions of one argument that an objective may use (`sign` is abs's derivative). */
export type UnaryFunction =
  'sin' | 'cos' | 'tan' | 'exp' | 'log' | 'sqrt' | 'abs' | 'tanh' | 'sigmoid' | 'softplus' | 'sign';

export type BinaryOperator = '+' | '-' | '*' | '/' | '^';

/**
 * An objective's syntax tree. Nodes are immutable and may be shared between
 * trees (a derivative reuses subtrees of the expression it came from).
 */
export type Expr =
  | { readonly kind: 'num'; readonly value: number }
  | { readonly kind: 'var'; readonly name: string }
  | { readonly kind: 'neg'; readonly arg: Expr }
  | { readonly kind: 'bin'; readonly op: BinaryOperator; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'call'; readonly fn: UnaryFunction; readonly arg: Expr };

export const UNARY_FUNCTIONS: readonly UnaryFunction[] = [
  'sin',
  'cos',
  'tan',
  'exp',
  'log',
  'sqrt',
  'abs',
  'tanh',
  'sigmoid',
  'softplus',
  'sign',
];

export function isUnaryFunction(name: string): name is UnaryFunction {
  return (UNARY_FUNCTIONS as readonly string[]).includes(name);
}

// Each node's variables, computed once per node: a shared subtree (a derivative reuses its
// operand's) is walked once, however many times it is referred to.
const VARIABLES = new WeakMap<Expr, ReadonlySet<string>>();
const NO_VARIABLES: ReadonlySet<string> = new Set();

/** The variables `e` refers to. */
export function variablesOf(e: Expr): ReadonlySet<string> {
  let result = VARIABLES.get(e);
  if (result !== undefined) return result;
  switch (e.kind) {
    case 'num':
      result = NO_VARIABLES;
      break;
    case 'var':
      result = new Set([e.name]);
      break;
    case 'neg':
    case 'call':
      result = variablesOf(e.arg);
      break;
    case 'bin': {
      const left = variablesOf(e.left);
      const right = variablesOf(e.right);
      if (right.size === 0 || [...right].every((name) => left.has(name))) result = left;
      else if (left.size === 0 || [...left].every((name) => right.has(name))) result = right;
      else result = new Set([...left, ...right]);
      break;
    }
  }
  VARIABLES.set(e, result);
  return result;
}

/** Whether `e` refers to `name` anywhere. */
export function dependsOn(e: Expr, name: string): boolean {
  return variablesOf(e).has(name);
}

/** Whether `e` refers to no variable at all, so it has one value everywhere. */
export function isConstant(e: Expr): boolean {
  return variablesOf(e).size === 0;
}
