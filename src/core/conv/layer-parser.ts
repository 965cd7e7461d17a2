/**
 * Reads a PyTorch layer stack written as Python: `nn.Sequential(...)` (optionally assigned,
 * `model = nn.Sequential(...)`), or bare layer calls separated by commas or new lines, with
 * or without the `nn.` / `torch.nn.` prefix, `#` comments and trailing commas. Arguments are
 * literals (ints, floats, strings, True/False/None, tuples and lists), Python arithmetic on
 * them (+ − * / // % ** and parentheses, layer-arithmetic.ts), and names bound earlier in the
 * text by simple assignments such as `ngf = 64`; `import` lines are skipped. Arguments bind to
 * PyTorch's signatures (layer-spec.ts) as Python binds them.
 */
import { bindArguments, closest, type PyValue, type RawArgument } from './layer-arguments.js';
import { applyBinary, applyUnary, type BinaryOperator } from './layer-arithmetic.js';
import { LayerParseError, type SourcePosition } from './layer-parse-error.js';
import { LAYER_TYPES, isLayerType, type LayerSpec } from './layer-spec.js';
import { describeToken, tokenize, type Token } from './layer-tokenizer.js';

export { LayerParseError, type SourcePosition } from './layer-parse-error.js';

export interface ParsedStack {
  layers: LayerSpec[];
  /** Where each layer's name starts. */
  positions: SourcePosition[];
}

const MAX_NESTING = 32;

class Parser {
  private index = 0;
  /** Names bound by assignments read so far, such as `ngf = 64`. */
  private readonly names = new Map<string, PyValue>();
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
    const start = this.current;
    while (this.current.kind !== 'end') {
      if (this.isPunct(',') && result.layers.length > 0) {
        this.index++;
      } else if (this.current.kind === 'ident' && /^(import|from)$/.test(this.current.text)) {
        this.skipLine();
      } else if (this.assignmentAhead() > 0) {
        this.parseAssignment(result);
      } else if (result.layers.length === 0 && this.qualifiedNameAhead() === 'Sequential') {
        this.parseSequential(result);
      } else {
        this.parseBareLayer(result);
      }
    }
    if (result.layers.length === 0)
      throw new LayerParseError(
        start,
        'no layers',
        'at least one layer such as nn.Conv2d(3, 64, 4)',
      );
    return result;
  }

  /** Skips the rest of the current token's line (an import). */
  private skipLine(): void {
    const line = this.current.line;
    while (this.current.kind !== 'end' && this.current.line === line) this.index++;
  }

  /** How many tokens `name =` or `self.name =` takes here; 0 when no assignment starts here. */
  private assignmentAhead(): number {
    let offset = 0;
    if (this.peek(0).kind !== 'ident') return 0;
    while (this.isPunct('.', this.peek(offset + 1)) && this.peek(offset + 2).kind === 'ident')
      offset += 2;
    return this.isPunct('=', this.peek(offset + 1)) ? offset + 2 : 0;
  }

  /** `name = <value>` binds the name; `model = nn.Sequential(...)` or `x = Conv2d(...)` is the stack. */
  private parseAssignment(result: ParsedStack): void {
    const length = this.assignmentAhead();
    const target = this.tokens
      .slice(this.index, this.index + length - 1)
      .map((t) => t.text)
      .join('');
    this.index += length;
    const value = this.current;
    const isCall =
      value.kind === 'ident' &&
      !/^(True|False|None)$/.test(value.text) &&
      this.isPunct('(', this.peek(this.qualifiedNameLength()));
    if (!isCall) {
      this.names.set(target, this.parseValue(0));
      return;
    }
    if (result.layers.length === 0 && this.qualifiedNameAhead() === 'Sequential')
      this.parseSequential(result);
    else this.parseBareLayer(result);
  }

  private parseSequential(result: ParsedStack): void {
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
  }

  private parseBareLayer(result: ParsedStack): void {
    const at: SourcePosition = { line: this.current.line, column: this.current.column };
    result.layers.push(this.parseLayer());
    result.positions.push(at);
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

  /** How many tokens the dotted name starting here takes. */
  private qualifiedNameLength(): number {
    let offset = 0;
    while (this.isPunct('.', this.peek(offset + 1)) && this.peek(offset + 2).kind === 'ident')
      offset += 2;
    return offset + 1;
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

  /** A Python expression: sums of products of powers of atoms, as Python's grammar nests them. */
  private parseValue(depth: number): PyValue {
    if (depth > MAX_NESTING)
      throw new LayerParseError(this.current, 'nested too deeply', 'a simpler value');
    const at: SourcePosition = { line: this.current.line, column: this.current.column };
    let left = this.parseTerm(depth);
    while (this.isPunct('+') || this.isPunct('-')) {
      const op = this.current;
      this.index++;
      left = applyBinary(op.text as BinaryOperator, left, this.parseTerm(depth), op, at);
    }
    return left;
  }

  private parseTerm(depth: number): PyValue {
    const at: SourcePosition = { line: this.current.line, column: this.current.column };
    let left = this.parseFactor(depth);
    while (this.isPunct('*') || this.isPunct('/') || this.isPunct('//') || this.isPunct('%')) {
      const op = this.current;
      this.index++;
      left = applyBinary(op.text as BinaryOperator, left, this.parseFactor(depth), op, at);
    }
    return left;
  }

  /** Unary signs bind looser than `**`: -2 ** 2 is -4, and 2 ** -1 is 0.5. */
  private parseFactor(depth: number): PyValue {
    if (depth > MAX_NESTING)
      throw new LayerParseError(this.current, 'nested too deeply', 'a simpler value');
    const token = this.current;
    if (this.isPunct('-') || this.isPunct('+')) {
      this.index++;
      return applyUnary(token.text as '+' | '-', this.parseFactor(depth + 1), token);
    }
    const base = this.parseAtom(depth);
    if (!this.isPunct('**')) return base;
    const op = this.current;
    this.index++;
    // Right-associative: 2 ** 3 ** 2 is 2 ** 9.
    return applyBinary('**', base, this.parseFactor(depth + 1), op, base.at);
  }

  private parseAtom(depth: number): PyValue {
    const token = this.current;
    const at: SourcePosition = { line: token.line, column: token.column };
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
      const length = this.qualifiedNameLength();
      const name = this.tokens
        .slice(this.index, this.index + length)
        .map((t) => t.text)
        .join('');
      const bound = this.names.get(name);
      if (bound === undefined) {
        const guess = closest(name, [...this.names.keys()]);
        throw new LayerParseError(
          at,
          `name '${name}' is not defined${guess ? ` (did you mean ${guess}?)` : ''}`,
          `a number, or a name assigned above, such as ${guess ?? 'ngf'} = 64`,
        );
      }
      this.index += length;
      return { ...bound, at } as PyValue;
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
      if (closer === ')' && items.length === 1 && !sawComma) return { ...items[0], at };
      return { kind: 'tuple', items, at };
    }
    throw new LayerParseError(at, `unexpected ${describeToken(token)}`, 'a value');
  }
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
