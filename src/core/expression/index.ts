export type { BinaryOperator, Expr, UnaryFunction } from './ast';
export { UNARY_FUNCTIONS } from './ast';
export { ExpressionError } from './expression-error';
export { parseExpression, type ParseOptions } from './parse-expression';
export { differentiate } from './differentiate';
export { simplify } from './simplify';
export { compileExpression, type CompiledExpression } from './compile-expression';
export { emitWgsl, WGSL_EXPRESSION_PRELUDE } from './emit-wgsl';
export { formatExpression } from './format-expression';
