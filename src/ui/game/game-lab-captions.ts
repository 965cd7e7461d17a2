import type { SingleGameSpec, SweepSpec } from '../../core/games/index.js';
import { paramLabel } from '../../labs/game/game-labels.js';
import type { SweepResult, SweepStatus } from '../../labs/game/game-lab-state.js';
import type { MetricInfo } from '../../labs/game/game-metrics.js';
import type { CellIndex } from '../../labs/game/game-spec-edit.js';
import type { TheoryBoundary } from '../../labs/game/game-theory-boundary.js';
import { formatRate } from '../../labs/game/game-throughput.js';
import { formatNumber } from '../widgets/format-number.js';

/**
 * The line under the heatmap: the sweep's progress or speed, what a cancelled or failed sweep
 * leaves on display (`shown`: the finished sweep the heatmap shows, if any), and where the dashed
 * ρ = 1 comes from.
 */
export function describeSweepStatus(
  status: SweepStatus,
  boundary: TheoryBoundary | null,
  shown: SweepResult | null,
): string {
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
      return `Sweeping: ${describeProgress(status)}.${theory}`;
    case 'done':
      return `${formatRate(status.gameSteps / Math.max(status.seconds, 1e-9))} game-steps/s.${theory}`;
    case 'cancelled':
      return `Sweep cancelled; ${describeShown(shown)}.${theory}`;
    case 'failed':
      return `Sweep failed: ${status.message}; ${describeShown(shown)}.`;
  }
}

/** "12,345 of 65,536 games · 19 % · about 8 s left": the games done move with the percentage. */
export function describeProgress(status: Extract<SweepStatus, { kind: 'running' }>): string {
  const parts = [
    `${status.cellsDone.toLocaleString('en')} of ${status.cells.toLocaleString('en')} games`,
    // Rounded as the heatmap's progress bar rounds it.
    `${Math.round(status.fraction * 100)} %`,
  ];
  if (status.secondsLeft !== null) parts.push(describeTimeLeft(status.secondsLeft));
  return parts.join(' · ');
}

/** "about 8 s left", "about 3 min left", "under a second left". */
export function describeTimeLeft(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'time left unknown';
  if (seconds < 1) return 'under a second left';
  if (seconds < 90) return `about ${Math.round(seconds)} s left`;
  if (seconds < 90 * 60) return `about ${Math.round(seconds / 60)} min left`;
  return `about ${formatNumber(seconds / 3600, 2)} h left`;
}

/** What the heatmap shows once a sweep stopped without finishing. */
function describeShown(shown: SweepResult | null): string {
  if (!shown)
    return 'no sweep has finished yet, so there is nothing to show — Run sweep starts it again';
  return 'the heatmap shows the last finished sweep';
}

/**
 * The sentence above the views: what is on screen and how to read the colour (the metric's own
 * title and description, from its definition in core).
 */
export function describeView(spec: SweepSpec, metric: MetricInfo): string {
  const { x, y } = spec.axes;
  return (
    `x maximises f(x, y), y minimises it. Each heatmap cell is one game of ${spec.steps.toLocaleString('en')} steps ` +
    `at its ${paramLabel(x.param)} (across) and ${paramLabel(y.param)} (up); ` +
    `its colour is the ${metric.title.toLowerCase()} — ${metric.description}. ` +
    'Click a cell to play its game in the other views.'
  );
}

/** Which game the single-game views play: the selected cell's, or the spec's own values. */
export function describeCurrentGame(game: SingleGameSpec, cell: CellIndex | null): string {
  const where = cell ? `cell (${cell.ix}, ${cell.iy})` : 'the spec’s own values';
  const rate = `η = ${formatNumber(game.lrX ?? game.lr)}${game.lrY !== undefined ? ` / ${formatNumber(game.lrY)}` : ''}`;
  return `Playing ${where}: ${rate}, start (${formatNumber(game.x0)}, ${formatNumber(game.y0)}).`;
}
