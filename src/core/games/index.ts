export type { Complex } from './complex.js';
export * from './compile-game.js';
export * from './game-catalog.js';
export * from './matrix-eigenvalues.js';
export * from './method-catalog.js';
export * from './method-steps.js';
export type {
  ChoiceParameter,
  NumericParameter,
  ParameterList,
  TextParameter,
} from './parameter-definition.js';
export { describeRange } from './parameter-definition.js';
export * from './simulate-game.js';
export * from './spec-error.js';
export * from './step-map-theory.js';
export * from './sweep-metrics.js';
export * from './sweep-spec.js';
