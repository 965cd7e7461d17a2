/**
 * Reads a PyTorch layer stack written as Python: `nn.Sequential(...)` (optionally assigned,
 * `model = nn.Sequential(...)`), or bare layer calls separated by commas or new lines, with
 * or without the `nn.` / `torch.nn.` prefix, `#` comments and trailing commas. Only literal
 * arguments (ints, floats, strings, True/False/None, tuples and lists) are read; arguments
 * bind to PyTorch's signatures (layer-spec.ts) as Python binds them.
 */
import {
  LAYER_SIGNATURES,
  LAYER_TYPES,
  isLayerType,
  type LayerSpec,
  type LayerType,
  type ParamKind,
  type ParamSpec,
} from './layer-spec.js';

export interface SourcePosition {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

/** A problem with the text of a stack, at a position, with what would have been accepted there. */
export class LayerParseError extends Error {
  readonly line: number;
  readonly column: number;
  /** The bare problem, without the position. */
  readonly detail: string;
  readonly expected: string;

  constructor(position: SourcePosition, detail: string, expected: string) {
    super(
      `${position.line}:${position.column}: ${detail}${expected ? `; expected ${expected}` : ''}`,
    );
    this.name = 'LayerParseError';
    this.line = position.line;
    this.column = position.column;
    this.detail = detail;
    this.expected = expected;
  }
}

export interface ParsedStack {
  layers: LayerSpec[];
  /** Where each layer's name starts. */
  positions: SourcePosition[];
}

type TokenKind = 'ident' | 'number' | 'string' | 'punct' | 'end';

interface Token extends SourcePosition {
  kind: TokenKind;
  text: string;
  /** Numbers: whether written as a float (with '.' or an exponent). Strings: the unquoted value. */
  isFloat?: boolean;
  value?: string;
}

const PUNCTUATION = '()[],=.-+';
const MAX_NESTING = 16;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const at = (index: number): SourcePosition => ({ line, column: index - lineStart + 1 });
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') {
      i++;
      line++;
      lineStart = i;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (
      c === '\\' &&
      (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))
    ) {
      i++;
    } else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (/[A-Za-z_]/.test(c)) {
      const start = i;
      while (i < text.length && /[A-Za-z0-9_]/.test(text[i])) i++;
      tokens.push({ kind: 'ident', text: text.slice(start, i), ...at(start) });
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const start = i;
      const match = /^(?:[0-9][0-9_]*)?(\.[0-9_]*)?([eE][+-]?[0-9]+)?/.exec(text.slice(i));
      const literal = match ? match[0] : c;
      i += literal.length;
      if (/[A-Za-z_]/.test(text[i] ?? '')) {
        throw new LayerParseError(
          at(start),
          `invalid number '${literal}${text[i]}'`,
          'a number such as 4, 0.2 or 1e-5',
        );
      }
      tokens.push({ kind: 'number', text: literal, isFloat: /[.eE]/.test(literal), ...at(start) });
    } else if (c === "'" || c === '"') {
      const start = i;
      i++;
      let value = '';
      while (i < text.length && text[i] !== c && text[i] !== '\n') {
        if (text[i] === '\\' && i + 1 < text.length && text[i + 1] !== '\n') i++;
        value += text[i];
        i++;
      }
      if (text[i] !== c)
        throw new LayerParseError(at(start), 'unterminated string', `a closing ${c}`);
      i++;
      tokens.push({ kind: 'string', text: text.slice(start, i), value, ...at(start) });
    } else if (PUNCTUATION.includes(c)) {
      tokens.push({ kind: 'punct', text: c, ...at(i) });
      i++;
    } else {
      throw new LayerParseError(
        at(i),
        `unexpected character '${c}'`,
        'a layer such as nn.Conv2d(3, 64, 4)',
      );
    }
  }
  tokens.push({ kind: 'end', text: '', ...at(i) });
  return tokens;
}

/** A Python literal with its position. */
type PyValue =
  | { kind: 'int' | 'float'; value: number; at: SourcePosition }
  | { kind: 'str'; value: string; at: SourcePosition }
  | { kind: 'bool'; value: boolean; at: SourcePosition }
  | { kind: 'none'; at: SourcePosition }
  | { kind: 'tuple'; items: PyValue[]; at: SourcePosition };

interface RawArgument {
  name: string | null;
  value: PyValue;
  at: SourcePosition;
}

function describeToken(token: Token): string {
  return token.kind === 'end' ? 'the end of the text' : `'${token.text}'`;
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

function closest(name: string, options: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const option of options) {
    const distance = editDistance(name, option);
    if (distance < bestDistance) [best, bestDistance] = [option, distance];
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : null;
}

class Parser {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  private get current(): Token {
    return this.tokens[this.index];
  }

  private peek(offset: number): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)];
  }

  private isPunct(text: string, token = this.current): boolean {
    return token.kind === 'punct' && token.text === text;
  }

  private expectPunct(text: string, expected: string): Token {
    const token = this.current;
    if (!this.isPunct(text))
      throw new LayerParseError(token, `unexpected ${describeToken(token)}`, expected);
    this.index++;
    return token;
  }

  parseStack(): ParsedStack {
    const result: ParsedStack = { layers: [], positions: [] };
    if (this.current.kind === 'ident' && this.isPunct('=', this.peek(1))) this.index += 2;
    const start = this.current;
    if (start.kind === 'ident' && this.qualifiedNameAhead() === 'Sequential') {
      this.readQualifiedName();
      this.expectPunct('(', "'(' after Sequential");
      this.parseLayers(result, ')');
      this.expectPunct(')', "')' closing nn.Sequential(");
      if (this.current.kind !== 'end') {
        throw new LayerParseError(
          this.current,
          `unexpected ${describeToken(this.current)} after nn.Sequential(...)`,
          'the end of the text',
        );
      }
    } else {
      this.parseLayers(result, null);
    }
    if (result.layers.length === 0)
      throw new LayerParseError(
        start,
        'no layers',
        'at least one layer such as nn.Conv2d(3, 64, 4)',
      );
    return result;
  }

  /** Layers separated by optional commas, up to `closer` (or the end of the text). */
  private parseLayers(result: ParsedStack, closer: string | null): void {
    while (!(closer !== null && this.isPunct(closer)) && this.current.kind !== 'end') {
      const at: SourcePosition = { line: this.current.line, column: this.current.column };
      result.layers.push(this.parseLayer());
      result.positions.push(at);
      if (this.isPunct(',')) this.index++;
    }
  }

  /** The last name of a dotted name starting here, without consuming it. */
  private qualifiedNameAhead(): string {
    let offset = 0;
    let name = this.peek(0).text;
    while (this.isPunct('.', this.peek(offset + 1)) && this.peek(offset + 2).kind === 'ident') {
      offset += 2;
      name = this.peek(offset).text;
    }
    return name;
  }

  private readQualifiedName(): { name: string; at: Token } {
    const first = this.current;
    if (first.kind !== 'ident') {
      throw new LayerParseError(
        first,
        `unexpected ${describeToken(first)}`,
        `a layer (${LAYER_TYPES.join(', ')})`,
      );
    }
    const parts = [first.text];
    this.index++;
    while (this.isPunct('.')) {
      this.index++;
      const part = this.current;
      if (part.kind !== 'ident')
        throw new LayerParseError(part, `unexpected ${describeToken(part)} after '.'`, 'a name');
      parts.push(part.text);
      this.index++;
    }
    const prefix = parts.slice(0, -1).join('.');
    if (prefix !== '' && prefix !== 'nn' && prefix !== 'torch.nn') {
      throw new LayerParseError(
        first,
        `unknown module '${prefix}'`,
        "'nn.' or 'torch.nn.' before the layer name, or none",
      );
    }
    return { name: parts[parts.length - 1], at: first };
  }

  private parseLayer(): LayerSpec {
    const { name, at } = this.readQualifiedName();
    if (!isLayerType(name)) {
      const guess = closest(name, LAYER_TYPES);
      throw new LayerParseError(
        at,
        `unknown layer '${name}'${guess ? ` (did you mean ${guess}?)` : ''}`,
        `one of ${LAYER_TYPES.join(', ')}`,
      );
    }
    this.expectPunct('(', `'(' after ${name}`);
    const args: RawArgument[] = [];
    while (!this.isPunct(')')) {
      const argAt: SourcePosition = { line: this.current.line, column: this.current.column };
      let argName: string | null = null;
      if (this.current.kind === 'ident' && this.isPunct('=', this.peek(1))) {
        argName = this.current.text;
        this.index += 2;
      } else if (args.some((a) => a.name !== null)) {
        throw new LayerParseError(
          argAt,
          'positional argument follows keyword argument',
          'name=value',
        );
      }
      args.push({ name: argName, value: this.parseValue(0), at: argAt });
      if (this.isPunct(',')) this.index++;
      else if (!this.isPunct(')')) {
        throw new LayerParseError(
          this.current,
          `unexpected ${describeToken(this.current)}`,
          `',' or ')' in ${name}(...)`,
        );
      }
    }
    this.index++;
    return bindArguments(name, at, args);
  }

  private parseValue(depth: number): PyValue {
    const token = this.current;
    const at: SourcePosition = { line: token.line, column: token.column };
    if (depth > MAX_NESTING)
      throw new LayerParseError(at, 'tuples nested too deeply', 'an int or a pair (h, w)');
    if (this.isPunct('-') || this.isPunct('+')) {
      const sign = token.text === '-' ? -1 : 1;
      this.index++;
      const operand = this.parseValue(depth + 1);
      if (operand.kind !== 'int' && operand.kind !== 'float') {
        throw new LayerParseError(operand.at, `'${token.text}' before a non-number`, 'a number');
      }
      return { ...operand, value: sign * operand.value, at };
    }
    if (token.kind === 'number') {
      this.index++;
      const value = Number(token.text.replace(/_/g, ''));
      if (!Number.isFinite(value))
        throw new LayerParseError(at, `number out of range '${token.text}'`, 'a finite number');
      return { kind: token.isFloat ? 'float' : 'int', value, at };
    }
    if (token.kind === 'string') {
      this.index++;
      return { kind: 'str', value: token.value ?? '', at };
    }
    if (token.kind === 'ident') {
      if (token.text === 'True' || token.text === 'False') {
        this.index++;
        return { kind: 'bool', value: token.text === 'True', at };
      }
      if (token.text === 'None') {
        this.index++;
        return { kind: 'none', at };
      }
      throw new LayerParseError(
        at,
        `'${token.text}' is a name, and only literal values are read`,
        'a number, a string, True, False, None or a tuple',
      );
    }
    if (this.isPunct('(') || this.isPunct('[')) {
      const closer = token.text === '(' ? ')' : ']';
      this.index++;
      const items: PyValue[] = [];
      let sawComma = false;
      while (!this.isPunct(closer)) {
        items.push(this.parseValue(depth + 1));
        if (this.isPunct(',')) {
          sawComma = true;
          this.index++;
        } else if (!this.isPunct(closer)) {
          throw new LayerParseError(
            this.current,
            `unexpected ${describeToken(this.current)}`,
            `',' or '${closer}'`,
          );
        }
      }
      this.index++;
      // (x) is just x in Python; (x,) and [x] are sequences.
      if (closer === ')' && items.length === 1 && !sawComma) return items[0];
      return { kind: 'tuple', items, at };
    }
    throw new LayerParseError(at, `unexpected ${describeToken(token)}`, 'a value');
  }
}

function describeValue(value: PyValue): string {
  switch (value.kind) {
    case 'int':
    case 'float':
      return String(value.value);
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
function bindArguments(type: LayerType, at: SourcePosition, args: RawArgument[]): LayerSpec {
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
      throw new LayerParseError(
        arg.value.at,
        `${type} argument ${param.name}=${describeValue(arg.value)} has the wrong type`,
        KIND_TEXT[param.kind],
      );
    }
    layer[param.key] = converted;
  }
  return layer as unknown as LayerSpec;
}

/** Parses a stack; throws LayerParseError (and nothing else) on any text it cannot read. */
export function parseStack(text: string): ParsedStack {
  return new Parser(tokenize(text)).parseStack();
}

/** Parses one layer call such as `Conv2d(3, 64, 4, 2, 1)` or `nn.ReLU(True)`. */
export function parseLayer(text: string): LayerSpec {
  const stack = parseStack(text);
  if (stack.layers.length !== 1) {
    throw new LayerParseError(stack.positions[1], 'more than one layer', 'a single layer call');
  }
  return stack.layers[0];
}
