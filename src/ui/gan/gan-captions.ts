import {
  GAN_FATES,
  GAN_METRIC_INFO,
  GAN_METRIC_NAMES,
  type GanMetricName,
  type GanMetrics,
  type GanSweepResult,
} from '../../core/gan/index.js';
import type { GanReplayStatus, GanSweepStatus } from '../../labs/gan/gan-lab-store.js';
import { describeTimeLeft } from '../game/game-lab-captions.js';
import { formatNumber } from '../widgets/format-number.js';

/** "12 of 144 GANs · 19 % · about 8 s left". */
export function describeGanProgress(status: Extract<GanSweepStatus, { kind: 'running' }>): string {
  const parts = [
    `${status.cellsDone.toLocaleString('en')} of ${status.cells.toLocaleString('en')} GANs`,
    `${Math.round(status.fraction * 100)} %`,
  ];
  if (status.secondsLeft !== null) parts.push(describeTimeLeft(status.secondsLeft));
  return parts.join(' · ');
}

/** The line under the heatmap: what the sweep is doing or did. */
export function describeGanSweepStatus(
  status: GanSweepStatus,
  shown: GanSweepResult | null,
): string {
  const kept = shown ? 'the map shows the last finished sweep' : 'no sweep has finished yet';
  switch (status.kind) {
    case 'idle':
      return 'Waiting for the GPU.';
    case 'no-gpu':
      return `WebGPU is not available, so the GAN sweep cannot run here: ${status.message}`;
    case 'refused':
      return `The GPU cannot train this spec: ${status.message}`;
    case 'running':
      return `Training: ${describeGanProgress(status)}.`;
    case 'done': {
      const rate = status.ganSteps / Math.max(status.seconds, 1e-9);
      return `${status.ganSteps.toLocaleString('en')} training steps in ${status.seconds.toFixed(2)} s (${formatNumber(rate, 3)} GAN-steps/s).`;
    }
    case 'cancelled':
      return `Sweep cancelled; ${kept}.`;
    case 'failed':
      return `Sweep failed: ${status.message}; ${kept}.`;
  }
}

/** The replay panel's status line. */
export function describeReplayStatus(status: GanReplayStatus): string {
  switch (status.kind) {
    case 'idle':
      return 'Click a cell of the map (or focus it and press Enter) to replay that GAN.';
    case 'running':
      return `Replaying in float64: ${Math.round(status.fraction * 100)} %`;
    case 'done':
      return `Replayed in float64 in ${status.seconds.toFixed(1)} s.`;
    case 'failed':
      return `Replay stopped: ${status.message}`;
  }
}

/** How a metric compares between the GPU sweep's cell and the float64 replay. */
export interface MetricComparison {
  metric: GanMetricName;
  gpu: number;
  replay: number;
  /** |gpu − replay| / (1 + |replay|): the GPU engine's measure (within GAN_AGREEMENT for short runs). */
  difference: number;
}

/**
 * The GPU engine's agreement with the float64 reference on short runs (30 steps, rates ≤ 0.4):
 * continuous metrics within 10⁻³·(1 + |value|) (tests/gpu/gan-sweep-runner.test.ts). Longer runs
 * can drift further: training amplifies the f32 rounding of the GPU.
 */
export const GAN_AGREEMENT = 1e-3;

/** The metrics that are numbers (not a fate or a step count): compared relatively. */
const COMPARED: readonly GanMetricName[] = GAN_METRIC_NAMES.filter(
  (m) => m !== 'fate' && m !== 'escapeStep' && m !== 'stepsRun',
);

/** The sweep's metrics of one cell against the replay's, metric by metric. */
export function compareCell(
  result: GanSweepResult,
  ix: number,
  iy: number,
  replay: GanMetrics,
): { fateSame: boolean; gpuFate: string; comparisons: MetricComparison[] } {
  const i = iy * result.spec.axes.x.count + ix;
  const comparisons = COMPARED.map((metric) => {
    const gpu = result.metrics[metric][i];
    const ref = replay[metric];
    const difference = Math.abs(gpu - ref) / (1 + Math.abs(ref));
    return { metric, gpu, replay: ref, difference };
  });
  return {
    fateSame: result.metrics.fate[i] === replay.fate,
    gpuFate: GAN_FATES[result.metrics.fate[i]] ?? '?',
    comparisons,
  };
}

/** One line per comparison, for the replay panel. */
export function describeComparison(c: MetricComparison): string {
  return `${GAN_METRIC_INFO[c.metric].title}: GPU ${formatNumber(c.gpu, 4)}, float64 ${formatNumber(c.replay, 4)}`;
}
