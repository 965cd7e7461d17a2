// A sweep metric's colours are core's heatmap model, shared with the CLI's heatmap.png.
export { metricColor, NO_VALUE_RGB } from '../../core/heatmap/heatmap-model.js';

/** One colour per played game: the spec's own method first, then the overlays. */
export const GAME_COLORS = ['#f0b040', '#5ab0f0', '#60c890', '#e070c0', '#b0a0ff', '#f07060'];

export function gameColor(index: number): string {
  return GAME_COLORS[index % GAME_COLORS.length];
}
