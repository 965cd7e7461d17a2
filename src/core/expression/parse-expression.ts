import { isUnaryFunction, UNARY_FUNCTIONS, type Expr } from './ast.js';
import { ExpressionError } from './expression-error.js';
import { quote, tokenizeExpression, type Token } from './tokenize-expression.js';

export interface ParseOptions {
  /** Names the expression may use as variables; default ['x', 'y']. */
  readonly variables?: readonly string[];
  /** Most levels of nesting (parentheses, calls, unary signs, exponents); default 64, at most 1000. */
  readonly maxDepth?: number;
  /**
   * Most characters of text; default 2000. The later passes (simplify,
   * differentiate, compile, format, emit) recurse over the tree, whose height
   * is below maxDepth + maxLength/2, so keep this in the thousands.
   */
  readonly maxLength?: number;
}

const CONSTANTS: ReadonlyMap<string, number> = new Map([
  ['pi', Math.PI],
  ['e', Math.E],
]);

// Names from other notations, with the name this grammar uses.
const ALIASES: ReadonlyMap<string, string> = new Map([['ln', 'log']]);

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Parses an objective such as `x*y - 0.5*x^2` into an Expr.
 *
 * Precedence, loosest first: `+ -`, then `* /`, then unary `-`/`+`, then `^`
 * (or `**`), which is right-associative and binds tighter than unary minus, so
 * `-x^2` is −(x²) and `2^-1` is ½. Multiplication must be written out.
 *
 * Problems with the text throw ExpressionError (with the position); bad
 * options are programming errors and throw RangeError.
 */
export function parseExpression(text: string, options: ParseOptions = {}): Expr {
  const variables = options.variables ?? ['x', 'y'];
  for (const name of variables) {
    if (!NAME.test(name) || isUnaryFunction(name) || CONSTANTS.has(name)) {
      throw new RangeError(`'${name}' cannot be a variable name`);
    }
  }
  const maxDepth = options.maxDepth ?? 64;
  // The parser recurses a few frames per level; beyond this the stack could run out.
  if (!Number.isInteger(maxDepth) || maxDepth < 1 || maxDepth > 1000) {
    throw new RangeError(`maxDepth must be an integer from 1 to 1000, not ${maxDepth}`);
  }
  const maxLength = options.maxLength ?? 2000;
  if (text.length > maxLength) {
    throw new ExpressionError(
      `expression is too long (${text.length} characters, at most ${maxLength})`,
      maxLength,
    );
  }
  const tokens = tokenizeExpression(text);
  if (tokens[0].type === 'end') throw new ExpressionError('empty expression', 0);
  return new Parser(tokens, new Set(variables), maxDepth).parseAll();
}

function listChoices(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly variables: ReadonlySet<string>,
    private readonly maxDepth: number,
  ) {}

  parseAll(): Expr {
    const e = this.parseSum();
    const t = this.peek();
    if (t.type === 'end') return e;
    if (t.type === ',') throw this.commaError(t);
    const why = t.type === ')' ? "no '(' is open" : 'expected an operator';
    throw new ExpressionError(`unexpected ${quote(t.text)} at ${t.at}: ${why}`, t.at);
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    return this.tokens[this.index++];
  }

  // Each nesting level costs a bounded number of stack frames, so bounding
  // the depth here is what keeps hostile input from overflowing the stack.
  private nested<T>(at: number, parse: () => T): T {
    if (++this.depth > this.maxDepth) {
      throw new ExpressionError(
        `expression nests too deeply (more than ${this.maxDepth} levels)`,
        at,
      );
    }
    const result = parse();
    this.depth--;
    return result;
  }

  private parseSum(): Expr {
    let left = this.parseProduct();
    for (let t = this.peek(); t.type === 'op' && (t.op === '+' || t.op === '-'); t = this.peek()) {
      this.index++;
      left = { kind: 'bin', op: t.op, left, right: this.parseProduct() };
    }
    return left;
  }

  private parseProduct(): Expr {
    let left = this.parseUnary();
    for (let t = this.peek(); t.type === 'op' && (t.op === '*' || t.op === '/'); t = this.peek()) {
      this.index++;
      left = { kind: 'bin', op: t.op, left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): Expr {
    const t = this.peek();
    if (t.type === 'op' && (t.op === '-' || t.op === '+')) {
      this.index++;
      const arg = this.nested(t.at, () => this.parseUnary());
      return t.op === '-' ? { kind: 'neg', arg } : arg;
    }
    return this.parsePower();
  }

  private parsePower(): Expr {
    const base = this.parsePrimary();
    const t = this.peek();
    if (t.type === 'op' && t.op === '^') {
      this.index++;
      const exponent = this.nested(t.at, () => this.parseUnary());
      return { kind: 'bin', op: '^', left: base, right: exponent };
    }
    return base;
  }

  private parsePrimary(): Expr {
    const t = this.next();
    let e: Expr;
    if (t.type === 'number') {
      e = { kind: 'num', value: t.value };
    } else if (t.type === 'name') {
      e = this.parseName(t);
    } else if (t.type === '(') {
      e = this.nested(t.at, () => this.parseParenthesised(t));
    } else if (t.type === 'end') {
      const before = this.tokens[this.index - 2];
      throw new ExpressionError(
        `expected an expression after ${quote(before.text)} at ${before.at}`,
        before.at,
      );
    } else {
      throw new ExpressionError(
        `unexpected ${quote(t.text)} at ${t.at}: expected a number, a name or '('`,
        t.at,
      );
    }
    const after = this.peek();
    if (after.type === 'number' || after.type === 'name' || after.type === '(') {
      const before = this.tokens[this.index - 1];
      throw new ExpressionError(
        `missing operator between ${quote(before.text)} and ${quote(after.text)} at ${after.at}`,
        after.at,
      );
    }
    return e;
  }

  private parseName(t: Token): Expr {
    const name = t.text;
    const constant = CONSTANTS.get(name);
    if (constant !== undefined) return { kind: 'num', value: constant };
    if (this.variables.has(name)) return { kind: 'var', name };
    const open = this.peek();
    if (isUnaryFunction(name)) {
      if (open.type !== '(') {
        throw new ExpressionError(`expected '(' after '${name}' at ${open.at}`, open.at);
      }
      this.index++;
      const arg = this.nested(open.at, () => this.parseParenthesised(open));
      return { kind: 'call', fn: name, arg };
    }
    throw new ExpressionError(this.unknownNameMessage(t, open.type === '('), t.at);
  }

  private unknownNameMessage(t: Token, called: boolean): string {
    const known = called ? UNARY_FUNCTIONS : [...this.variables, ...CONSTANTS.keys()];
    const suggestion =
      ALIASES.get(t.text) ?? known.find((k) => k.toLowerCase() === t.text.toLowerCase());
    const hint =
      suggestion !== undefined
        ? `did you mean '${suggestion}'?`
        : called
          ? `use ${listChoices(UNARY_FUNCTIONS)}`
          : this.variables.size > 0
            ? `use ${listChoices([...this.variables])}`
            : 'this expression takes no variables';
    return `unknown ${called ? 'function' : 'name'} ${quote(t.text)} at ${t.at}: ${hint}`;
  }

  // Called just after `open`; reads the inner expression and its ')'.
  private parseParenthesised(open: Token): Expr {
    const inner = this.parseSum();
    const close = this.next();
    if (close.type === ')') return inner;
    if (close.type === ',') throw this.commaError(close);
    throw new ExpressionError(`missing ')' for '(' at ${open.at}`, open.at);
  }

  private commaError(t: Token): ExpressionError {
    return new ExpressionError(`unexpected ',' at ${t.at}: functions take one argument`, t.at);
  }
}
