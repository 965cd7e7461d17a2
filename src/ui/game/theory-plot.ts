import { html } from 'lit';
import { property } from 'lit/decorators.js';
import type uPlot from 'uplot';
import type { SweepSpec } from '../../core/games/index.js';
import type { PlayedGame } from '../../labs/game/game-lab-state.js';
import { gameTheory, spectralRadiusCurve } from '../../labs/game/game-theory-boundary.js';
import { gameColor } from './game-colors.js';
import { seriesLegend } from '../widgets/series-legend.js';
import { LineChartView, drawGuideLine } from '../widgets/uplot-chart.js';

const POINTS = 160;

/**
 * Spectral radius ρ of each played method's step against the learning rate
 * (docs/games.md#closed-forms-on-the-bilinear-game, or the linearised step), with ρ = 1 — below it the
 * game converges — and the current η marked.
 */
export class TheoryPlot extends LineChartView {
  @property({ attribute: false }) games: PlayedGame[] = [];
  @property({ attribute: false }) spec: SweepSpec | null = null;
  protected readonly inputs = ['games', 'spec'];
  /** Indices of the games with a curve. */
  private shown: number[] = [];

  protected build(): void {
    // Nothing of the previous game survives: no curve, no legend entry, no note.
    this.options = undefined;
    this.data = undefined;
    this.shown = [];
    this.notes = [];
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
    const curves: (number | null)[][] = [];
    this.games.forEach((g, i) => {
      const curve = spectralRadiusCurve(g.spec, etas);
      if (curve.some((v) => v !== null)) {
        curves.push(curve);
        this.shown.push(i);
        return;
      }
      const theory = gameTheory(g.spec);
      this.notes.push(
        `No ρ for ${g.title}: ${theory.rho === null ? theory.reason : 'none over this range of η'}.`,
      );
    });
    if (this.shown.length === 0) return;
    this.data = [etas, ...curves] as uPlot.AlignedData;
    this.options = this.lineOptions(
      ['learning rate η (log)', 'spectral radius ρ'],
      {
        x: { time: false, distr: 3 },
        y: { range: (_u, min, max) => [Math.min(0, min), Math.min(Math.max(1.25, max * 1.02), 3)] },
      },
      [
        { label: 'η' },
        ...this.shown.map((i) => ({
          label: this.games[i].title,
          stroke: gameColor(i),
          width: 2.5,
        })),
      ],
    );
  }

  override render() {
    const eta = this.games[0]?.spec.lr ?? null;
    const notes = this.renderNotes('theory-note');
    if (!this.options) return notes;
    return html`${this.renderChart(this.annotate(eta))}
    ${seriesLegend([
      ...this.shown.map((i) => ({ color: gameColor(i), text: this.games[i].title })),
      { color: '#ffffff', text: 'ρ = 1: below it the game converges', mark: 'dashed' },
    ])}
    ${notes}`;
  }

  private annotate(eta: number | null) {
    return (u: uPlot) => {
      drawGuideLine(u, 'y', 1, '#ffffff', [6, 5]);
      if (eta !== null) drawGuideLine(u, 'x', eta, 'rgba(240,176,64,0.9)', [2, 4]);
    };
  }
}

customElements.define('ss-theory-plot', TheoryPlot);
