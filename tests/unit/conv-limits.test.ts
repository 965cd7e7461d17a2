/**
 * Issue 11: shape analysis must not allocate or loop in proportion to the sizes. The closed
 * forms are checked against the cell-by-cell functions on small axes (property tests), and
 * the huge cases are checked to finish with the right shapes and messages; they
 * would each take seconds to minutes, or run out of memory, if anything enumerated cells.
 */
import { describe, expect, it } from 'vitest';
import {
  AxisReceptiveField,
  conv2dConfig,
  convCoverageGrid,
  convTranspose2dConfig,
  transposedAxisStages,
  transposedConvStages,
  transposedOverlapGrid,
  transposedStagesCanvasLength,
  convOutputShape,
  convUnreadLines,
  convUnreadSummary,
  parseStack,
  traceStack,
  transposedEmptySummary,
  transposedOverlapCounts,
  transposedOverlapPattern,
  transposedOverlapRange,
  transposedUnusedInputs,
  transposedUnusedSummary,
  ConvShapeError,
  type ConvAxis,
  type LineList,
} from '../../src/core/conv/index.js';
import { pictureSides, tooLargeToDraw } from '../../src/labs/conv/conv-layer-params.js';
import { taxis } from './helpers/transposed-axis.js';
import { mulberry32, randInt } from '../helpers/random.js';

const listOf = (cells: readonly number[]): LineList => ({
  count: cells.length,
  first: cells.slice(0, 6),
});

const trace = (code: string, input: number[]) => traceStack(parseStack(code).layers, input);

describe('closed forms agree with the cell-by-cell functions (property)', () => {
  it('never-read input lines of a convolution axis, by listing and by the window formula', () => {
    const rng = mulberry32(1101);
    for (let trial = 0; trial < 2000; trial++) {
      const axis: ConvAxis = {
        inSize: randInt(rng, 1, 30),
        kernel: randInt(rng, 1, 5),
        stride: randInt(rng, 1, 6),
        dilation: randInt(rng, 1, 4),
        padBefore: randInt(rng, 0, 3),
        padAfter: randInt(rng, 0, 3),
      };
      if (axis.inSize + axis.padBefore + axis.padAfter < axis.dilation * (axis.kernel - 1) + 1)
        continue;
      const exact = convUnreadLines(axis);
      const expected = {
        lostEdge: listOf(exact.lostEdge),
        interiorGaps: listOf(exact.interiorGaps),
      };
      expect(convUnreadSummary(axis), JSON.stringify(axis)).toEqual(expected);
      const closed = convUnreadSummary(axis, 0);
      const windowed = axis.dilation === 1 || axis.kernel === 1 || axis.stride === 1;
      expect(closed, JSON.stringify(axis)).toEqual(
        windowed ? expected : { ...expected, interiorGaps: null },
      );
    }
  }, 60_000);

  it('unused inputs and empty outputs of a transposed axis, and the overlap range', () => {
    const rng = mulberry32(1102);
    for (let trial = 0; trial < 2000; trial++) {
      const axis = taxis(
        randInt(rng, 1, 12),
        randInt(rng, 1, 5),
        randInt(rng, 1, 5),
        randInt(rng, 0, 6),
        randInt(rng, 1, 4),
        randInt(rng, 0, 3),
      );
      const outputs =
        (axis.inSize - 1) * axis.stride -
        2 * axis.padding +
        axis.dilation * (axis.kernel - 1) +
        axis.outputPadding +
        1;
      if (outputs < 1) continue;
      const label = JSON.stringify(axis);
      const unused = listOf(transposedUnusedInputs(axis));
      expect(transposedUnusedSummary(axis), label).toEqual(unused);
      const closedUnused = transposedUnusedSummary(axis, 0);
      if (closedUnused !== null) expect(closedUnused, label).toEqual(unused);
      else expect(axis.dilation > outputs && axis.kernel > 1).toBe(true);
      const empty = listOf(
        transposedOverlapCounts(axis)
          .map((c, o) => (c === 0 ? o : -1))
          .filter((o) => o >= 0),
      );
      expect(transposedEmptySummary(axis), label).toEqual(empty);
      const closedEmpty = transposedEmptySummary(axis, 0);
      if (closedEmpty !== null) expect(closedEmpty, label).toEqual(empty);
      const pattern = transposedOverlapPattern(axis);
      expect(transposedOverlapRange(axis), label).toEqual({
        min: Math.min(...pattern),
        max: Math.max(...pattern),
      });
    }
  }, 60_000);

  it('receptive fields match a recursive walk over every read (property)', () => {
    const rng = mulberry32(1103);
    for (let trial = 0; trial < 200; trial++) {
      type Layer = { kind: 'conv' | 'transposed'; k: number; s: number; d: number; p: number };
      const layers: Layer[] = Array.from({ length: randInt(rng, 1, 4) }, () => ({
        kind: rng() < 0.5 ? 'conv' : 'transposed',
        k: randInt(rng, 1, 4),
        s: randInt(rng, 1, 3),
        d: randInt(rng, 1, 3),
        p: randInt(rng, 0, 2),
      }));
      const readsOf = (l: Layer, o: number): number[] => {
        const cells: number[] = [];
        for (let j = 0; j < l.k; j++) {
          if (l.kind === 'conv') cells.push(o * l.s - l.p + j * l.d);
          else if ((o + l.p - j * l.d) % l.s === 0) cells.push((o + l.p - j * l.d) / l.s);
        }
        return cells;
      };
      const span = (level: number, cell: number): [number, number] | null => {
        if (level === 0) return [cell, cell];
        let [lo, hi] = [Infinity, -Infinity];
        for (const r of readsOf(layers[level - 1], cell)) {
          const s = span(level - 1, r);
          if (s) [lo, hi] = [Math.min(lo, s[0]), Math.max(hi, s[1])];
        }
        return lo === Infinity ? null : [lo, hi];
      };
      let brute = 0;
      for (let o = 0; o < 60; o++) {
        const s = span(layers.length, o);
        if (s) brute = Math.max(brute, s[1] - s[0] + 1);
      }
      const stack = layers
        .map((l) =>
          l.kind === 'conv'
            ? `Conv2d(1, 1, ${l.k}, stride=${l.s}, padding=${l.p}, dilation=${l.d})`
            : `ConvTranspose2d(1, 1, ${l.k}, stride=${l.s}, padding=${l.p}, dilation=${l.d})`,
        )
        .join('\n');
      const result = trace(stack, [1, 1, 64, 64]);
      if (result.error) continue;
      expect(result.rows[result.rows.length - 1].receptiveField?.[0], stack).toBe(brute);
    }
  }, 60_000);
});

describe("issue 11's huge sizes finish without allocating per cell", () => {
  it('Conv2d(3,4,3,padding=100000000) on 1x3x8x8 gives 1x4x200000006x200000006', () => {
    const result = trace('Conv2d(3, 4, 3, padding=100000000)', [1, 3, 8, 8]);
    expect(result.error).toBeNull();
    expect(result.rows[0].outputShape).toEqual([1, 4, 200000006, 200000006]);
    expect(result.rows[0].receptiveField).toEqual([3, 3]);
  });

  it('Conv2d(3,4,1) on a 10⁸-row input', () => {
    const result = trace('Conv2d(3, 4, 1)', [1, 3, 100000000, 1]);
    expect(result.rows[0].outputShape).toEqual([1, 4, 100000000, 1]);
    expect(result.rows[0].warnings).toEqual([]);
  });

  it('a stride that steps over 10⁸ rows reports them by count', () => {
    const result = trace('Conv2d(1, 1, 1, stride=(100000000, 1))', [1, 1, 300000001, 1]);
    expect(result.rows[0].outputShape).toEqual([1, 1, 4, 1]);
    expect(result.rows[0].warnings).toEqual([
      'input rows 1, 2, 3, 4, 5, … (299,999,997 in all) never read: the stride steps over them',
    ]);
  });

  it('ConvTranspose2d with kernel or stride 10⁹ on 1x1x2x2', () => {
    const kernel = trace('ConvTranspose2d(1, 1, 1000000000)', [1, 1, 2, 2]);
    expect(kernel.rows[0].outputShape).toEqual([1, 1, 1000000001, 1000000001]);
    // On an unbounded grid each output reads 10⁹ inputs.
    expect(kernel.rows[0].receptiveField).toEqual([1000000000, 1000000000]);
    const stride = trace('ConvTranspose2d(1, 1, 1, stride=1000000000)', [1, 1, 2, 2]);
    expect(stride.rows[0].outputShape).toEqual([1, 1, 1000000001, 1000000001]);
    // Its read pattern repeats every 10⁹ output cells: too long to follow.
    expect(stride.rows[0].receptiveField).toBeNull();
    expect(stride.rows[0].warnings).toContain(
      'output rows 1, 2, 3, 4, 5, … (999,999,999 in all) receive no input (bias only)',
    );
  });

  it('ConvTranspose2d(3,4,3,padding=10¹¹) is rejected at once with the smallest input that works', () => {
    const config = convTranspose2dConfig({
      inChannels: 3,
      outChannels: 4,
      kernelSize: 3,
      padding: 1e11,
    });
    let error: unknown;
    try {
      convOutputShape(config, [1, 3, 2, 2]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConvShapeError);
    expect((error as ConvShapeError).pytorchMessage).toMatch(
      /^Given input size per channel: \(2 x 2\)/,
    );
    expect((error as ConvShapeError).suggestion).toContain('199999999999');
  });
});

describe('pictures are only built below their caps', () => {
  it('the cell-by-cell functions refuse grids past MAX_ENUMERATED_CELLS instead of allocating', () => {
    const config = conv2dConfig({ inChannels: 3, outChannels: 4, kernelSize: 3, padding: 1e8 });
    expect(() => convCoverageGrid(config, 8, 8)).toThrow(RangeError);
    const transposed = convTranspose2dConfig({ inChannels: 1, outChannels: 1, kernelSize: 1e9 });
    expect(() => transposedOverlapGrid(transposed, 2, 2)).toThrow(RangeError);
    expect(() => transposedConvStages(transposed, 2, 2)).toThrow(RangeError);
  });

  it("the lab measures its pictures' sides in closed form first", () => {
    const config = conv2dConfig({ inChannels: 3, outChannels: 4, kernelSize: 3, padding: 1e8 });
    expect(pictureSides(config, 8, 8)).toEqual([200000008, 200000008]);
    expect(tooLargeToDraw(config, 8, 8)).toBe(true);
    const small = convTranspose2dConfig({
      inChannels: 1,
      outChannels: 1,
      kernelSize: 3,
      stride: 2,
      padding: 1,
    });
    // Output 7; canvases 9 (one ring cropped on each side) and 11 (the full d·(k−1) = 2 rings).
    expect(pictureSides(small, 4, 4)).toEqual([11, 11]);
    expect(tooLargeToDraw(small, 4, 4)).toBe(false);
  });

  it('the canvas length in closed form is the length of the canvas listed (property)', () => {
    const rng = mulberry32(1104);
    for (let trial = 0; trial < 500; trial++) {
      const axis = taxis(
        randInt(rng, 1, 8),
        randInt(rng, 1, 5),
        randInt(rng, 1, 4),
        randInt(rng, 0, 6),
        randInt(rng, 1, 3),
        randInt(rng, 0, 3),
      );
      expect(transposedStagesCanvasLength(axis), JSON.stringify(axis)).toBe(
        transposedAxisStages(axis).canvas.length,
      );
    }
  });
});

describe('error suggestions with huge channel counts', () => {
  it('lists the groups that divide 10⁹ channels without counting to 10⁹', () => {
    const result = trace('Conv2d(1000000000, 1000000000, 1, groups=3)', [1, 1000000000, 1, 1]);
    expect(result.error?.error.suggestion).toContain(
      'groups in {1, 2, 4, 5, 8, 10, 16, 20, 25, 32, 40, 50, …}',
    );
  });
});

describe('receptive field memory is linear in the stack', () => {
  it('2,500 Conv + 2,500 ReLU layers', () => {
    const stack = Array.from({ length: 2500 }, () => 'Conv2d(1, 1, 3, padding=1)\nReLU()').join(
      '\n',
    );
    const result = trace(stack, [1, 1, 8, 8]);
    expect(result.rows).toHaveLength(5000);
    expect(result.rows[4999].receptiveField).toEqual([5001, 5001]);
  }, 60_000);

  it('an axis whose read pattern repeats only after 10⁹ cells is not followed', () => {
    const field = new AxisReceptiveField();
    field.push({ period: 1e9, advance: 1, reads: () => [] }, { num: 1, den: 1e9 });
    expect(field.tracked).toBe(false);
  });
});
