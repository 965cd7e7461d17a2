/** A heatmap cell, by its column and row. */
export interface CellIndex {
  ix: number;
  iy: number;
}

/** The selected cell and playhead as both labs' links carry them: `cell=ix,iy` and `t=STEP`. */
export function writeCellLink(
  q: URLSearchParams,
  cell: CellIndex | null,
  playhead: number | null,
): void {
  if (cell) q.set('cell', `${cell.ix},${cell.iy}`);
  if (playhead !== null) q.set('t', String(playhead));
}

/**
 * `cell=` and `t=` read back against the map's size and the run's steps: each value, or null when
 * absent or unusable, and the first complaint (naming the parameter), or null. With `stepNeedsCell`
 * a step means nothing, and is not read, without a cell.
 */
export function readCellLink(
  q: URLSearchParams,
  counts: { x: number; y: number },
  steps: number,
  stepNeedsCell: boolean,
): { cell: CellIndex | null; playhead: number | null; error: string | null } {
  let cell: CellIndex | null = null;
  let playhead: number | null = null;
  let error: string | null = null;
  const cellText = q.get('cell');
  if (cellText !== null) {
    const [ix, iy] = cellText.split(',').map(Number);
    if (isIndex(ix, counts.x) && isIndex(iy, counts.y)) cell = { ix, iy };
    else error = `cell: must be two cell indices within ${counts.x}×${counts.y}, got '${cellText}'`;
  }
  const t = q.get('t');
  if (t !== null && (cell !== null || !stepNeedsCell)) {
    const step = Number(t);
    if (Number.isInteger(step) && step >= 0 && step <= steps) playhead = step;
    else error ??= `t: must be a step from 0 to ${steps}, got '${t}'`;
  }
  return { cell, playhead, error };
}

function isIndex(i: number, count: number): boolean {
  return Number.isInteger(i) && i >= 0 && i < count;
}
