export type { BinaryOperator, Expr, UnaryFunction } from './ast.js';
export { UNARY_FUNCTIONS } from './ast.js';
export { ExpressionError } from './expression-error.js';
export { parseExpression, type ParseOptions } from './parse-expression.js';
export { differentiate } from './differentiate.js';
export { simplify } from './simplify.js';
export {
  compileExpression,
  compileExpressions,
  type CompiledExpression,
  type CompiledExpressions,
} from './compile-expression.js';
export { emitWgsl, emitWgslBlock, WGSL_EXPRESSION_PRELUDE, type WgslBlock } from './emit-wgsl.js';
export { formatExpression } from './format-expression.js';
export { dagSize, exprDag, type DagNode, type ExprDag } from './dag.js';
