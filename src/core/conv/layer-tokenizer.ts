/** Splits a layer stack's Python text into tokens, with positions (layer-parser.ts reads them). */
import { LayerParseError, type SourcePosition } from './layer-parse-error.js';

export type TokenKind = 'ident' | 'number' | 'string' | 'punct' | 'end';

export interface Token extends SourcePosition {
  kind: TokenKind;
  text: string;
  /** Numbers: whether written as a float (with '.' or an exponent). Strings: the unquoted value. */
  isFloat?: boolean;
  value?: string;
}

const PUNCTUATION = '()[],=.-+*/%';
/** Two-character operators, read before their first character alone. */
const OPERATORS = ['**', '//'];

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const at = (index: number): SourcePosition => ({ line, column: index - lineStart + 1 });
  // Python reads a source file that starts with a UTF-8 byte order mark; so does this.
  if (text.startsWith('\uFEFF')) i = lineStart = 1;
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
      const isFloat = /[.eE]/.test(literal);
      // Python: '_' only between digits ("invalid decimal literal"), and no leading zeros on
      // a non-zero integer (SyntaxError: leading zeros in decimal integer literals are not
      // permitted; use an 0o prefix for octal integers).
      if (/_(?![0-9])|(?<![0-9])_/.test(literal))
        throw new LayerParseError(
          at(start),
          `invalid decimal literal '${literal}'`,
          "digits with single '_' between them, such as 1_000",
        );
      if (!isFloat && /^0[0-9_]*[1-9]/.test(literal))
        throw new LayerParseError(
          at(start),
          `leading zeros in decimal integer literals are not permitted: '${literal}'`,
          `the number without its leading zeros, ${literal.replace(/_/g, '').replace(/^0+/, '')}`,
        );
      tokens.push({ kind: 'number', text: literal, isFloat, ...at(start) });
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
    } else if (OPERATORS.includes(text.slice(i, i + 2))) {
      tokens.push({ kind: 'punct', text: text.slice(i, i + 2), ...at(i) });
      i += 2;
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

export function describeToken(token: Token): string {
  return token.kind === 'end' ? 'the end of the text' : `'${token.text}'`;
}
