import { LitElement, css, html } from 'lit';
import type uPlot from 'uplot';
import type { PlayedGame } from '../labs/game-lab-state.js';
import { gameColor } from './game-colors.js';
import { theme } from './theme.js';
import { fontSizeOf } from './widgets/canvas-sizer.js';
import { seriesLegend, seriesLegendStyles } from './widgets/series-legend.js';
import { darkAxis, type ChartOptions, type UplotChart } from './widgets/uplot-chart.js';
import './widgets/uplot-chart.js';

/** x(t) (solid) and y(t) (dashed) against the step for every played game, with the playhead. */
export class GamePlot extends LitElement {
  static override properties = {
    games: { attribute: false },
    playhead: { type: Number },
  };

  declare games: PlayedGame[];
  declare playhead: number;
  private options: ChartOptions | undefined;
  private data: uPlot.AlignedData | undefined;

  constructor() {
    super();
    this.games = [];
    this.playhead = 0;
  }

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
    this.options = {
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false }, y: { range: () => [-limit, limit] } },
      axes: [darkAxis(fs, { label: 'step' }), darkAxis(fs, { label: 'x, y' })],
      series: [
        { label: 'step' },
        ...this.games.flatMap((g, i) => [
          { label: `x · ${g.title}`, stroke: gameColor(i), width: 2 },
          { label: `y · ${g.title}`, stroke: gameColor(i), width: 2, dash: [7, 5] },
        ]),
      ],
    };
  }

  override render() {
    return html`<ss-uplot
        .options=${this.options}
        .data=${this.data}
        .annotate=${this.drawPlayhead(this.playhead)}
      ></ss-uplot>
      ${seriesLegend([
        ...this.games.map((g, i) => ({ color: gameColor(i), text: g.title })),
        { color: '#c8d4e0', text: 'solid x, dashed y', dashed: true },
      ])}`;
  }

  private drawPlayhead(step: number) {
    return (u: uPlot) => {
      const x = u.valToPos(step, 'x', true);
      const ctx = u.ctx;
      ctx.save();
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 1.5 * devicePixelRatio;
      ctx.setLineDash([4 * devicePixelRatio, 4 * devicePixelRatio]);
      ctx.beginPath();
      ctx.moveTo(x, u.bbox.top);
      ctx.lineTo(x, u.bbox.top + u.bbox.height);
      ctx.stroke();
      ctx.restore();
    };
  }

  static override styles = [
    theme,
    seriesLegendStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 0;
      }
      ss-uplot {
        flex: 1;
        min-height: 10em;
      }
    `,
  ];
}

customElements.define('ss-game-plot', GamePlot);
