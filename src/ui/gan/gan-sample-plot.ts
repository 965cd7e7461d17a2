import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { sequentialColor } from '../../core/color-map.js';
import { formatTick, ticks } from '../../core/heatmap/ticks.js';
import { ganPicture, type GanPicture } from '../../labs/gan/gan-picture.js';
import type { GanReplay } from '../../labs/gan/gan-replay.js';
import { theme } from '../shell/theme.js';
import { CanvasSizer } from '../widgets/canvas-sizer.js';
import { plotPanelStyles } from '../widgets/plot-panel-styles.js';

/** Okabe–Ito sky blue for the data, orange for the generator's samples. */
export const DATA_COLOR = 'rgb(86,180,233)';
export const GENERATED_COLOR = 'rgb(230,159,0)';
const GRID_COLOR = 'rgba(255,255,255,0.55)';

/**
 * One replayed GAN at the playhead, in the data's plane: D's output as the background, the data
 * (blue) and generated (orange) evaluation samples, and the image of a latent grid under G (white
 * mesh). For 1-D data: histograms of both batches over D's output, and lines from latent points
 * to their images.
 */
export class GanSamplePlot extends LitElement {
  @property({ attribute: false }) replay: GanReplay | null = null;
  @property({ type: Number }) step = 0;
  private readonly sizer = new CanvasSizer(this, () => this.draw());
  private cache: { replay: GanReplay; step: number; picture: GanPicture } | null = null;

  get canvas(): HTMLCanvasElement | null {
    return this.sizer.canvas;
  }

  /** The picture drawn (for tests and the caption). */
  get picture(): GanPicture | null {
    const r = this.replay;
    if (!r) return null;
    if (this.cache?.replay !== r || this.cache.step !== this.step)
      this.cache = { replay: r, step: this.step, picture: ganPicture(r, this.step) };
    return this.cache.picture;
  }

  override render() {
    return html`<div class="plot">
      <canvas role="img" aria-label=${this.describe()}></canvas>
    </div>`;
  }

  private describe(): string {
    const p = this.picture;
    if (!p) return 'No GAN replayed yet.';
    return `Step ${p.step}: ${p.real.count} data samples and ${p.generated.count} generated samples${p.outside ? `, ${p.outside} of them outside the window` : ''}.`;
  }

  private draw(): void {
    const plot = this.sizer.prepare();
    if (!plot) return;
    const { ctx, width: W, height: H, fontSize: fs } = plot;
    const p = this.picture;
    if (!p) {
      ctx.fillStyle = '#9fb0c0';
      ctx.font = `${fs}px system-ui, sans-serif`;
      ctx.textAlign = 'center';
      ctx.fillText('No GAN replayed yet.', W / 2, H / 2);
      return;
    }
    const legendW = fs * 6.5;
    const left = fs * 2.8;
    const bottom = fs * 2.2;
    const top = fs * 0.6;
    if (p.dim === 1)
      this.draw1d(
        ctx,
        p,
        { left, top, width: W - left - legendW - fs, height: H - top - bottom },
        fs,
      );
    else {
      const side = Math.max(40, Math.min(W - left - legendW - fs, H - top - bottom));
      this.draw2d(ctx, p, { left, top, width: side, height: side }, fs);
    }
    this.drawLegend(ctx, p, W - legendW, top, fs, H - top - bottom);
  }

  private fieldColor(p: GanPicture, v: number): [number, number, number] {
    const t = p.fieldKind === 'probability' ? v : 0.5 + Math.atan(v) / Math.PI;
    const [r, g, b] = sequentialColor(t, 0, 1);
    // Dimmed, so the samples stand out on it.
    return [r * 0.5, g * 0.5, b * 0.5];
  }

  private draw2d(
    ctx: CanvasRenderingContext2D,
    p: GanPicture,
    box: { left: number; top: number; width: number; height: number },
    fs: number,
  ): void {
    const [lo, hi] = p.window;
    const n = p.fieldSize;
    const image = new ImageData(n, n);
    for (let r = 0; r < n; r++)
      for (let c = 0; c < n; c++) {
        const [cr, cg, cb] = this.fieldColor(p, p.field[r * n + c]);
        const o = 4 * ((n - 1 - r) * n + c);
        image.data[o] = cr;
        image.data[o + 1] = cg;
        image.data[o + 2] = cb;
        image.data[o + 3] = 255;
      }
    const tile = document.createElement('canvas');
    tile.width = n;
    tile.height = n;
    tile.getContext('2d')!.putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(tile, box.left, box.top, box.width, box.height);
    const px = (x: number) => box.left + ((x - lo) / (hi - lo)) * box.width;
    const py = (y: number) => box.top + box.height - ((y - lo) / (hi - lo)) * box.height;
    ctx.save();
    ctx.beginPath();
    ctx.rect(box.left, box.top, box.width, box.height);
    ctx.clip();
    // The latent grid's image: its rows and columns as polylines.
    const g = p.gridSide;
    const t = p.transport.values;
    ctx.strokeStyle = GRID_COLOR;
    ctx.lineWidth = 1;
    if (g > 0) {
      const rows = p.transport.count / g;
      for (let r = 0; r < rows; r++) {
        ctx.beginPath();
        for (let c = 0; c < g; c++) {
          const i = r * g + c;
          if (c === 0) ctx.moveTo(px(t[2 * i]), py(t[2 * i + 1]));
          else ctx.lineTo(px(t[2 * i]), py(t[2 * i + 1]));
        }
        ctx.stroke();
      }
      if (rows > 1)
        for (let c = 0; c < g; c++) {
          ctx.beginPath();
          for (let r = 0; r < rows; r++) {
            const i = r * g + c;
            if (r === 0) ctx.moveTo(px(t[2 * i]), py(t[2 * i + 1]));
            else ctx.lineTo(px(t[2 * i]), py(t[2 * i + 1]));
          }
          ctx.stroke();
        }
    }
    const dots = (batch: { count: number; values: Float64Array }, color: string, size: number) => {
      ctx.fillStyle = color;
      for (let s = 0; s < batch.count; s++) {
        ctx.beginPath();
        ctx.arc(px(batch.values[2 * s]), py(batch.values[2 * s + 1]), size, 0, 2 * Math.PI);
        ctx.fill();
      }
    };
    dots(p.real, DATA_COLOR, Math.max(2, fs * 0.16));
    ctx.strokeStyle = '#000';
    dots(p.generated, GENERATED_COLOR, Math.max(2, fs * 0.16));
    if (g === 0) dots(p.transport, '#ffffff', Math.max(2.5, fs * 0.2));
    ctx.restore();
    ctx.strokeStyle = '#c8d4e0';
    ctx.strokeRect(box.left, box.top, box.width, box.height);
    this.drawTicks(ctx, p, box, fs, true);
  }

  private draw1d(
    ctx: CanvasRenderingContext2D,
    p: GanPicture,
    box: { left: number; top: number; width: number; height: number },
    fs: number,
  ): void {
    const [lo, hi] = p.window;
    const n = p.fieldSize;
    const px = (x: number) => box.left + ((x - lo) / (hi - lo)) * box.width;
    // D's output as vertical bands behind the histograms.
    for (let i = 0; i < n; i++) {
      const [r, g, b] = this.fieldColor(p, p.field[i]);
      ctx.fillStyle = `rgb(${r},${g},${b})`;
      ctx.fillRect(box.left + (i / n) * box.width, box.top, box.width / n + 0.5, box.height);
    }
    // The lower fifth: lines from each latent grid point (top edge, z on the same scale) to G(z).
    const strip = box.height * 0.2;
    const histTop = box.top;
    const histHeight = box.height - strip - fs * 0.3;
    const bins = 40;
    const count = (batch: { count: number; values: Float64Array }) => {
      const h = new Float64Array(bins);
      for (let s = 0; s < batch.count; s++) {
        const k = Math.floor(((batch.values[s] - lo) / (hi - lo)) * bins);
        if (k >= 0 && k < bins) h[k] += 1 / batch.count;
      }
      return h;
    };
    const real = count(p.real);
    const fake = count(p.generated);
    const peak = Math.max(...real, ...fake, 1e-9);
    const bar = (h: Float64Array, color: string) => {
      ctx.strokeStyle = color;
      ctx.lineWidth = 2.5;
      ctx.beginPath();
      for (let k = 0; k < bins; k++) {
        const x0 = box.left + (k / bins) * box.width;
        const x1 = box.left + ((k + 1) / bins) * box.width;
        const y = histTop + histHeight * (1 - h[k] / peak);
        if (k === 0) ctx.moveTo(x0, histTop + histHeight);
        ctx.lineTo(x0, y);
        ctx.lineTo(x1, y);
      }
      ctx.lineTo(box.left + box.width, histTop + histHeight);
      ctx.stroke();
    };
    bar(real, DATA_COLOR);
    bar(fake, GENERATED_COLOR);
    const y0 = box.top + box.height - strip;
    ctx.save();
    ctx.beginPath();
    ctx.rect(box.left, box.top, box.width, box.height);
    ctx.clip();
    ctx.strokeStyle = GRID_COLOR;
    ctx.lineWidth = 1;
    const latent = p.latent;
    for (let i = 0; i < latent.count; i++) {
      const z = latent.values[i * latent.dim];
      ctx.beginPath();
      ctx.moveTo(px(z), y0);
      ctx.lineTo(px(p.transport.values[i]), box.top + box.height);
      ctx.stroke();
    }
    ctx.restore();
    ctx.strokeStyle = '#c8d4e0';
    ctx.strokeRect(box.left, box.top, box.width, box.height);
    this.drawTicks(ctx, p, box, fs, false);
  }

  private drawTicks(
    ctx: CanvasRenderingContext2D,
    p: GanPicture,
    box: { left: number; top: number; width: number; height: number },
    fs: number,
    both: boolean,
  ): void {
    const [lo, hi] = p.window;
    ctx.fillStyle = '#c8d4e0';
    ctx.font = `${fs * 0.8}px system-ui, sans-serif`;
    for (const v of ticks({ min: lo, max: hi }, 4)) {
      const x = box.left + ((v - lo) / (hi - lo)) * box.width;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      ctx.fillText(formatTick(v), x, box.top + box.height + fs * 0.3);
      if (both) {
        const y = box.top + box.height - ((v - lo) / (hi - lo)) * box.height;
        ctx.textAlign = 'right';
        ctx.textBaseline = 'middle';
        ctx.fillText(formatTick(v), box.left - fs * 0.3, y);
      }
    }
  }

  private drawLegend(
    ctx: CanvasRenderingContext2D,
    p: GanPicture,
    x: number,
    top: number,
    fs: number,
    height: number,
  ): void {
    ctx.font = `${fs * 0.8}px system-ui, sans-serif`;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    const rows: [string, string][] = [
      [DATA_COLOR, 'data'],
      [GENERATED_COLOR, 'G(z)'],
      [GRID_COLOR, p.dim === 1 ? 'z → G(z)' : 'G(latent grid)'],
    ];
    rows.forEach(([color, label], i) => {
      const y = top + fs * (0.6 + 1.3 * i);
      ctx.fillStyle = color;
      ctx.fillRect(x, y - fs * 0.35, fs * 0.7, fs * 0.7);
      ctx.fillStyle = '#c8d4e0';
      ctx.fillText(label, x + fs, y);
    });
    // D's scale: a short bar with its ends labelled.
    const barTop = top + fs * 5;
    const barH = Math.max(fs * 3, Math.min(height - fs * 7, fs * 8));
    for (let i = 0; i < 32; i++) {
      const t = 1 - (i + 0.5) / 32;
      const v = p.fieldKind === 'probability' ? t : Math.tan((t - 0.5) * Math.PI);
      const [r, g, b] = this.fieldColor(p, v);
      ctx.fillStyle = `rgb(${r},${g},${b})`;
      ctx.fillRect(x, barTop + (i / 32) * barH, fs * 0.9, barH / 32 + 0.5);
    }
    ctx.strokeStyle = '#c8d4e0';
    ctx.strokeRect(x, barTop, fs * 0.9, barH);
    ctx.fillStyle = '#c8d4e0';
    const [hiLabel, loLabel] = p.fieldKind === 'probability' ? ['1', '0'] : ['+∞', '−∞'];
    ctx.fillText(hiLabel, x + fs * 1.2, barTop + fs * 0.3);
    ctx.fillText(loLabel, x + fs * 1.2, barTop + barH - fs * 0.3);
    ctx.fillText(p.fieldKind === 'probability' ? 'D: P(real)' : 'D logit', x, barTop - fs * 0.8);
  }

  static override styles = [
    theme,
    plotPanelStyles,
    css`
      .plot {
        min-height: 8em;
      }
    `,
  ];
}

customElements.define('ss-gan-sample-plot', GanSamplePlot);
