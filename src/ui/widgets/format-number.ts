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
