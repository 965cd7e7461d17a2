import { divergingColor, sequentialColor } from '../../core/color-map.js';
import { METRIC_INFO, rangePosition, type MetricRange } from '../../labs/game/game-metrics.js';
import type { SweepMetricName } from '../../labs/game/game-presets.js';

/** Cells with no value to colour (a game that never escaped, on the escape-step map). */
export const NO_VALUE_RGB: readonly [number, number, number] = [48, 56, 64];

/** The colour of a metric value within its range: the diverging map centred on 0, or the sequential one. */
export function metricColor(
  metric: SweepMetricName,
  range: MetricRange,
  value: number,
): readonly [number, number, number] {
  if (metric === 'escapeStep' && value < 0) return NO_VALUE_RGB;
  const t = rangePosition(range, value);
  if (Number.isNaN(t)) return NO_VALUE_RGB;
  return METRIC_INFO[metric].kind === 'diverging'
    ? divergingColor(2 * t - 1, 1)
    : sequentialColor(t, 0, 1);
}

/** One colour per played game: the spec's own method first, then the overlays. */
export const GAME_COLORS = ['#f0b040', '#5ab0f0', '#60c890', '#e070c0', '#b0a0ff', '#f07060'];

export function gameColor(index: number): string {
  return GAME_COLORS[index % GAME_COLORS.length];
}
