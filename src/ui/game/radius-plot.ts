import { html } from 'lit';
import { property } from 'lit/decorators.js';
import type uPlot from 'uplot';
import type { PlayedGame } from '../../labs/game/game-lab-state.js';
import { radiusSeries } from '../../labs/game/radius-series.js';
import { clipToFrame, columnEnvelope } from '../../labs/game/trace-envelope.js';
import { gameColor } from './game-colors.js';
import { plotColumns } from './game-plot.js';
import { traceColumns, type TraceSpec } from './trace-series.js';
import { formatNumber } from '../widgets/format-number.js';
import { seriesLegend, type LegendEntry } from '../widgets/series-legend.js';
import { LineChartView, drawGuideLine } from '../widgets/uplot-chart.js';

/**
 * The radius r(t) = √(x² + y²) of every played game on a log axis, with the closed-form line
 * r₀·ρᵏ (dashed) where the step is a scaled rotation (docs/games.md#scaled-rotations): there
 * exponential growth or decay is a straight line and the game lies on it. Elsewhere the note says
 * why there is no line. The main game sets the range; an overlay that runs away is cut at the frame.
 */
export class RadiusPlot extends LineChartView {
  @property({ attribute: false }) games: PlayedGame[] = [];
  @property({ type: Number }) playhead: number = 0;
  protected readonly inputs = ['games'];
  private legend: LegendEntry[] = [];

  protected build(): void {
    const length = this.games.reduce((m, g) => Math.max(m, g.trajectory.length / 2), 1);
    const count = plotColumns(this);
    // Every game on the longest game's columns: a shorter one ends in a gap.
    const padded = this.games.map((g) => {
      const t = new Float64Array(length * 2).fill(NaN);
      t.set(g.trajectory);
      return radiusSeries({ ...g, trajectory: t }, count);
    });
    const [lo, hi] = radiusRange(padded[0]);
    const clip = (values: (number | null)[]) =>
      clipToFrame(
        values.map((v) => (v !== null && v > 0 ? v : null)),
        lo,
        hi,
        true,
      );
    const traces: TraceSpec[] = [];
    this.legend = [];
    this.notes = [];
    this.games.forEach((g, i) => {
      const s = padded[i];
      traces.push({ label: `r · ${g.title}`, envelope: s.radius, color: gameColor(i), clip });
      this.legend.push({ color: gameColor(i), text: `${g.title}: r(t)` });
      if (s.closedForm) {
        const line = { ...s.radius, min: s.closedForm, max: s.closedForm, thinned: false };
        traces.push({
          label: `r₀ρᵏ · ${g.title}`,
          envelope: line,
          color: '#ffffff',
          dash: [6, 5],
          width: 1.5,
          clip,
        });
        this.legend.push({
          color: '#ffffff',
          text: `${g.title}: r₀ρᵏ, ρ = ${formatNumber(g.rho, 6)} (closed form)`,
          mark: 'dashed',
        });
      } else {
        this.notes.push(
          g.rho === null
            ? `${g.title}: no closed-form ρ on this game, so no line.`
            : `${g.title}: ρ = ${formatNumber(g.rho, 6)} sets the growth, but its step is not a scaled rotation, so r is not exactly r₀ρᵏ: no line.`,
        );
      }
    });
    const built = traceColumns(traces);
    const steps = traces[0]?.envelope.step ?? columnEnvelope(1, () => 1, 1).step;
    this.data = [steps, ...built.columns] as uPlot.AlignedData;
    this.options = this.lineOptions(
      ['step', 'radius r (log)'],
      {
        x: { time: false, range: () => [0, Math.max(1, length - 1)] },
        y: { distr: 3, range: () => [lo, hi] },
      },
      [{ label: 'step' }, ...built.series],
      { bands: built.bands },
    );
  }

  override render() {
    return html`${this.renderChart((u) => drawGuideLine(u, 'x', this.playhead, '#ffffff', [4, 4]))}
    ${seriesLegend(this.legend, 'radius-legend')} ${this.renderNotes('radius-note')}`;
  }
}

/** The log axis's range: the main game's positive radii with a margin, at least a factor 4 wide. */
function radiusRange(main: ReturnType<typeof radiusSeries> | undefined): [number, number] {
  let lo = Infinity;
  let hi = 0;
  for (const list of [main?.radius.min ?? [], main?.radius.max ?? [], main?.closedForm ?? []])
    for (const v of list)
      if (v !== null && v > 0 && Number.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
  if (!(hi > 0)) return [0.1, 10];
  const mid = Math.sqrt(lo * hi);
  const ratio = Math.max(4, (hi / lo) * 1.5);
  return [mid / Math.sqrt(ratio), mid * Math.sqrt(ratio)];
}

customElements.define('ss-radius-plot', RadiusPlot);
