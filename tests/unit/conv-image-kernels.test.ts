import { describe, expect, it } from 'vitest';
import { parseKernelText } from '../../src/labs/conv/conv-image-kernels.js';

describe('typed custom kernels', () => {
  it('reads rows by line or by semicolon, entries by spaces or commas', () => {
    expect(parseKernelText('0 -1 0\n-1 5 -1\n0 -1 0')).toEqual({
      size: [3, 3],
      values: Float32Array.from([0, -1, 0, -1, 5, -1, 0, -1, 0]),
    });
    expect(parseKernelText('1, 2,\n3, 4,')).toEqual({
      size: [2, 2],
      values: Float32Array.from([1, 2, 3, 4]),
    });
    expect(parseKernelText('  1, .5 ; 2e-1,-3\n\n')).toEqual({
      size: [2, 2],
      values: Float32Array.from([1, 0.5, 0.2, -3]),
    });
  });

  it('points at the entry that is not a number, by line and column', () => {
    expect(parseKernelText('1 2 1\n0 x 0\n-1 -2 -1')).toBe(
      "2:3: 'x' is not a number; expected numbers such as 1, -0.5 or 2e-3",
    );
    expect(parseKernelText('1 2; 3 4O')).toMatch(/^1:8: '4O' is not a number/);
    expect(parseKernelText('1 0x10')).toMatch(/^1:3: '0x10' is not a number/);
    expect(parseKernelText('1 Infinity')).toMatch(/^1:3: 'Infinity' is not a number/);
  });

  it('points at empty entries and short rows', () => {
    expect(parseKernelText(',1 2')).toMatch(/^1:1: an empty entry before this comma/);
    expect(parseKernelText('1,,2')).toMatch(/^1:2: an empty entry before this comma/);
    expect(parseKernelText('1 2 3\n4 5')).toBe(
      '2:1: this row has 2 numbers and the first has 3; expected every row as long',
    );
    expect(parseKernelText('1 2\n  3')).toMatch(/^2:3: this row has 1 number and/);
  });

  it('refuses nothing, overflow and kernels beyond 31 × 31', () => {
    expect(parseKernelText(' \n ')).toBe('type at least one number');
    expect(parseKernelText('1e999')).toMatch(/out of range/);
    expect(parseKernelText(Array(32).fill('1').join(' '))).toBe('at most 31 × 31');
  });
});
