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

/** Whether `e` refers to `name` anywhere. */
export function dependsOn(e: Expr, name: string): boolean {
  switch (e.kind) {
    case 'num':
      return false;
    case 'var':
      return e.name === name;
    case 'neg':
    case 'call':
      return dependsOn(e.arg, name);
    case 'bin':
      return dependsOn(e.left, name) || dependsOn(e.right, name);
  }
}

/** Whether `e` refers to no variable at all, so it has one value everywhere. */
export function isConstant(e: Expr): boolean {
  switch (e.kind) {
    case 'num':
      return true;
    case 'var':
      return false;
    case 'neg':
    case 'call':
      return isConstant(e.arg);
    case 'bin':
      return isConstant(e.left) && isConstant(e.right);
  }
}
