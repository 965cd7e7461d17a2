import {
  compileExpression,
  differentiate,
  ExpressionError,
  parseExpression,
  simplify,
  type Expr,
} from '../expression/index.js';
import { GAME_CATALOG, type GameSpec } from './game-catalog.js';
import { SpecError } from './spec-error.js';

/** The field and its Jacobian at a point, written into caller-owned arrays so a step allocates nothing. */
export interface GameEvaluator {
  /** out[0..1] = F(x, y) = (∂fx/∂x, −∂fy/∂y). */
  field(x: number, y: number, out: Float64Array): void;
  /** out[0..3] = the field's Jacobian, row-major: [∂Fx/∂x, ∂Fx/∂y, ∂Fy/∂x, ∂Fy/∂y]. */
  jacobian(x: number, y: number, out: Float64Array): void;
}

export interface CompiledGame {
  readonly spec: GameSpec;
  /** fx is maximised by x, fy minimised by y. */
  readonly objectives: { readonly fx: Expr; readonly fy: Expr };
  /** F = (∂fx/∂x, −∂fy/∂y): every method moves (x, y) along it. */
  readonly field: readonly [Expr, Expr];
  /** ∂F/∂(x, y) = [[∂²fx/∂x², ∂²fx/∂x∂y], [−∂²fy/∂y∂x, −∂²fy/∂y²]]. */
  readonly jacobian: readonly [readonly [Expr, Expr], readonly [Expr, Expr]];
  /** The game's numeric parameters in catalog order: the expressions' variables after x and y. */
  readonly parameterNames: readonly string[];
  /** This spec's values of `parameterNames`, the default `params` of the evaluators below. */
  readonly parameterValues: Float64Array;
  /** The parameter c that clamps x to [−c, c] after every step (0 = off), or null. */
  readonly clipParameter: string | null;
  readonly equilibrium: readonly [0, 0];
  fieldAt(x: number, y: number, params?: ArrayLike<number>): [number, number];
  jacobianAt(
    x: number,
    y: number,
    params?: ArrayLike<number>,
  ): [[number, number], [number, number]];
  objectiveAt(x: number, y: number, params?: ArrayLike<number>): { fx: number; fy: number };
  /** Evaluators bound to one set of parameter values (default: this spec's). */
  evaluator(params?: ArrayLike<number>): GameEvaluator;
}

type Compiled = (values: ArrayLike<number>) => number;

/**
 * Parses a game's objectives, differentiates them symbolically and compiles
 * float64 evaluators. The GPU kernel emits WGSL from the same `field` and
 * `jacobian` trees, so the maths exists once. A typed objective that does not
 * parse throws a SpecError naming `game.<field>`.
 */
export function compileGame(game: GameSpec): CompiledGame {
  const def = GAME_CATALOG[game.name];
  const parameterNames = def.numeric.map((p) => p.name);
  const variables = ['x', 'y', ...parameterNames];
  const texts = def.objectives(game);
  const textField = def.texts[0]?.name;
  const parse = (text: string): Expr => {
    try {
      return parseExpression(text, { variables });
    } catch (error) {
      if (error instanceof ExpressionError && textField !== undefined) {
        throw new SpecError(`game.${textField}`, error.message);
      }
      throw error;
    }
  };
  const fx = parse(texts.fx);
  const fy = texts.fy === texts.fx ? fx : parse(texts.fy);

  const fieldX = simplify(differentiate(fx, 'x'));
  const fieldY = simplify({ kind: 'neg', arg: differentiate(fy, 'y') });
  const d = (e: Expr, v: string) => simplify(differentiate(e, v));
  const jacobian = [
    [d(fieldX, 'x'), d(fieldX, 'y')],
    [d(fieldY, 'x'), d(fieldY, 'y')],
  ] as const;

  const compile = (e: Expr) => compileExpression(e, variables);
  const fxValue = compile(fx);
  const fyValue = compile(fy);
  const fieldValue = [compile(fieldX), compile(fieldY)];
  const jacobianValue = jacobian.flat().map(compile);

  const parameterValues = gameParameterValues(game);

  const evaluator = (params: ArrayLike<number> = parameterValues): GameEvaluator => {
    const values = new Float64Array(variables.length);
    for (let i = 0; i < parameterNames.length; i++) values[2 + i] = params[i];
    const at = (x: number, y: number, fns: readonly Compiled[], out: Float64Array) => {
      values[0] = x;
      values[1] = y;
      for (let i = 0; i < fns.length; i++) out[i] = fns[i](values);
    };
    return {
      field: (x, y, out) => at(x, y, fieldValue, out),
      jacobian: (x, y, out) => at(x, y, jacobianValue, out),
    };
  };

  return {
    spec: game,
    objectives: { fx, fy },
    field: [fieldX, fieldY],
    jacobian,
    parameterNames,
    parameterValues,
    clipParameter: def.clipParameter,
    equilibrium: [0, 0],
    fieldAt(x, y, params) {
      const out = new Float64Array(2);
      evaluator(params).field(x, y, out);
      return [out[0], out[1]];
    },
    jacobianAt(x, y, params) {
      const out = new Float64Array(4);
      evaluator(params).jacobian(x, y, out);
      return [
        [out[0], out[1]],
        [out[2], out[3]],
      ];
    },
    objectiveAt(x, y, params = parameterValues) {
      const values = [x, y, ...Array.from(params)];
      return { fx: fxValue(values), fy: fyValue(values) };
    },
    evaluator,
  };
}

/** A game spec's numeric parameter values, in the order of `CompiledGame.parameterNames`. */
export function gameParameterValues(game: GameSpec): Float64Array {
  const record = game as unknown as Record<string, number>;
  return Float64Array.from(GAME_CATALOG[game.name].numeric, (p) => record[p.name]);
}

/** The game's clipping bound c for x (0 = none). */
export function clipBound(game: GameSpec): number {
  const name = GAME_CATALOG[game.name].clipParameter;
  return name === null ? 0 : (game as unknown as Record<string, number>)[name];
}
