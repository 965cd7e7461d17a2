import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import type uPlot from 'uplot';
import type { PlayedGame } from '../../labs/game/game-lab-state.js';
import { gameColor } from './game-colors.js';
import { theme } from '../shell/theme.js';
import { fontSizeOf } from '../widgets/canvas-sizer.js';
import { plotPanelStyles } from '../widgets/plot-panel-styles.js';
import { seriesLegend, seriesLegendStyles } from '../widgets/series-legend.js';
import {
  drawGuideLine,
  lineChartOptions,
  type ChartOptions,
  type UplotChart,
} from '../widgets/uplot-chart.js';
import '../widgets/uplot-chart.js';

/** x(t) (solid) and y(t) (dashed) against the step for every played game, with the playhead. */
export class GamePlot extends LitElement {
  @property({ attribute: false }) games: PlayedGame[] = [];
  @property({ type: Number }) playhead: number = 0;
  private options: ChartOptions | undefined;
  private data: uPlot.AlignedData | undefined;

  get canvas(): HTMLCanvasElement | null {
    return this.renderRoot.querySelector<UplotChart>('ss-uplot')?.canvas ?? null;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (!changed.has('games')) return;
    const length = this.games.reduce((m, g) => Math.max(m, g.trajectory.length / 2), 1);
    const steps = Float64Array.from({ length }, (_, k) => k);
    const columns: (number | null)[][] = [];
    for (const g of this.games) {
      for (const offset of [0, 1]) {
        const n = g.trajectory.length / 2;
        columns.push(
          Array.from({ length }, (_, k) => (k < n ? g.trajectory[2 * k + offset] : null)),
        );
      }
    }
    this.data = [steps, ...columns] as uPlot.AlignedData;
    const fs = fontSizeOf(this);
    // The main game sets the y range: an overlay that runs away leaves the plot instead of flattening it.
    let reach = 0;
    const main = this.games[0]?.trajectory ?? new Float64Array(0);
    for (let i = 0; i < main.length; i++) reach = Math.max(reach, Math.abs(main[i]));
    const limit = (reach || 1) * 1.08;
    this.options = lineChartOptions(
      fs,
      ['step', 'x, y'],
      { x: { time: false }, y: { range: () => [-limit, limit] } },
      [
        { label: 'step' },
        ...this.games.flatMap((g, i) => [
          { label: `x · ${g.title}`, stroke: gameColor(i), width: 2 },
          { label: `y · ${g.title}`, stroke: gameColor(i), width: 2, dash: [7, 5] },
        ]),
      ],
    );
  }

  override render() {
    return html`<ss-uplot
        .options=${this.options}
        .data=${this.data}
        .annotate=${(u: uPlot) => drawGuideLine(u, 'x', this.playhead, '#ffffff', [4, 4])}
      ></ss-uplot>
      ${seriesLegend([
        ...this.games.map((g, i) => ({ color: gameColor(i), text: g.title })),
        { color: '#c8d4e0', text: 'solid x, dashed y', mark: 'dashed' },
      ])}`;
  }

  static override styles = [theme, plotPanelStyles, seriesLegendStyles];
}

customElements.define('ss-game-plot', GamePlot);
