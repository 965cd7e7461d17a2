/**
 * The seed's recipe for a transposed convolution, one axis at a time, as data to draw:
 *   1. spread the input so its cells are s apart ((in−1)·s + 1 cells, zeros between);
 *   2. add d·(k−1) − p zero rings on each side (a negative count crops that many);
 *   3. add op extra cells on the bottom/right only — they become computed outputs;
 *   4. slide the flipped, dilated kernel over that grid with stride 1.
 *
 * Positions are "spread coordinates": input i sits at x = i·s. The canvas covers the final
 * grid and any cropped cells, so a picture can show what the padding removed.
 */
import type { ConvConfig, Pair } from './conv-config.js';
import { checkEnumerable, transposedAxes, type TransposedAxis } from './kernel-coverage.js';

export type StageCellRole = 'input' | 'inserted-zero' | 'ring-zero' | 'cropped' | 'output-padding';

export interface StageCell {
  /** Spread coordinate. */
  x: number;
  role: StageCellRole;
  /** The input cell sitting here, if any (also set on cropped and output-padding cells). */
  inputIndex: number | null;
}

export interface TransposedAxisStages {
  axis: TransposedAxis;
  /** Stage 1: (in − 1)·s + 1. */
  spreadLength: number;
  /** Stage 2: zero rings added on each side, d·(k−1) − p; negative means cropped. */
  ring: number;
  /** Stage 2's grid length: spreadLength + 2·ring. */
  ringedLength: number;
  /** Stage 3's grid length: ringedLength + op. */
  gridLength: number;
  /** Stage 4: gridLength − d·(k−1). */
  outputLength: number;
  /** Spread coordinate of the final grid's first cell (−ring). */
  gridStart: number;
  /** Every cell from the first to the last spread/ring/crop/output-padding cell. */
  canvas: StageCell[];
}

/**
 * Cells in an axis's canvas (spread, rings, crops and strip together), in closed form: what
 * transposedAxisStages would list, so callers can check it before asking for the cells.
 */
export function transposedStagesCanvasLength(axis: TransposedAxis): number {
  const { inSize, stride: s, kernel: k, dilation: d, padding: p, outputPadding: op } = axis;
  const spreadLength = (inSize - 1) * s + 1;
  const ring = d * (k - 1) - p;
  const gridEnd = -ring + spreadLength + 2 * ring + op - 1;
  return Math.max(spreadLength - 1, gridEnd) - Math.min(0, -ring) + 1;
}

export function transposedAxisStages(axis: TransposedAxis): TransposedAxisStages {
  const { inSize, stride: s, kernel: k, dilation: d, padding: p, outputPadding: op } = axis;
  checkEnumerable(transposedStagesCanvasLength(axis), 'transposed stages');
  const spreadLength = (inSize - 1) * s + 1;
  const ring = d * (k - 1) - p;
  const ringedLength = spreadLength + 2 * ring;
  const gridLength = ringedLength + op;
  const gridStart = -ring;
  const gridEnd = gridStart + gridLength - 1;
  const ringedEnd = spreadLength - 1 + ring;
  const canvas: StageCell[] = [];
  for (let x = Math.min(0, gridStart); x <= Math.max(spreadLength - 1, gridEnd); x++) {
    const inputIndex = x >= 0 && x < spreadLength && x % s === 0 ? x / s : null;
    let role: StageCellRole;
    if (x < gridStart || x > gridEnd) role = 'cropped';
    else if (x > ringedEnd) role = 'output-padding';
    else if (inputIndex !== null) role = 'input';
    else if (x >= 0 && x < spreadLength) role = 'inserted-zero';
    else role = 'ring-zero';
    canvas.push({ x, role, inputIndex });
  }
  return {
    axis,
    spreadLength,
    ring,
    ringedLength,
    gridLength,
    outputLength: gridLength - d * (k - 1),
    gridStart,
    canvas,
  };
}

/**
 * Stage 4 for output cell o: the grid cells its stride-1 sweep reads, with the kernel tap
 * each is multiplied by (the kernel is flipped: grid offset t·d uses tap k − 1 − t).
 */
export function sweepReads(
  stages: TransposedAxisStages,
  output: number,
): { x: number; tap: number; inputIndex: number | null }[] {
  const { kernel: k, dilation: d, stride: s } = stages.axis;
  checkEnumerable(k, 'sweep reads');
  const reads: { x: number; tap: number; inputIndex: number | null }[] = [];
  for (let t = 0; t < k; t++) {
    const x = stages.gridStart + output + t * d;
    const inputIndex = x >= 0 && x < stages.spreadLength && x % s === 0 ? x / s : null;
    reads.push({ x, tap: k - 1 - t, inputIndex });
  }
  return reads;
}

export interface TransposedStages {
  h: TransposedAxisStages;
  w: TransposedAxisStages;
  /** Grid size after each stage: spread, rings, output padding, sweep (the output). */
  steps: { name: 'spread' | 'rings' | 'output-padding' | 'sweep'; size: Pair }[];
}

export function transposedConvStages(
  config: ConvConfig,
  inH: number,
  inW: number,
): TransposedStages {
  const [ah, aw] = transposedAxes(config, inH, inW);
  const h = transposedAxisStages(ah);
  const w = transposedAxisStages(aw);
  return {
    h,
    w,
    steps: [
      { name: 'spread', size: [h.spreadLength, w.spreadLength] },
      { name: 'rings', size: [h.ringedLength, w.ringedLength] },
      { name: 'output-padding', size: [h.gridLength, w.gridLength] },
      { name: 'sweep', size: [h.outputLength, w.outputLength] },
    ],
  };
}

const ROLE_PRIORITY: StageCellRole[] = [
  'cropped',
  'output-padding',
  'ring-zero',
  'inserted-zero',
  'input',
];

/** A 2-D cell's role from its row's and column's roles: an input only where both axes hold one. */
export function stageCellRole2d(rowRole: StageCellRole, colRole: StageCellRole): StageCellRole {
  return ROLE_PRIORITY[Math.min(ROLE_PRIORITY.indexOf(rowRole), ROLE_PRIORITY.indexOf(colRole))];
}
