import { describe, expect, it } from 'vitest';
import { formatAxisTick, formatLogTick, formatNumber } from '../../src/ui/widgets/format-number.js';

describe('formatAxisTick', () => {
  it('writes large ticks compactly, never with a thousands separator a narrow axis would cut', () => {
    expect(formatAxisTick(-500_000, 100_000)).toBe('-5×10⁵');
    expect(formatAxisTick(-1_500_000, 500_000)).toBe('-1.5×10⁶');
    expect(formatAxisTick(2.5e9, 2.5e8)).toBe('2.5×10⁹');
    for (const v of [-2e6, -1e6, 0, 1e6, 2e6]) expect(formatAxisTick(v, 1e6)).not.toMatch(/,/);
  });

  it('gives each tick the digits its spacing needs: 1.25 a quarter apart, 100.5 a half apart', () => {
    expect(formatAxisTick(1.25, 0.25)).toBe('1.25');
    expect(formatAxisTick(1.5, 0.25)).toBe('1.5');
    expect(formatAxisTick(100.5, 0.5)).toBe('100.5');
    expect(formatAxisTick(0.30000000000000004, 0.1)).toBe('0.3');
    expect(formatAxisTick(-0.002, 0.001)).toBe('-0.002');
  });

  it('writes the rounding dust of a tick at zero as 0, and nothing non-finite', () => {
    expect(formatAxisTick(5.551115123125783e-17, 0.2)).toBe('0');
    expect(formatAxisTick(Infinity, 1)).toBe('—');
    expect(formatAxisTick(3, 0)).toBe(formatNumber(3, 3));
  });
});

describe('formatLogTick', () => {
  it('writes long powers of ten as 10ⁿ and short ticks plainly', () => {
    expect(formatLogTick(1e6)).toBe('10⁶');
    expect(formatLogTick(1e-5)).toBe('10⁻⁵');
    expect(formatLogTick(100)).toBe('100');
    expect(formatLogTick(0.01)).toBe('0.01');
    expect(formatLogTick(2e6)).toBe('2×10⁶');
    expect(formatLogTick(0)).toBe('—');
  });
});
