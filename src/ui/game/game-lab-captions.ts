import type { SingleGameSpec } from '../../core/games/index.js';
import type { SweepStatus } from '../../labs/game/game-lab-state.js';
import type { CellIndex } from '../../labs/game/game-spec-edit.js';
import type { TheoryBoundary } from '../../labs/game/game-theory-boundary.js';
import { formatRate } from '../../labs/game/game-throughput.js';
import { formatNumber } from '../widgets/format-number.js';

/** The line under the heatmap: the sweep's progress or speed, and where the dashed ρ = 1 comes from. */
export function describeSweepStatus(status: SweepStatus, boundary: TheoryBoundary | null): string {
  const theory =
    boundary && boundary.segments.length > 0
      ? ` Dashed: ρ = 1 (${boundary.source})${boundary.note ? ` — ${boundary.note}` : ''}.`
      : boundary?.note
        ? ` ${boundary.note}.`
        : '';
  switch (status.kind) {
    case 'idle':
      return `Waiting for the GPU.${theory}`;
    case 'running':
      return `Sweeping… ${Math.round(status.fraction * 100)} %.${theory}`;
    case 'done':
      return `${formatRate(status.gameSteps / Math.max(status.seconds, 1e-9))} game-steps/s.${theory}`;
    case 'cancelled':
      return `Sweep cancelled; showing the last finished sweep.${theory}`;
    case 'failed':
      return `Sweep failed: ${status.message}`;
  }
}

/** Which game the single-game views play: the selected cell's, or the spec's own values. */
export function describeCurrentGame(game: SingleGameSpec, cell: CellIndex | null): string {
  const where = cell ? `cell (${cell.ix}, ${cell.iy})` : 'the spec’s own values';
  const rate = `η = ${formatNumber(game.lrX ?? game.lr)}${game.lrY !== undefined ? ` / ${formatNumber(game.lrY)}` : ''}`;
  return `Playing ${where}: ${rate}, start (${formatNumber(game.x0)}, ${formatNumber(game.y0)}).`;
}
