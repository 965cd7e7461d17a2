import { SpecError } from './spec-error.js';

/** A numeric parameter of a game or a method, with its valid range. */
export interface NumericParameter {
  readonly name: string;
  readonly default: number;
  readonly min: number;
  readonly max: number;
  /** The range excludes `min` (e.g. a learning rate must be > 0). */
  readonly minExclusive?: boolean;
  /** The range excludes `max` (e.g. Adam's β₁ < 1). */
  readonly maxExclusive?: boolean;
  readonly integer?: boolean;
  readonly description: string;
}

/** A parameter that picks one of a few named variants (a loss, an update order). */
export interface ChoiceParameter {
  readonly name: string;
  readonly default: string;
  readonly choices: readonly string[];
  readonly description: string;
}

/** A free-text parameter (a typed objective). */
export interface TextParameter {
  readonly name: string;
  readonly default: string;
  readonly description: string;
}

/** The numeric, choice and text parameters of one game or method, in display order. */
export interface ParameterList {
  readonly numeric: readonly NumericParameter[];
  readonly choices: readonly ChoiceParameter[];
  readonly texts: readonly TextParameter[];
}

/** The range in words, as it appears in error messages. */
export function describeRange(
  p: Pick<NumericParameter, 'min' | 'max' | 'minExclusive' | 'maxExclusive' | 'integer'>,
): string {
  if (p.integer) return `an integer from ${p.min} to ${p.max}`;
  const lower = Number.isFinite(p.min);
  const upper = Number.isFinite(p.max);
  if (lower && upper && !p.minExclusive && !p.maxExclusive)
    return `a number from ${p.min} to ${p.max}`;
  const bounds: string[] = [];
  if (lower) bounds.push(p.minExclusive ? `greater than ${p.min}` : `at least ${p.min}`);
  if (upper) bounds.push(p.maxExclusive ? `less than ${p.max}` : `at most ${p.max}`);
  return bounds.length === 0 ? 'a finite number' : `a number ${bounds.join(' and ')}`;
}

/** How a received value is quoted in a message: numbers plainly, anything else as JSON. */
export function describeValue(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === undefined) return 'nothing';
  return JSON.stringify(value) ?? String(value);
}

export function inRange(p: NumericParameter, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  if (p.integer && !Number.isInteger(value)) return false;
  if (p.minExclusive ? value <= p.min : value < p.min) return false;
  return p.maxExclusive ? value < p.max : value <= p.max;
}

/** The value if it is a number in the parameter's range; otherwise a SpecError naming `field`. */
export function checkNumber(p: NumericParameter, value: unknown, field: string): number {
  if (typeof value !== 'number' || !inRange(p, value)) {
    throw new SpecError(field, `must be ${describeRange(p)}, got ${describeValue(value)}`);
  }
  return value;
}

export function checkChoice(p: ChoiceParameter, value: unknown, field: string): string {
  if (typeof value !== 'string' || !p.choices.includes(value)) {
    throw new SpecError(
      field,
      `must be one of ${p.choices.map((c) => `'${c}'`).join(', ')}, got ${describeValue(value)}`,
    );
  }
  return value;
}

export function checkText(value: unknown, field: string): string {
  if (typeof value !== 'string')
    throw new SpecError(field, `must be a string, got ${describeValue(value)}`);
  return value;
}
