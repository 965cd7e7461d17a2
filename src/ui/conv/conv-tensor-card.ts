import { LitElement, css, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { TensorResult } from '../../labs/conv/conv-image-run.js';
import {
  channelPixels,
  countNonFinite,
  displayRange,
  rgbPixels,
  valueRange,
  zoomWindow,
} from '../../labs/conv/conv-image-tensors.js';
import { emitEvent } from '../widgets/emit-event.js';
import { formatNumber } from '../widgets/format-number.js';
import { downloadCanvasPng } from '../widgets/png-export.js';
import { theme } from '../shell/theme.js';
import { ResizeController } from '../widgets/resize-controller.js';

/** Channels drawn per tensor; a DCGAN layer has hundreds, and the first few tell the story. */
const MAX_CHANNELS = 16;

/**
 * One tensor as pictures: a 3-channel tensor as one colour image (its channels on demand),
 * any other as each channel (of the first batch item) in grey, with its N × C × H × W shape, the
 * value range, and the GPU time of the pass that made it. Values in [0, 1] are drawn as they
 * are (0 → black, 1 → full); others from the tensor's smallest value to its largest.
 *
 * `zoom` 0 fits the tensor; otherwise each tensor pixel is a zoom × zoom square (nearest
 * neighbour) around `centre`, which the image view shares across the run's cards. Dragging a
 * picture or pressing arrow keys on it emits `ss-conv-pan` (detail: the new centre [y, x]).
 */
export class ConvTensorCard extends LitElement {
  @property({ attribute: false }) result!: TensorResult;
  @property({ type: Number }) zoom: number = 0;
  /** Largest side of a fitted one-channel or colour picture, in CSS pixels (a slide raises it). */
  @property({ type: Number }) maxSide = 360;
  @property({ attribute: false }) centre: [number, number] = [0.5, 0.5];
  @state() perChannel: boolean = false;
  /** The last drawn window, for panning by drag and keys. */
  private window = { sw: 1, sh: 1 };
  private drag: { x: number; y: number; centre: [number, number] } | null = null;

  private readonly resize = new ResizeController(this, () => this.draw());

  override render() {
    const { label, tensor, seconds, clock, compileSeconds, note } = this.result;
    const [lo, hi] = valueRange(tensor.data);
    const bad = countNonFinite(tensor.data);
    const channels = tensor.shape[1];
    return html`<figure>
      <figcaption>
        <code class="label">${label}</code>
        <span class="facts" data-testid="tensor-facts">
          <span data-testid="tensor-shape">${tensor.shape.join(' × ')}</span>
          <span>values ${formatNumber(lo)} … ${formatNumber(hi)}</span>
          ${seconds !== null ? html`<span>${clock === 'wall' ? 'wall' : 'GPU'} ${formatNumber(seconds * 1000, 3)} ms</span>` : null}
          ${compileSeconds != null ? html`<span>compile ${formatNumber(compileSeconds * 1000, 3)} ms (first run)</span>` : null}
          ${note ? html`<span class="note">${note}</span>` : null}
          ${bad ? html`<span class="bad">${bad} values are not finite (drawn black)</span>` : null}
          ${channels > MAX_CHANNELS ? html`<span>first ${MAX_CHANNELS} of ${channels} channels</span>` : null}
          ${
            channels === 3
              ? html`<label class="channels"
                  ><input
                    type="checkbox"
                    .checked=${this.perChannel}
                    @change=${(e: Event) =>
                      (this.perChannel = (e.target as HTMLInputElement).checked)}
                  />
                  per channel</label
                >`
              : null
          }
        </span>
        <button type="button" part="save" @click=${this.save}>Save PNG</button>
      </figcaption>
      <canvas
        role="img"
        tabindex=${this.zoom > 0 ? '0' : '-1'}
        aria-label=${`${label}: ${tensor.shape.join(' by ')}${
          this.zoom > 0 ? `, zoomed ${this.zoom}×; arrow keys or dragging pan every picture` : ''
        }`}
        @keydown=${this.onKey}
        @pointerdown=${this.onPointerDown}
        @pointermove=${this.onPointerMove}
        @pointerup=${this.onPointerUp}
        @pointercancel=${this.onPointerUp}
      ></canvas>
    </figure>`;
  }

  private pan(centre: [number, number]): void {
    const clamp = (v: number) => Math.max(0, Math.min(1, v));
    emitEvent(this, 'ss-conv-pan', [clamp(centre[0]), clamp(centre[1])]);
  }

  private onKey = (event: KeyboardEvent) => {
    if (this.zoom <= 0) return;
    const [, , h, w] = this.result.tensor.shape;
    const dy = this.window.sh / h / 4;
    const dx = this.window.sw / w / 4;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-dy, 0],
      ArrowDown: [dy, 0],
      ArrowLeft: [0, -dx],
      ArrowRight: [0, dx],
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    this.pan([this.centre[0] + move[0], this.centre[1] + move[1]]);
  };

  private onPointerDown = (event: PointerEvent) => {
    if (this.zoom <= 0) return;
    (event.target as HTMLElement).setPointerCapture?.(event.pointerId);
    this.drag = { x: event.clientX, y: event.clientY, centre: this.centre };
  };

  private onPointerMove = (event: PointerEvent) => {
    const drag = this.drag;
    if (!drag || this.zoom <= 0) return;
    const [, , h, w] = this.result.tensor.shape;
    this.pan([
      drag.centre[0] - (event.clientY - drag.y) / (this.zoom * h),
      drag.centre[1] - (event.clientX - drag.x) / (this.zoom * w),
    ]);
  };

  private onPointerUp = () => {
    this.drag = null;
  };

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
    const colour = c === 3 && !this.perChannel;
    const shown = colour ? 1 : Math.min(c, MAX_CHANNELS);
    const available = Math.max(200, this.clientWidth - 4);
    const gap = 6;
    const [lo, hi] = displayRange(tensor.data);
    const target = shown > 4 ? 72 : shown > 1 ? 140 : this.maxSide;
    // Up to 8 screen pixels a tensor pixel, more where a larger side is asked for.
    const most = Math.max(8, Math.floor(this.maxSide / 32));
    // Fitted, small tensors are scaled up by whole pixels so a 4 × 4 map is still visible;
    // zoomed, every tensor pixel is zoom × zoom screen pixels and the viewport shows a window.
    const zoomed = this.zoom > 0;
    const scale = zoomed
      ? this.zoom
      : Math.max(1, Math.min(most, Math.floor(Math.min(target, available) / Math.max(h, w))));
    const view = zoomed
      ? zoomWindow(
          h,
          w,
          scale,
          this.centre,
          Math.min(target, available),
          Math.min(target, available),
        )
      : { sx: 0, sy: 0, sw: w, sh: h };
    this.window = view;
    const tileW = view.sw * scale;
    const tileH = view.sh * scale;
    const perRow = Math.max(1, Math.min(shown, Math.floor((available + gap) / (tileW + gap))));
    const rows = Math.ceil(shown / perRow);
    canvas.width = perRow * tileW + (perRow - 1) * gap;
    canvas.height = rows * tileH + (rows - 1) * gap;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.imageSmoothingEnabled = false;
    const scratch = document.createElement('canvas');
    scratch.width = w;
    scratch.height = h;
    const sctx = scratch.getContext('2d');
    for (let ch = 0; ch < shown; ch++) {
      sctx?.putImageData(
        colour ? rgbPixels(tensor, 0, lo, hi) : channelPixels(tensor, 0, ch, lo, hi),
        0,
        0,
      );
      const x = (ch % perRow) * (tileW + gap);
      const y = Math.floor(ch / perRow) * (tileH + gap);
      ctx.drawImage(scratch, view.sx, view.sy, view.sw, view.sh, x, y, tileW, tileH);
    }
    canvas.style.width = `${canvas.width}px`;
    canvas.dataset.scale = String(scale);
    canvas.dataset.window = `${view.sx},${view.sy},${view.sw},${view.sh}`;
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
        touch-action: none;
      }
      canvas[tabindex='0'] {
        cursor: grab;
      }
      .channels {
        display: inline-flex;
        gap: 0.3em;
        align-items: center;
        white-space: nowrap;
      }
    `,
  ];
}

customElements.define('ss-conv-tensor-card', ConvTensorCard);
