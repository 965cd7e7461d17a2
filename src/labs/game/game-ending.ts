import { CONVERGED_RADIUS } from '../../core/games/index.js';
import type { PlayedGame } from './game-lab-state.js';

/**
 * How a played game ended (docs/games.md#sweep-metrics: the escape step is the first step whose
 * radius exceeded the escape radius *or* whose state was not finite; the views tell the two apart):
 * `step` is that step, or the last step played.
 */
export type GameEnding =
  | { kind: 'ran'; step: number }
  | { kind: 'converged'; step: number }
  | { kind: 'escaped'; step: number }
  | { kind: 'not-a-number'; step: number };

export function gameEnding(game: PlayedGame): GameEnding {
  const last = game.trajectory.length / 2 - 1;
  const escape = game.metrics.escapeStep;
  // The trajectory holds finite states only: an escape past its end is a step that left the numbers.
  if (escape > last) return { kind: 'not-a-number', step: escape };
  if (escape >= 0) return { kind: 'escaped', step: escape };
  const r = Math.hypot(game.trajectory[2 * last], game.trajectory[2 * last + 1]);
  if (r < CONVERGED_RADIUS && last < game.spec.steps) return { kind: 'converged', step: last };
  return { kind: 'ran', step: last };
}
