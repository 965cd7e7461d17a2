import { describe, expect, it } from 'vitest';
import { formatExpression } from '../../src/core/expression/index.js';
import {
  compileGame,
  createStepper,
  defaultGameSpec,
  defaultMethodSpec,
  GAME_CATALOG,
  GAME_NAMES,
  METHOD_CATALOG,
  METHOD_NAMES,
  SpecError,
} from '../../src/core/games/index.js';

describe('compileGame', () => {
  it('gives b·x·y the field (b·y, −b·x) and the constant Jacobian [[0, b], [−b, 0]]', () => {
    const game = compileGame({ name: 'bilinear', b: 2.5 });
    expect(game.fieldAt(0.4, -3)).toEqual([2.5 * -3, -2.5 * 0.4]);
    expect(game.jacobianAt(7, 1)).toEqual([
      [0, 2.5],
      [-2.5, 0],
    ]);
    expect(game.objectiveAt(2, 3)).toEqual({ fx: 15, fy: 15 });
    expect(game.parameterNames).toEqual(['b']);
    expect(game.clipParameter).toBeNull();
    expect(game.equilibrium).toEqual([0, 0]);
  });

  it('gives the quadratic game the field (−μx·x + b·y, −b·x − μy·y)', () => {
    const game = compileGame({ name: 'quadratic', muX: 0.3, muY: 0.7, b: 2 });
    const [fx, fy] = game.fieldAt(1.5, -2);
    expect(fx).toBeCloseTo(-0.3 * 1.5 + 2 * -2, 15);
    expect(fy).toBeCloseTo(-2 * 1.5 - 0.7 * -2, 15);
    expect(game.jacobianAt(0, 0)).toEqual([
      [-0.3, 2],
      [-2, -0.7],
    ]);
  });

  it('evaluates with any parameter values, in parameterNames order, so one compiled game serves a sweep', () => {
    const game = compileGame({ name: 'quadratic', muX: 0, muY: 0, b: 1 });
    expect(game.parameterNames).toEqual(['muX', 'muY', 'b']);
    const [fx] = game.fieldAt(1, 1, [1, 0, 3]);
    expect(fx).toBe(-1 + 3);
    const out = new Float64Array(2);
    game.evaluator([0, 0, -1]).field(1, 2, out);
    expect(Array.from(out)).toEqual([-2, 1]);
  });

  it('makes a typed objective zero-sum and lets it use the parameters a and b', () => {
    const game = compileGame({ name: 'expression', f: 'a*x^2*y + b*sin(y)', a: 2, b: 3 });
    const [fx, fy] = game.fieldAt(0.5, 0.25);
    expect(fx).toBeCloseTo(2 * 2 * 0.5 * 0.25, 15);
    expect(fy).toBeCloseTo(-(2 * 0.25 + 3 * Math.cos(0.25)), 15);
    expect(game.objectives.fx).toBe(game.objectives.fy);
  });

  it('reports a typed objective that does not parse as a SpecError on game.f', () => {
    const error = (() => {
      try {
        compileGame({ name: 'expression', f: 'x*(y', a: 1, b: 1 });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).field).toBe('game.f');
  });

  it('passes the Dirac-GAN clip parameter on as data, outside the objective', () => {
    const game = compileGame(defaultGameSpec('dirac-gan'));
    expect(game.clipParameter).toBe('clip');
    expect(game.parameterNames).toContain('clip');
    expect(formatExpression(game.objectives.fx)).not.toContain('clip');
  });

  it('compiles every catalog game at its defaults, with the field zero at the equilibrium', () => {
    for (const name of GAME_NAMES) {
      const game = compileGame(defaultGameSpec(name));
      expect(game.fieldAt(0, 0)).toEqual([0, 0].map((v) => expect.closeTo(v, 15)));
      expect(
        GAME_CATALOG[name].numeric.every((p) => p.min <= p.default && p.default <= p.max),
      ).toBe(true);
    }
  });
});

describe('method catalog', () => {
  it('every method’s state has the documented layout: x and y first, then its memory', () => {
    const game = compileGame(defaultGameSpec('bilinear')).evaluator();
    for (const name of METHOD_NAMES) {
      const layout = METHOD_CATALOG[name].stateLayout;
      expect(layout.slice(0, 2)).toEqual(['x', 'y']);
      const stepper = createStepper(defaultMethodSpec(name), game, { lrX: 0.1, lrY: 0.1, clip: 0 });
      const state = stepper.init(1, 2);
      expect(state).toHaveLength(layout.length);
      expect(Array.from(state.slice(0, 2))).toEqual([1, 2]);
    }
  });

  it('starts OGDA with z₋₁ = z₀ (its memory is F(z₀)) and momentum at rest', () => {
    const game = compileGame(defaultGameSpec('bilinear')).evaluator();
    const settings = { lrX: 0.1, lrY: 0.1, clip: 0 };
    expect(Array.from(createStepper(defaultMethodSpec('ogda'), game, settings).init(1, 2))).toEqual(
      [1, 2, 2, -1],
    );
    expect(
      Array.from(createStepper(defaultMethodSpec('momentum'), game, settings).init(1, 2)),
    ).toEqual([1, 2, 1, 2]);
  });

  it('applies lrX to x and lrY to y', () => {
    const game = compileGame(defaultGameSpec('bilinear')).evaluator();
    const stepper = createStepper(defaultMethodSpec('sim-gda'), game, {
      lrX: 0.1,
      lrY: 0.01,
      clip: 0,
    });
    const state = stepper.init(1, 2);
    stepper.step(state);
    expect(Array.from(state)).toEqual([1 + 0.1 * 2, 2 - 0.01 * 1]);
  });
});
