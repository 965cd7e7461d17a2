/**
 * Binds a layer call's literal arguments to PyTorch's signature (layer-spec.ts) as Python
 * binds them, with Python's TypeError wording, and converts them to the layer's fields.
 */
import { pythonFloatRepr } from './layer-arithmetic.js';
import { LayerParseError, type SourcePosition } from './layer-parse-error.js';
import {
  LAYER_SIGNATURES,
  type LayerSpec,
  type LayerType,
  type ParamKind,
  type ParamSpec,
} from './layer-spec.js';

/** A Python literal with its position. */
export type PyValue =
  | { kind: 'int' | 'float'; value: number; at: SourcePosition }
  | { kind: 'str'; value: string; at: SourcePosition }
  | { kind: 'bool'; value: boolean; at: SourcePosition }
  | { kind: 'none'; at: SourcePosition }
  | { kind: 'tuple'; items: PyValue[]; at: SourcePosition };

export interface RawArgument {
  name: string | null;
  value: PyValue;
  at: SourcePosition;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(
        row[j] + 1,
        row[j - 1] + 1,
        previous + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1),
      );
      previous = current;
    }
  }
  return row[b.length];
}

export function closest(name: string, options: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const option of options) {
    const distance = editDistance(name, option);
    if (distance < bestDistance) [best, bestDistance] = [option, distance];
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : null;
}

function describeValue(value: PyValue): string {
  switch (value.kind) {
    case 'int':
      return String(value.value);
    case 'float':
      return pythonFloatRepr(value.value);
    case 'str':
      return `'${value.value}'`;
    case 'bool':
      return value.value ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'tuple':
      return `(${value.items.map(describeValue).join(', ')})`;
  }
}

const KIND_TEXT: Record<ParamKind, string> = {
  int: 'an int',
  'int-or-pair': 'an int or a pair of ints (h, w)',
  'int-or-pair-or-str': "an int, a pair of ints (h, w), 'same' or 'valid'",
  'int-or-pair-or-none': 'an int, a pair of ints (h, w) or None',
  'int-or-none': 'an int or None',
  float: 'a number',
  'float-or-none': 'a number or None',
  'float-or-pair-or-none': 'a number, a pair of numbers (h, w) or None',
  bool: 'True or False',
  'bool-or-none': 'True, False or None',
  str: 'a string',
};

function convertValue(value: PyValue, kind: ParamKind): unknown {
  const isInt = value.kind === 'int';
  const isNumber = value.kind === 'int' || value.kind === 'float';
  const intPair =
    value.kind === 'tuple' &&
    value.items.length === 2 &&
    value.items.every((v) => v.kind === 'int');
  const numberPair =
    value.kind === 'tuple' &&
    value.items.length === 2 &&
    value.items.every((v) => v.kind === 'int' || v.kind === 'float');
  const pairOf = (v: PyValue) =>
    v.kind === 'tuple' ? v.items.map((item) => (item as { value: number }).value) : [];
  const optional = kind.endsWith('-or-none');
  if (optional && value.kind === 'none') return null;
  switch (kind) {
    case 'int':
    case 'int-or-none':
      if (isInt) return value.value;
      break;
    case 'int-or-pair':
    case 'int-or-pair-or-none':
    case 'int-or-pair-or-str':
      if (isInt) return value.value;
      if (intPair) return pairOf(value);
      if (kind === 'int-or-pair-or-str' && value.kind === 'str') return value.value;
      break;
    case 'float':
    case 'float-or-none':
      if (isNumber) return value.value;
      break;
    case 'float-or-pair-or-none':
      if (isNumber) return value.value;
      if (numberPair) return pairOf(value);
      break;
    case 'bool':
    case 'bool-or-none':
      if (value.kind === 'bool') return value.value;
      break;
    case 'str':
      if (value.kind === 'str') return value.value;
      break;
  }
  return undefined;
}

function containsWholeFloat(value: PyValue): boolean {
  if (value.kind === 'float') return Number.isInteger(value.value);
  return value.kind === 'tuple' && value.items.some(containsWholeFloat);
}

/** Layers whose PyTorch constructors also take device and dtype (not read here). */
const DEVICE_DTYPE: ReadonlySet<LayerType> = new Set([
  'Conv2d',
  'ConvTranspose2d',
  'BatchNorm2d',
  'Linear',
]);

function quoteList(names: string[]): string {
  const quoted = names.map((n) => `'${n}'`);
  if (quoted.length <= 1) return quoted.join('');
  if (quoted.length === 2) return `${quoted[0]} and ${quoted[1]}`;
  return `${quoted.slice(0, -1).join(', ')}, and ${quoted[quoted.length - 1]}`;
}

/** Binds arguments to the signature as Python does, with Python's TypeError wording. */
export function bindArguments(type: LayerType, at: SourcePosition, args: RawArgument[]): LayerSpec {
  const signature: readonly ParamSpec[] = LAYER_SIGNATURES[type];
  const fn = `${type}.__init__()`;
  const positional = args.filter((a) => a.name === null);
  const extra = DEVICE_DTYPE.has(type) ? 2 : 0;
  if (positional.length > signature.length) {
    const required = signature.filter((s) => s.default === undefined).length;
    const most = signature.length + extra;
    if (positional.length <= most) {
      throw new LayerParseError(
        positional[signature.length].at,
        `${type}'s device and dtype arguments are not read here`,
        'no more arguments',
      );
    }
    const takes =
      required === most
        ? `takes ${most + 1} positional argument${most === 0 ? '' : 's'}`
        : `takes from ${required + 1} to ${most + 1} positional arguments`;
    throw new LayerParseError(
      positional[signature.length].at,
      `${fn} ${takes} but ${positional.length + 1} were given`,
      `at most ${signature.length} positional arguments (${signature.map((s) => s.name).join(', ')})`,
    );
  }
  const bound = new Map<string, RawArgument>();
  positional.forEach((arg, i) => bound.set(signature[i].name, arg));
  for (const arg of args) {
    if (arg.name === null) continue;
    const param = signature.find((s) => s.name === arg.name);
    if (!param) {
      if (extra > 0 && (arg.name === 'device' || arg.name === 'dtype')) {
        throw new LayerParseError(
          arg.at,
          `${type}'s ${arg.name} argument is not read here`,
          `${type}(...) without ${arg.name}=`,
        );
      }
      const guess = closest(
        arg.name,
        signature.map((s) => s.name),
      );
      throw new LayerParseError(
        arg.at,
        `${fn} got an unexpected keyword argument '${arg.name}'`,
        guess
          ? `'${guess}'`
          : signature.length
            ? `one of ${signature.map((s) => s.name).join(', ')}`
            : 'no arguments',
      );
    }
    if (bound.has(param.name)) {
      throw new LayerParseError(
        arg.at,
        `${fn} got multiple values for argument '${param.name}'`,
        'each argument once',
      );
    }
    bound.set(param.name, arg);
  }
  const missing = signature
    .filter((s) => s.default === undefined && !bound.has(s.name))
    .map((s) => s.name);
  if (missing.length > 0) {
    throw new LayerParseError(
      at,
      `${fn} missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${quoteList(missing)}`,
      `${type}(${signature
        .filter((s) => s.default === undefined)
        .map((s) => s.name)
        .join(', ')}, …)`,
    );
  }
  const layer: Record<string, unknown> = { type };
  for (const param of signature) {
    const arg = bound.get(param.name);
    if (!arg) {
      layer[param.key] = param.default;
      continue;
    }
    const converted = convertValue(arg.value, param.kind);
    if (converted === undefined) {
      // A whole float such as ngf / 2 = 32.0 where PyTorch needs an int: PyTorch raises its own
      // TypeError when it allocates the weight; say so, and how Python gets an int.
      const wholeFloat = containsWholeFloat(arg.value) && param.kind.startsWith('int');
      throw new LayerParseError(
        arg.value.at,
        `${type} argument ${param.name}=${describeValue(arg.value)} has the wrong type${
          wholeFloat ? ' (a float; PyTorch raises TypeError for it)' : ''
        }`,
        wholeFloat
          ? `${KIND_TEXT[param.kind]}; in Python a / b is a float and a // b an int`
          : KIND_TEXT[param.kind],
      );
    }
    layer[param.key] = converted;
  }
  return layer as unknown as LayerSpec;
}
