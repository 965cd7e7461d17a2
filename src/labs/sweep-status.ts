/** A sweep under way, as both labs report it to their heatmaps and status lines. */
export interface SweepRunningStatus {
  kind: 'running';
  /** Training steps done over all training steps of the sweep, 0 … 1. */
  fraction: number;
  /** Cells finished so far, moving with `fraction`. */
  cellsDone: number;
  cells: number;
  /** Seconds left at the speed so far; null until there is a speed to go by. */
  secondsLeft: number | null;
}
