/** What the page shows where a number is missing or not finite: it never shows NaN or Infinity. */
export const MISSING = '—';

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/**
 * A number for people: `digits` significant digits, trailing zeros dropped,
 * very large or small values as 1.5×10⁻⁴, and `—` for null, NaN and ±Infinity.
 */
export function formatNumber(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e5 || magnitude < 1e-3) {
    const [mantissa, exponent] = value.toExponential(Math.max(0, digits - 2)).split('e');
    const m = trimZeros(mantissa);
    const e = String(Number(exponent)).replace(/./g, (c) => SUPERSCRIPT[c] ?? c);
    return `${m}×10${e}`;
  }
  return trimZeros(Number(value.toPrecision(digits)).toString());
}

/** A number as a text field shows it: exact enough to round-trip, in plain JavaScript notation. */
export function formatInput(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '';
  return String(value);
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/**
 * A tick label on an axis whose ticks are `step` apart: as many significant digits as tell the
 * ticks apart and no more, large and small values as 5×10⁵ (never "500,000", which a narrow axis
 * cuts to "000,000"), and 0 for the rounding dust of a tick at zero.
 */
export function formatAxisTick(value: number, step: number): string {
  if (!Number.isFinite(value)) return MISSING;
  const spacing = Math.abs(step);
  if (!(spacing > 0) || !Number.isFinite(spacing)) return formatNumber(value, 3);
  if (Math.abs(value) < spacing * 1e-6) return '0';
  const stepExponent = Math.floor(Math.log10(spacing));
  // A step such as 2.5·10ⁿ needs one digit more than its exponent says.
  const mantissa = spacing / 10 ** stepExponent;
  const extra = Math.abs(mantissa - Math.round(mantissa)) > 1e-6 ? 1 : 0;
  const digits = Math.floor(Math.log10(Math.abs(value))) - stepExponent + 1 + extra;
  const significant = Math.min(15, Math.max(1, digits));
  const magnitude = Math.abs(value);
  if (magnitude >= 1e5 || magnitude < 1e-3) return powerOfTen(value, significant);
  return trimZeros(Number(value.toPrecision(significant)).toString());
}

/** value as m×10ⁿ with `significant` significant digits, trailing zeros dropped. */
function powerOfTen(value: number, significant: number): string {
  const [mantissa, exponent] = value.toExponential(significant - 1).split('e');
  const e = String(Number(exponent)).replace(/./g, (c) => SUPERSCRIPT[c] ?? c);
  return `${trimZeros(mantissa)}×10${e}`;
}

/** A tick label on a log axis: a power of ten as 10ⁿ once it is long to write (10⁴ and up, 10⁻³ and down), other values as formatNumber. */
export function formatLogTick(value: number): string {
  if (!(value > 0) || !Number.isFinite(value)) return MISSING;
  const e = Math.round(Math.log10(value));
  if (Math.abs(value / 10 ** e - 1) < 1e-9 && (e >= 4 || e <= -3))
    return `10${String(e).replace(/./g, (c) => SUPERSCRIPT[c] ?? c)}`;
  return formatNumber(value, 3);
}
