import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import type { PlayedGame } from '../../labs/game/game-lab-state.js';
import { firstLap } from '../../labs/game/game-continuous-flow.js';
import { gameEnding } from '../../labs/game/game-ending.js';
import { gameColor } from './game-colors.js';
import { theme } from '../shell/theme.js';
import { CanvasSizer } from '../widgets/canvas-sizer.js';
import { formatNumber } from '../widgets/format-number.js';
import {
  dot,
  drawOriginCross,
  drawPlaneAxes,
  fitPlane,
  planeToPx,
  tracePath,
  withinPlane,
  type PlaneFrame,
} from '../widgets/plane-frame.js';
import { plotPanelStyles } from '../widgets/plot-panel-styles.js';
import { seriesLegend, seriesLegendStyles } from '../widgets/series-legend.js';

/**
 * The orbits in the (x, y) plane up to the playhead, with the continuous-time
 * flow (dashed) and, for scaled rotations, the closed-form circle r₀·ρᵏ at the
 * playhead's step. The window follows the orbits as they grow.
 */
export class OrbitPlot extends LitElement {
  @property({ attribute: false }) games: PlayedGame[] = [];
  /** The lr → 0 flow over the same time as `steps` steps, interleaved x, y. */
  @property({ attribute: false }) flow: Float64Array = new Float64Array(0);
  @property({ type: Number }) playhead: number = 0;
  @property({ type: Number }) steps: number = 1;
  private readonly sizer = new CanvasSizer(this, () => this.draw());

  get canvas(): HTMLCanvasElement | null {
    return this.sizer.canvas;
  }

  override render() {
    return html`<div class="plot">
        <canvas role="img" aria-label="Orbits in the x, y plane"></canvas>
      </div>
      ${seriesLegend(
        [
          ...this.games.map((g, i) => ({ color: gameColor(i), text: this.describe(g) })),
          { color: '#c8d4e0', text: 'continuous time (η → 0)', mark: 'dashed' },
        ],
        'orbit-legend',
      )}`;
  }

  private describe(g: PlayedGame): string {
    const k = this.stepOf(g);
    const r = Math.hypot(g.trajectory[2 * k], g.trajectory[2 * k + 1]);
    const r0 = Math.hypot(g.trajectory[0], g.trajectory[1]);
    let text = `${g.title}: r = ${formatNumber(r)} at step ${k}`;
    const end = gameEnding(g);
    // Said once the playhead has reached the end, and only for what happened.
    if (k === g.trajectory.length / 2 - 1) {
      if (end.kind === 'escaped') text += ` (escaped: r > ${formatNumber(g.spec.escapeRadius)})`;
      if (end.kind === 'not-a-number') text += ` (step ${end.step} is not a number)`;
    }
    if (g.rho !== null) {
      text += g.exactRadius
        ? `; r₀ρᵏ = ${formatNumber(r0 * g.rho ** k)}, ρ = ${formatNumber(g.rho, 6)}`
        : `; ρ = ${formatNumber(g.rho, 6)}`;
    }
    return text;
  }

  private stepOf(g: PlayedGame): number {
    return Math.min(this.playhead, g.trajectory.length / 2 - 1);
  }

  private draw(): void {
    const plot = this.sizer.prepare();
    if (!plot) return;
    const { ctx, width: W, height: H, fontSize: fs } = plot;
    const flowLast = Math.max(
      0,
      Math.min(
        this.flow.length / 2 - 1,
        Math.round((this.playhead / Math.max(1, this.steps)) * (this.flow.length / 2 - 1)),
      ),
    );
    // The main game and the flow set the window; an overlay that runs away leaves it.
    let reach = 0;
    const main = this.games[0];
    if (main) {
      for (let k = 0; k <= this.stepOf(main); k++)
        reach = Math.max(
          reach,
          Math.abs(main.trajectory[2 * k]),
          Math.abs(main.trajectory[2 * k + 1]),
        );
    }
    for (let k = 0; k <= flowLast; k++)
      reach = Math.max(reach, Math.abs(this.flow[2 * k]), Math.abs(this.flow[2 * k + 1]));
    const frame = fitPlane(W, H, fs, [0, 0], (reach || 1) * 1.1);

    withinPlane(ctx, frame, () => this.drawOrbits(ctx, frame, flowLast, fs / 16));
    drawPlaneAxes(ctx, frame, fs, ['x', 'y']);
  }

  /** `scale`: marks grow with the font (presentation mode), 1 at 16 px. */
  private drawOrbits(
    ctx: CanvasRenderingContext2D,
    frame: PlaneFrame,
    flowLast: number,
    scale: number,
  ): void {
    drawOriginCross(ctx, frame);
    if (this.flow.length >= 4) {
      // One lap of a closed orbit, drawn once: laps over each other fill a dashed line in.
      ctx.setLineDash([6, 5]);
      ctx.strokeStyle = '#c8d4e0';
      ctx.lineWidth = 1.2;
      tracePath(ctx, frame, this.flow, firstLap(this.flow, flowLast));
      ctx.setLineDash([]);
    }
    const [ox, oy] = planeToPx(frame, 0, 0);
    const pxPerUnit = frame.size / (2 * frame.half);
    this.games.forEach((g, i) => {
      const k = this.stepOf(g);
      const color = gameColor(i);
      const r0 = Math.hypot(g.trajectory[0], g.trajectory[1]);
      const circle = g.rho === null ? NaN : r0 * g.rho ** k * pxPerUnit;
      // A circle far larger than the frame has nothing to show in it (and a canvas arc of 10³⁰⁰ px draws wrong).
      if (g.exactRadius && circle < 4 * frame.size) {
        ctx.setLineDash([3, 5]);
        ctx.strokeStyle = color;
        ctx.lineWidth = 1.5;
        ctx.beginPath();
        ctx.arc(ox, oy, circle, 0, 2 * Math.PI);
        ctx.stroke();
        ctx.setLineDash([]);
      }
      ctx.strokeStyle = color;
      ctx.lineWidth = 2;
      tracePath(ctx, frame, g.trajectory, k);
      dot(ctx, planeToPx(frame, g.trajectory[0], g.trajectory[1]), 5 * scale, '#ffffff');
      dot(ctx, planeToPx(frame, g.trajectory[2 * k], g.trajectory[2 * k + 1]), 6 * scale, color);
    });
    dot(ctx, [ox, oy], 4 * scale, '#60c890');
  }

  static override styles = [theme, plotPanelStyles, seriesLegendStyles];
}

customElements.define('ss-orbit-plot', OrbitPlot);
