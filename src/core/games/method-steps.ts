import type { GameEvaluator } from './compile-game.js';
import { METHOD_CATALOG, type MethodSpec } from './method-catalog.js';

/**
 * Learning rates and projection shared by every method. With one rate η the
 * table of docs/games.md has lrX = lrY = η. Each method scales the x-component of
 * its update by lrX and the y-component by lrY — for the methods that mix the
 * players' components (consensus, SGA, HGD) that makes them per-coordinate
 * step sizes of the combined update, not per-player rates of one player's
 * own gradient.
 */
export interface StepSettings {
  readonly lrX: number;
  readonly lrY: number;
  /** x is clamped to [−clip, clip] after each of its updates; 0 = no clipping. */
  readonly clip: number;
}

/**
 * One method on one game. The state is a Float64Array laid out as
 * `METHOD_CATALOG[name].stateLayout` says:
 *   sim-gda, alt-gda, eg, consensus, sga, hgd: [x, y]
 *   ogda:     [x, y, prevFx, prevFy]   F at the previous point
 *   momentum: [x, y, prevX, prevY]     the previous point
 *   adam:     [x, y, mX, mY, vX, vY, step]
 */
export interface MethodStepper {
  readonly layout: readonly string[];
  /** The state at the start (x0, y0): no velocity, z_{−1} = z₀, zero moments. */
  init(x0: number, y0: number): Float64Array;
  /** Advances the state by one step, in place. */
  step(state: Float64Array): void;
}

export function createStepper(
  method: MethodSpec,
  game: GameEvaluator,
  settings: StepSettings,
): MethodStepper {
  const { lrX, lrY, clip } = settings;
  const layout = METHOD_CATALOG[method.name].stateLayout;
  // f: F at the current point, g: F at a second point, j: the Jacobian (row-major).
  const f = new Float64Array(2);
  const g = new Float64Array(2);
  const j = new Float64Array(4);
  // WGAN weight clipping is a projection of the discriminator after its step.
  const project = clip > 0 ? (x: number) => Math.min(clip, Math.max(-clip, x)) : (x: number) => x;
  const zeroMemory = (x0: number, y0: number) => {
    const s = new Float64Array(layout.length);
    s[0] = x0;
    s[1] = y0;
    return s;
  };
  const stepper = (step: (s: Float64Array) => void, init = zeroMemory): MethodStepper => ({
    layout,
    init,
    step,
  });

  switch (method.name) {
    // x' = x + ηx·Fx(z), y' = y + ηy·Fy(z)
    case 'sim-gda':
      return stepper((s) => {
        game.field(s[0], s[1], f);
        s[0] = project(s[0] + lrX * f[0]);
        s[1] = s[1] + lrY * f[1];
      });

    // x' = x + ηx·Fx(x, y), then y' = y + ηy·Fy(x', y) (or y first)
    case 'alt-gda': {
      const stepX = (s: Float64Array) => {
        game.field(s[0], s[1], f);
        s[0] = project(s[0] + lrX * f[0]);
      };
      const stepY = (s: Float64Array) => {
        game.field(s[0], s[1], f);
        s[1] = s[1] + lrY * f[1];
      };
      const [first, second] = method.order === 'x-first' ? [stepX, stepY] : [stepY, stepX];
      return stepper((s) => {
        first(s);
        second(s);
      });
    }

    // z½ = z + η·F(z); z' = z + η·F(z½) (Korpelevich 1976; the look-ahead is projected too)
    case 'eg':
      return stepper((s) => {
        game.field(s[0], s[1], f);
        const halfX = project(s[0] + lrX * f[0]);
        const halfY = s[1] + lrY * f[1];
        game.field(halfX, halfY, g);
        s[0] = project(s[0] + lrX * g[0]);
        s[1] = s[1] + lrY * g[1];
      });

    // z_{k+1} = z_k + 2η·F(z_k) − η·F(z_{k−1}), z_{−1} = z₀ (Daskalakis et al. 2018)
    case 'ogda':
      return stepper(
        (s) => {
          game.field(s[0], s[1], f);
          s[0] = project(s[0] + lrX * (2 * f[0] - s[2]));
          s[1] = s[1] + lrY * (2 * f[1] - s[3]);
          s[2] = f[0];
          s[3] = f[1];
        },
        (x0, y0) => {
          const s = zeroMemory(x0, y0);
          game.field(x0, y0, f);
          s[2] = f[0];
          s[3] = f[1];
          return s;
        },
      );

    // z' = z + η·F + β(z − z_prev); x-first: y's step sees x' (Gidel et al. 2019, "negative momentum")
    case 'momentum': {
      const { beta, order } = method;
      const init = (x0: number, y0: number) => {
        const s = zeroMemory(x0, y0);
        s[2] = x0;
        s[3] = y0;
        return s;
      };
      return stepper((s) => {
        const x = s[0];
        const y = s[1];
        game.field(x, y, f);
        const nextX = project(x + lrX * f[0] + beta * (x - s[2]));
        if (order === 'x-first') game.field(nextX, y, f);
        s[1] = y + lrY * f[1] + beta * (y - s[3]);
        s[0] = nextX;
        s[2] = x;
        s[3] = y;
      }, init);
    }

    // z' = z + η(F − γ·JᵀF), since ∇½‖F‖² = JᵀF (Mescheder, Nowozin, Geiger 2017)
    case 'consensus': {
      const { gamma } = method;
      return stepper((s) => {
        game.field(s[0], s[1], f);
        game.jacobian(s[0], s[1], j);
        const gradX = j[0] * f[0] + j[2] * f[1];
        const gradY = j[1] * f[0] + j[3] * f[1];
        s[0] = project(s[0] + lrX * (f[0] - gamma * gradX));
        s[1] = s[1] + lrY * (f[1] - gamma * gradY);
      });
    }

    // Balduzzi et al. 2018 with a fixed λ (no sign alignment): the losses' gradient is ξ = −F and its Jacobian −J, so
    // ξ + λ·Aᵀξ becomes −(F − λ·AᵀF) with A = (J − Jᵀ)/2 = [[0, a], [−a, 0]], a = (J01 − J10)/2: AᵀF = (−a·Fy, a·Fx).
    case 'sga': {
      const { lambda } = method;
      return stepper((s) => {
        game.field(s[0], s[1], f);
        game.jacobian(s[0], s[1], j);
        const a = (j[1] - j[2]) / 2;
        s[0] = project(s[0] + lrX * (f[0] + lambda * a * f[1]));
        s[1] = s[1] + lrY * (f[1] - lambda * a * f[0]);
      });
    }

    // z' = z − η·∇½‖F‖² = z − η·JᵀF (Balduzzi et al. 2018)
    case 'hgd':
      return stepper((s) => {
        game.field(s[0], s[1], f);
        game.jacobian(s[0], s[1], j);
        s[0] = project(s[0] - lrX * (j[0] * f[0] + j[2] * f[1]));
        s[1] = s[1] - lrY * (j[1] * f[0] + j[3] * f[1]);
      });

    // Kingma & Ba 2015, bias-corrected, one Adam per player. A player descending its loss −fx (or fy) along its
    // gradient −F moves by +m̂/(√v̂ + ε) of F: the moments of F and of −F differ only in m's sign.
    case 'adam': {
      const { beta1, beta2, eps } = method;
      return stepper((s) => {
        game.field(s[0], s[1], f);
        const t = s[6] + 1;
        s[2] = beta1 * s[2] + (1 - beta1) * f[0];
        s[3] = beta1 * s[3] + (1 - beta1) * f[1];
        s[4] = beta2 * s[4] + (1 - beta2) * f[0] * f[0];
        s[5] = beta2 * s[5] + (1 - beta2) * f[1] * f[1];
        const c1 = 1 - beta1 ** t;
        const c2 = 1 - beta2 ** t;
        s[0] = project(s[0] + lrX * adamDirection(s[2] / c1, s[4] / c2, eps));
        s[1] = s[1] + lrY * adamDirection(s[3] / c1, s[5] / c2, eps);
        s[6] = t;
      });
    }
  }
}

// m̂/(√v̂ + ε); with ε = 0 and no gradient yet both moments are 0 and the step is 0, not 0/0.
function adamDirection(mHat: number, vHat: number, eps: number): number {
  const denominator = Math.sqrt(vHat) + eps;
  return denominator > 0 ? mHat / denominator : 0;
}
