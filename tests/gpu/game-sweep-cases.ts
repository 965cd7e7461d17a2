import { defaultMethodSpec, type MethodName } from '../../src/core/games/index.js';

// The games every method is checked on (game-sweep-methods.test.ts, game-sweep-specialised.test.ts).

// A game per catalog entry, each with its curvature or penalty switched on so the field is not just x·y.
// Learning rates stay where the map follows its gradient flow: a 2-D flow cannot be chaotic, so f32
// errors grow about linearly with the steps (the tolerances in game-sweep-compare.ts). With large
// steps a nonlinear game's map can be chaotic, and any rounding difference then grows exponentially.
export const GAMES = {
  bilinear: { name: 'bilinear', b: 1.3 },
  quadratic: { name: 'quadratic', muX: 0.2, muY: 0.05, b: 1 },
  'dirac-gan': { name: 'dirac-gan', loss: 'gan', r1: 0.3, clip: 1.2 },
  expression: { name: 'expression', f: 'tanh(x)*y + a*x^2 - b*log(1 + y^2)', a: 0.05, b: 0.2 },
} as const;
export const LR_MAX = { bilinear: 0.9, quadratic: 0.9, 'dirac-gan': 0.9, expression: 0.2 } as const;

// The Dirac-GAN's other losses: each changes the field (non-saturating generator, WGAN with
// weight clipping, WGAN-GP's penalty), so each is checked under every method too. WGAN-GP's field
// jumps where ψ crosses 0 (the penalty's |ψ|), and clipping is a kink: at large steps a rounding
// difference on either side of them grows without bound, so these stay at η ≤ 0.3.
export const DIRAC_GAN_LOSSES = [
  { name: 'dirac-gan', loss: 'ns-gan', r1: 0.3 },
  { name: 'dirac-gan', loss: 'wgan', clip: 0.8 },
  { name: 'dirac-gan', loss: 'wgan-gp', gp: 0.5, g0: 0.3 },
] as const;

/**
 * The sweep each (game, method) pair is checked on: η from 0.02 to `lrMax` (log) × x₀ from −2 to
 * 2, `cells` × `cells` games of `steps` steps, escape radius 50.
 */
export function caseSweep(
  game: object,
  method: MethodName,
  { lrMax, cells, steps }: { lrMax: number; cells: number; steps: number },
) {
  return {
    game,
    method: defaultMethodSpec(method),
    steps,
    escapeRadius: 50,
    axes: {
      x: { param: 'lr', from: 0.02, to: lrMax, count: cells, scale: 'log' },
      y: { param: 'x0', from: -2, to: 2, count: cells, scale: 'linear' },
    },
  };
}
