import { LitElement, css, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { FATE_NAMES } from '../../core/games/index.js';
import { heatmapModel } from '../../core/heatmap/heatmap-model.js';
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
import {
  drawHeatmapAxis,
  drawHeatmapCells,
  drawHeatmapColorBar,
  drawHeatmapMessage,
  drawHeatmapSelection,
  heatmapCellAt,
  heatmapCellCenter,
  heatmapCellPx,
  heatmapFrame,
  heatmapStep,
  type HeatmapCell,
  type HeatmapFrame,
} from '../widgets/heatmap-canvas.js';
import { plotPanelStyles } from '../widgets/plot-panel-styles.js';

type Cell = HeatmapCell;
type Frame = HeatmapFrame;

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
    return heatmapCellCenter(this.frame, this.canvas, ix, iy);
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
      drawHeatmapMessage(
        ctx,
        W,
        H,
        fs,
        this.status.kind === 'running' ? 'Sweeping…' : 'Waiting for the GPU…',
      );
      this.frame = null;
      return;
    }
    const { x: ax, y: ay } = r.spec.axes;
    // Fill the panel, but keep the cells from getting much taller than wide or the reverse.
    const f = heatmapFrame(W, H, fs, ax.count, ay.count, { right: 8.4, maxAspect: 1.6 });
    this.frame = f;

    // The same model (range, colours, ticks, labels) the CLI's heatmap.png draws.
    const model = heatmapModel({
      metric: this.metric,
      values: r.metrics[this.metric],
      axes: r.spec.axes,
      steps: r.spec.steps,
    });
    drawHeatmapCells(ctx, f, (ix, iy) => model.cellColor(ix, iy));
    this.drawBoundary(ctx, f, r, fs);
    this.drawSelection(ctx, f);
    drawHeatmapAxis(ctx, f, ax, model.xTicks, 'x', fs);
    drawHeatmapAxis(ctx, f, ay, model.yTicks, 'y', fs);
    // Colours the bar does not explain (no value, the neutral band) are swatches under it.
    drawHeatmapColorBar(
      ctx,
      f,
      {
        barColor: (t) => model.barColor(t),
        ticks: model.barTicks,
        swatches: model.swatches,
        title: model.label,
      },
      fs,
    );
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
        ctx.moveTo(...heatmapCellPx(f, s.x1, s.y1));
        ctx.lineTo(...heatmapCellPx(f, s.x2, s.y2));
      }
      ctx.stroke();
    }
    ctx.setLineDash([]);
    // The label beside the curve's highest point, kept inside the plot.
    let top = b.segments[0];
    for (const s of b.segments) if (Math.max(s.y1, s.y2) > Math.max(top.y1, top.y2)) top = s;
    const [px, py] = heatmapCellPx(f, top.y1 >= top.y2 ? top.x1 : top.x2, Math.max(top.y1, top.y2));
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
    if (this.cell) drawHeatmapSelection(ctx, f, this.cell);
    const d = this.drag;
    if (d?.moved) {
      const [x1, y1] = heatmapCellPx(
        f,
        Math.min(d.start.ix, d.now.ix) - 0.5,
        Math.min(d.start.iy, d.now.iy) - 0.5,
      );
      const [x2, y2] = heatmapCellPx(
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

  private cellAt(event: PointerEvent): Cell | null {
    return heatmapCellAt(this.frame, this.canvas, event);
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
    const { x, y } = r.spec.axes;
    const from = this.cell ?? { ix: Math.floor(x.count / 2), iy: Math.floor(y.count / 2) };
    const grid = { nx: x.count, ny: y.count };
    emitEvent(this, 'ss-cell', heatmapStep(grid, from, move, event.shiftKey ? 8 : 1));
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
