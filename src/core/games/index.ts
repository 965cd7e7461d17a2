export type { Complex } from './complex';
export * from './compile-game';
export * from './game-catalog';
export * from './matrix-eigenvalues';
export * from './method-catalog';
export * from './method-steps';
export type {
  ChoiceParameter,
  NumericParameter,
  ParameterList,
  TextParameter,
} from './parameter-definition';
export { describeRange } from './parameter-definition';
export * from './simulate-game';
export * from './spec-error';
export * from './step-map-theory';
export * from './sweep-spec';
