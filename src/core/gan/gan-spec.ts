import {
  METHOD_CATALOG,
  isMethodName,
  defaultMethodSpec,
  type MethodName,
  type MethodSpec,
} from '../games/method-catalog.js';
import {
  checkChoice,
  checkNumber,
  describeValue,
  type ChoiceParameter,
  type NumericParameter,
} from '../games/parameter-definition.js';
import { SpecError } from '../games/spec-error.js';

/** The toy data sets (docs/gans.md#data). */
export type GanData =
  | { kind: 'ring'; modes: number; radius: number; sigma: number }
  | { kind: 'grid'; side: number; spacing: number; sigma: number }
  | { kind: 'mixture1d'; modes: number; spacing: number; sigma: number }
  | { kind: 'points'; points: number[][] };
export type GanDataKind = GanData['kind'];

export type GanActivation = 'relu' | 'leaky-relu' | 'tanh' | 'elu';
export type GanLoss = 'minimax' | 'non-saturating' | 'wgan' | 'wgan-gp' | 'hinge';

/** One nn.Linear in PyTorch's state_dict layout: weight [out][in], bias [out] (absent without a bias). */
export interface LinearWeights {
  weight: number[][];
  bias?: number[];
}

export interface NetworkSpec {
  /** Hidden layers, 0–3, each `width` wide. */
  layers: number;
  width: number;
  activation: GanActivation;
  /** The negative slope of leaky-relu (unused by the others). */
  slope: number;
  /** Whether every layer has a bias (nn.Linear's bias=True). */
  bias: boolean;
}

export interface GeneratorSpec extends NetworkSpec {
  latent: number;
}

/** The `mlp-gan` game: data, the two networks, the loss and its penalties. */
export interface MlpGanGameSpec {
  name: 'mlp-gan';
  data: GanData;
  generator: GeneratorSpec;
  discriminator: NetworkSpec;
  loss: GanLoss;
  /** WGAN weight clipping: every discriminator parameter clamped to [−clip, clip] after its step (0 = off). */
  clip: number;
  /** λ of WGAN-GP's λ·E(‖∇D(x̂)‖ − 1)² (loss wgan-gp only). */
  gpLambda: number;
  /** γ of R1, (γ/2)·E‖∇D(x)‖² on real data. */
  r1: number;
  /** γ of R2, the same on generated data. */
  r2: number;
  /** Explicit latent points (each of length `generator.latent`), used in full every step instead of noise. */
  latentPoints?: number[][];
  /** Explicit initial weights instead of the seeded initialisation. */
  weights?: { generator: LinearWeights[]; discriminator: LinearWeights[] };
}

/** One GAN's training run. */
export interface GanRunSpec {
  game: MlpGanGameSpec;
  method: MethodSpec;
  /** The learning rate of both players unless `lrD` / `lrG` override it. */
  lr: number;
  lrD?: number;
  lrG?: number;
  /** Outer steps; each is dSteps − 1 discriminator-only steps and one step of both players. */
  steps: number;
  dSteps: number;
  /** Samples drawn per step (data with a distribution, latent noise without explicit latent points). */
  batch: number;
  /** Samples of the fixed evaluation batches the metrics use. */
  evalBatch: number;
  /** The key of the cell's Philox stream. */
  seed: number;
  /** A run stops, diverged, when a network's parameter norm exceeds this or a value is not finite. */
  escapeNorm: number;
}

export const MAX_LAYERS = 3;
export const MAX_WIDTH = 64;
export const MAX_LATENT = 8;
export const MAX_BATCH = 256;
export const MAX_EVAL_BATCH = 1024;
export const MAX_POINTS = 256;
export const MAX_GAN_STEPS = 100_000;

/** The methods of the scalar catalogue that apply to parameter vectors (sga needs Jv, not yet here). */
export const GAN_METHOD_NAMES: readonly MethodName[] = [
  'sim-gda',
  'alt-gda',
  'eg',
  'ogda',
  'momentum',
  'consensus',
  'hgd',
  'adam',
];

const ACTIVATION: ChoiceParameter = {
  name: 'activation',
  default: 'relu',
  choices: ['relu', 'leaky-relu', 'tanh', 'elu'],
  description: 'the hidden layers’ activation',
};
const LOSS: ChoiceParameter = {
  name: 'loss',
  default: 'non-saturating',
  choices: ['minimax', 'non-saturating', 'wgan', 'wgan-gp', 'hinge'],
  description: 'the GAN loss',
};
const DATA_KIND: ChoiceParameter = {
  name: 'kind',
  default: 'ring',
  choices: ['ring', 'grid', 'mixture1d', 'points'],
  description: 'the data distribution',
};

const int = (
  name: string,
  def: number,
  min: number,
  max: number,
  description: string,
): NumericParameter => ({
  name,
  default: def,
  min,
  max,
  integer: true,
  description,
});
const real = (
  name: string,
  def: number,
  min: number,
  max: number,
  description: string,
  minExclusive = false,
): NumericParameter => ({
  name,
  default: def,
  min,
  max,
  minExclusive,
  description,
});

const DATA_NUMERIC: Readonly<Record<Exclude<GanDataKind, 'points'>, readonly NumericParameter[]>> =
  {
    ring: [
      int('modes', 8, 1, 64, 'Gaussians on the circle'),
      real('radius', 2, 0, 1e3, 'radius of the circle', true),
      real('sigma', 0.02, 0, 1e3, 'standard deviation of each Gaussian', true),
    ],
    grid: [
      int('side', 5, 1, 8, 'Gaussians per side of the square grid'),
      real('spacing', 2, 0, 1e3, 'distance between neighbouring means', true),
      real('sigma', 0.05, 0, 1e3, 'standard deviation of each Gaussian', true),
    ],
    mixture1d: [
      int('modes', 2, 1, 64, 'Gaussians on the line'),
      real('spacing', 4, 0, 1e3, 'distance between neighbouring means', true),
      real('sigma', 0.1, 0, 1e3, 'standard deviation of each Gaussian', true),
    ],
  };

const NETWORK_NUMERIC: readonly NumericParameter[] = [
  int('layers', 2, 0, MAX_LAYERS, 'hidden layers'),
  int('width', 16, 1, MAX_WIDTH, 'units per hidden layer'),
  real('slope', 0.2, 0, 1, 'negative slope of leaky-relu'),
];
const LATENT = int('latent', 2, 1, MAX_LATENT, 'latent dimension');

const GAME_NUMERIC: readonly NumericParameter[] = [
  real('clip', 0, 0, 1e6, 'WGAN weight clipping bound (0 = off)'),
  real('gpLambda', 10, 0, 1e6, 'λ of the WGAN-GP penalty'),
  real('r1', 0, 0, 1e6, 'γ of the R1 penalty on real data'),
  real('r2', 0, 0, 1e6, 'γ of the R2 penalty on generated data'),
];

const rate = (name: string, description: string) =>
  real(name, 1e-3, 0, Infinity, description, true);

/** The run's numeric fields, in a fixed order. */
export const GAN_RUN_NUMERIC: readonly NumericParameter[] = [
  rate('lr', 'learning rate of both players'),
  rate('lrD', 'learning rate of the discriminator'),
  rate('lrG', 'learning rate of the generator'),
  int('steps', 1000, 1, MAX_GAN_STEPS, 'outer training steps'),
  int('dSteps', 1, 1, 10, 'discriminator steps per generator step'),
  int('batch', 64, 1, MAX_BATCH, 'samples per step'),
  int('evalBatch', 256, 2, MAX_EVAL_BATCH, 'samples of each evaluation batch'),
  int('seed', 0, 0, 0xffffffff, 'key of the Philox stream'),
  real('escapeNorm', 1e4, 0, 1e100, 'parameter norm at which a run counts as diverged', true),
];
const OPTIONAL_RUN = new Set(['lrD', 'lrG']);

export const DEFAULT_GAN_GAME: MlpGanGameSpec = {
  name: 'mlp-gan',
  data: { kind: 'ring', modes: 8, radius: 2, sigma: 0.02 },
  generator: { latent: 2, layers: 2, width: 16, activation: 'relu', slope: 0.2, bias: true },
  discriminator: { layers: 2, width: 16, activation: 'relu', slope: 0.2, bias: true },
  loss: 'non-saturating',
  clip: 0,
  gpLambda: 10,
  r1: 0,
  r2: 0,
};

/** The dimension of the data (and of the generator's output): 1 for mixture1d, 2 for ring and grid, the points' length. */
export function dataDimension(data: GanData): number {
  switch (data.kind) {
    case 'mixture1d':
      return 1;
    case 'points':
      return data.points[0].length;
    default:
      return 2;
  }
}

/** The learning rates of the two players: their own when set, else the shared `lr`. */
export function ganLearningRates(spec: GanRunSpec): { lrD: number; lrG: number } {
  return { lrD: spec.lrD ?? spec.lr, lrG: spec.lrG ?? spec.lr };
}

/** Validates a GAN run spec and fills every omitted field with its default. Throws SpecError naming the bad field. */
export function parseGanRunSpec(json: unknown): GanRunSpec {
  const input = asObject(json, 'spec');
  rejectUnknown(input, ['game', 'method', ...GAN_RUN_NUMERIC.map((p) => p.name)], '', 'a GAN spec');
  const game = parseGanGame(input.game);
  const method = parseGanMethod(input.method);
  const run: Record<string, unknown> = { game, method };
  for (const p of GAN_RUN_NUMERIC) {
    const value = input[p.name];
    if (value === undefined) {
      if (!OPTIONAL_RUN.has(p.name)) run[p.name] = p.default;
      continue;
    }
    run[p.name] = checkNumber(p, value, p.name);
  }
  return run as unknown as GanRunSpec;
}

/** Validates the `mlp-gan` game object. */
export function parseGanGame(value: unknown): MlpGanGameSpec {
  if (value === undefined) return structuredClone(DEFAULT_GAN_GAME);
  const input = asObject(value, 'game');
  rejectUnknown(
    input,
    [
      'name',
      'data',
      'generator',
      'discriminator',
      'loss',
      ...GAME_NUMERIC.map((p) => p.name),
      'latentPoints',
      'weights',
    ],
    'game',
    "game 'mlp-gan'",
  );
  if (input.name !== 'mlp-gan')
    throw new SpecError('game.name', `must be 'mlp-gan', got ${describeValue(input.name)}`);
  const data = parseData(input.data);
  const generator = {
    latent:
      input.generator === undefined
        ? LATENT.default
        : numberField(asObject(input.generator, 'game.generator'), LATENT, 'game.generator'),
    ...parseNetwork(input.generator, DEFAULT_GAN_GAME.generator, 'game.generator', ['latent']),
  };
  const discriminator = parseNetwork(
    input.discriminator,
    DEFAULT_GAN_GAME.discriminator,
    'game.discriminator',
    [],
  );
  const game: MlpGanGameSpec = {
    name: 'mlp-gan',
    data,
    generator,
    discriminator,
    loss: (input.loss === undefined
      ? LOSS.default
      : checkChoice(LOSS, input.loss, 'game.loss')) as GanLoss,
    clip: 0,
    gpLambda: 0,
    r1: 0,
    r2: 0,
  };
  for (const p of GAME_NUMERIC) {
    (game as unknown as Record<string, number>)[p.name] =
      input[p.name] === undefined ? p.default : checkNumber(p, input[p.name], `game.${p.name}`);
  }
  if (input.latentPoints !== undefined)
    game.latentPoints = parsePoints(input.latentPoints, 'game.latentPoints', generator.latent);
  if (input.weights !== undefined) game.weights = parseWeights(input.weights, game);
  return game;
}

function parseData(value: unknown): GanData {
  if (value === undefined) return structuredClone(DEFAULT_GAN_GAME.data);
  const input = asObject(value, 'game.data');
  const kind = checkChoice(DATA_KIND, input.kind, 'game.data.kind') as GanDataKind;
  if (kind === 'points') {
    rejectUnknown(input, ['kind', 'points'], 'game.data', "data 'points'");
    return { kind, points: parsePoints(input.points, 'game.data.points', null) };
  }
  const list = DATA_NUMERIC[kind];
  rejectUnknown(input, ['kind', ...list.map((p) => p.name)], 'game.data', `data '${kind}'`);
  const data: Record<string, unknown> = { kind };
  for (const p of list)
    data[p.name] =
      input[p.name] === undefined
        ? p.default
        : checkNumber(p, input[p.name], `game.data.${p.name}`);
  return data as unknown as GanData;
}

function parseNetwork(
  value: unknown,
  defaults: NetworkSpec,
  field: string,
  extra: readonly string[],
): NetworkSpec {
  const net: NetworkSpec = {
    layers: defaults.layers,
    width: defaults.width,
    activation: defaults.activation,
    slope: defaults.slope,
    bias: defaults.bias,
  };
  if (value === undefined) return net;
  const input = asObject(value, field);
  rejectUnknown(
    input,
    [...extra, ...NETWORK_NUMERIC.map((p) => p.name), 'activation', 'bias'],
    field,
    'a network',
  );
  for (const p of NETWORK_NUMERIC) {
    if (input[p.name] !== undefined)
      (net as unknown as Record<string, number>)[p.name] = checkNumber(
        p,
        input[p.name],
        `${field}.${p.name}`,
      );
  }
  if (input.activation !== undefined)
    net.activation = checkChoice(
      ACTIVATION,
      input.activation,
      `${field}.activation`,
    ) as GanActivation;
  if (input.bias !== undefined) {
    if (typeof input.bias !== 'boolean')
      throw new SpecError(
        `${field}.bias`,
        `must be true or false, got ${describeValue(input.bias)}`,
      );
    net.bias = input.bias;
  }
  return net;
}

function numberField(input: Record<string, unknown>, p: NumericParameter, field: string): number {
  return input[p.name] === undefined
    ? p.default
    : checkNumber(p, input[p.name], `${field}.${p.name}`);
}

/** A non-empty list of equally long, finite points (of length `dim` when given, else 1 to 8). */
function parsePoints(value: unknown, field: string, dim: number | null): number[][] {
  if (!Array.isArray(value) || value.length === 0)
    throw new SpecError(field, `must be a non-empty list of points, got ${describeValue(value)}`);
  if (value.length > MAX_POINTS)
    throw new SpecError(field, `must hold at most ${MAX_POINTS} points, got ${value.length}`);
  const length = dim ?? (Array.isArray(value[0]) ? value[0].length : -1);
  if (dim === null && (length < 1 || length > 2))
    throw new SpecError(
      `${field}.0`,
      `must be a point of 1 or 2 numbers, got ${describeValue(value[0])}`,
    );
  return value.map((point, i) => finiteList(point, `${field}.${i}`, length));
}

function finiteList(value: unknown, field: string, length: number): number[] {
  if (!Array.isArray(value) || value.length !== length)
    throw new SpecError(field, `must be a list of ${length} numbers, got ${describeValue(value)}`);
  value.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new SpecError(`${field}.${i}`, `must be a finite number, got ${describeValue(v)}`);
  });
  return [...(value as number[])];
}

function parseWeights(
  value: unknown,
  game: MlpGanGameSpec,
): { generator: LinearWeights[]; discriminator: LinearWeights[] } {
  const input = asObject(value, 'game.weights');
  rejectUnknown(input, ['generator', 'discriminator'], 'game.weights', 'the weights');
  const dim = dataDimension(game.data);
  return {
    generator: parseLayers(
      input.generator,
      'game.weights.generator',
      layerShapes(game.generator, game.generator.latent, dim),
      game.generator.bias,
    ),
    discriminator: parseLayers(
      input.discriminator,
      'game.weights.discriminator',
      layerShapes(game.discriminator, dim, 1),
      game.discriminator.bias,
    ),
  };
}

function parseLayers(
  value: unknown,
  field: string,
  shapes: readonly LayerShape[],
  bias: boolean,
): LinearWeights[] {
  if (!Array.isArray(value) || value.length !== shapes.length)
    throw new SpecError(
      field,
      `must be a list of ${shapes.length} layers, got ${describeValue(value)}`,
    );
  return shapes.map((shape, l) => {
    const layer = asObject(value[l], `${field}.${l}`);
    rejectUnknown(layer, bias ? ['weight', 'bias'] : ['weight'], `${field}.${l}`, 'a layer');
    const w = layer.weight;
    if (!Array.isArray(w) || w.length !== shape.out)
      throw new SpecError(
        `${field}.${l}.weight`,
        `must be ${shape.out} rows of ${shape.in} numbers ([out][in]), got ${describeValue(w)}`,
      );
    const weights: LinearWeights = {
      weight: w.map((row, i) => finiteList(row, `${field}.${l}.weight.${i}`, shape.in)),
    };
    if (bias) weights.bias = finiteList(layer.bias, `${field}.${l}.bias`, shape.out);
    return weights;
  });
}

/** One linear layer's fan-in and fan-out. */
/**
 * Every numeric field of a GAN run spec that an axis may sweep, with its valid range: the run's
 * fields, the game's penalties, the data's numbers, both networks' sizes and slopes, and the
 * method's parameters. Integer fields (layers, width, latent, steps, batch, seed, …) are
 * rounded to the nearest integer in each cell.
 */
export function ganSweepableParameters(
  spec: GanRunSpec,
): { path: string; parameter: NumericParameter }[] {
  const at = (prefix: string, list: readonly NumericParameter[]) =>
    list.map((parameter) => ({ path: `${prefix}${parameter.name}`, parameter }));
  const data = spec.game.data.kind === 'points' ? [] : DATA_NUMERIC[spec.game.data.kind];
  // Explicit weights and latent points fix the shapes they fill.
  const fixed = new Set<string>();
  if (spec.game.weights) for (const p of ['layers', 'width', 'latent']) fixed.add(p);
  if (spec.game.latentPoints) fixed.add('latent');
  const shapes = (list: readonly NumericParameter[]) => list.filter((p) => !fixed.has(p.name));
  return [
    ...at('', GAN_RUN_NUMERIC),
    ...at('game.', GAME_NUMERIC),
    ...at('game.data.', data),
    ...at('game.generator.', shapes([LATENT, ...NETWORK_NUMERIC])),
    ...at('game.discriminator.', shapes(NETWORK_NUMERIC)),
    ...at('method.', METHOD_CATALOG[spec.method.name].numeric),
  ];
}

export interface LayerShape {
  in: number;
  out: number;
}

/** The linear layers of a network from `inputs` to `outputs` through its hidden layers. */
export function layerShapes(
  net: Pick<NetworkSpec, 'layers' | 'width'>,
  inputs: number,
  outputs: number,
): LayerShape[] {
  const sizes = [inputs, ...Array.from({ length: net.layers }, () => net.width), outputs];
  return sizes.slice(1).map((out, l) => ({ in: sizes[l], out }));
}

function parseGanMethod(value: unknown): MethodSpec {
  if (value === undefined) return defaultMethodSpec('sim-gda');
  const known = `expected one of ${GAN_METHOD_NAMES.join(', ')}`;
  const check = (name: unknown, field: string): MethodName => {
    if (!isMethodName(name) || !GAN_METHOD_NAMES.includes(name))
      throw new SpecError(field, `unknown method for mlp-gan ${describeValue(name)} (${known})`);
    return name;
  };
  if (typeof value === 'string') return defaultMethodSpec(check(value, 'method'));
  const input = asObject(value, 'method');
  const name = check(input.name, 'method.name');
  const def = METHOD_CATALOG[name];
  rejectUnknown(
    input,
    ['name', ...def.numeric.map((p) => p.name), ...def.choices.map((p) => p.name)],
    'method',
    `method '${name}'`,
  );
  const spec: Record<string, unknown> = { ...defaultMethodSpec(name) };
  for (const p of def.numeric)
    if (input[p.name] !== undefined)
      spec[p.name] = checkNumber(p, input[p.name], `method.${p.name}`);
  for (const p of def.choices)
    if (input[p.name] !== undefined)
      spec[p.name] = checkChoice(p, input[p.name], `method.${p.name}`);
  return spec as unknown as MethodSpec;
}

function rejectUnknown(
  input: Record<string, unknown>,
  fields: readonly string[],
  prefix: string,
  what: string,
): void {
  for (const key of Object.keys(input)) {
    if (!fields.includes(key))
      throw new SpecError(
        prefix ? `${prefix}.${key}` : key,
        `unknown field for ${what} (expected ${fields.join(', ')})`,
      );
  }
}

function asObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new SpecError(field, `must be an object, got ${describeValue(value)}`);
  return value as Record<string, unknown>;
}
