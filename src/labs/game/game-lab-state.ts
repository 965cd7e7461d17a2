/**
 * The shapes of the Game Lab's state beyond its URL (game-lab-url.ts): the sweep's status and
 * runner, and the single games the views draw. The store that holds them is game-lab-store.ts.
 */
import type {
  GameMetrics,
  MethodName,
  SingleGameSpec,
  SweepRunner as CoreSweepRunner,
} from '../../core/games/index.js';
import {
  runSweep,
  type GameGpu,
  type GpuSweepMetrics,
  type SweepResult,
} from '../../gpu/game/game-sweep-runner.js';
import type { SweepRunningStatus } from '../sweep-status.js';

export type { SweepResult };

/** Runs a sweep on the GPU (core's runner interface); the lab supplies it once a device is there. */
export type SweepRunner = CoreSweepRunner<GpuSweepMetrics, SweepResult>;

/** The runner that plays sweeps on `gpu` with the GPU sweep kernel. */
export function gpuSweepRunner(gpu: GameGpu): SweepRunner {
  return (spec, options) => runSweep(gpu, spec, options);
}

export type SweepStatus =
  | { kind: 'idle' }
  /** `fraction` counts game-steps; `cellsDone` is game-steps played over steps per game. */
  | SweepRunningStatus
  | { kind: 'done'; gameSteps: number; seconds: number }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

/** One game of the single-game views: the spec's own method or an overlay, from the same start. */
export interface PlayedGame {
  method: MethodName;
  title: string;
  spec: SingleGameSpec;
  /** x0, y0, x1, y1, … (float64, the CPU reference). */
  trajectory: Float64Array;
  metrics: GameMetrics;
  /** The closed-form spectral radius (docs/games.md#summary-table), where one exists. */
  rho: number | null;
  /** r_k = r₀·ρ^k holds exactly (a scaled rotation), so the orbit view may draw that circle. */
  exactRadius: boolean;
}

export interface GameSurface {
  objective(x: number, y: number): number;
  field(x: number, y: number): [number, number];
}
