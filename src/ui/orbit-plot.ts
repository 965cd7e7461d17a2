import { LitElement, css, html } from 'lit';
import type { PlayedGame } from '../labs/game-lab-state.js';
import { gameColor } from './game-colors.js';
import { theme } from './theme.js';
import { CanvasSizer, fontSizeOf } from './widgets/canvas-sizer.js';
import { formatNumber } from './widgets/format-number.js';
import { dot, drawPlaneAxes, fitPlane, planeToPx, tracePath } from './widgets/plane-frame.js';

/**
 * The orbits in the (x, y) plane up to the playhead, with the continuous-time
 * flow (dashed) and, for scaled rotations, the closed-form circle r₀·ρᵏ at the
 * playhead's step. The window follows the orbits as they grow.
 */
export class OrbitPlot extends LitElement {
  static override properties = {
    games: { attribute: false },
    flow: { attribute: false },
    playhead: { type: Number },
    steps: { type: Number },
  };

  declare games: PlayedGame[];
  /** The lr → 0 flow over the same time as `steps` steps, interleaved x, y. */
  declare flow: Float64Array;
  declare playhead: number;
  declare steps: number;
  private readonly sizer = new CanvasSizer(this, () => this.draw());

  constructor() {
    super();
    this.games = [];
    this.flow = new Float64Array(0);
    this.playhead = 0;
    this.steps = 1;
  }

  get canvas(): HTMLCanvasElement | null {
    return this.renderRoot.querySelector('canvas');
  }

  override render() {
    return html`<div class="plot">
        <canvas role="img" aria-label="Orbits in the x, y plane"></canvas>
      </div>
      <ul class="legend" data-testid="orbit-legend">
        ${this.games.map((g, i) => html`<li style="--c:${gameColor(i)}">${this.describe(g)}</li>`)}
        <li class="flow">continuous time (η → 0)</li>
      </ul>`;
  }

  private describe(g: PlayedGame): string {
    const k = this.stepOf(g);
    const r = Math.hypot(g.trajectory[2 * k], g.trajectory[2 * k + 1]);
    const r0 = Math.hypot(g.trajectory[0], g.trajectory[1]);
    let text = `${g.title}: r = ${formatNumber(r)} at step ${k}`;
    if (g.metrics.escapeStep >= 0) text += ` (escaped at ${g.metrics.escapeStep})`;
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

  override updated(): void {
    this.draw();
  }

  private draw(): void {
    const ctx = this.sizer.prepare(this.canvas);
    if (!ctx) return;
    const W = this.sizer.width;
    const H = this.sizer.height;
    const fs = fontSizeOf(this);
    ctx.fillStyle = '#0c1014';
    ctx.fillRect(0, 0, W, H);
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

    ctx.save();
    ctx.beginPath();
    ctx.rect(frame.left, frame.top, frame.size, frame.size);
    ctx.clip();
    ctx.strokeStyle = 'rgba(200,212,224,0.25)';
    ctx.lineWidth = 1;
    const [ox, oy] = planeToPx(frame, 0, 0);
    ctx.beginPath();
    ctx.moveTo(frame.left, oy);
    ctx.lineTo(frame.left + frame.size, oy);
    ctx.moveTo(ox, frame.top);
    ctx.lineTo(ox, frame.top + frame.size);
    ctx.stroke();

    if (this.flow.length >= 4) {
      ctx.setLineDash([7, 5]);
      ctx.strokeStyle = '#c8d4e0';
      ctx.lineWidth = 1.8;
      tracePath(ctx, frame, this.flow, flowLast);
      ctx.setLineDash([]);
    }
    const pxPerUnit = frame.size / (2 * frame.half);
    this.games.forEach((g, i) => {
      const k = this.stepOf(g);
      const color = gameColor(i);
      if (g.exactRadius && g.rho !== null) {
        const r0 = Math.hypot(g.trajectory[0], g.trajectory[1]);
        ctx.setLineDash([3, 5]);
        ctx.strokeStyle = color;
        ctx.lineWidth = 1.5;
        ctx.beginPath();
        ctx.arc(ox, oy, r0 * g.rho ** k * pxPerUnit, 0, 2 * Math.PI);
        ctx.stroke();
        ctx.setLineDash([]);
      }
      ctx.strokeStyle = color;
      ctx.lineWidth = 2;
      tracePath(ctx, frame, g.trajectory, k);
      dot(ctx, planeToPx(frame, g.trajectory[0], g.trajectory[1]), 5, '#ffffff');
      dot(ctx, planeToPx(frame, g.trajectory[2 * k], g.trajectory[2 * k + 1]), 6, color);
    });
    dot(ctx, [ox, oy], 4, '#60c890');
    ctx.restore();
    drawPlaneAxes(ctx, frame, fs, ['x', 'y']);
  }

  static override styles = [
    theme,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 0;
      }
      .plot {
        position: relative;
        flex: 1;
        min-height: 10em;
      }
      canvas {
        position: absolute;
        inset: 0;
        width: 100%;
        height: 100%;
      }
      .legend {
        list-style: none;
        margin: 0.3em 0 0;
        padding: 0;
        font-size: 0.82em;
      }
      .legend li::before {
        content: '';
        display: inline-block;
        width: 1.4em;
        height: 0.25em;
        margin-right: 0.4em;
        vertical-align: middle;
        background: var(--c);
      }
      .legend li.flow::before {
        background: none;
        border-top: 2px dashed #c8d4e0;
      }
    `,
  ];
}

customElements.define('ss-orbit-plot', OrbitPlot);
