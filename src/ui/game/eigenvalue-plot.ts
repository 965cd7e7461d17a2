import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { spectralRadius, stepMapEigenvalues, type Complex } from '../../core/games/index.js';
import type { PlayedGame } from '../../labs/game/game-lab-state.js';
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
} from '../widgets/plane-frame.js';
import { plotPanelStyles } from '../widgets/plot-panel-styles.js';
import { seriesLegend, seriesLegendStyles } from '../widgets/series-legend.js';

/**
 * The eigenvalues of each played method's step map, linearised at (0, 0), on
 * the complex plane with the unit circle: all inside means the game
 * converges there.
 */
export class EigenvaluePlot extends LitElement {
  @property({ attribute: false }) games: PlayedGame[] = [];
  private eigenvalues: (Complex[] | null)[] = [];
  private readonly sizer = new CanvasSizer(this, () => this.draw());

  get canvas(): HTMLCanvasElement | null {
    return this.sizer.canvas;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('games')) this.eigenvalues = this.games.map((g) => stepMapEigenvalues(g.spec));
  }

  override render() {
    return html`<div class="plot">
        <canvas role="img" aria-label="Eigenvalues of the step map and the unit circle"></canvas>
      </div>
      ${seriesLegend(
        this.games.map((g, i) => {
          const ev = this.eigenvalues[i];
          const text = ev
            ? `${g.title}: ρ = max |λ| = ${formatNumber(spectralRadius(ev), 6)}`
            : `${g.title}: not linearisable at (0, 0)`;
          return { color: gameColor(i), text, mark: 'dot' };
        }),
      )}`;
  }

  private draw(): void {
    const plot = this.sizer.prepare();
    if (!plot) return;
    const { ctx, width: W, height: H, fontSize: fs } = plot;
    let reach = 1;
    for (const ev of this.eigenvalues)
      for (const z of ev ?? [])
        if (Number.isFinite(z.re) && Number.isFinite(z.im))
          reach = Math.max(reach, Math.abs(z.re), Math.abs(z.im));
    const frame = fitPlane(W, H, fs, [0, 0], reach * 1.2);
    const [ox, oy] = planeToPx(frame, 0, 0);
    const unit = frame.size / (2 * frame.half);
    drawOriginCross(ctx, frame);
    ctx.strokeStyle = '#e8ecf0';
    ctx.lineWidth = 1.5;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    ctx.arc(ox, oy, unit, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.setLineDash([]);
    // Later games are drawn smaller, so coinciding eigenvalues of several methods stay visible.
    this.eigenvalues.forEach((ev, i) => {
      for (const z of ev ?? []) {
        if (!Number.isFinite(z.re) || !Number.isFinite(z.im)) continue;
        dot(ctx, planeToPx(frame, z.re, z.im), Math.max(3, 7 - 1.5 * i), gameColor(i));
      }
    });
    drawPlaneAxes(ctx, frame, fs, ['Re λ', 'Im λ']);
  }

  static override styles = [theme, plotPanelStyles, seriesLegendStyles];
}

customElements.define('ss-eigenvalue-plot', EigenvaluePlot);
