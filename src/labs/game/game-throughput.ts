import type { SweepResult } from '../../gpu/game/game-sweep-runner.js';

/** "Sweep 256×256 × 1000 steps: 65.5 M game-steps in 1.20 s = 54.6 M game-steps/s". */
export function describeThroughput(result: SweepResult): string {
  const { x, y } = result.spec.axes;
  const rate = result.seconds > 0 ? result.gameSteps / result.seconds : 0;
  return (
    `Last sweep ${x.count}×${y.count} × ${result.spec.steps} steps: ` +
    `${formatRate(result.gameSteps)} game-steps in ${result.seconds.toFixed(2)} s = ` +
    `${formatRate(rate)} game-steps/s`
  );
}

/** A count in k, M or G, as the status line reports throughput. */
export function formatRate(value: number): string {
  if (!Number.isFinite(value)) return '—';
  for (const [unit, size] of [
    ['G', 1e9],
    ['M', 1e6],
    ['k', 1e3],
  ] as const) {
    if (Math.abs(value) >= size)
      return `${(value / size).toFixed(value / size >= 100 ? 0 : 1)} ${unit}`;
  }
  return value.toFixed(0);
}
