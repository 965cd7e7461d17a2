/**
 * Which cells a kernel reads (convolution) or writes (transposed convolution), found by
 * walking every (output, tap) pair — never from a closed form — so the pictures show what
 * actually happens, including rows that dilation with stride skips inside the grid.
 *
 * Coordinates: a convolution axis is indexed on the padded input, q = i + padBefore for
 * input index i; a transposed axis is indexed on the output.
 *
 * These functions allocate and loop per cell, so they are for pictures only: each refuses
 * (RangeError) a grid or pair count above MAX_ENUMERATED_CELLS. Shapes come from
 * conv-output-shape.ts and warnings from axis-lines.ts, which never enumerate cells.
 */
import { paddingPerAxis, type ConvConfig } from './conv-config.js';
import { convAxisOutputSize, transposedAxisOutputSize } from './conv-output-shape.js';

/** One axis of a window sweep (convolution or pooling). */
export interface ConvAxis {
  inSize: number;
  kernel: number;
  stride: number;
  dilation: number;
  padBefore: number;
  padAfter: number;
}

/** One axis of a transposed convolution. */
export interface TransposedAxis {
  inSize: number;
  kernel: number;
  stride: number;
  dilation: number;
  padding: number;
  outputPadding: number;
}

/** About the pixels of a 4K screen (3840 × 2160 = 8,294,400): more cells than can be seen. */
export const MAX_ENUMERATED_CELLS = 1 << 23;

/** Throws unless `cells` (a grid's cells or a loop's iterations) is at most MAX_ENUMERATED_CELLS. */
export function checkEnumerable(cells: number, what: string): void {
  if (!(cells <= MAX_ENUMERATED_CELLS))
    throw new RangeError(
      `${what} would need ${cells.toLocaleString('en-US')} cells, more than the ${MAX_ENUMERATED_CELLS.toLocaleString('en-US')} a picture may enumerate`,
    );
}

export function convAxes(config: ConvConfig, inH: number, inW: number): [ConvAxis, ConvAxis] {
  const [[top, bottom], [left, right]] = paddingPerAxis(config.padding);
  const [kh, kw] = config.kernel;
  const [sh, sw] = config.stride;
  const [dh, dw] = config.dilation;
  return [
    { inSize: inH, kernel: kh, stride: sh, dilation: dh, padBefore: top, padAfter: bottom },
    { inSize: inW, kernel: kw, stride: sw, dilation: dw, padBefore: left, padAfter: right },
  ];
}

export function transposedAxes(
  config: ConvConfig,
  inH: number,
  inW: number,
): [TransposedAxis, TransposedAxis] {
  return [0, 1].map((a) => ({
    inSize: a === 0 ? inH : inW,
    kernel: config.kernel[a],
    stride: config.stride[a],
    dilation: config.dilation[a],
    padding: a === 0 ? config.padding.top : config.padding.left,
    outputPadding: config.outputPadding[a],
  })) as [TransposedAxis, TransposedAxis];
}

export function paddedLength(axis: ConvAxis): number {
  return axis.inSize + axis.padBefore + axis.padAfter;
}

export function convAxisOutput(axis: ConvAxis): number {
  return convAxisOutputSize(
    axis.inSize,
    axis.kernel,
    axis.stride,
    axis.padBefore,
    axis.padAfter,
    axis.dilation,
  );
}

/** Padded positions read by output cell o: tap j reads o·s + j·d. */
export function convTapPositions(axis: ConvAxis, output: number): number[] {
  const positions: number[] = [];
  for (let j = 0; j < axis.kernel; j++) positions.push(output * axis.stride + j * axis.dilation);
  return positions;
}

/** How many (output, tap) pairs read each padded cell. */
export function convReadCounts(axis: ConvAxis): number[] {
  checkEnumerable(Math.max(paddedLength(axis), convAxisOutput(axis) * axis.kernel), 'read counts');
  const counts = new Array<number>(Math.max(0, paddedLength(axis))).fill(0);
  const outSize = convAxisOutput(axis);
  for (let o = 0; o < outSize; o++) {
    for (const q of convTapPositions(axis, o)) if (q >= 0 && q < counts.length) counts[q]++;
  }
  return counts;
}

/** The (output, tap) pairs that read padded cell q. */
export function convReadersOf(axis: ConvAxis, q: number): { output: number; tap: number }[] {
  checkEnumerable(convAxisOutput(axis) * axis.kernel, 'readers of a cell');
  const readers: { output: number; tap: number }[] = [];
  const outSize = convAxisOutput(axis);
  for (let o = 0; o < outSize; o++) {
    convTapPositions(axis, o).forEach((position, tap) => {
      if (position === q) readers.push({ output: o, tap });
    });
  }
  return readers;
}

/**
 * Never-read cells of one axis, as input indices (padding cells have indices < 0 or ≥ inSize):
 * padding (harmless), real input lost past the last read cell (the seed's Example 4), and
 * real input skipped between read cells (dilation with stride, or stride above the kernel).
 */
export interface UnreadLines {
  padding: number[];
  lostEdge: number[];
  interiorGaps: number[];
}

export function convUnreadLines(axis: ConvAxis): UnreadLines {
  const counts = convReadCounts(axis);
  const lastRead = counts.reduce((last, c, q) => (c > 0 ? q : last), -1);
  const result: UnreadLines = { padding: [], lostEdge: [], interiorGaps: [] };
  counts.forEach((count, q) => {
    if (count > 0) return;
    const i = q - axis.padBefore;
    if (i < 0 || i >= axis.inSize) result.padding.push(i);
    else if (q > lastRead) result.lostEdge.push(i);
    else result.interiorGaps.push(i);
  });
  return result;
}

/** Read counts over the padded 2-D input, row-major; input cell (0, 0) sits at (originRow, originCol). */
export interface CoverageGrid {
  rows: number;
  cols: number;
  originRow: number;
  originCol: number;
  counts: Int32Array;
}

export function convCoverageGrid(config: ConvConfig, inH: number, inW: number): CoverageGrid {
  const [h, w] = convAxes(config, inH, inW);
  const rows = paddedLength(h);
  const cols = paddedLength(w);
  checkEnumerable(rows * cols, 'coverage grid');
  checkEnumerable(convAxisOutput(h) * convAxisOutput(w) * h.kernel * w.kernel, 'coverage grid');
  const counts = new Int32Array(Math.max(0, rows * cols));
  const outH = convAxisOutput(h);
  const outW = convAxisOutput(w);
  for (let oy = 0; oy < outH; oy++) {
    for (let ox = 0; ox < outW; ox++) {
      for (const y of convTapPositions(h, oy)) {
        for (const x of convTapPositions(w, ox)) {
          if (y >= 0 && y < rows && x >= 0 && x < cols) counts[y * cols + x]++;
        }
      }
    }
  }
  return { rows, cols, originRow: h.padBefore, originCol: w.padBefore, counts };
}

/** Input cells (input coordinates; padding marked) that output cell (oy, ox) reads, tap by tap. */
export function convReadCells(
  config: ConvConfig,
  inH: number,
  inW: number,
  oy: number,
  ox: number,
): { row: number; col: number; tap: [number, number]; padding: boolean }[] {
  const [h, w] = convAxes(config, inH, inW);
  const cells: { row: number; col: number; tap: [number, number]; padding: boolean }[] = [];
  convTapPositions(h, oy).forEach((y, ty) => {
    convTapPositions(w, ox).forEach((x, tx) => {
      const row = y - h.padBefore;
      const col = x - w.padBefore;
      cells.push({
        row,
        col,
        tap: [ty, tx],
        padding: row < 0 || row >= inH || col < 0 || col >= inW,
      });
    });
  });
  return cells;
}

/** Output cells that read input cell (row, col) (input coordinates; padding cells allowed). */
export function convReaderCells(
  config: ConvConfig,
  inH: number,
  inW: number,
  row: number,
  col: number,
): { row: number; col: number }[] {
  const [h, w] = convAxes(config, inH, inW);
  const rows = convReadersOf(h, row + h.padBefore).map((r) => r.output);
  const cols = convReadersOf(w, col + w.padBefore).map((r) => r.output);
  const unique = (list: number[]) => [...new Set(list)];
  return unique(rows).flatMap((r) => unique(cols).map((c) => ({ row: r, col: c })));
}

export function transposedAxisOutput(axis: TransposedAxis): number {
  return transposedAxisOutputSize(
    axis.inSize,
    axis.kernel,
    axis.stride,
    axis.padding,
    axis.dilation,
    axis.outputPadding,
  );
}

/** Where input i, tap j lands: o = i·s − p + j·d (possibly outside the output, i.e. cropped). */
export function transposedTarget(axis: TransposedAxis, input: number, tap: number): number {
  return input * axis.stride - axis.padding + tap * axis.dilation;
}

/** How many (input, tap) contributions land on each output cell, by scattering every one. */
export function transposedOverlapCounts(axis: TransposedAxis): number[] {
  checkEnumerable(
    Math.max(transposedAxisOutput(axis), axis.inSize * axis.kernel),
    'overlap counts',
  );
  const counts = new Array<number>(Math.max(0, transposedAxisOutput(axis))).fill(0);
  for (let i = 0; i < axis.inSize; i++) {
    for (let j = 0; j < axis.kernel; j++) {
      const o = transposedTarget(axis, i, j);
      if (o >= 0 && o < counts.length) counts[o]++;
    }
  }
  return counts;
}

/** The (input, tap) pairs that land on output cell o. */
export function transposedContributorsOf(
  axis: TransposedAxis,
  output: number,
): { input: number; tap: number }[] {
  checkEnumerable(axis.inSize * axis.kernel, 'contributors of a cell');
  const contributors: { input: number; tap: number }[] = [];
  for (let i = 0; i < axis.inSize; i++) {
    for (let j = 0; j < axis.kernel; j++) {
      if (transposedTarget(axis, i, j) === output) contributors.push({ input: i, tap: j });
    }
  }
  return contributors;
}

/** Output cells input i writes to (cropped targets left out). */
export function transposedTargetsOf(
  axis: TransposedAxis,
  input: number,
): { output: number; tap: number }[] {
  const outSize = transposedAxisOutput(axis);
  checkEnumerable(axis.kernel, 'targets of a cell');
  const targets: { output: number; tap: number }[] = [];
  for (let j = 0; j < axis.kernel; j++) {
    const o = transposedTarget(axis, input, j);
    if (o >= 0 && o < outSize) targets.push({ output: o, tap: j });
  }
  return targets;
}

/** Input cells whose every contribution is cropped away by the padding. */
export function transposedUnusedInputs(axis: TransposedAxis): number[] {
  const unused: number[] = [];
  for (let i = 0; i < axis.inSize; i++)
    if (transposedTargetsOf(axis, i).length === 0) unused.push(i);
  return unused;
}

/**
 * Overlap away from the borders, by output phase: entry r counts the taps j whose
 * contributions land on outputs o with (o + p) ≡ r (mod s), i.e. j·d ≡ r (mod s).
 * Unequal entries are the checkerboard of Odena, Dumoulin & Olah (Distill 2016).
 */
export function transposedOverlapPattern(axis: TransposedAxis): number[] {
  checkEnumerable(Math.max(axis.stride, axis.kernel), 'overlap pattern');
  const pattern = new Array<number>(axis.stride).fill(0);
  for (let j = 0; j < axis.kernel; j++) pattern[(j * axis.dilation) % axis.stride]++;
  return pattern;
}

export function transposedOverlapIsUneven(axis: TransposedAxis): boolean {
  const pattern = transposedOverlapPattern(axis);
  return Math.min(...pattern) !== Math.max(...pattern);
}

/** Overlap counts over the 2-D output, row-major, by scattering every (input cell, tap) pair. */
export function transposedOverlapGrid(
  config: ConvConfig,
  inH: number,
  inW: number,
): { rows: number; cols: number; counts: Int32Array } {
  const [h, w] = transposedAxes(config, inH, inW);
  const rows = Math.max(0, transposedAxisOutput(h));
  const cols = Math.max(0, transposedAxisOutput(w));
  checkEnumerable(rows * cols, 'overlap grid');
  checkEnumerable(inH * inW * h.kernel * w.kernel, 'overlap grid');
  const counts = new Int32Array(rows * cols);
  for (let iy = 0; iy < inH; iy++) {
    for (let ix = 0; ix < inW; ix++) {
      for (let ky = 0; ky < h.kernel; ky++) {
        const y = transposedTarget(h, iy, ky);
        if (y < 0 || y >= rows) continue;
        for (let kx = 0; kx < w.kernel; kx++) {
          const x = transposedTarget(w, ix, kx);
          if (x >= 0 && x < cols) counts[y * cols + x]++;
        }
      }
    }
  }
  return { rows, cols, counts };
}

/** Input cells (and taps) that write to output cell (oy, ox). */
export function transposedContributorCells(
  config: ConvConfig,
  inH: number,
  inW: number,
  oy: number,
  ox: number,
): { row: number; col: number; tap: [number, number] }[] {
  const [h, w] = transposedAxes(config, inH, inW);
  return transposedContributorsOf(h, oy).flatMap((r) =>
    transposedContributorsOf(w, ox).map((c) => ({
      row: r.input,
      col: c.input,
      tap: [r.tap, c.tap] as [number, number],
    })),
  );
}

/** Output cells that input cell (row, col) writes to. */
export function transposedTargetCells(
  config: ConvConfig,
  inH: number,
  inW: number,
  row: number,
  col: number,
): { row: number; col: number }[] {
  const [h, w] = transposedAxes(config, inH, inW);
  return transposedTargetsOf(h, row).flatMap((r) =>
    transposedTargetsOf(w, col).map((c) => ({ row: r.output, col: c.output })),
  );
}
