/** The single games the Game Lab's views show, played on the CPU in float64 (cheap for one game). */
import {
  cellSpec,
  closedFormSpectralRadius,
  compileGame,
  defaultMethodSpec,
  learningRates,
  METHOD_CATALOG,
  simulateGame,
  type MethodName,
  type SingleGameSpec,
  type SweepSpec,
} from '../../core/games/index.js';
import { continuousFlow } from './game-continuous-flow.js';
import type { GameLabView } from './game-lab-url.js';
import type { GameSurface, PlayedGame } from './game-lab-state.js';

// Methods whose step on b·x·y is a scaled rotation with one shared rate (docs/games.md#scaled-rotations).
const SCALED_ROTATIONS = new Set<MethodName>(['sim-gda', 'eg', 'consensus', 'sga', 'hgd']);

/** What the single-game views draw: the played games, the continuous flow, f and its field. */
export interface PlayedView {
  games: PlayedGame[];
  flow: Float64Array;
  surface: GameSurface;
}

/** The single game the views play: the selected cell's, else the spec's own values. */
export function currentGame(view: GameLabView): SingleGameSpec {
  const { spec, cell } = view;
  if (cell) return cellSpec(spec, cell.ix, cell.iy);
  const run: Partial<SweepSpec> = structuredClone(spec);
  delete run.axes;
  return run as SingleGameSpec;
}

/** Plays the view's game with its own method, then each overlay method from the same start. */
export function playView(view: GameLabView): PlayedView {
  const base = currentGame(view);
  const methods = [base.method.name, ...view.overlays.filter((m) => m !== base.method.name)];
  const games = methods.map((name): PlayedGame => {
    const spec: SingleGameSpec = {
      ...base,
      method: name === base.method.name ? base.method : defaultMethodSpec(name),
    };
    const run = simulateGame(spec, { record: true });
    const { lrX, lrY } = learningRates(spec);
    return {
      method: name,
      title: METHOD_CATALOG[name].title,
      spec,
      trajectory: run.trajectory as Float64Array,
      metrics: run.metrics,
      rho: closedFormSpectralRadius(spec),
      exactRadius:
        SCALED_ROTATIONS.has(name) && lrX === lrY && closedFormSpectralRadius(spec) !== null,
    };
  });
  const compiled = compileGame(base.game);
  return {
    games,
    flow: continuousFlow(base),
    surface: {
      objective: (x, y) => compiled.objectiveAt(x, y).fx,
      field: (x, y) => compiled.fieldAt(x, y),
    },
  };
}

/** The last step of the longest played game: where the playhead stands at the end. */
export function lastStep(games: readonly PlayedGame[]): number {
  return games.reduce((m, g) => Math.max(m, g.trajectory.length / 2 - 1), 0);
}
