import { LitElement, css, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Pair } from '../../core/conv/index.js';
import type { ImageRunRecord } from '../../labs/conv/conv-image-controller.js';
import { imageComputation, type ImageComputation } from '../../labs/conv/conv-image-computation.js';
import {
  checked,
  computationStyles,
  formatValue,
  kernelProducts,
  numberGrid,
} from './conv-number-grid.js';
import {
  PositionPlayer,
  clampPosition,
  movePosition,
  nextPosition,
  positionControls,
} from './conv-position-player.js';

/** Within f32 rounding of a sum of these products (a few ulps of the largest partial sums). */
function agrees(c: ImageComputation): boolean {
  const scale = c.window.terms.reduce((s, t) => s + Math.abs(t.product), 0);
  return Math.abs(c.gpu - c.window.sum) <= 1e-5 * scale + 1e-6;
}

/**
 * One output pixel of the image view's single Conv2d run computed in the open: the input
 * window's real values (channel 0), the kernel, the products, Σ in float64, and the value the
 * GPU wrote for that pixel. Arrow keys on the numbers or the scrubber move the pixel.
 */
export class ConvImageDotProduct extends LitElement {
  @property({ attribute: false }) run: ImageRunRecord | null = null;
  /** The pixel shown; the output's centre until one is chosen. */
  @state() private position: Pair = [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
  private readonly player = new PositionPlayer(
    this,
    () => {
      const c = this.current();
      if (c) this.position = nextPosition(this.position, c.outputSize);
    },
    200,
  );

  override willUpdate(): void {
    if (!this.run || this.position[0] !== Number.MAX_SAFE_INTEGER) return;
    const size = imageComputation(this.run, [0, 0])?.outputSize;
    if (size) this.position = [Math.floor(size[0] / 2), Math.floor(size[1] / 2)];
  }

  private current(): ImageComputation | null {
    return this.run ? imageComputation(this.run, this.position) : null;
  }

  /** What the view shows, for tests: the window, Σ and the GPU's value. */
  get computation(): ImageComputation | null {
    return this.current();
  }

  private readonly onKey = (event: KeyboardEvent) => {
    const c = this.current();
    if (!c) return;
    const next = movePosition(clampPosition(this.position, c.outputSize), c.outputSize, event.key);
    if (!next) return;
    event.preventDefault();
    this.player.stop();
    this.position = next;
  };

  override render() {
    const c = this.current();
    if (!c) return null;
    const at = c.window.position;
    const [kh, kw] = c.kernelSize;
    const terms = c.window.terms;
    return html`<figure style="--cell: 72px" data-testid="image-dot-product">
      <figcaption>
        <h3>
          Output pixel (${at[0]}, ${at[1]}) computed
          <span class="sub">channel 0, the real values</span>
        </h3>
        <div class="controls">
          ${positionControls(this.player, at, c.outputSize, (p) => (this.position = p), {
            label: 'pixel',
            ariaLabel: 'Computed output pixel',
          })}
        </div>
      </figcaption>
      <div
        class="row"
        tabindex="0"
        role="group"
        aria-label="The window's numbers. Arrow keys move the pixel."
        @keydown=${this.onKey}
      >
        ${numberGrid({
          caption: 'input window',
          rows: kh,
          cols: kw,
          testid: 'image-window',
          value: (r, col) => terms[r * kw + col].value,
          look: (r, col) => (terms[r * kw + col].padding ? 'pad' : 'lit'),
        })}
        ${kernelProducts({
          prefix: 'image',
          rows: kh,
          cols: kw,
          weight: (r, col) => terms[r * kw + col].weight,
          product: (r, col) => terms[r * kw + col].product,
        })}
      </div>
      <p class="equation">
        Σ products (float64) = <span class="total">${formatValue(c.window.sum)}</span> · GPU (f32) =
        ${checked(agrees(c), formatValue(c.gpu))}
      </p>
    </figure>`;
  }

  static override styles = [
    ...computationStyles,
    css`
      .cell {
        font-size: 0.95rem;
      }
      .equation {
        font-size: 1.3rem;
      }
    `,
  ];
}

customElements.define('ss-conv-image-dot-product', ConvImageDotProduct);
