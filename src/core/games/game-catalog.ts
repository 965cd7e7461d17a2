import type {
  ChoiceParameter,
  NumericParameter,
  ParameterList,
  TextParameter,
} from './parameter-definition.js';

export type GameName = 'bilinear' | 'quadratic' | 'dirac-gan' | 'expression';

/** The Dirac-GAN's loss h (Mescheder, Geiger, Nowozin 2018, section 2). */
export type DiracGanLoss = 'gan' | 'ns-gan' | 'wgan' | 'wgan-gp';

export interface BilinearGameSpec {
  name: 'bilinear';
  b: number;
}
export interface QuadraticGameSpec {
  name: 'quadratic';
  muX: number;
  muY: number;
  b: number;
}
export interface DiracGanGameSpec {
  name: 'dirac-gan';
  loss: DiracGanLoss;
  r1: number;
  gp: number;
  g0: number;
  clip: number;
}
export interface ExpressionGameSpec {
  name: 'expression';
  f: string;
  a: number;
  b: number;
}

/** A game with every parameter filled in, as the parsed sweep spec holds it. */
export type GameSpec = BilinearGameSpec | QuadraticGameSpec | DiracGanGameSpec | ExpressionGameSpec;

/** The two objectives as expression text in x, y and the game's numeric parameter names. */
export interface ObjectiveTexts {
  /** Maximised by x. */
  fx: string;
  /** Minimised by y; the same text as fx for a zero-sum game. */
  fy: string;
}

export interface GameDefinition extends ParameterList {
  readonly name: GameName;
  readonly title: string;
  readonly description: string;
  readonly objectives: (spec: GameSpec) => ObjectiveTexts;
  /**
   * The numeric parameter c that projects x onto [−c, c] after every step
   * (0 = off). A projection is not part of the field, so it travels as data
   * for the methods and the kernel to apply.
   */
  readonly clipParameter: string | null;
}

const NO_CHOICES: readonly ChoiceParameter[] = [];
const NO_TEXTS: readonly TextParameter[] = [];

const couplingB: NumericParameter = {
  name: 'b',
  default: 1,
  min: -100,
  max: 100,
  description: 'coupling: the weight of the x·y term',
};

const bilinear: GameDefinition = {
  name: 'bilinear',
  title: 'Bilinear b·x·y',
  description: 'The seed game: a saddle at (0, 0); simultaneous GDA spirals away from it.',
  numeric: [couplingB],
  choices: NO_CHOICES,
  texts: NO_TEXTS,
  objectives: () => zeroSum('b*x*y'),
  clipParameter: null,
};

// docs/games.md#quadratic-games: μx, μy ≥ 0 make the saddle strictly concave–convex.
const quadratic: GameDefinition = {
  name: 'quadratic',
  title: 'Quadratic saddle',
  description:
    'f = −(μx/2)x² + b·x·y + (μy/2)y²: the bilinear game with curvature that pulls both players in.',
  numeric: [
    {
      name: 'muX',
      default: 0.1,
      min: -100,
      max: 100,
      description: 'μx: concavity of f in x (the maximiser)',
    },
    {
      name: 'muY',
      default: 0.1,
      min: -100,
      max: 100,
      description: 'μy: convexity of f in y (the minimiser)',
    },
    couplingB,
  ],
  choices: NO_CHOICES,
  texts: NO_TEXTS,
  objectives: () => zeroSum('-(muX/2)*x^2 + b*x*y + (muY/2)*y^2'),
  clipParameter: null,
};

// Mescheder, Geiger, Nowozin 2018: L(θ, ψ) = h(ψθ) + h(0); the discriminator ψ = x maximises, the generator θ = y minimises.
const DIRAC_LOSS_OF_PRODUCT: Readonly<Record<DiracGanLoss, string>> = {
  // h(t) = −log(1 + e^{−t}) = −softplus(−t), and h(0) = −log 2.
  gan: '-softplus(-(x*y)) - log(2)',
  'ns-gan': '-softplus(-(x*y)) - log(2)',
  // h(t) = t: exactly the seed's x·y game.
  wgan: 'x*y',
  'wgan-gp': 'x*y',
};

function diracGanObjectives(spec: GameSpec): ObjectiveTexts {
  const { loss } = spec as DiracGanGameSpec;
  const loss0 = DIRAC_LOSS_OF_PRODUCT[loss];
  // R1 (= R2 here): (γ/2)ψ², a zero-centred penalty on the discriminator's gradient ∇D = ψ.
  let fx = `${loss0} - (r1/2)*x^2`;
  // WGAN-GP: (γ/2)(|ψ| − g₀)², the gradient norm pulled to g₀.
  if (loss === 'wgan-gp') fx += ' - (gp/2)*(abs(x) - g0)^2';
  // Non-saturating generator: it minimises −h(−ψθ) = softplus(ψθ), so its field component is −ψ·h'(−ψθ).
  const fy = loss === 'ns-gan' ? 'softplus(x*y)' : loss0;
  return { fx, fy };
}

const diracGan: GameDefinition = {
  name: 'dirac-gan',
  title: 'Dirac-GAN',
  description:
    'Mescheder et al. 2018: data at 0, generator θ = y, linear discriminator ψ = x; unregularised GAN training does not converge, R1 does.',
  numeric: [
    {
      name: 'r1',
      default: 0,
      min: 0,
      max: 100,
      description: 'γ of the R1 penalty (γ/2)ψ² on the discriminator',
    },
    {
      name: 'gp',
      default: 0,
      min: 0,
      max: 100,
      description: 'γ of the WGAN-GP penalty (γ/2)(|ψ| − g₀)² (loss wgan-gp)',
    },
    {
      name: 'g0',
      default: 1,
      min: 0,
      max: 100,
      description: 'g₀: the gradient norm WGAN-GP pulls towards',
    },
    {
      name: 'clip',
      default: 0,
      min: 0,
      max: 1e6,
      description: 'WGAN weight clipping: ψ is clamped to [−c, c] after every step (0 = off)',
    },
  ],
  choices: [
    {
      name: 'loss',
      default: 'gan',
      choices: ['gan', 'ns-gan', 'wgan', 'wgan-gp'],
      description:
        'gan: h(t) = −log(1+e^−t); ns-gan: non-saturating generator; wgan: h(t) = t; wgan-gp: wgan with gradient penalty',
    },
  ],
  texts: NO_TEXTS,
  objectives: diracGanObjectives,
  clipParameter: 'clip',
};

const expression: GameDefinition = {
  name: 'expression',
  title: 'Typed objective',
  description: 'A zero-sum game on an objective you type: x maximises f, y minimises it.',
  numeric: [
    { name: 'a', default: 1, min: -1e6, max: 1e6, description: 'a free parameter f may use' },
    { name: 'b', default: 1, min: -1e6, max: 1e6, description: 'a free parameter f may use' },
  ],
  choices: NO_CHOICES,
  texts: [
    { name: 'f', default: 'x*y', description: 'f(x, y; a, b): x maximises it, y minimises it' },
  ],
  objectives: (spec) => zeroSum((spec as ExpressionGameSpec).f),
  clipParameter: null,
};

function zeroSum(f: string): ObjectiveTexts {
  return { fx: f, fy: f };
}

export const GAME_CATALOG: Readonly<Record<GameName, GameDefinition>> = {
  bilinear,
  quadratic,
  'dirac-gan': diracGan,
  expression,
};

export const GAME_NAMES = Object.keys(GAME_CATALOG) as GameName[];

export function isGameName(name: unknown): name is GameName {
  return typeof name === 'string' && Object.hasOwn(GAME_CATALOG, name);
}

/** The game with every parameter at its default. */
export function defaultGameSpec(name: GameName): GameSpec {
  const def = GAME_CATALOG[name];
  const spec: Record<string, unknown> = { name };
  for (const p of def.numeric) spec[p.name] = p.default;
  for (const p of def.choices) spec[p.name] = p.default;
  for (const p of def.texts) spec[p.name] = p.default;
  return spec as unknown as GameSpec;
}
