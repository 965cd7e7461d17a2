import type { PlayedGame } from './game-lab-state.js';
import { columnEnvelope, type Envelope } from './trace-envelope.js';

/** What the radius plot draws for one played game. */
export interface RadiusSeries {
  /** r_k = √(x_k² + y_k²) per column (min and max when thinned); zero radii are left out (log axis). */
  radius: Envelope;
  /** r₀·ρᵏ at each column's step, where the step is a scaled rotation and so r_k = r₀·ρᵏ holds exactly; else null. */
  closedForm: (number | null)[] | null;
}

/**
 * The radius of a played game against the step, over at most `columns` columns, with the
 * closed-form line r₀·ρᵏ (docs/games.md#scaled-rotations) where the game has one: on a log axis
 * exponential growth or decay is a straight line of slope log ρ.
 */
export function radiusSeries(game: PlayedGame, columns: number): RadiusSeries {
  const t = game.trajectory;
  const radiusAt = (k: number) => {
    const r = Math.hypot(t[2 * k], t[2 * k + 1]);
    return r > 0 ? r : NaN;
  };
  const radius = columnEnvelope(t.length / 2, radiusAt, columns);
  const rho = game.rho;
  if (!game.exactRadius || rho === null || !(rho >= 0)) return { radius, closedForm: null };
  const r0 = Math.hypot(t[0], t[1]);
  const closedForm = Array.from(radius.step, (k) => {
    const r = r0 * rho ** k;
    return r > 0 && Number.isFinite(r) ? r : null;
  });
  return { radius, closedForm };
}
