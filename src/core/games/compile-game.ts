import {
  compileExpressions,
  dagSize,
  differentiate,
  ExpressionError,
  parseExpression,
  simplify,
  type CompiledExpressions,
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

/**
 * The most operations one step of a game may need: the distinct nodes (exprDag) of its field
 * and Jacobian together, counting variables and constants; every method reads at most these.
 * A GPU thread evaluates them at every step, and the emitted shader has a line or so per node,
 * so a typed objective past this is refused (a SpecError on its text field) before evaluators
 * or shaders are built. Differentiation is linear in the DAG, so this also bounds how long
 * validating a spec (a link being opened) takes. Products of hundreds of simple factors and
 * functions nested to the parser's depth limit fit; the heaviest objectives the 2,000-character
 * limit admits (x^y/x^y/…, whose Jacobian has about 15,000 nodes) do not.
 */
export const MAX_GAME_NODES = 4000;

/**
 * Parses a game's objectives, differentiates them symbolically and compiles
 * float64 evaluators. The GPU kernel emits WGSL from the same `field` and
 * `jacobian` trees, so the maths exists once. A typed objective that does not
 * parse, or whose field and Jacobian exceed MAX_GAME_NODES, throws a SpecError
 * naming `game.<field>`.
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

  const tooCostly = (roots: readonly Expr[], what: string) => {
    const size = dagSize(roots);
    if (size <= MAX_GAME_NODES) return;
    const message =
      `the objective is too costly to play: ${what} ${size} operations ` +
      `(distinct subexpressions), more than the limit of ${MAX_GAME_NODES}`;
    if (textField !== undefined) throw new SpecError(`game.${textField}`, message);
    throw new RangeError(message);
  };
  const fieldX = simplify(differentiate(fx, 'x'));
  const fieldY = simplify({ kind: 'neg', arg: differentiate(fy, 'y') });
  // Checked before the Jacobian too: a field already past the limit is not differentiated again.
  tooCostly([fieldX, fieldY], 'its field alone needs');
  const d = (e: Expr, v: string) => simplify(differentiate(e, v));
  const jacobian = [
    [d(fieldX, 'x'), d(fieldX, 'y')],
    [d(fieldY, 'x'), d(fieldY, 'y')],
  ] as const;
  tooCostly([fieldX, fieldY, ...jacobian.flat()], 'its field and Jacobian need');

  const objectiveValue = compileExpressions([fx, fy], variables);
  const fieldValue = compileExpressions([fieldX, fieldY], variables);
  const jacobianValue = compileExpressions(jacobian.flat(), variables);

  const parameterValues = gameParameterValues(game);

  const evaluator = (params: ArrayLike<number> = parameterValues): GameEvaluator => {
    const values = new Float64Array(variables.length);
    for (let i = 0; i < parameterNames.length; i++) values[2 + i] = params[i];
    const at = (x: number, y: number, fns: CompiledExpressions, out: Float64Array) => {
      values[0] = x;
      values[1] = y;
      fns(values, out);
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
      const out = new Float64Array(2);
      objectiveValue([x, y, ...Array.from(params)], out);
      return { fx: out[0], fy: out[1] };
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
