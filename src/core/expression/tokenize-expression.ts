import { ExpressionError } from './expression-error.js';

export type Token =
  | { readonly type: 'number'; readonly value: number; readonly text: string; readonly at: number }
  | { readonly type: 'name'; readonly text: string; readonly at: number }
  | {
      readonly type: 'op';
      readonly op: '+' | '-' | '*' | '/' | '^';
      readonly text: string;
      readonly at: number;
    }
  | { readonly type: '(' | ')' | ',' | 'end'; readonly text: string; readonly at: number };

// Characters people paste from typeset maths, with what to type instead.
const LOOKALIKES: ReadonlyMap<string, string> = new Map([
  ['\u2212', '-'],
  ['\u2013', '-'],
  ['\u00d7', '*'],
  ['\u00b7', '*'],
  ['\u22c5', '*'],
  ['\u2217', '*'],
  ['\u00f7', '/'],
  ['\u00b2', '^2'],
  ['\u00b3', '^3'],
  ['[', '('],
  [']', ')'],
  ['{', '('],
  ['}', ')'],
]);

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isNameStart = (c: string): boolean =>
  (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isNamePart = (c: string): boolean => isNameStart(c) || isDigit(c);

/** Shows a piece of user text inside a message: quoted, shortened, invisible characters as U+XXXX. */
export function quote(text: string): string {
  const chars = Array.from(text);
  const shown = chars.length > 24 ? chars.slice(0, 20).join('') + '\u2026' : text;
  return `'${shown.replace(/[\p{C}\p{Z}]/gu, (c) => (c === ' ' ? c : codePointName(c)))}'`;
}

function codePointName(c: string): string {
  return 'U+' + (c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}

function unexpectedCharacter(text: string, at: number): ExpressionError {
  const c = String.fromCodePoint(text.codePointAt(at) ?? 0);
  const instead = LOOKALIKES.get(c);
  const hint = instead === undefined ? '' : `: use '${instead}'`;
  return new ExpressionError(`unexpected character ${quote(c)} at ${at}${hint}`, at);
}

/** Splits expression text into tokens; the last token is always `end`. */
export function tokenizeExpression(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (isDigit(c) || (c === '.' && isDigit(text[i + 1] ?? ''))) {
      const start = i;
      while (isDigit(text[i] ?? '')) i++;
      if (text[i] === '.') {
        i++;
        while (isDigit(text[i] ?? '')) i++;
      }
      const sign = text[i + 1] === '+' || text[i + 1] === '-' ? 1 : 0;
      if ((text[i] === 'e' || text[i] === 'E') && isDigit(text[i + 1 + sign] ?? '')) {
        i += 1 + sign;
        while (isDigit(text[i] ?? '')) i++;
      }
      if (text[i] === '.') {
        while (text[i] === '.' || isDigit(text[i] ?? '')) i++;
        const shown = quote(text.slice(start, i));
        throw new ExpressionError(`malformed number ${shown} at ${start}`, start);
      }
      const numberText = text.slice(start, i);
      const value = Number(numberText);
      if (!Number.isFinite(value)) {
        const shown = quote(numberText);
        throw new ExpressionError(`number ${shown} at ${start} is too large`, start);
      }
      tokens.push({ type: 'number', value, text: numberText, at: start });
    } else if (isNameStart(c)) {
      const start = i;
      while (isNamePart(text[i] ?? '')) i++;
      tokens.push({ type: 'name', text: text.slice(start, i), at: start });
    } else if (c === '*' && text[i + 1] === '*') {
      tokens.push({ type: 'op', op: '^', text: '**', at: i });
      i += 2;
    } else if (c === '+' || c === '-' || c === '*' || c === '/' || c === '^') {
      tokens.push({ type: 'op', op: c, text: c, at: i });
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ type: c, text: c, at: i });
      i++;
    } else {
      throw unexpectedCharacter(text, i);
    }
  }
  tokens.push({ type: 'end', text: '', at: text.length });
  return tokens;
}
