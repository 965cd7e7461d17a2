import type {
  ChoiceParameter,
  NumericParameter,
  ParameterList,
  TextParameter,
} from './parameter-definition.js';

export type MethodName =
  'sim-gda' | 'alt-gda' | 'eg' | 'ogda' | 'momentum' | 'consensus' | 'sga' | 'hgd' | 'adam';

export interface SimGdaSpec {
  name: 'sim-gda';
}
export interface AltGdaSpec {
  name: 'alt-gda';
  order: 'x-first' | 'y-first';
}
export interface ExtragradientSpec {
  name: 'eg';
}
export interface OptimisticGdaSpec {
  name: 'ogda';
}
export interface MomentumSpec {
  name: 'momentum';
  beta: number;
  order: 'simultaneous' | 'x-first';
}
export interface ConsensusSpec {
  name: 'consensus';
  gamma: number;
}
export interface SgaSpec {
  name: 'sga';
  lambda: number;
}
export interface HamiltonianSpec {
  name: 'hgd';
}
export interface AdamSpec {
  name: 'adam';
  beta1: number;
  beta2: number;
  eps: number;
}

/** A method with every parameter filled in. */
export type MethodSpec =
  | SimGdaSpec
  | AltGdaSpec
  | ExtragradientSpec
  | OptimisticGdaSpec
  | MomentumSpec
  | ConsensusSpec
  | SgaSpec
  | HamiltonianSpec
  | AdamSpec;

export interface MethodDefinition extends ParameterList {
  readonly name: MethodName;
  readonly title: string;
  readonly description: string;
  /**
   * The state vector's layout, one name per Float64Array slot. Slots 0 and 1
   * are always x and y; the rest is the method's memory. The GPU kernel keeps
   * the same slots in registers.
   */
  readonly stateLayout: readonly string[];
  /**
   * Whether one step is a smooth map of the state at the equilibrium, so it
   * can be linearised there (Adam's normalisation by √v is not).
   */
  readonly linearisable: boolean;
}

const NO_NUMERIC: readonly NumericParameter[] = [];
const NO_CHOICES: readonly ChoiceParameter[] = [];
const NO_TEXTS: readonly TextParameter[] = [];
const POINT = ['x', 'y'] as const;

function method(
  name: MethodName,
  title: string,
  description: string,
  stateLayout: readonly string[],
  numeric: readonly NumericParameter[] = NO_NUMERIC,
  choices: readonly ChoiceParameter[] = NO_CHOICES,
): MethodDefinition {
  return {
    name,
    title,
    description,
    stateLayout,
    numeric,
    choices,
    texts: NO_TEXTS,
    linearisable: name !== 'adam',
  };
}

export const METHOD_CATALOG: Readonly<Record<MethodName, MethodDefinition>> = {
  'sim-gda': method(
    'sim-gda',
    'Simultaneous GDA',
    'Both players step along F from the same point.',
    POINT,
  ),
  'alt-gda': method(
    'alt-gda',
    'Alternating GDA',
    'One player steps, then the other steps from the updated point.',
    POINT,
    NO_NUMERIC,
    [
      {
        name: 'order',
        default: 'x-first',
        choices: ['x-first', 'y-first'],
        description: 'which player moves first',
      },
    ],
  ),
  eg: method(
    'eg',
    'Extragradient',
    'Step along F from a look-ahead point z + η·F(z) (Korpelevich 1976).',
    POINT,
  ),
  ogda: method(
    'ogda',
    'Optimistic GDA',
    'z + 2η·F(z_k) − η·F(z_{k−1}), with z_{−1} = z₀ (Daskalakis et al. 2018).',
    [...POINT, 'prevFx', 'prevFy'],
  ),
  momentum: method(
    'momentum',
    'Heavy-ball momentum',
    'z + η·F + β(z − z_prev); alternating with β < 0 is "negative momentum" (Gidel et al. 2019).',
    [...POINT, 'prevX', 'prevY'],
    [
      {
        name: 'beta',
        default: -0.5,
        min: -1,
        max: 1,
        description: 'β: momentum coefficient, either sign',
      },
    ],
    [
      {
        name: 'order',
        default: 'x-first',
        choices: ['simultaneous', 'x-first'],
        description: 'simultaneous, or x first and y from the updated x',
      },
    ],
  ),
  consensus: method(
    'consensus',
    'Consensus optimisation',
    'z + η(F − γ·∇½‖F‖²) (Mescheder, Nowozin, Geiger 2017).',
    POINT,
    [
      {
        name: 'gamma',
        default: 0.5,
        min: 0,
        max: 100,
        description: 'γ: weight of the ‖F‖² descent term',
      },
    ],
  ),
  sga: method(
    'sga',
    'Symplectic gradient adjustment',
    "z + η(F − λ·AᵀF), A the antisymmetric part of the field's Jacobian (Balduzzi et al. 2018).",
    POINT,
    [
      {
        name: 'lambda',
        default: 0.5,
        min: -100,
        max: 100,
        description: 'λ: weight of the adjustment',
      },
    ],
  ),
  hgd: method(
    'hgd',
    'Hamiltonian gradient descent',
    'z − η·∇½‖F‖²: plain descent on the field norm (Balduzzi et al. 2018).',
    POINT,
  ),
  adam: method(
    'adam',
    'Adam',
    'Each player runs bias-corrected Adam on its own objective (Kingma, Ba 2015).',
    [...POINT, 'mX', 'mY', 'vX', 'vY', 'step'],
    [
      {
        name: 'beta1',
        default: 0.9,
        min: 0,
        max: 1,
        maxExclusive: true,
        description: 'β₁: decay of the first moment',
      },
      {
        name: 'beta2',
        default: 0.999,
        min: 0,
        max: 1,
        maxExclusive: true,
        description: 'β₂: decay of the second moment',
      },
      { name: 'eps', default: 1e-8, min: 0, max: 1, description: 'ε: added to √v̂' },
    ],
  ),
};

export const METHOD_NAMES = Object.keys(METHOD_CATALOG) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(METHOD_CATALOG, name);
}

/** The method with every parameter at its default. */
export function defaultMethodSpec(name: MethodName): MethodSpec {
  const def = METHOD_CATALOG[name];
  const spec: Record<string, unknown> = { name };
  for (const p of def.numeric) spec[p.name] = p.default;
  for (const p of def.choices) spec[p.name] = p.default;
  return spec as unknown as MethodSpec;
}
