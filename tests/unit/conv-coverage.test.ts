import { describe, expect, it } from 'vitest';
import {
  conv2dConfig,
  convAxisOutput,
  convCoverageGrid,
  convReadCells,
  convReadCounts,
  convReaderCells,
  convTranspose2dConfig,
  convUnreadLines,
  transposedAxisOutput,
  transposedContributorCells,
  transposedOverlapCounts,
  transposedOverlapGrid,
  transposedOverlapIsUneven,
  transposedOverlapPattern,
  transposedTargetCells,
  transposedUnusedInputs,
  type ConvAxis,
} from '../../src/core/conv/index.js';
import { taxis } from './helpers/transposed-axis.js';
import { mulberry32, randInt } from '../helpers/random.js';

const axis = (
  inSize: number,
  kernel: number,
  stride: number,
  dilation = 1,
  padBefore = 0,
  padAfter = padBefore,
): ConvAxis => ({
  inSize,
  kernel,
  stride,
  dilation,
  padBefore,
  padAfter,
});

/** For each padded cell, count (output o, tap j) with o·s + j·d = q, asking cell by cell. */
function bruteReadCounts(a: ConvAxis): number[] {
  const padded = a.inSize + a.padBefore + a.padAfter;
  const outputs = Math.floor((padded - a.dilation * (a.kernel - 1) - 1) / a.stride) + 1;
  return Array.from({ length: padded }, (_, q) => {
    let n = 0;
    for (let o = 0; o < outputs; o++)
      for (let j = 0; j < a.kernel; j++) if (o * a.stride + j * a.dilation === q) n++;
    return n;
  });
}

describe('convolution coverage', () => {
  it('counts taps per padded cell as a cell-by-cell brute force does (property)', () => {
    const rng = mulberry32(11);
    for (let trial = 0; trial < 500; trial++) {
      const a = axis(
        randInt(rng, 1, 16),
        randInt(rng, 1, 4),
        randInt(rng, 1, 4),
        randInt(rng, 1, 3),
        randInt(rng, 0, 2),
        randInt(rng, 0, 3),
      );
      if (a.inSize + a.padBefore + a.padAfter < a.dilation * (a.kernel - 1) + 1) continue;
      expect(convReadCounts(a)).toEqual(bruteReadCounts(a));
    }
  });

  it('Example 4 (5 cells, k=2, s=2) never reads the last row: lost real input at the edge', () => {
    const unread = convUnreadLines(axis(5, 2, 2));
    expect(unread).toEqual({ padding: [], lostEdge: [4], interiorGaps: [] });
  });

  it('separates unread padding from lost real input', () => {
    // 6 cells, padding 1 each side, k=2, s=4: padded 8, windows on padded cells 0..1 and 4..5.
    const unread = convUnreadLines(axis(6, 2, 4, 1, 1, 1));
    expect(unread.padding).toEqual([6]);
    expect(unread.interiorGaps).toEqual([1, 2]);
    expect(unread.lostEdge).toEqual([5]);
  });

  it('k=2, d=2, s=2 reads only the even rows', () => {
    const a = axis(9, 2, 2, 2);
    const counts = convReadCounts(a);
    counts.forEach((c, q) => expect(c > 0).toBe(q % 2 === 0));
    expect(convUnreadLines(a).interiorGaps).toEqual([1, 3, 5, 7]);
  });

  it('k=2, d=3, s=2 skips row 1 inside the grid', () => {
    const a = axis(8, 2, 2, 3);
    expect(convReadCounts(a)[1]).toBe(0);
    expect(convUnreadLines(a).interiorGaps).toContain(1);
    expect(convReadCounts(a)[0]).toBe(1);
    expect(convReadCounts(a)[2]).toBe(1);
    expect(convReadCounts(a)[3]).toBe(1);
  });

  it('the 2-D grid is the product of the per-axis counts and sums to outputs × taps', () => {
    const config = conv2dConfig({
      inChannels: 1,
      outChannels: 1,
      kernelSize: [3, 2],
      stride: [2, 1],
      dilation: [1, 2],
      padding: [1, 0],
    });
    const grid = convCoverageGrid(config, 7, 6);
    const rows = convReadCounts(axis(7, 3, 2, 1, 1));
    const cols = convReadCounts(axis(6, 2, 1, 2, 0));
    expect([grid.rows, grid.cols, grid.originRow, grid.originCol]).toEqual([9, 6, 1, 0]);
    for (let y = 0; y < grid.rows; y++)
      for (let x = 0; x < grid.cols; x++)
        expect(grid.counts[y * grid.cols + x]).toBe(rows[y] * cols[x]);
    const total = grid.counts.reduce((s, c) => s + c, 0);
    expect(total).toBe(
      convAxisOutput(axis(7, 3, 2, 1, 1)) * convAxisOutput(axis(6, 2, 1, 2, 0)) * 6,
    );
  });

  it('hover: the cells an output reads and the outputs that read a cell agree with each other', () => {
    const config = conv2dConfig({
      inChannels: 1,
      outChannels: 1,
      kernelSize: 3,
      stride: 2,
      padding: 1,
    });
    const reads = convReadCells(config, 5, 5, 1, 2);
    expect(reads.map((c) => [c.row, c.col])).toEqual([
      [1, 3],
      [1, 4],
      [1, 5],
      [2, 3],
      [2, 4],
      [2, 5],
      [3, 3],
      [3, 4],
      [3, 5],
    ]);
    expect(reads.filter((c) => c.padding).map((c) => [c.row, c.col])).toEqual([
      [1, 5],
      [2, 5],
      [3, 5],
    ]);
    for (const cell of reads)
      expect(convReaderCells(config, 5, 5, cell.row, cell.col)).toContainEqual({ row: 1, col: 2 });
    expect(convReaderCells(config, 5, 5, 1, 1)).toEqual([
      { row: 0, col: 0 },
      { row: 0, col: 1 },
      { row: 1, col: 0 },
      { row: 1, col: 1 },
    ]);
  });
});

describe('transposed convolution overlap', () => {
  it('k=3, s=2 alternates 1 and 2 contributions (the checkerboard); k=4, s=2 is even inside', () => {
    expect(transposedOverlapCounts(taxis(4, 3, 2))).toEqual([1, 1, 2, 1, 2, 1, 2, 1, 1]);
    expect(transposedOverlapPattern(taxis(4, 3, 2))).toEqual([2, 1]);
    expect(transposedOverlapIsUneven(taxis(4, 3, 2))).toBe(true);
    expect(transposedOverlapCounts(taxis(4, 4, 2, 1))).toEqual([1, 2, 2, 2, 2, 2, 2, 1]);
    expect(transposedOverlapIsUneven(taxis(4, 4, 2, 1))).toBe(false);
  });

  it('the 2-D overlap grid is the product of the axes, so the ratios multiply', () => {
    const config = convTranspose2dConfig({
      inChannels: 1,
      outChannels: 1,
      kernelSize: 3,
      stride: 2,
    });
    const grid = transposedOverlapGrid(config, 4, 4);
    const line = transposedOverlapCounts(taxis(4, 3, 2));
    for (let y = 0; y < grid.rows; y++)
      for (let x = 0; x < grid.cols; x++)
        expect(grid.counts[y * grid.cols + x]).toBe(line[y] * line[x]);
    expect(Math.max(...grid.counts)).toBe(4);
    expect(Math.min(...grid.counts)).toBe(1);
  });

  it('overlap counts sum to every (input, tap) pair that is not cropped (property)', () => {
    const rng = mulberry32(3);
    for (let trial = 0; trial < 300; trial++) {
      const a = taxis(
        randInt(rng, 1, 10),
        randInt(rng, 1, 5),
        randInt(rng, 1, 4),
        randInt(rng, 0, 2),
        randInt(rng, 1, 3),
        0,
      );
      if (transposedAxisOutput(a) < 1) continue;
      let uncropped = 0;
      for (let i = 0; i < a.inSize; i++) {
        for (let j = 0; j < a.kernel; j++) {
          const o = i * a.stride - a.padding + j * a.dilation;
          if (o >= 0 && o < transposedAxisOutput(a)) uncropped++;
        }
      }
      expect(transposedOverlapCounts(a).reduce((s, c) => s + c, 0)).toBe(uncropped);
    }
  });

  it('k=1, s=2 leaves every other output cell without contribution, and heavy padding can crop an input entirely', () => {
    expect(transposedOverlapCounts(taxis(3, 1, 2, 0, 1, 1))).toEqual([1, 0, 1, 0, 1, 0]);
    expect(transposedUnusedInputs(taxis(3, 1, 2, 1))).toEqual([0, 2]);
  });

  it('hover: contributors of an output cell and targets of an input cell agree', () => {
    const config = convTranspose2dConfig({
      inChannels: 1,
      outChannels: 1,
      kernelSize: 3,
      stride: 2,
      padding: 1,
    });
    const contributors = transposedContributorCells(config, 3, 3, 2, 1);
    expect(contributors.map((c) => [c.row, c.col, ...c.tap])).toEqual([
      [1, 0, 1, 2],
      [1, 1, 1, 0],
    ]);
    for (const c of contributors)
      expect(transposedTargetCells(config, 3, 3, c.row, c.col)).toContainEqual({ row: 2, col: 1 });
  });
});
