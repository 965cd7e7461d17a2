import { html } from 'lit';
import { property } from 'lit/decorators.js';
import type uPlot from 'uplot';
import type { PlayedGame } from '../../labs/game/game-lab-state.js';
import { gameEnding } from '../../labs/game/game-ending.js';
import { clipToFrame, columnEnvelope } from '../../labs/game/trace-envelope.js';
import { gameColor } from './game-colors.js';
import { traceColumns } from './trace-series.js';
import { formatNumber } from '../widgets/format-number.js';
import { seriesLegend, type LegendEntry } from '../widgets/series-legend.js';
import { LineChartView, drawGuideLine } from '../widgets/uplot-chart.js';

/** Columns the traces are thinned to at most: about one per pixel of the chart's width. */
export function plotColumns(element: Element): number {
  const width = element.getBoundingClientRect().width;
  return Math.max(100, Math.min(2400, Math.round(width > 0 ? width : 800)));
}

/**
 * x(t) (solid) and y(t) (dashed) against the step for every played game, with the playhead.
 * More steps than pixels: each trace is its min/max envelope per pixel column. The main game sets
 * the y range; a trace that runs away leaves the frame and is cut at it.
 */
export class GamePlot extends LineChartView {
  @property({ attribute: false }) games: PlayedGame[] = [];
  @property({ type: Number }) playhead: number = 0;
  protected readonly inputs = ['games'];
  private thinned = false;

  protected build(): void {
    const length = this.games.reduce((m, g) => Math.max(m, g.trajectory.length / 2), 1);
    const count = plotColumns(this);
    // The main game sets the y range (its finite values): an overlay that runs away leaves the plot.
    let reach = 0;
    const main = this.games[0]?.trajectory ?? new Float64Array(0);
    for (let i = 0; i < main.length; i++)
      if (Number.isFinite(main[i])) reach = Math.max(reach, Math.abs(main[i]));
    const limit = (reach || 1) * 1.08;
    const clip = (values: (number | null)[]) => clipToFrame(values, -limit, limit);
    const traces = this.games.flatMap((g, i) => {
      const n = g.trajectory.length / 2;
      return [0, 1].map((offset) => ({
        label: `${offset === 0 ? 'x' : 'y'} · ${g.title}`,
        envelope: columnEnvelope(
          length,
          (k) => (k < n ? g.trajectory[2 * k + offset] : NaN),
          count,
        ),
        color: gameColor(i),
        dash: offset === 0 ? undefined : [7, 5],
        clip,
      }));
    });
    const built = traceColumns(traces);
    this.thinned = traces.some((t) => t.envelope.thinned);
    const steps = traces[0]?.envelope.step ?? Float64Array.of(0);
    this.data = [steps, ...built.columns] as uPlot.AlignedData;
    this.options = this.lineOptions(
      ['step', 'x, y'],
      {
        x: { time: false, range: () => [0, Math.max(1, length - 1)] },
        y: { range: () => [-limit, limit] },
      },
      [{ label: 'step' }, ...built.series],
      { bands: built.bands },
    );
  }

  override render() {
    const entries: LegendEntry[] = this.games.map((g, i) => ({
      color: gameColor(i),
      text: describeEnding(g),
    }));
    entries.push({ color: '#c8d4e0', text: 'solid x, dashed y', mark: 'dashed' });
    if (this.thinned)
      entries.push({
        color: '#c8d4e0',
        text: 'shaded: min to max of each pixel column (more steps than pixels)',
        mark: 'dot',
      });
    return html`${this.renderChart((u) => drawGuideLine(u, 'x', this.playhead, '#ffffff', [4, 4]))}
    ${seriesLegend(entries, 'xy-legend')}`;
  }
}

/**
 * A played game's title and how it ended, as the legend says it: the escape step only when the
 * radius passed the escape radius, a state that stopped being a number said as such, and the
 * last finite radius.
 */
export function describeEnding(g: PlayedGame): string {
  const end = gameEnding(g);
  const last = g.trajectory.length / 2 - 1;
  const r = formatNumber(Math.hypot(g.trajectory[2 * last], g.trajectory[2 * last + 1]));
  switch (end.kind) {
    case 'escaped':
      return `${g.title}: escaped at step ${end.step} (r = ${r} > ${formatNumber(g.spec.escapeRadius)})`;
    case 'not-a-number':
      return `${g.title}: not a number at step ${end.step} (the field is undefined there); last r = ${r}`;
    case 'converged':
      return `${g.title}: converged at step ${end.step} (r = ${r})`;
    case 'ran':
      return `${g.title}: r = ${r} at step ${end.step}`;
  }
}

customElements.define('ss-game-plot', GamePlot);
