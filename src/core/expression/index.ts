export type { BinaryOperator, Expr, UnaryFunction } from './ast.js';
export { UNARY_FUNCTIONS } from './ast.js';
export { ExpressionError } from './expression-error.js';
export { parseExpression, type ParseOptions } from './parse-expression.js';
export { differentiate } from './differentiate.js';
export { simplify } from './simplify.js';
export { compileExpression, type CompiledExpression } from './compile-expression.js';
export { emitWgsl, WGSL_EXPRESSION_PRELUDE } from './emit-wgsl.js';
export { formatExpression } from './format-expression.js';
