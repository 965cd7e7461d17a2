import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { formatTick, ticks } from '../../core/heatmap/ticks.js';
import type { GanReplay } from '../../labs/gan/gan-replay.js';
import { theme } from '../shell/theme.js';
import { CanvasSizer } from '../widgets/canvas-sizer.js';
import { plotPanelStyles } from '../widgets/plot-panel-styles.js';

const D_COLOR = 'rgb(86,180,233)';
const G_COLOR = 'rgb(230,159,0)';

/** The range the curves are drawn in: every finite loss, padded a little. */
export function lossRange(a: Float64Array, b: Float64Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of [...a, ...b])
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  if (!(lo <= hi)) return [0, 1];
  if (hi - lo < 1e-9) return [lo - 0.5, hi + 0.5];
  const pad = 0.05 * (hi - lo);
  return [lo - pad, hi + pad];
}

/**
 * D's loss −V_D and G's loss L_G at every training step of the replay (each on that step's batch,
 * at the step's start), with the playhead as a vertical line.
 */
export class GanLossPlot extends LitElement {
  @property({ attribute: false }) replay: GanReplay | null = null;
  @property({ type: Number }) step = 0;
  private readonly sizer = new CanvasSizer(this, () => this.draw());

  get canvas(): HTMLCanvasElement | null {
    return this.sizer.canvas;
  }

  override render() {
    return html`<div class="plot">
      <canvas
        role="img"
        aria-label="D's and G's losses at every training step of the replayed GAN"
      ></canvas>
    </div>`;
  }

  private draw(): void {
    const plot = this.sizer.prepare();
    if (!plot) return;
    const { ctx, width: W, height: H, fontSize: fs } = plot;
    const r = this.replay;
    if (!r || r.lossD.length === 0) {
      ctx.fillStyle = '#9fb0c0';
      ctx.font = `${fs}px system-ui, sans-serif`;
      ctx.textAlign = 'center';
      ctx.fillText(r ? 'No training step ran.' : 'No GAN replayed yet.', W / 2, H / 2);
      return;
    }
    const left = fs * 3.6;
    const right = fs * 0.8;
    const top = fs * 1.8;
    const bottom = fs * 2.6;
    const box = { left, top, width: W - left - right, height: H - top - bottom };
    if (box.width < 20 || box.height < 20) return;
    const steps = r.lossD.length;
    const [lo, hi] = lossRange(r.lossD, r.lossG);
    const px = (k: number) => box.left + (steps === 1 ? 0.5 : (k - 1) / (steps - 1)) * box.width;
    const py = (v: number) => box.top + box.height * (1 - (v - lo) / (hi - lo));
    ctx.font = `${fs * 0.8}px system-ui, sans-serif`;
    ctx.fillStyle = '#c8d4e0';
    ctx.strokeStyle = '#33414f';
    ctx.lineWidth = 1;
    for (const v of ticks({ min: lo, max: hi }, 4)) {
      const y = py(v);
      ctx.beginPath();
      ctx.moveTo(box.left, y);
      ctx.lineTo(box.left + box.width, y);
      ctx.stroke();
      ctx.textAlign = 'right';
      ctx.textBaseline = 'middle';
      ctx.fillText(formatTick(v), box.left - fs * 0.3, y);
    }
    for (const k of ticks({ min: 1, max: Math.max(2, steps) }, 5)) {
      if (k < 1 || k > steps) continue;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      ctx.fillText(formatTick(k), px(k), box.top + box.height + fs * 0.3);
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.fillText('step', box.left + box.width / 2, H - fs * 0.1);
    const curve = (values: Float64Array, color: string) => {
      ctx.save();
      ctx.beginPath();
      ctx.rect(box.left, box.top, box.width, box.height);
      ctx.clip();
      ctx.strokeStyle = color;
      ctx.lineWidth = 1.6;
      ctx.beginPath();
      // At most about two points a pixel: each column keeps its lowest and highest loss.
      const per = Math.max(1, Math.floor(steps / (2 * box.width)));
      let started = false;
      for (let k = 0; k < steps; k += per) {
        let a = Infinity;
        let b = -Infinity;
        for (let j = k; j < Math.min(steps, k + per); j++) {
          const v = values[j];
          if (Number.isFinite(v)) {
            a = Math.min(a, v);
            b = Math.max(b, v);
          }
        }
        if (!(a <= b)) continue;
        const x = px(k + 1);
        if (!started) ctx.moveTo(x, py(a));
        else ctx.lineTo(x, py(a));
        if (b !== a) ctx.lineTo(x, py(b));
        started = true;
      }
      ctx.stroke();
      ctx.restore();
    };
    curve(r.lossD, D_COLOR);
    curve(r.lossG, G_COLOR);
    ctx.strokeStyle = '#c8d4e0';
    ctx.strokeRect(box.left, box.top, box.width, box.height);
    // The playhead: the step the sample view shows.
    const x = px(Math.max(1, Math.min(steps, this.step)));
    ctx.strokeStyle = '#f0b040';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(x, box.top);
    ctx.lineTo(x, box.top + box.height);
    ctx.stroke();
    // Legend across the top.
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.font = `${fs * 0.85}px system-ui, sans-serif`;
    let lx = box.left;
    for (const [color, label] of [
      [D_COLOR, 'D loss −V_D'],
      [G_COLOR, 'G loss L_G'],
    ]) {
      ctx.fillStyle = color;
      ctx.fillRect(lx, fs * 0.5, fs * 1.2, fs * 0.3);
      ctx.fillStyle = '#c8d4e0';
      ctx.fillText(label, lx + fs * 1.5, fs * 0.65);
      lx += fs * 1.5 + ctx.measureText(label).width + fs * 1.2;
    }
  }

  static override styles = [
    theme,
    plotPanelStyles,
    css`
      .plot {
        min-height: 5em;
      }
    `,
  ];
}

customElements.define('ss-gan-loss-plot', GanLossPlot);
