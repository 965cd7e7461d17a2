import type { SweepSpec } from '../../core/games/index.js';
import type { SweepResult, SweepRunner, SweepStatus } from './game-lab-state.js';
import { sweepKey } from './game-spec-edit.js';

const SWEEP_DEBOUNCE_MS = 200;

/** Before this much of a sweep has run, its speed says too little to estimate the time left. */
const ESTIMATE_AFTER_FRACTION = 0.01;

/**
 * A running sweep's status from its progress: the games played counted as game-steps played over
 * steps per game (the runner counts whole games only once their slice finishes, and one slice
 * may hold every game), and the time left at the speed so far.
 */
export function runningStatus(
  spec: SweepSpec,
  stepsDone: number,
  seconds: number,
): Extract<SweepStatus, { kind: 'running' }> {
  const cells = spec.axes.x.count * spec.axes.y.count;
  const total = cells * spec.steps;
  const fraction = total > 0 ? Math.max(0, Math.min(1, stepsDone / total)) : 0;
  const cellsDone = Math.min(cells, Math.floor(stepsDone / spec.steps));
  const secondsLeft =
    fraction >= ESTIMATE_AFTER_FRACTION && seconds > 0
      ? (seconds * (1 - fraction)) / fraction
      : null;
  return { kind: 'running', fraction, cellsDone, cells, secondsLeft };
}

/**
 * Runs the Game Lab's sweeps: one at a time (a new one aborts the old), after a short pause so
 * that typing in a field restarts the pause, with progress, cancel, and the last finished result
 * kept on display.
 */
export class GameSweeper {
  status: SweepStatus = { kind: 'idle' };
  /** The last finished sweep. */
  result: SweepResult | null = null;
  private runner: SweepRunner | null = null;
  private abort: AbortController | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private sweptKey = '';

  constructor(
    /** The spec to sweep, read when the sweep starts. */
    private readonly spec: () => SweepSpec,
    /** Told of every change of status. */
    private readonly changed: () => void,
    /** Told of each sweep that finished. */
    private readonly finished: (result: SweepResult) => void,
    /** The time in seconds, for the time left. */
    private readonly now: () => number = () => performance.now() / 1000,
  ) {}

  setRunner(runner: SweepRunner | null): void {
    this.runner = runner;
    if (runner) this.request(0);
  }

  /** The spec changed: sweeps it unless the finished sweep on display is already of these numbers. */
  specChanged(spec: SweepSpec): void {
    if (sweepKey(spec) !== this.sweptKey || this.status.kind !== 'done') this.request();
  }

  /** Stops the running sweep; the last finished one stays. */
  cancel(): void {
    clearTimeout(this.timer);
    if (!this.abort) return;
    this.abort.abort();
    this.abort = null;
    this.status = { kind: 'cancelled' };
    this.changed();
  }

  /** Starts a sweep of the current spec after `delay` ms (a new request restarts the wait). */
  request(delay = SWEEP_DEBOUNCE_MS): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), delay);
  }

  private async run(): Promise<void> {
    const runner = this.runner;
    if (!runner) return;
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    const spec = this.spec();
    this.sweptKey = sweepKey(spec);
    const started = this.now();
    this.status = runningStatus(spec, 0, 0);
    this.changed();
    try {
      const result = await runner(spec, {
        signal: abort.signal,
        onProgress: (p) => {
          if (abort.signal.aborted) return;
          this.status = runningStatus(spec, p.stepsDone, this.now() - started);
          this.changed();
        },
      });
      if (abort.signal.aborted) return;
      this.abort = null;
      this.result = result;
      this.status = { kind: 'done', gameSteps: result.gameSteps, seconds: result.seconds };
      this.changed();
      this.finished(result);
    } catch (error) {
      if (abort.signal.aborted) return;
      this.abort = null;
      this.status = { kind: 'failed', message: (error as Error).message };
      this.changed();
    }
  }
}
