import { LitElement, css, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  GAN_FATES,
  GAN_METRIC_INFO,
  type GanMetricName,
  type GanSweepResult,
} from '../../core/gan/index.js';
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
import {
  drawHeatmapAxis,
  drawHeatmapCategories,
  drawHeatmapCells,
  drawHeatmapColorBar,
  drawHeatmapMessage,
  drawHeatmapSelection,
  heatmapCellAt,
  heatmapCellCenter,
  heatmapFrame,
  heatmapStep,
  type HeatmapCell,
  type HeatmapFrame,
} from '../widgets/heatmap-canvas.js';
import { plotPanelStyles } from '../widgets/plot-panel-styles.js';
import { describeGanProgress } from './gan-captions.js';

type Cell = HeatmapCell;

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
  private frame: HeatmapFrame | null = null;

  get canvas(): HTMLCanvasElement | null {
    return this.sizer.canvas;
  }

  /** The centre of a cell in page coordinates (for tests). */
  cellCenter(ix: number, iy: number): { x: number; y: number } | null {
    return heatmapCellCenter(this.frame, this.canvas, ix, iy);
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
      <p class="readout" part="readout" data-testid="gan-readout" aria-live="polite">
        ${this.readout()}
      </p>
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
      drawHeatmapMessage(ctx, W, H, fs, this.emptyText());
      this.frame = null;
      return;
    }
    const { x: ax, y: ay } = r.spec.axes;
    const scale = this.scale!;
    const f = heatmapFrame(W, H, fs, ax.count, ay.count, {
      right: scale.categories ? 10.5 : 8.4,
      maxAspect: 1.4,
    });
    this.frame = f;
    const values = r.metrics[this.metric];
    drawHeatmapCells(ctx, f, (ix, iy) => scale.color(values[iy * f.nx + ix]));
    if (this.cell) drawHeatmapSelection(ctx, f, this.cell);
    drawHeatmapAxis(ctx, f, ax, axisTicks(ax), 'x', fs);
    drawHeatmapAxis(ctx, f, ay, axisTicks(ay), 'y', fs);
    if (scale.categories)
      drawHeatmapCategories(ctx, f, scale.categories, (i) => scale.color(i), fs);
    else
      drawHeatmapColorBar(
        ctx,
        f,
        {
          barColor: (t) => scale.barColor(t),
          ticks: scale.ticks,
          swatches: scale.swatches,
          title: GAN_METRIC_INFO[scale.metric].title,
        },
        fs,
      );
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

  private cellAt(event: PointerEvent): Cell | null {
    return heatmapCellAt(this.frame, this.canvas, event);
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
    const grid = { nx: x.count, ny: y.count };
    emitEvent(this, 'ss-cell', heatmapStep(grid, from, move, event.shiftKey ? 4 : 1));
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
