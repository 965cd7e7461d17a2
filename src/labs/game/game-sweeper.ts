import type { SweepSpec } from '../../core/games/index.js';
import type { SweepResult, SweepRunner, SweepStatus } from './game-lab-state.js';
import { sweepKey } from './game-spec-edit.js';

const SWEEP_DEBOUNCE_MS = 200;

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
    const cells = spec.axes.x.count * spec.axes.y.count;
    this.sweptKey = sweepKey(spec);
    this.status = { kind: 'running', fraction: 0, cellsDone: 0, cells };
    this.changed();
    try {
      const result = await runner(spec, {
        signal: abort.signal,
        onProgress: (p) => {
          if (abort.signal.aborted) return;
          this.status = { kind: 'running', fraction: p.fraction, cellsDone: p.cellsDone, cells };
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
