import { LitElement, css, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { SweepAxis } from '../../core/games/index.js';
import { FATE_NAMES } from '../../core/games/index.js';
import {
  heatmapModel,
  type HeatmapModel,
  type HeatmapTick,
} from '../../core/heatmap/heatmap-model.js';
import { paramLabel } from '../../labs/game/game-labels.js';
import type { SweepResult, SweepStatus } from '../../labs/game/game-lab-state.js';
import type { SweepMetricName } from '../../labs/game/game-presets.js';
import type { TheoryBoundary } from '../../labs/game/game-theory-boundary.js';
import { theme } from '../shell/theme.js';
import { describeProgress } from './game-lab-captions.js';
import { arrowKeyStep } from '../widgets/arrow-keys.js';
import { CanvasSizer } from '../widgets/canvas-sizer.js';
import { emitEvent } from '../widgets/emit-event.js';
import { formatNumber } from '../widgets/format-number.js';
import { drawImageTile } from '../widgets/image-tile.js';
import { plotPanelStyles } from '../widgets/plot-panel-styles.js';

type Cell = { ix: number; iy: number };
interface Frame {
  left: number;
  top: number;
  width: number;
  height: number;
  nx: number;
  ny: number;
}

const DRAG_THRESHOLD_PX = 5;

/**
 * The sweep as a heatmap: one cell per game, coloured by the chosen metric,
 * with axes, a colour bar and the theory's ρ = 1 boundary. Hover shows the
 * cell's numbers; a click selects a cell (`ss-cell`); a drag selects a
 * rectangle to re-sweep (`ss-zoom`); arrow keys move the selection.
 */
export class SweepHeatmap extends LitElement {
  @property({ attribute: false }) result: SweepResult | null = null;
  @property({ type: String }) metric: SweepMetricName = 'fate';
  @property({ attribute: false }) boundary: TheoryBoundary | null = null;
  @property({ attribute: false }) cell: Cell | null = null;
  @property({ attribute: false }) status: SweepStatus = { kind: 'idle' };
  @state() hover: Cell | null = null;
  private readonly sizer = new CanvasSizer(this, () => this.draw());
  private frame: Frame | null = null;
  private drag: { start: Cell; startPx: [number, number]; now: Cell; moved: boolean } | null = null;

  get canvas(): HTMLCanvasElement | null {
    return this.sizer.canvas;
  }

  /** The centre of a cell in page coordinates (for tests and for keyboard users' focus ring). */
  cellCenter(ix: number, iy: number): { x: number; y: number } | null {
    const f = this.frame;
    const canvas = this.canvas;
    if (!f || !canvas) return null;
    const box = canvas.getBoundingClientRect();
    return {
      x: box.left + f.left + ((ix + 0.5) / f.nx) * f.width,
      y: box.top + f.top + f.height - ((iy + 0.5) / f.ny) * f.height,
    };
  }

  override render() {
    const running = this.status.kind === 'running' ? this.status : null;
    return html`
      <div class="plot">
        <canvas
          tabindex="0"
          role="img"
          aria-label="Sweep heatmap. Arrow keys move the selected cell; its game plays in the single-game views."
          @pointerdown=${this.onDown}
          @pointermove=${this.onMove}
          @pointerup=${this.onUp}
          @pointerleave=${() => (this.hover = null)}
          @keydown=${this.onKey}
        ></canvas>
        ${
          running
            ? html`<div class="progress" data-testid="sweep-progress">
                <progress max="1" .value=${running.fraction}></progress>
                <span>${describeProgress(running)}</span>
              </div>`
            : null
        }
      </div>
      <p class="readout" part="readout" data-testid="readout" aria-live="polite">
        ${this.readout()}
      </p>
    `;
  }

  private readout(): string {
    const cell = this.hover ?? this.cell;
    const r = this.result;
    if (!r)
      return this.status.kind === 'failed'
        ? `Sweep failed: ${this.status.message}`
        : 'No sweep yet.';
    if (!cell)
      return 'Point at a cell to read its game; click it to play that game; drag to re-sweep a region.';
    const { x, y } = r.spec.axes;
    const i = cell.iy * x.count + cell.ix;
    const m = r.metrics;
    const escape = m.escapeStep[i] < 0 ? 'never' : `step ${m.escapeStep[i]}`;
    const fate = FATE_NAMES[m.fate[i]] ?? '?';
    return (
      `${paramLabel(x.param)} = ${formatNumber(r.xValues[cell.ix])}, ` +
      `${paramLabel(y.param)} = ${formatNumber(r.yValues[cell.iy])} → ${fate} · ` +
      `growth ${formatNumber(m.growthRate[i])} ln r/step · radius ${formatNumber(m.radius[i])} · ` +
      `escaped ${escape}`
    );
  }

  private draw(): void {
    const plot = this.sizer.prepare();
    if (!plot) return;
    const { ctx, width: W, height: H, fontSize: fs } = plot;
    const r = this.result;
    if (!r) {
      ctx.fillStyle = '#9fb0c0';
      ctx.font = `${fs}px system-ui, sans-serif`;
      ctx.textAlign = 'center';
      ctx.fillText(
        this.status.kind === 'running' ? 'Sweeping…' : 'Waiting for the GPU…',
        W / 2,
        H / 2,
      );
      this.frame = null;
      return;
    }
    const { x: ax, y: ay } = r.spec.axes;
    const left = fs * 5.2;
    const bottom = fs * 3.6;
    const right = fs * 8.4;
    const top = fs * 0.8;
    // Fill the panel, but keep the cells from getting much taller than wide or the reverse.
    const width = Math.max(40, Math.min(W - left - right, 1.6 * (H - top - bottom)));
    const height = Math.max(40, Math.min(H - top - bottom, 1.1 * width));
    const f: Frame = { left, top, width, height, nx: ax.count, ny: ay.count };
    this.frame = f;

    // The same model (range, colours, ticks, labels) the CLI's heatmap.png draws.
    const model = heatmapModel({
      metric: this.metric,
      values: r.metrics[this.metric],
      axes: r.spec.axes,
      steps: r.spec.steps,
    });
    this.drawCells(ctx, f, model);
    this.drawBoundary(ctx, f, r, fs);
    this.drawSelection(ctx, f);
    this.drawAxis(ctx, f, ax, model.xTicks, 'x', fs);
    this.drawAxis(ctx, f, ay, model.yTicks, 'y', fs);
    this.drawColorBar(ctx, f, model, fs);
  }

  private drawCells(ctx: CanvasRenderingContext2D, f: Frame, model: HeatmapModel): void {
    const image = new ImageData(f.nx, f.ny);
    for (let iy = 0; iy < f.ny; iy++) {
      // Row 0 is the lowest value of the y axis: drawn at the bottom.
      const row = f.ny - 1 - iy;
      for (let ix = 0; ix < f.nx; ix++) {
        const [cr, cg, cb] = model.cellColor(ix, iy);
        const o = 4 * (row * f.nx + ix);
        image.data[o] = cr;
        image.data[o + 1] = cg;
        image.data[o + 2] = cb;
        image.data[o + 3] = 255;
      }
    }
    drawImageTile(ctx, image, [f.left, f.top, f.width, f.height], false);
  }

  private cellToPx(f: Frame, cx: number, cy: number): [number, number] {
    return [
      f.left + ((cx + 0.5) / f.nx) * f.width,
      f.top + f.height - ((cy + 0.5) / f.ny) * f.height,
    ];
  }

  /**
   * The theory's ρ = 1 curve, drawn to survive a projector: a wide light halo, a dark dashed core
   * (both scaled with the font, which presentation mode enlarges) and the words "theory: ρ = 1"
   * at its highest point, on a dark plate.
   */
  private drawBoundary(ctx: CanvasRenderingContext2D, f: Frame, r: SweepResult, fs: number): void {
    const b = this.boundary;
    if (!b || b.segments.length === 0) return;
    if (JSON.stringify(b.axes) !== JSON.stringify(r.spec.axes)) return;
    ctx.save();
    ctx.beginPath();
    ctx.rect(f.left, f.top, f.width, f.height);
    ctx.clip();
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    for (const [color, width, dash] of [
      ['rgba(255,255,255,0.9)', Math.max(6, fs * 0.55), [] as number[]],
      ['#101418', Math.max(3, fs * 0.22), [fs * 0.9, fs * 0.45]],
    ] as const) {
      ctx.strokeStyle = color;
      ctx.lineWidth = width;
      ctx.setLineDash(dash);
      ctx.beginPath();
      for (const s of b.segments) {
        ctx.moveTo(...this.cellToPx(f, s.x1, s.y1));
        ctx.lineTo(...this.cellToPx(f, s.x2, s.y2));
      }
      ctx.stroke();
    }
    ctx.setLineDash([]);
    // The label beside the curve's highest point, kept inside the plot.
    let top = b.segments[0];
    for (const s of b.segments) if (Math.max(s.y1, s.y2) > Math.max(top.y1, top.y2)) top = s;
    const [px, py] = this.cellToPx(f, top.y1 >= top.y2 ? top.x1 : top.x2, Math.max(top.y1, top.y2));
    const text = 'theory: ρ = 1';
    ctx.font = `bold ${fs}px system-ui, sans-serif`;
    const tw = ctx.measureText(text).width;
    const pad = fs * 0.3;
    const onRight = px + fs * 0.6 + tw + 2 * pad <= f.left + f.width;
    const lx = onRight ? px + fs * 0.6 : Math.max(f.left + pad, px - fs * 0.6 - tw - 2 * pad);
    const ly = Math.min(Math.max(py + fs * 0.4, f.top + pad), f.top + f.height - fs - 3 * pad);
    ctx.fillStyle = 'rgba(16,20,24,0.85)';
    ctx.fillRect(lx, ly, tw + 2 * pad, fs + 2 * pad);
    ctx.strokeStyle = 'rgba(255,255,255,0.9)';
    ctx.lineWidth = 1.5;
    ctx.strokeRect(lx, ly, tw + 2 * pad, fs + 2 * pad);
    ctx.fillStyle = '#ffffff';
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    ctx.fillText(text, lx + pad, ly + pad * 1.2);
    ctx.restore();
  }

  private drawSelection(ctx: CanvasRenderingContext2D, f: Frame): void {
    const cw = f.width / f.nx;
    const ch = f.height / f.ny;
    if (this.cell) {
      const [cx, cy] = this.cellToPx(f, this.cell.ix, this.cell.iy);
      const s = Math.max(10, cw, ch);
      ctx.lineWidth = 2.5;
      ctx.strokeStyle = '#000';
      ctx.strokeRect(cx - s / 2 - 1.5, cy - s / 2 - 1.5, s + 3, s + 3);
      ctx.strokeStyle = '#f0b040';
      ctx.strokeRect(cx - s / 2, cy - s / 2, s, s);
    }
    const d = this.drag;
    if (d?.moved) {
      const [x1, y1] = this.cellToPx(
        f,
        Math.min(d.start.ix, d.now.ix) - 0.5,
        Math.min(d.start.iy, d.now.iy) - 0.5,
      );
      const [x2, y2] = this.cellToPx(
        f,
        Math.max(d.start.ix, d.now.ix) + 0.5,
        Math.max(d.start.iy, d.now.iy) + 0.5,
      );
      ctx.fillStyle = 'rgba(90,176,240,0.18)';
      ctx.fillRect(x1, y2, x2 - x1, y1 - y2);
      ctx.strokeStyle = '#5ab0f0';
      ctx.lineWidth = 2;
      ctx.setLineDash([6, 4]);
      ctx.strokeRect(x1, y2, x2 - x1, y1 - y2);
      ctx.setLineDash([]);
    }
  }

  private drawAxis(
    ctx: CanvasRenderingContext2D,
    f: Frame,
    axis: SweepAxis,
    ticks: readonly HeatmapTick[],
    which: 'x' | 'y',
    fs: number,
  ): void {
    // A tick's position is a fractional cell index: cell i's centre is i + 0.5 cells in.
    const at = (position: number) =>
      which === 'x'
        ? f.left + ((position + 0.5) / axis.count) * f.width
        : f.top + f.height - ((position + 0.5) / axis.count) * f.height;
    ctx.fillStyle = '#c8d4e0';
    ctx.strokeStyle = '#c8d4e0';
    ctx.lineWidth = 1;
    ctx.font = `${fs * 0.9}px system-ui, sans-serif`;
    for (const tick of ticks) {
      const p = at(tick.position);
      if (which === 'x') {
        ctx.beginPath();
        ctx.moveTo(p, f.top + f.height);
        ctx.lineTo(p, f.top + f.height + fs * 0.4);
        ctx.stroke();
        ctx.textAlign = 'center';
        ctx.textBaseline = 'top';
        ctx.fillText(tick.label, p, f.top + f.height + fs * 0.5);
      } else {
        ctx.beginPath();
        ctx.moveTo(f.left, p);
        ctx.lineTo(f.left - fs * 0.4, p);
        ctx.stroke();
        ctx.textAlign = 'right';
        ctx.textBaseline = 'middle';
        ctx.fillText(tick.label, f.left - fs * 0.5, p);
      }
    }
    ctx.font = `${fs}px system-ui, sans-serif`;
    const title = `${paramLabel(axis.param)}${axis.scale === 'log' ? ' (log)' : ''}`;
    if (which === 'x') {
      ctx.textAlign = 'center';
      ctx.textBaseline = 'bottom';
      ctx.fillText(title, f.left + f.width / 2, f.top + f.height + fs * 3.4);
    } else {
      ctx.save();
      ctx.translate(fs * 1.1, f.top + f.height / 2);
      ctx.rotate(-Math.PI / 2);
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(title, 0, 0);
      ctx.restore();
    }
  }

  private drawColorBar(
    ctx: CanvasRenderingContext2D,
    f: Frame,
    model: HeatmapModel,
    fs: number,
  ): void {
    const x = f.left + f.width + fs * 1.0;
    const w = fs * 1.1;
    const steps = 128;
    const at = (t: number) => f.top + f.height * (1 - t);
    for (let i = 0; i < steps; i++) {
      const [r, g, b] = model.barColor((i + 0.5) / steps);
      ctx.fillStyle = `rgb(${r},${g},${b})`;
      ctx.fillRect(x, at((i + 1) / steps), w, f.height / steps + 1);
    }
    ctx.strokeStyle = '#c8d4e0';
    ctx.strokeRect(x, f.top, w, f.height);
    ctx.fillStyle = '#c8d4e0';
    ctx.font = `${fs * 0.85}px system-ui, sans-serif`;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    let lastY = Infinity;
    for (const tick of model.barTicks) {
      const y = at(tick.position);
      if (Math.abs(lastY - y) < fs) continue;
      lastY = y;
      ctx.fillText(tick.label, x + w + fs * 0.3, y);
    }
    // Colours the bar does not explain (no value, the neutral band): a swatch each, with words.
    model.swatches.forEach((swatch, i) => {
      const [r, g, b] = swatch.rgb;
      ctx.fillStyle = `rgb(${r},${g},${b})`;
      const y = f.top + f.height + fs * (1.6 + 1.3 * i);
      ctx.fillRect(x, y, w, fs);
      ctx.strokeRect(x, y, w, fs);
      ctx.fillStyle = '#c8d4e0';
      ctx.fillText(swatch.label, x + w + fs * 0.3, y + fs / 2);
    });
    ctx.save();
    ctx.translate(x + w + fs * 5.2, f.top + f.height / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = 'center';
    const title = model.label;
    ctx.font = `${fs}px system-ui, sans-serif`;
    // A long title on a short bar gets smaller type rather than running off the ends.
    const fit = Math.min(1, f.height / ctx.measureText(title).width);
    ctx.font = `${fs * Math.max(0.7, fit)}px system-ui, sans-serif`;
    ctx.fillText(title, 0, 0);
    ctx.restore();
  }

  private cellAt(event: PointerEvent): Cell | null {
    const f = this.frame;
    const canvas = this.canvas;
    if (!f || !canvas) return null;
    const box = canvas.getBoundingClientRect();
    const px = event.clientX - box.left - f.left;
    const py = f.top + f.height - (event.clientY - box.top);
    if (px < 0 || py < 0 || px >= f.width || py >= f.height) return null;
    return {
      ix: Math.min(f.nx - 1, Math.floor((px / f.width) * f.nx)),
      iy: Math.min(f.ny - 1, Math.floor((py / f.height) * f.ny)),
    };
  }

  private onDown = (event: PointerEvent) => {
    const cell = this.cellAt(event);
    if (!cell) return;
    this.canvas?.setPointerCapture(event.pointerId);
    this.drag = { start: cell, startPx: [event.clientX, event.clientY], now: cell, moved: false };
  };

  private onMove = (event: PointerEvent) => {
    const cell = this.cellAt(event);
    const d = this.drag;
    if (d) {
      const dist = Math.hypot(event.clientX - d.startPx[0], event.clientY - d.startPx[1]);
      if (dist > DRAG_THRESHOLD_PX) d.moved = true;
      if (cell) d.now = cell;
      this.draw();
    }
    if (cell?.ix !== this.hover?.ix || cell?.iy !== this.hover?.iy) this.hover = cell;
  };

  private onUp = (event: PointerEvent) => {
    const d = this.drag;
    this.drag = null;
    if (!d) return;
    if (d.moved) {
      if (d.start.ix !== d.now.ix && d.start.iy !== d.now.iy)
        emitEvent(this, 'ss-zoom', { a: d.start, b: d.now });
      this.draw();
      return;
    }
    const cell = this.cellAt(event) ?? d.start;
    emitEvent(this, 'ss-cell', cell);
  };

  private onKey = (event: KeyboardEvent) => {
    const r = this.result;
    if (!r) return;
    const move = arrowKeyStep(event);
    if (!move) return;
    const stride = event.shiftKey ? 8 : 1;
    const { x, y } = r.spec.axes;
    const from = this.cell ?? { ix: Math.floor(x.count / 2), iy: Math.floor(y.count / 2) };
    const cell = {
      ix: Math.max(0, Math.min(x.count - 1, from.ix + move[0] * stride)),
      iy: Math.max(0, Math.min(y.count - 1, from.iy + move[1] * stride)),
    };
    emitEvent(this, 'ss-cell', cell);
  };

  static override styles = [
    theme,
    plotPanelStyles,
    css`
      .plot {
        min-height: 12em;
      }
      canvas {
        cursor: crosshair;
        touch-action: none;
      }
      .progress {
        position: absolute;
        left: 6em;
        right: 8em;
        top: 40%;
        display: flex;
        flex-direction: column;
        align-items: center;
        gap: 0.4em;
        padding: 0.8em;
        background: rgba(16, 20, 24, 0.85);
        border-radius: var(--ss-radius);
      }
      progress {
        width: 100%;
        height: 0.8em;
        accent-color: var(--ss-accent);
      }
      .readout {
        margin: 0.3em 0 0;
        min-height: 2.6em;
        font-family: var(--ss-mono);
        font-size: 0.85em;
        color: var(--ss-text);
      }
    `,
  ];
}

customElements.define('ss-sweep-heatmap', SweepHeatmap);
