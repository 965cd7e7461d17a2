import { LitElement, css, html } from 'lit';
import type { TensorResult } from '../../labs/conv/conv-image-run.js';
import { channelPixels, countNonFinite, valueRange } from '../../labs/conv/conv-image-tensors.js';
import { formatNumber } from '../widgets/format-number.js';
import { downloadCanvasPng } from '../widgets/png-export.js';
import { theme } from '../shell/theme.js';
import { ResizeController } from '../widgets/resize-controller.js';

/** Channels drawn per tensor; a DCGAN layer has hundreds, and the first few tell the story. */
const MAX_CHANNELS = 16;

/**
 * One tensor as pictures: each channel (of the first batch item) as a grey image scaled from
 * the tensor's smallest value (black) to its largest (white), with its N × C × H × W shape, the
 * value range, and the GPU time of the pass that made it.
 */
export class ConvTensorCard extends LitElement {
  static override properties = { result: { attribute: false } };
  declare result: TensorResult;
  private readonly resize = new ResizeController(this, () => this.draw());

  override render() {
    const { label, tensor, seconds, note } = this.result;
    const [lo, hi] = valueRange(tensor.data);
    const bad = countNonFinite(tensor.data);
    const channels = tensor.shape[1];
    return html`<figure>
      <figcaption>
        <code class="label">${label}</code>
        <span class="facts" data-testid="tensor-facts">
          <span data-testid="tensor-shape">${tensor.shape.join(' × ')}</span>
          <span>values ${formatNumber(lo)} … ${formatNumber(hi)}</span>
          ${seconds !== null ? html`<span>GPU ${formatNumber(seconds * 1000, 3)} ms</span>` : null}
          ${note ? html`<span class="note">${note}</span>` : null}
          ${bad ? html`<span class="bad">${bad} values are not finite (drawn black)</span>` : null}
          ${channels > MAX_CHANNELS ? html`<span>first ${MAX_CHANNELS} of ${channels} channels</span>` : null}
        </span>
        <button type="button" @click=${this.save}>Save PNG</button>
      </figcaption>
      <canvas role="img" aria-label=${`${label}: ${tensor.shape.join(' by ')}`}></canvas>
    </figure>`;
  }

  private save = () => {
    const canvas = this.renderRoot.querySelector('canvas');
    if (canvas)
      downloadCanvasPng(
        canvas,
        `conv-${this.result.label.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 40)}.png`,
      );
  };

  override updated(): void {
    this.draw();
  }

  private draw(): void {
    const canvas = this.renderRoot.querySelector('canvas');
    if (!canvas) return;
    const { tensor } = this.result;
    const [, c, h, w] = tensor.shape;
    const shown = Math.min(c, MAX_CHANNELS);
    const available = Math.max(200, this.clientWidth - 4);
    const gap = 6;
    // Small tensors are scaled up by whole pixels so a 4 × 4 map is still visible.
    const target = shown > 4 ? 72 : shown > 1 ? 140 : 360;
    const scale = Math.max(
      1,
      Math.min(8, Math.floor(Math.min(target, available) / Math.max(h, w))),
    );
    const tileW = w * scale;
    const perRow = Math.max(1, Math.min(shown, Math.floor((available + gap) / (tileW + gap))));
    const rows = Math.ceil(shown / perRow);
    canvas.width = perRow * tileW + (perRow - 1) * gap;
    canvas.height = rows * h * scale + (rows - 1) * gap;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.imageSmoothingEnabled = false;
    const [lo, hi] = valueRange(tensor.data);
    const scratch = document.createElement('canvas');
    scratch.width = w;
    scratch.height = h;
    const sctx = scratch.getContext('2d');
    for (let ch = 0; ch < shown; ch++) {
      sctx?.putImageData(channelPixels(tensor, 0, ch, lo, hi), 0, 0);
      const x = (ch % perRow) * (tileW + gap);
      const y = Math.floor(ch / perRow) * (h * scale + gap);
      ctx.drawImage(scratch, x, y, tileW, h * scale);
    }
    canvas.style.width = `${canvas.width}px`;
  }

  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      figure {
        margin: 0 0 0.8rem;
        padding: 0.5rem 0.7rem;
        background: var(--ss-panel);
        border: 1px solid var(--ss-line);
        border-radius: var(--ss-radius);
      }
      /* The label (a long layer call) and the button share the first line; the facts get the
         card's whole width below, each fact kept on one line, so a long label never squeezes
         them into a narrow column. */
      figcaption {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        gap: 0.3rem 1rem;
        align-items: baseline;
        margin-bottom: 0.4rem;
      }
      .label {
        font-family: var(--ss-mono);
        color: var(--ss-text);
        overflow-wrap: anywhere;
      }
      button {
        grid-column: 2;
        grid-row: 1;
      }
      .facts {
        grid-column: 1 / -1;
        display: flex;
        flex-wrap: wrap;
        gap: 0.2rem 1rem;
        color: var(--ss-muted);
        font-family: var(--ss-mono);
      }
      .facts > span {
        white-space: nowrap;
      }
      .facts > .note {
        white-space: normal;
      }
      [data-testid='tensor-shape'] {
        color: var(--ss-accent);
      }
      .bad {
        color: var(--ss-bad);
      }
      canvas {
        display: block;
        image-rendering: pixelated;
        max-width: 100%;
      }
    `,
  ];
}

customElements.define('ss-conv-tensor-card', ConvTensorCard);
