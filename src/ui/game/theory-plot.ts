import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import type uPlot from 'uplot';
import type { SweepSpec } from '../../core/games/index.js';
import type { PlayedGame } from '../../labs/game/game-lab-state.js';
import { spectralRadiusCurve } from '../../labs/game/game-theory-boundary.js';
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

const POINTS = 160;

/**
 * Spectral radius ρ of each played method's step against the learning rate
 * (docs/games.md#closed-forms-on-the-bilinear-game, or the linearised step), with ρ = 1 — below it the
 * game converges — and the current η marked.
 */
export class TheoryPlot extends LitElement {
  @property({ attribute: false }) games: PlayedGame[] = [];
  @property({ attribute: false }) spec: SweepSpec | null = null;
  private options: ChartOptions | undefined;
  private data: uPlot.AlignedData | undefined;
  private note = '';

  get canvas(): HTMLCanvasElement | null {
    return this.renderRoot.querySelector<UplotChart>('ss-uplot')?.canvas ?? null;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (!changed.has('games') && !changed.has('spec')) return;
    const spec = this.spec;
    const main = this.games[0];
    if (!spec || !main) return;
    const lrAxis = [spec.axes.x, spec.axes.y].find((a) => a.param === 'lr');
    const lo = lrAxis ? Math.max(1e-4, Math.min(lrAxis.from, lrAxis.to)) : 1e-3;
    const hi = lrAxis ? Math.max(lrAxis.from, lrAxis.to) : Math.max(2, 2 * main.spec.lr);
    const etas = Float64Array.from(
      { length: POINTS },
      (_, i) => lo * (hi / lo) ** (i / (POINTS - 1)),
    );
    const curves = this.games.map((g) => spectralRadiusCurve(g.spec, etas));
    const none = this.games
      .filter((_, i) => curves[i].every((v) => v === null))
      .map((g) => g.title);
    this.note =
      none.length > 0
        ? `No spectral radius for ${none.join(', ')} (not linearisable at (0, 0)).`
        : '';
    this.data = [etas, ...curves] as uPlot.AlignedData;
    const fs = fontSizeOf(this);
    this.options = lineChartOptions(
      fs,
      ['learning rate η (log)', 'spectral radius ρ'],
      {
        x: { time: false, distr: 3 },
        y: { range: (_u, min, max) => [Math.min(0, min), Math.min(Math.max(1.25, max * 1.02), 3)] },
      },
      [
        { label: 'η' },
        ...this.games.map((g, i) => ({ label: g.title, stroke: gameColor(i), width: 2.5 })),
      ],
    );
  }

  override render() {
    const eta = this.games[0]?.spec.lr ?? null;
    return html`<ss-uplot
        .options=${this.options}
        .data=${this.data}
        .annotate=${this.annotate(eta)}
      ></ss-uplot>
      ${seriesLegend([
        ...this.games.map((g, i) => ({ color: gameColor(i), text: g.title })),
        { color: '#ffffff', text: 'ρ = 1: below it the game converges', mark: 'dashed' },
      ])}
      ${this.note ? html`<p class="note">${this.note}</p>` : null}`;
  }

  private annotate(eta: number | null) {
    return (u: uPlot) => {
      drawGuideLine(u, 'y', 1, '#ffffff', [6, 5]);
      if (eta !== null) drawGuideLine(u, 'x', eta, 'rgba(240,176,64,0.9)', [2, 4]);
    };
  }

  static override styles = [
    theme,
    plotPanelStyles,
    seriesLegendStyles,
    css`
      .note {
        margin: 0.2em 0 0;
        font-size: 0.82em;
        color: var(--ss-muted);
      }
    `,
  ];
}

customElements.define('ss-theory-plot', TheoryPlot);
