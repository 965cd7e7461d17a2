import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { divergingColor } from '../../core/color-map.js';
import type { GameSurface, PlayedGame } from '../../labs/game/game-lab-state.js';
import { gameColor } from './game-colors.js';
import { theme } from '../shell/theme.js';
import { CanvasSizer } from '../widgets/canvas-sizer.js';
import { drawImageTile } from '../widgets/image-tile.js';
import {
  dot,
  drawPlaneAxes,
  fitPlane,
  planeToPx,
  tracePath,
  withinPlane,
  type PlaneFrame,
} from '../widgets/plane-frame.js';
import { plotPanelStyles } from '../widgets/plot-panel-styles.js';

const IMAGE = 160;
const ARROWS = 13;

/**
 * f(x, y) from above as a colour map (red high, blue low), with the field's
 * arrows — where x and y are pushed — and the games' paths up to the playhead.
 */
export class FieldMap extends LitElement {
  @property({ attribute: false }) surface: GameSurface | null = null;
  @property({ attribute: false }) games: PlayedGame[] = [];
  @property({ type: Number }) playhead: number = 0;
  @property({ type: Number }) window: number = 2;
  private readonly sizer = new CanvasSizer(this, () => this.draw());

  get canvas(): HTMLCanvasElement | null {
    return this.sizer.canvas;
  }

  override render() {
    return html`<div class="plot">
      <canvas
        role="img"
        aria-label="f from above, with the field's arrows and the games' paths"
      ></canvas>
    </div>`;
  }

  private draw(): void {
    const surface = this.surface;
    const plot = surface ? this.sizer.prepare() : null;
    if (!surface || !plot) return;
    const { ctx, width: W, height: H, fontSize: fs } = plot;
    const L = this.window;
    const frame = fitPlane(W, H, fs, [0, 0], L);

    const values = new Float64Array(IMAGE * IMAGE);
    let maxAbs = 0;
    for (let j = 0; j < IMAGE; j++) {
      for (let i = 0; i < IMAGE; i++) {
        const x = -L + (2 * L * (i + 0.5)) / IMAGE;
        const y = L - (2 * L * (j + 0.5)) / IMAGE;
        const v = surface.objective(x, y);
        values[j * IMAGE + i] = Number.isFinite(v) ? v : 0;
        maxAbs = Math.max(maxAbs, Math.abs(values[j * IMAGE + i]));
      }
    }
    const image = new ImageData(IMAGE, IMAGE);
    for (let p = 0; p < values.length; p++) {
      const [r, g, b] = divergingColor(values[p], maxAbs);
      image.data.set([r, g, b, 255], 4 * p);
    }
    drawImageTile(ctx, image, [frame.left, frame.top, frame.size, frame.size], true);

    this.drawArrows(ctx, surface, frame, L);
    drawPlaneAxes(ctx, frame, fs, ['x (maximises f)', 'y (minimises f)']);

    withinPlane(ctx, frame, () => this.drawPaths(ctx, frame));
  }

  private drawPaths(ctx: CanvasRenderingContext2D, frame: PlaneFrame): void {
    this.games.forEach((game, index) => {
      const last = Math.min(this.playhead, game.trajectory.length / 2 - 1);
      ctx.strokeStyle = 'rgba(0,0,0,0.7)';
      ctx.lineWidth = 4;
      tracePath(ctx, frame, game.trajectory, last);
      ctx.strokeStyle = gameColor(index);
      ctx.lineWidth = 2;
      tracePath(ctx, frame, game.trajectory, last);
      dot(ctx, planeToPx(frame, game.trajectory[0], game.trajectory[1]), 5, '#ffffff');
      dot(
        ctx,
        planeToPx(frame, game.trajectory[2 * last], game.trajectory[2 * last + 1]),
        5,
        gameColor(index),
      );
    });
  }

  private drawArrows(
    ctx: CanvasRenderingContext2D,
    surface: GameSurface,
    frame: PlaneFrame,
    L: number,
  ): void {
    const field: [number, number, number, number][] = [];
    let maxNorm = 0;
    for (let j = 0; j < ARROWS; j++) {
      for (let i = 0; i < ARROWS; i++) {
        const x = -L + (2 * L * (i + 0.5)) / ARROWS;
        const y = -L + (2 * L * (j + 0.5)) / ARROWS;
        const [fx, fy] = surface.field(x, y);
        if (!Number.isFinite(fx) || !Number.isFinite(fy)) continue;
        field.push([x, y, fx, fy]);
        maxNorm = Math.max(maxNorm, Math.hypot(fx, fy));
      }
    }
    const cell = frame.size / ARROWS;
    ctx.strokeStyle = 'rgba(255,255,255,0.85)';
    ctx.fillStyle = 'rgba(255,255,255,0.85)';
    ctx.lineWidth = 1.5;
    for (const [x, y, fx, fy] of field) {
      const norm = Math.hypot(fx, fy);
      if (norm === 0 || maxNorm === 0) continue;
      // Length grows with |F| but stays visible where the field is weak.
      const length = cell * 0.8 * (0.35 + 0.65 * Math.sqrt(norm / maxNorm));
      const [px, py] = planeToPx(frame, x, y);
      const ux = fx / norm;
      const uy = -fy / norm;
      const tx = px + (ux * length) / 2;
      const ty = py + (uy * length) / 2;
      ctx.beginPath();
      ctx.moveTo(px - (ux * length) / 2, py - (uy * length) / 2);
      ctx.lineTo(tx, ty);
      ctx.stroke();
      const head = Math.min(7, length * 0.4);
      ctx.beginPath();
      ctx.moveTo(tx, ty);
      ctx.lineTo(tx - ux * head - uy * head * 0.5, ty - uy * head + ux * head * 0.5);
      ctx.lineTo(tx - ux * head + uy * head * 0.5, ty - uy * head - ux * head * 0.5);
      ctx.closePath();
      ctx.fill();
    }
  }

  static override styles = [theme, plotPanelStyles];
}

customElements.define('ss-field-map', FieldMap);
