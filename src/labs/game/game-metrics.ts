import {
  SWEEP_METRIC_INFO,
  type MetricInfo,
  type SweepMetricName,
} from '../../core/games/index.js';

export type { MetricInfo };
// The colour scale is core's heatmap model, shared with the CLI's heatmap.png.
export {
  metricRange,
  rangePosition,
  rangeValue,
  type MetricRange,
} from '../../core/heatmap/heatmap-model.js';

/** How the heatmap colours each metric: its title, unit and scale, from core's metric list. */
export const METRIC_INFO: Readonly<Record<SweepMetricName, MetricInfo>> = SWEEP_METRIC_INFO;
