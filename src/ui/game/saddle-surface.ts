import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import type { GameSurface, PlayedGame } from '../../labs/game/game-lab-state.js';
import { divergingColor } from '../../core/color-map.js';
import { gameColor } from './game-colors.js';
import { theme } from '../shell/theme.js';
import { arrowKeyStep } from '../widgets/arrow-keys.js';
import { CanvasSizer } from '../widgets/canvas-sizer.js';
import { emitEvent } from '../widgets/emit-event.js';
import { dot } from '../widgets/plane-frame.js';
import { plotPanelStyles } from '../widgets/plot-panel-styles.js';

type Camera = { azimuth: number; elevation: number };

/** Three views like the seed's three pictures of the saddle. */
export const SURFACE_ANGLES: readonly { label: string; camera: Camera }[] = [
  { label: 'Front', camera: { azimuth: -55, elevation: 30 } },
  { label: 'Side', camera: { azimuth: -10, elevation: 18 } },
  { label: 'Steep', camera: { azimuth: -100, elevation: 55 } },
];

const GRID = 36;

/**
 * f(x, y) (the objective x maximises) as a shaded mesh, projected onto a 2-D
 * canvas and painted back to front, with the games' paths on it. Turn it by
 * dragging or with the arrow keys; the camera reaches the lab as `ss-camera`.
 */
export class SaddleSurface extends LitElement {
  @property({ attribute: false }) surface: GameSurface | null = null;
  @property({ attribute: false }) games: PlayedGame[] = [];
  @property({ type: Number }) playhead: number = 0;
  @property({ type: Number }) window: number = 2;
  @property({ attribute: false }) camera: Camera = SURFACE_ANGLES[0].camera;
  private readonly sizer = new CanvasSizer(this, () => this.draw());
  private drag: { x: number; y: number; camera: Camera } | null = null;

  get canvas(): HTMLCanvasElement | null {
    return this.sizer.canvas;
  }

  override render() {
    return html`<div class="plot">
        <canvas
          tabindex="0"
          role="img"
          aria-label="Surface of f. Drag or use the arrow keys to turn it."
          @pointerdown=${this.onDown}
          @pointermove=${this.onMove}
          @pointerup=${() => (this.drag = null)}
          @keydown=${this.onKey}
        ></canvas>
      </div>
      <div class="angles" role="group" aria-label="View angle">
        ${SURFACE_ANGLES.map(
          (a) => html`<button @click=${() => this.setCamera(a.camera)}>${a.label}</button>`,
        )}
      </div>`;
  }

  private setCamera(camera: Camera): void {
    emitEvent(this, 'ss-camera', camera);
  }

  private onDown = (e: PointerEvent) => {
    this.canvas?.setPointerCapture(e.pointerId);
    this.drag = { x: e.clientX, y: e.clientY, camera: this.camera };
  };

  private onMove = (e: PointerEvent) => {
    const d = this.drag;
    if (!d) return;
    this.setCamera({
      azimuth: d.camera.azimuth + (e.clientX - d.x) * 0.5,
      elevation: Math.max(-10, Math.min(89, d.camera.elevation + (e.clientY - d.y) * 0.4)),
    });
  };

  private onKey = (e: KeyboardEvent) => {
    const step = arrowKeyStep(e);
    if (!step) return;
    this.setCamera({
      azimuth: this.camera.azimuth + 5 * step[0],
      elevation: Math.max(-10, Math.min(89, this.camera.elevation + 5 * step[1])),
    });
  };

  private draw(): void {
    const surface = this.surface;
    const plot = surface ? this.sizer.prepare() : null;
    if (!surface || !plot) return;
    const { ctx, width: W, height: H, fontSize: fs } = plot;
    const L = this.window;
    const f = surface.objective;

    const heights: number[][] = [];
    let maxAbs = 0;
    for (let j = 0; j <= GRID; j++) {
      const row: number[] = [];
      for (let i = 0; i <= GRID; i++) {
        const v = f(-L + (2 * L * i) / GRID, -L + (2 * L * j) / GRID);
        row.push(Number.isFinite(v) ? v : 0);
        maxAbs = Math.max(maxAbs, Math.abs(row[i]));
      }
      heights.push(row);
    }
    const zScale = maxAbs > 0 ? 0.75 / maxAbs : 0;
    const az = (this.camera.azimuth * Math.PI) / 180;
    const el = (this.camera.elevation * Math.PI) / 180;
    const scale = Math.min(W, H) * 0.36;
    const cx = W / 2;
    const cy = H / 2 + fs * 0.4;
    const project = (x: number, y: number, z: number): [number, number, number] => {
      const X = x / L;
      const Y = y / L;
      const Z = z * zScale;
      const x1 = X * Math.cos(az) - Y * Math.sin(az);
      const y1 = X * Math.sin(az) + Y * Math.cos(az);
      const up = Z * Math.cos(el) + y1 * Math.sin(el);
      const depth = y1 * Math.cos(el) - Z * Math.sin(el);
      return [cx + scale * x1, cy - scale * up, depth];
    };

    const quads: { pts: [number, number][]; depth: number; value: number }[] = [];
    for (let j = 0; j < GRID; j++) {
      for (let i = 0; i < GRID; i++) {
        const corners = [
          [i, j],
          [i + 1, j],
          [i + 1, j + 1],
          [i, j + 1],
        ].map(([a, b]) => project(-L + (2 * L * a) / GRID, -L + (2 * L * b) / GRID, heights[b][a]));
        const value =
          (heights[j][i] + heights[j][i + 1] + heights[j + 1][i] + heights[j + 1][i + 1]) / 4;
        quads.push({
          pts: corners.map((c) => [c[0], c[1]]),
          depth: corners.reduce((s, c) => s + c[2], 0) / 4,
          value,
        });
      }
    }
    quads.sort((a, b) => b.depth - a.depth);
    ctx.lineWidth = 0.5;
    ctx.strokeStyle = 'rgba(10, 14, 18, 0.55)';
    for (const q of quads) {
      const [r, g, b] = divergingColor(q.value, maxAbs);
      ctx.fillStyle = `rgb(${r},${g},${b})`;
      ctx.beginPath();
      ctx.moveTo(...q.pts[0]);
      for (const p of q.pts.slice(1)) ctx.lineTo(...p);
      ctx.closePath();
      ctx.fill();
      ctx.stroke();
    }

    this.games.forEach((game, index) => this.drawPath(ctx, game, index, project, f, L));
    this.drawAxes(ctx, project, f, L, [W, H], fs);
  }

  /**
   * The x and y axes: an arrow out of the surface's edge along each axis and its label at the
   * arrow's end, on a dark backing and kept inside the canvas, drawn after the surface so no
   * part of the surface ever hides them.
   */
  private drawAxes(
    ctx: CanvasRenderingContext2D,
    project: (x: number, y: number, z: number) => [number, number, number],
    f: (x: number, y: number) => number,
    L: number,
    [W, H]: [number, number],
    fs: number,
  ): void {
    ctx.font = `${fs}px system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    const [cx, cy] = project(0, 0, 0);
    for (const [dx, dy, text] of [
      [1, 0, 'x ↑ max'],
      [0, 1, 'y ↓ min'],
    ] as const) {
      const edge = f(dx * L, dy * L);
      const z = Number.isFinite(edge) ? edge : 0;
      const [sx, sy] = project(dx * L, dy * L, z);
      const [ex, ey] = project(dx * L * 1.3, dy * L * 1.3, z);
      ctx.strokeStyle = '#e8ecf0';
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.moveTo(sx, sy);
      ctx.lineTo(ex, ey);
      ctx.stroke();
      // The label beyond the arrow's end, away from the centre of the picture.
      const away = Math.hypot(ex - cx, ey - cy) || 1;
      const width = ctx.measureText(text).width + fs * 0.6;
      const height = fs * 1.4;
      const lx = Math.min(
        W - width / 2 - 2,
        Math.max(width / 2 + 2, ex + ((ex - cx) / away) * (width / 2 + fs * 0.3)),
      );
      const ly = Math.min(
        H - height / 2 - 2,
        Math.max(height / 2 + 2, ey + ((ey - cy) / away) * (height / 2 + fs * 0.3)),
      );
      ctx.fillStyle = 'rgba(12, 16, 20, 0.85)';
      ctx.fillRect(lx - width / 2, ly - height / 2, width, height);
      ctx.fillStyle = '#e8ecf0';
      ctx.fillText(text, lx, ly);
    }
  }

  private drawPath(
    ctx: CanvasRenderingContext2D,
    game: PlayedGame,
    index: number,
    project: (x: number, y: number, z: number) => [number, number, number],
    f: (x: number, y: number) => number,
    L: number,
  ): void {
    const t = game.trajectory;
    const last = Math.min(this.playhead, t.length / 2 - 1);
    const inside = (x: number, y: number) => Math.abs(x) <= L && Math.abs(y) <= L;
    const color = gameColor(index);
    ctx.lineWidth = 2.5;
    ctx.strokeStyle = color;
    ctx.beginPath();
    let pen = false;
    const stride = Math.max(1, Math.floor(last / 2000));
    for (let k = 0; k <= last; k += stride) {
      const x = t[2 * k];
      const y = t[2 * k + 1];
      if (!inside(x, y)) {
        pen = false;
        continue;
      }
      const [px, py] = project(x, y, f(x, y));
      if (pen) ctx.lineTo(px, py);
      else ctx.moveTo(px, py);
      pen = true;
    }
    ctx.stroke();
    const mark = (k: number, fill: string) => {
      const x = t[2 * k];
      const y = t[2 * k + 1];
      if (!inside(x, y)) return;
      const [px, py] = project(x, y, f(x, y));
      dot(ctx, [px, py], 5, fill);
    };
    mark(0, '#ffffff');
    mark(last, color);
  }

  static override styles = [
    theme,
    plotPanelStyles,
    css`
      canvas {
        cursor: grab;
        touch-action: none;
      }
      .angles {
        display: flex;
        gap: 0.4em;
        justify-content: center;
      }
      .angles button {
        font-size: 0.85em;
        padding: 0.15em 0.6em;
      }
    `,
  ];
}

customElements.define('ss-saddle-surface', SaddleSurface);
