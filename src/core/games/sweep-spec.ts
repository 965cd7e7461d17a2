import { compileGame } from './compile-game.js';
import {
  defaultGameSpec,
  GAME_CATALOG,
  GAME_NAMES,
  isGameName,
  type GameSpec,
} from './game-catalog.js';
import {
  defaultMethodSpec,
  isMethodName,
  METHOD_CATALOG,
  METHOD_NAMES,
  type MethodSpec,
} from './method-catalog.js';
import {
  checkChoice,
  checkNumber,
  checkText,
  describeValue,
  type NumericParameter,
  type ParameterList,
} from './parameter-definition.js';
import { getPath, setPath } from '../object-path.js';
import { SpecError } from './spec-error.js';

/** One game run: what the float64 simulator and one GPU invocation play. */
export interface SingleGameSpec {
  game: GameSpec;
  method: MethodSpec;
  /** The learning rate of both players unless `lrX` / `lrY` override it. */
  lr: number;
  lrX?: number;
  lrY?: number;
  x0: number;
  y0: number;
  steps: number;
  /** A game stops, escaped, at the first step whose distance from the equilibrium exceeds this. */
  escapeRadius: number;
}

export type AxisScale = 'linear' | 'log';

export interface SweepAxis {
  /** Dotted path of the numeric field the axis sets: `lr`, `x0`, `method.beta`, `game.r1`, … */
  param: string;
  from: number;
  to: number;
  count: number;
  scale: AxisScale;
}

/** A grid of games: the single-game fields plus two axes, each overriding one numeric field per cell. */
export interface SweepSpec extends SingleGameSpec {
  axes: { x: SweepAxis; y: SweepAxis };
}

export const MAX_AXIS_COUNT = 4096;
export const MAX_STEPS = 100_000;

const positiveRate = (name: string): NumericParameter => ({
  name,
  default: 0.1,
  min: 0,
  minExclusive: true,
  max: Infinity,
  description: `learning rate${name === 'lr' ? '' : ` of ${name.slice(2).toLowerCase()}`}`,
});
// Starts stay far enough below the float64 maximum that the start radius is finite.
const start = (name: string, description: string): NumericParameter => ({
  name,
  default: 1,
  min: -1e300,
  max: 1e300,
  description,
});

/** The sweepable top-level fields, in the order numericParameters lists them. */
const RUN_NUMERIC: readonly NumericParameter[] = [
  positiveRate('lr'),
  positiveRate('lrX'),
  positiveRate('lrY'),
  start('x0', 'start of x'),
  start('y0', 'start of y'),
  {
    name: 'escapeRadius',
    default: 1e6,
    min: 0,
    minExclusive: true,
    max: Infinity,
    description: 'distance from the equilibrium at which a game counts as escaped',
  },
];
const OPTIONAL_RUN_FIELDS = new Set(['lrX', 'lrY']);
const STEPS: NumericParameter = {
  name: 'steps',
  default: 1000,
  min: 1,
  max: MAX_STEPS,
  integer: true,
  description: 'steps per game',
};
const AXIS_COUNT: NumericParameter = {
  name: 'count',
  default: 256,
  min: 1,
  max: MAX_AXIS_COUNT,
  integer: true,
  description: 'cells along the axis',
};
const AXIS_END: NumericParameter = {
  name: 'from',
  default: 0,
  min: -Infinity,
  max: Infinity,
  description: 'axis end',
};

/** The seed's example: simultaneous GDA on x·y from (1, 1), swept over the learning rate and x's start. */
export const DEFAULT_SPEC: SweepSpec = deepFreeze({
  game: { name: 'bilinear', b: 1 },
  method: { name: 'sim-gda' },
  lr: 0.1,
  x0: 1,
  y0: 1,
  steps: 1000,
  escapeRadius: 1e6,
  axes: {
    x: { param: 'lr', from: 0.001, to: 1, count: 256, scale: 'log' },
    y: { param: 'x0', from: -2, to: 2, count: 256, scale: 'linear' },
  },
});

/** Validates a sweep spec and fills every omitted field with its default. Throws SpecError naming the bad field. */
export function parseSweepSpec(json: unknown): SweepSpec {
  const input = asObject(json, 'spec');
  const run = parseRun(input, ['axes']);
  const axesInput = input.axes === undefined ? {} : asObject(input.axes, 'axes');
  rejectUnknown(axesInput, ['x', 'y'], 'axes', 'the axes');
  const swept = new Map(sweepableParameters(run).map((p) => [p.path, p.parameter]));
  const x = parseAxis(axesInput.x, DEFAULT_SPEC.axes.x, 'axes.x', swept);
  const y = parseAxis(axesInput.y, DEFAULT_SPEC.axes.y, 'axes.y', swept);
  if (x.param === y.param)
    throw new SpecError('axes.y.param', `'${y.param}' is already swept by axes.x`);
  // A swept per-player rate needs a slot of its own, starting from the shared rate.
  for (const axis of [x, y]) {
    if ((axis.param === 'lrX' || axis.param === 'lrY') && run[axis.param] === undefined)
      run[axis.param] = run.lr;
  }
  return { ...run, axes: { x, y } };
}

/** Validates one game run (a sweep spec without axes) and fills defaults. */
export function parseSingleGameSpec(json: unknown): SingleGameSpec {
  return parseRun(asObject(json, 'spec'), []);
}

/** The values along an axis: linear from..to inclusive, or geometric for log; count 1 gives [from]. */
export function axisValues(axis: SweepAxis): Float64Array {
  return Float64Array.from({ length: axis.count }, (_, i) => axisValueAt(axis, i));
}

/** The i-th value along an axis, without building the whole axis. */
export function axisValueAt(axis: SweepAxis, i: number): number {
  const { from, to, count } = axis;
  // The ends are exactly what the user typed, not exp(log(...)).
  if (i === 0) return from;
  if (i === count - 1) return to;
  const t = i / (count - 1);
  if (axis.scale === 'log') return Math.exp(Math.log(from) + (Math.log(to) - Math.log(from)) * t);
  return from + (to - from) * t;
}

/** The single game played at cell (ix, iy): the spec with the two swept fields set. */
export function cellSpec(spec: SweepSpec, ix: number, iy: number): SingleGameSpec {
  const { axes, ...run } = spec;
  checkIndex(ix, axes.x.count, 'ix');
  checkIndex(iy, axes.y.count, 'iy');
  const cell: SingleGameSpec = { ...run, game: { ...run.game }, method: { ...run.method } };
  setPath(cell, axes.x.param, axisValueAt(axes.x, ix));
  setPath(cell, axes.y.param, axisValueAt(axes.y, iy));
  return cell;
}

/** A numeric field of a spec and its value. */
export interface NumericField {
  path: string;
  value: number;
}

/**
 * Every sweepable numeric field of the spec, in a fixed order: lr, lrX and lrY
 * (when the spec has them), x0, y0, escapeRadius, then the game's and the
 * method's numeric parameters in catalog order. The GPU kernel packs these
 * into one array and overwrites the two swept ones per cell. `steps` is not
 * in the list: it bounds every cell's loop alike and cannot be swept.
 */
export function numericParameters(spec: SingleGameSpec): NumericField[] {
  return sweepableParameters(spec)
    .filter((p) => getPath(spec, p.path) !== undefined)
    .map((p) => ({ path: p.path, value: getPath(spec, p.path) as number }));
}

/** Which field holds each player's learning rate: its own when set, else the shared `lr`. */
export function learningRatePaths(spec: SingleGameSpec): { x: 'lr' | 'lrX'; y: 'lr' | 'lrY' } {
  return { x: spec.lrX === undefined ? 'lr' : 'lrX', y: spec.lrY === undefined ? 'lr' : 'lrY' };
}

export function learningRates(spec: SingleGameSpec): { lrX: number; lrY: number } {
  return { lrX: spec.lrX ?? spec.lr, lrY: spec.lrY ?? spec.lr };
}

/** The fields an axis may sweep for this spec's game and method, with their valid ranges. */
export function sweepableParameters(
  spec: SingleGameSpec,
): { path: string; parameter: NumericParameter }[] {
  return [
    ...RUN_NUMERIC.map((parameter) => ({ path: parameter.name, parameter })),
    ...GAME_CATALOG[spec.game.name].numeric.map((parameter) => ({
      path: `game.${parameter.name}`,
      parameter,
    })),
    ...METHOD_CATALOG[spec.method.name].numeric.map((parameter) => ({
      path: `method.${parameter.name}`,
      parameter,
    })),
  ];
}

function parseRun(input: Record<string, unknown>, extraFields: readonly string[]): SingleGameSpec {
  const fields = ['game', 'method', ...RUN_NUMERIC.map((p) => p.name), STEPS.name, ...extraFields];
  rejectUnknown(input, fields, '', 'a spec');
  const game = parseGame(input.game);
  const method = parseMethod(input.method);
  const run: Record<string, unknown> = { game, method };
  for (const p of RUN_NUMERIC) {
    const value = input[p.name];
    if (value === undefined) {
      if (!OPTIONAL_RUN_FIELDS.has(p.name))
        run[p.name] = DEFAULT_SPEC[p.name as keyof SingleGameSpec];
      continue;
    }
    run[p.name] = checkNumber(p, value, p.name);
  }
  run.steps =
    input.steps === undefined ? DEFAULT_SPEC.steps : checkNumber(STEPS, input.steps, 'steps');
  return run as unknown as SingleGameSpec;
}

function parseGame(value: unknown): GameSpec {
  if (value === undefined) return { ...DEFAULT_SPEC.game };
  const { name, fields } = parseNamed(value, 'game', GAME_NAMES, isGameName);
  const spec = fillParameters(
    defaultGameSpec(name),
    GAME_CATALOG[name],
    fields,
    'game',
    `game '${name}'`,
  );
  // A typed objective is only known to be valid once it parses and differentiates.
  if (GAME_CATALOG[name].texts.length > 0) compileGame(spec);
  return spec;
}

function parseMethod(value: unknown): MethodSpec {
  if (value === undefined) return { ...DEFAULT_SPEC.method };
  const { name, fields } = parseNamed(value, 'method', METHOD_NAMES, isMethodName);
  return fillParameters(
    defaultMethodSpec(name),
    METHOD_CATALOG[name],
    fields,
    'method',
    `method '${name}'`,
  );
}

/** `game` / `method`: a bare name (all defaults) or an object with a name. */
function parseNamed<N extends string>(
  value: unknown,
  field: string,
  names: readonly N[],
  isName: (name: unknown) => name is N,
): { name: N; fields: Record<string, unknown> } {
  const known = `expected one of ${names.join(', ')}`;
  if (typeof value === 'string') {
    if (!isName(value)) throw new SpecError(field, `unknown ${field} '${value}' (${known})`);
    return { name: value, fields: {} };
  }
  if (!isPlainObject(value)) {
    throw new SpecError(
      field,
      `must be a ${field} name or an object with a name, got ${describeValue(value)}`,
    );
  }
  const { name, ...fields } = value;
  if (!isName(name)) {
    throw new SpecError(`${field}.name`, `unknown ${field} ${quoteName(name)} (${known})`);
  }
  return { name, fields };
}

function fillParameters<T extends GameSpec | MethodSpec>(
  defaults: T,
  list: ParameterList,
  fields: Record<string, unknown>,
  prefix: string,
  owner: string,
): T {
  const names = [...list.numeric, ...list.choices, ...list.texts].map((p) => p.name);
  const has = names.length === 0 ? 'it has no parameters' : `it has ${names.join(', ')}`;
  for (const key of Object.keys(fields)) {
    if (!names.includes(key))
      throw new SpecError(`${prefix}.${key}`, `unknown field for ${owner} (${has})`);
  }
  const spec: Record<string, unknown> = { ...defaults };
  const given = (name: string) => fields[name] !== undefined;
  for (const p of list.numeric)
    if (given(p.name)) spec[p.name] = checkNumber(p, fields[p.name], `${prefix}.${p.name}`);
  for (const p of list.choices)
    if (given(p.name)) spec[p.name] = checkChoice(p, fields[p.name], `${prefix}.${p.name}`);
  for (const p of list.texts)
    if (given(p.name)) spec[p.name] = checkText(fields[p.name], `${prefix}.${p.name}`);
  return spec as unknown as T;
}

/** Validates one axis (`field` is its path for errors) against the fields `swept` allows. */
export function parseAxis(
  value: unknown,
  defaults: SweepAxis,
  field: string,
  swept: ReadonlyMap<string, NumericParameter>,
): SweepAxis {
  if (value === undefined) value = { ...defaults };
  const input = asObject(value, field);
  rejectUnknown(input, ['param', 'from', 'to', 'count', 'scale'], field, 'an axis');
  const param = input.param;
  const parameter = typeof param === 'string' ? swept.get(param) : undefined;
  if (parameter === undefined) {
    throw new SpecError(
      `${field}.param`,
      `unknown parameter ${quoteName(param)} (this spec can sweep ${[...swept.keys()].join(', ')})`,
    );
  }
  const scale = input.scale ?? 'linear';
  if (scale !== 'linear' && scale !== 'log') {
    throw new SpecError(`${field}.scale`, `must be 'linear' or 'log', got ${describeValue(scale)}`);
  }
  const count =
    input.count === undefined
      ? AXIS_COUNT.default
      : checkNumber(AXIS_COUNT, input.count, `${field}.count`);
  const end = (key: 'from' | 'to'): number => {
    const v = checkNumber(AXIS_END, input[key], `${field}.${key}`);
    if (scale === 'log' && v <= 0)
      throw new SpecError(`${field}.${key}`, `must be greater than 0 on a log axis, got ${v}`);
    checkNumber(parameter, v, `${field}.${key}`);
    return v;
  };
  return { param: param as string, from: end('from'), to: end('to'), count, scale };
}

function checkIndex(index: number, count: number, name: string): void {
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new RangeError(`${name} must be an integer from 0 to ${count - 1}, got ${index}`);
  }
}

function rejectUnknown(
  input: Record<string, unknown>,
  fields: readonly string[],
  prefix: string,
  what: string,
): void {
  for (const key of Object.keys(input)) {
    if (!fields.includes(key)) {
      throw new SpecError(
        prefix ? `${prefix}.${key}` : key,
        `unknown field for ${what} (expected ${fields.join(', ')})`,
      );
    }
  }
}

function asObject(value: unknown, field: string): Record<string, unknown> {
  if (!isPlainObject(value))
    throw new SpecError(field, `must be an object, got ${describeValue(value)}`);
  return value;
}

function quoteName(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : describeValue(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
