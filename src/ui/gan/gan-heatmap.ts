import { LitElement, css, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  GAN_FATES,
  GAN_METRIC_INFO,
  type GanMetricName,
  type GanSweepResult,
} from '../../core/gan/index.js';
import type { SweepAxis } from '../../core/games/index.js';
import { axisTicks } from '../../core/heatmap/heatmap-model.js';
import {
  ganMetricScale,
  modeCount,
  type GanMetricScale,
} from '../../labs/gan/gan-heatmap-scale.js';
import type { GanSweepStatus } from '../../labs/gan/gan-lab-store.js';
import { paramLabel } from '../../labs/game/game-labels.js';
import { theme } from '../shell/theme.js';
import { arrowKeyStep } from '../widgets/arrow-keys.js';
import { CanvasSizer } from '../widgets/canvas-sizer.js';
import { emitEvent } from '../widgets/emit-event.js';
import { formatNumber } from '../widgets/format-number.js';
import { drawImageTile } from '../widgets/image-tile.js';
import { plotPanelStyles } from '../widgets/plot-panel-styles.js';
import { describeGanProgress } from './gan-captions.js';

type Cell = { ix: number; iy: number };
interface Frame {
  left: number;
  top: number;
  width: number;
  height: number;
  nx: number;
  ny: number;
}

/**
 * The GAN sweep as a heatmap: one cell per GAN, coloured by the chosen metric, with axes and a
 * legend (the fates' words beside their colours). Hover reads a cell; a click or Enter selects it
 * (`ss-cell`); arrow keys move the selection.
 */
export class GanHeatmap extends LitElement {
  @property({ attribute: false }) result: GanSweepResult | null = null;
  @property({ type: String }) metric: GanMetricName = 'fate';
  @property({ attribute: false }) cell: Cell | null = null;
  @property({ attribute: false }) status: GanSweepStatus = { kind: 'idle' };
  @state() private hover: Cell | null = null;
  private readonly sizer = new CanvasSizer(this, () => this.draw());
  private frame: Frame | null = null;

  get canvas(): HTMLCanvasElement | null {
    return this.sizer.canvas;
  }

  /** The centre of a cell in page coordinates (for tests). */
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

  /** The colour scale of the metric shown, for tests and the caption. */
  get scale(): GanMetricScale | null {
    const r = this.result;
    if (!r) return null;
    return ganMetricScale(this.metric, r.metrics[this.metric], {
      steps: r.spec.steps,
      modes: modeCount(r.spec.game.data),
    });
  }

  override render() {
    const running = this.status.kind === 'running' ? this.status : null;
    return html`
      <div class="plot">
        <canvas
          tabindex="0"
          role="img"
          aria-label="GAN sweep heatmap. Arrow keys move the selected cell; its GAN is replayed beside."
          @pointerdown=${this.onDown}
          @pointermove=${this.onMove}
          @pointerleave=${() => (this.hover = null)}
          @keydown=${this.onKey}
        ></canvas>
        ${
          running
            ? html`<div class="progress" data-testid="gan-sweep-progress">
                <progress max="1" .value=${running.fraction}></progress>
                <span>${describeGanProgress(running)}</span>
                <button class="cancel" @click=${() => emitEvent(this, 'ss-cancel', null)}>
                  Cancel
                </button>
              </div>`
            : null
        }
      </div>
      <p class="readout" data-testid="gan-readout" aria-live="polite">${this.readout()}</p>
    `;
  }

  private readout(): string {
    const cell = this.hover ?? this.cell;
    const r = this.result;
    if (!r) return 'No sweep yet.';
    if (!cell) return 'Point at a cell to read its GAN; click it (or press Enter) to replay it.';
    const { x, y } = r.spec.axes;
    const i = cell.iy * x.count + cell.ix;
    const m = r.metrics;
    const escape = m.escapeStep[i] < 0 ? 'never' : `at step ${m.escapeStep[i]}`;
    return (
      `${paramLabel(x.param)} = ${formatNumber(r.xValues[cell.ix])}, ` +
      `${paramLabel(y.param)} = ${formatNumber(r.yValues[cell.iy])} → ${GAN_FATES[m.fate[i]] ?? '?'} · ` +
      `modes ${m.modesCovered[i]} · on a mode ${formatNumber(100 * m.highQualityFraction[i], 3)} % · ` +
      `energy distance ${formatNumber(m.energyDistance[i], 3)} · escaped ${escape}`
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
      ctx.fillText(this.emptyText(), W / 2, H / 2);
      this.frame = null;
      return;
    }
    const { x: ax, y: ay } = r.spec.axes;
    const scale = this.scale!;
    const left = fs * 5.2;
    const bottom = fs * 3.6;
    const right = fs * (scale.categories ? 10.5 : 8.4);
    const top = fs * 0.8;
    const width = Math.max(40, Math.min(W - left - right, 1.4 * (H - top - bottom)));
    const height = Math.max(40, Math.min(H - top - bottom, 1.1 * width));
    const f: Frame = { left, top, width, height, nx: ax.count, ny: ay.count };
    this.frame = f;
    const values = r.metrics[this.metric];
    const image = new ImageData(f.nx, f.ny);
    for (let iy = 0; iy < f.ny; iy++)
      for (let ix = 0; ix < f.nx; ix++) {
        const [cr, cg, cb] = scale.color(values[iy * f.nx + ix]);
        const o = 4 * ((f.ny - 1 - iy) * f.nx + ix);
        image.data[o] = cr;
        image.data[o + 1] = cg;
        image.data[o + 2] = cb;
        image.data[o + 3] = 255;
      }
    drawImageTile(ctx, image, [f.left, f.top, f.width, f.height], false);
    if (this.cell) {
      const cw = f.width / f.nx;
      const ch = f.height / f.ny;
      const cx = f.left + (this.cell.ix + 0.5) * cw;
      const cy = f.top + f.height - (this.cell.iy + 0.5) * ch;
      const s = Math.max(10, cw, ch);
      ctx.lineWidth = 2.5;
      ctx.strokeStyle = '#000';
      ctx.strokeRect(cx - s / 2 - 1.5, cy - s / 2 - 1.5, s + 3, s + 3);
      ctx.strokeStyle = '#f0b040';
      ctx.strokeRect(cx - s / 2, cy - s / 2, s, s);
    }
    this.drawAxis(ctx, f, ax, 'x', fs);
    this.drawAxis(ctx, f, ay, 'y', fs);
    this.drawLegend(ctx, f, scale, fs);
  }

  private emptyText(): string {
    switch (this.status.kind) {
      case 'running':
        return 'Training the GANs…';
      case 'refused':
        return 'The GPU cannot train this spec (see above).';
      case 'no-gpu':
        return 'No WebGPU: the sweep cannot run here.';
      case 'failed':
        return 'The sweep failed (see above).';
      case 'cancelled':
        return 'Sweep cancelled before it finished.';
      default:
        return 'Waiting for the GPU…';
    }
  }

  private drawAxis(
    ctx: CanvasRenderingContext2D,
    f: Frame,
    axis: SweepAxis,
    which: 'x' | 'y',
    fs: number,
  ): void {
    const at = (position: number) =>
      which === 'x'
        ? f.left + ((position + 0.5) / axis.count) * f.width
        : f.top + f.height - ((position + 0.5) / axis.count) * f.height;
    ctx.fillStyle = '#c8d4e0';
    ctx.strokeStyle = '#c8d4e0';
    ctx.lineWidth = 1;
    ctx.font = `${fs * 0.9}px system-ui, sans-serif`;
    let last = -Infinity;
    for (const tick of axisTicks(axis)) {
      const p = at(tick.position);
      if (which === 'x') {
        const w = ctx.measureText(tick.label).width;
        if (p - w / 2 < last + fs * 0.4) continue;
        last = p + w / 2;
        ctx.beginPath();
        ctx.moveTo(p, f.top + f.height);
        ctx.lineTo(p, f.top + f.height + fs * 0.4);
        ctx.stroke();
        ctx.textAlign = 'center';
        ctx.textBaseline = 'top';
        ctx.fillText(tick.label, p, f.top + f.height + fs * 0.5);
      } else {
        if (Math.abs(p - last) < fs * 1.1) continue;
        last = p;
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

  private drawLegend(ctx: CanvasRenderingContext2D, f: Frame, scale: GanMetricScale, fs: number) {
    const x = f.left + f.width + fs * 1.0;
    const w = fs * 1.1;
    ctx.font = `${fs * 0.85}px system-ui, sans-serif`;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.strokeStyle = '#c8d4e0';
    if (scale.categories) {
      // One swatch a fate, its word beside it, from the top.
      scale.categories.forEach((label, i) => {
        const y = f.top + i * fs * 1.6;
        const [r, g, b] = scale.color(i);
        ctx.fillStyle = `rgb(${r},${g},${b})`;
        ctx.fillRect(x, y, w, fs * 1.1);
        ctx.strokeRect(x, y, w, fs * 1.1);
        ctx.fillStyle = '#c8d4e0';
        ctx.fillText(label, x + w + fs * 0.4, y + fs * 0.55);
      });
      return;
    }
    const steps = 128;
    const at = (t: number) => f.top + f.height * (1 - t);
    for (let i = 0; i < steps; i++) {
      const [r, g, b] = scale.barColor((i + 0.5) / steps);
      ctx.fillStyle = `rgb(${r},${g},${b})`;
      ctx.fillRect(x, at((i + 1) / steps), w, f.height / steps + 1);
    }
    ctx.strokeRect(x, f.top, w, f.height);
    ctx.fillStyle = '#c8d4e0';
    let lastY = Infinity;
    for (const tick of scale.ticks) {
      const y = at(tick.position);
      if (Math.abs(lastY - y) < fs) continue;
      lastY = y;
      ctx.fillText(tick.label, x + w + fs * 0.3, y);
    }
    scale.swatches.forEach((swatch, i) => {
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
    const title = GAN_METRIC_INFO[scale.metric].title;
    ctx.font = `${fs}px system-ui, sans-serif`;
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
    if (cell) emitEvent(this, 'ss-cell', cell);
  };

  private onMove = (event: PointerEvent) => {
    const cell = this.cellAt(event);
    if (cell?.ix !== this.hover?.ix || cell?.iy !== this.hover?.iy) this.hover = cell;
  };

  private onKey = (event: KeyboardEvent) => {
    const r = this.result;
    if (!r) return;
    const { x, y } = r.spec.axes;
    const from = this.cell ?? { ix: Math.floor(x.count / 2), iy: Math.floor(y.count / 2) };
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      emitEvent(this, 'ss-cell', from);
      return;
    }
    const move = arrowKeyStep(event);
    if (!move) return;
    const stride = event.shiftKey ? 4 : 1;
    emitEvent(this, 'ss-cell', {
      ix: Math.max(0, Math.min(x.count - 1, from.ix + move[0] * stride)),
      iy: Math.max(0, Math.min(y.count - 1, from.iy + move[1] * stride)),
    });
  };

  static override styles = [
    theme,
    plotPanelStyles,
    css`
      .plot {
        min-height: 14em;
      }
      canvas {
        cursor: crosshair;
        touch-action: none;
      }
      .progress {
        position: absolute;
        left: 6em;
        right: 9em;
        top: 35%;
        display: flex;
        flex-direction: column;
        align-items: center;
        gap: 0.4em;
        padding: 0.8em;
        background: rgba(16, 20, 24, 0.9);
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
      }
    `,
  ];
}

customElements.define('ss-gan-heatmap', GanHeatmap);
