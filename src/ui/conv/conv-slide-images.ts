import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { ConvImageController } from '../../labs/conv/conv-image-controller.js';
import type { ConvImageSettings } from '../../labs/conv/conv-image-settings.js';
import { defaultStack } from '../../labs/conv/conv-lab-state.js';
import type { GpuSession } from '../../labs/gpu-session.js';
import { theme } from '../shell/theme.js';
import './conv-tensor-card.js';

/** Which of a comparison run's tensors a slide shows: the two upsamplings and their difference. */
const SHOWN = [2, 3, 4];

/**
 * A slide's GPU run of the image view's checkerboard comparison (fixed settings, no controls):
 * the stride-2 transposed conv, resize-then-conv and their difference, side by side.
 */
export class ConvSlideImages extends LitElement {
  @property({ attribute: false }) settings!: ConvImageSettings;
  @property({ attribute: false }) session?: GpuSession;
  /** Largest side of each picture, in CSS pixels. */
  @property({ type: Number }) pictureSide = 360;

  private readonly images = new ConvImageController(this, {
    inputs: () => ({ session: this.session, settings: this.settings, stack: defaultStack() }),
    onSettings: () => undefined,
    onReport: () => undefined,
  });

  /** The last run, for tests: the same record the image view keeps. */
  get lastRun() {
    return this.images.run;
  }

  override render() {
    const run = this.images.run;
    if (!run) {
      const gpu = this.images.gpu;
      return html`<p class="wait">
        ${gpu.kind === 'unavailable' || gpu.kind === 'lost' ? gpu.message : 'Running on the GPU…'}
      </p>`;
    }
    if (run.error) return html`<p class="wait">${run.error}</p>`;
    return html`<div class="cards">
      ${SHOWN.map((i) => run.tensors[i]).map((t) =>
        t
          ? html`<ss-conv-tensor-card
              .result=${t}
              .maxSide=${this.pictureSide}
            ></ss-conv-tensor-card>`
          : null,
      )}
    </div>`;
  }

  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      .cards {
        display: flex;
        gap: 1em;
        align-items: start;
      }
      /* A slide shows pictures, not the desk's buttons. */
      .cards > ss-conv-tensor-card::part(save) {
        display: none;
      }
      .cards > ss-conv-tensor-card {
        flex: 1 1 0;
        min-width: 0;
      }
      .wait {
        color: var(--ss-muted);
        font-size: 1.3em;
      }
    `,
  ];
}

customElements.define('ss-conv-slide-images', ConvSlideImages);
