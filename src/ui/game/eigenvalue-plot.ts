import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import {
  linearisedStepMap,
  spectralRadius,
  type StepMapLinearisation,
} from '../../core/games/index.js';
import type { PlayedGame } from '../../labs/game/game-lab-state.js';
import { gameColor } from './game-colors.js';
import { eigenvalueHalfWidth, placeEigenvalue } from './eigenvalue-window.js';
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
 * The eigenvalues of each played method's step map, linearised at (0, 0), on the complex plane
 * with the unit circle: all inside means the game converges there (ρ = max |λ| < 1). The window
 * stays within a few units so the circle stays readable; an eigenvalue beyond it is marked at the
 * edge, in its direction, with its |λ|. A game without a linearisation says why.
 */
export class EigenvaluePlot extends LitElement {
  @property({ attribute: false }) games: PlayedGame[] = [];
  private linearisations: StepMapLinearisation[] = [];
  private readonly sizer = new CanvasSizer(this, () => this.draw());

  get canvas(): HTMLCanvasElement | null {
    return this.sizer.canvas;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('games'))
      this.linearisations = this.games.map((g) => linearisedStepMap(g.spec));
  }

  override render() {
    return html`<div class="plot">
        <canvas role="img" aria-label="Eigenvalues of the step map and the unit circle"></canvas>
      </div>
      ${seriesLegend(
        this.games.map((g, i) => {
          const l = this.linearisations[i];
          const text =
            l?.kind === 'linear'
              ? `${g.title}: ρ = max |λ| = ${formatNumber(spectralRadius(l.eigenvalues), 6)}`
              : `${g.title}: no eigenvalues — ${l?.reason ?? 'no game'}`;
          return { color: gameColor(i), text, mark: 'dot' };
        }),
        'eigen-legend',
      )}`;
  }

  private draw(): void {
    const plot = this.sizer.prepare();
    if (!plot) return;
    const { ctx, width: W, height: H, fontSize: fs } = plot;
    const all = this.linearisations.flatMap((l) => (l.kind === 'linear' ? l.eigenvalues : []));
    const half = eigenvalueHalfWidth(all);
    const frame = fitPlane(W, H, fs, [0, 0], half);
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
    this.linearisations.forEach((l, i) => {
      if (l.kind !== 'linear') return;
      for (const z of l.eigenvalues) {
        if (!Number.isFinite(z.re) || !Number.isFinite(z.im)) continue;
        const placed = placeEigenvalue(z, half);
        const at = planeToPx(frame, placed.re, placed.im);
        const radius = Math.max(3, 7 - 1.5 * i) * (fs / 16);
        if (!placed.outside) {
          dot(ctx, at, radius, gameColor(i));
          continue;
        }
        drawOutlier(ctx, at, [ox, oy], radius, gameColor(i));
        ctx.fillStyle = '#e8ecf0';
        ctx.font = `${fs * 0.8}px system-ui, sans-serif`;
        ctx.textAlign = at[0] > ox ? 'right' : 'left';
        ctx.textBaseline = at[1] > oy ? 'bottom' : 'top';
        const dx = at[0] > ox ? -radius * 2 : radius * 2;
        const dy = at[1] > oy ? -radius : radius;
        ctx.fillText(`|λ| = ${formatNumber(Math.hypot(z.re, z.im), 3)}`, at[0] + dx, at[1] + dy);
      }
    });
    drawPlaneAxes(ctx, frame, fs, ['Re λ', 'Im λ']);
  }

  static override styles = [theme, plotPanelStyles, seriesLegendStyles];
}

customElements.define('ss-eigenvalue-plot', EigenvaluePlot);

/** An eigenvalue beyond the window: a triangle at the edge pointing away from the origin, towards where it lies. */
function drawOutlier(
  ctx: CanvasRenderingContext2D,
  [x, y]: [number, number],
  [ox, oy]: [number, number],
  size: number,
  fill: string,
): void {
  const angle = Math.atan2(y - oy, x - ox);
  const s = size * 1.6;
  ctx.save();
  ctx.translate(x, y);
  ctx.rotate(angle);
  ctx.beginPath();
  ctx.moveTo(s, 0);
  ctx.lineTo(-s * 0.8, s * 0.8);
  ctx.lineTo(-s * 0.8, -s * 0.8);
  ctx.closePath();
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = '#000';
  ctx.stroke();
  ctx.restore();
}
