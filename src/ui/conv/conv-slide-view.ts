import { LitElement, css, html, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { transposedOverlapGrid, type Pair } from '../../core/conv/index.js';
import { analyseLayer, type ConvLayerParams } from '../../labs/conv/conv-layer-params.js';
import type { ConvSlide } from '../../labs/conv/conv-slides.js';
import type { GpuSession } from '../../labs/gpu-session.js';
import { theme } from '../shell/theme.js';
import './conv-count-grid-canvas.js';
import './conv-dot-product-view.js';
import './conv-scatter-gather-view.js';
import './conv-slide-images.js';
import './conv-transposed-stages-view.js';

/** The slide's box: 16:9, as large as the window allows. */
function slideBox(): Pair {
  const width = Math.min(window.innerWidth, (window.innerHeight * 16) / 9);
  return [Math.floor(width), Math.floor((width * 9) / 16)];
}

/**
 * One Conv Lab slide filling the window: a title line, the slide's views as large as the
 * 16:9 box allows, the keys and a slide counter. A seed convolution shows its arithmetic
 * (window, kernel, products, output), a transposed one its stages; the checkerboard slides
 * put two overlap pictures, or the GPU's two upsamplings, side by side.
 */
export class ConvSlideView extends LitElement {
  @property({ attribute: false }) slide!: ConvSlide;
  @property({ type: Number }) index = 0;
  @property({ type: Number }) count = 1;
  @property({ attribute: false }) session?: GpuSession;
  @state() private box: Pair = slideBox();
  @state() private position: Pair = [0, 0];

  private readonly onResize = () => {
    this.box = slideBox();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('resize', this.onResize);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('resize', this.onResize);
    super.disconnectedCallback();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('slide')) this.position = [0, 0];
  }

  override render() {
    const [width, height] = this.box;
    const slide = this.slide;
    // The views get what the title and footer leave; pictures subtract their own frame.
    const viewsHeight = Math.floor(height * 0.74);
    return html`<section
      class="slide"
      role="dialog"
      aria-label=${`Slide ${this.index + 1} of ${this.count}: ${slide.title}`}
      style=${`width:${width}px;height:${height}px;font-size:${(height / 40).toFixed(1)}px`}
    >
      <header>
        <h2>${slide.title}</h2>
        <p>${slide.subtitle} ${slide.kind === 'seed' ? html`<code>${slide.code}</code>` : null}</p>
      </header>
      <div
        class="views"
        data-testid="slide-views"
        style=${`height:${viewsHeight}px`}
        @ss-conv-position=${(e: CustomEvent<Pair>) => (this.position = e.detail)}
      >
        ${this.renderViews(slide, viewsHeight)}
      </div>
      <footer>
        <span class="keys">← → or Page Up / Page Down: slides · Esc: leave</span>
        <span class="counter" data-testid="slide-counter">${this.index + 1} / ${this.count}</span>
      </footer>
    </section>`;
  }

  private renderViews(slide: ConvSlide, height: number) {
    const pictureHeight = height - 120;
    if (slide.kind === 'seed') return this.renderLayer(slide.layer, pictureHeight);
    if (slide.kind === 'numbers') {
      const analysis = analyseLayer(slide.layer);
      if (!analysis.ok) return html`<p>${analysis.error.pytorchMessage}</p>`;
      return html`<ss-conv-scatter-gather-view
        class="view"
        .config=${analysis.config}
        .inH=${slide.layer.inH}
        .inW=${slide.layer.inW}
        .position=${this.position}
        .session=${this.session}
        .show=${slide.part}
        .maxHeight=${height + 120}
      ></ss-conv-scatter-gather-view>`;
    }
    if (slide.kind === 'overlap') {
      return slide.layers.map((layer) => {
        const analysis = analyseLayer(layer);
        if (!analysis.ok) return null;
        const grid = transposedOverlapGrid(analysis.config, layer.inH, layer.inW);
        const k = layer.kernel[0];
        return html`<ss-conv-count-grid-canvas
          class="view"
          heading=${`k = ${k}, stride 2: contributions per output cell`}
          caption=${`output ${grid.rows} × ${grid.cols}`}
          filename=${`conv-overlap-k${k}.png`}
          zeroText="no input lands here"
          .rows=${grid.rows}
          .cols=${grid.cols}
          .counts=${grid.counts}
          .maxHeight=${pictureHeight}
        ></ss-conv-count-grid-canvas>`;
      });
    }
    return html`<ss-conv-slide-images
      class="view"
      .settings=${slide.settings}
      .session=${this.session}
      .pictureSide=${height - 230}
    ></ss-conv-slide-images>`;
  }

  private renderLayer(layer: ConvLayerParams, height: number) {
    const analysis = analyseLayer(layer);
    if (!analysis.ok) return html`<p>${analysis.error.pytorchMessage}</p>`;
    return analysis.config.transposed
      ? html`<ss-conv-transposed-stages-view
          class="view"
          .config=${analysis.config}
          .inH=${layer.inH}
          .inW=${layer.inW}
          .position=${this.position}
          .maxHeight=${height}
        ></ss-conv-transposed-stages-view>`
      : html`<ss-conv-dot-product-view
          class="view"
          .config=${analysis.config}
          .inH=${layer.inH}
          .inW=${layer.inW}
          .position=${this.position}
          .session=${this.session}
          .maxHeight=${height + 120}
        ></ss-conv-dot-product-view>`;
  }

  static override styles = [
    theme,
    css`
      :host {
        position: fixed;
        inset: 0;
        z-index: 100;
        display: flex;
        align-items: center;
        justify-content: center;
        background: var(--ss-bg);
      }
      .slide {
        box-sizing: border-box;
        display: flex;
        flex-direction: column;
        padding: 1.2em 1.8em 0.8em;
        overflow: hidden;
      }
      header h2 {
        margin: 0;
        font-size: 1.9em;
        line-height: 1.2;
      }
      header p {
        margin: 0.3em 0 0;
        font-size: 1.05em;
        color: var(--ss-muted);
        line-height: 1.35;
      }
      header code {
        display: block;
        font-family: var(--ss-mono);
        color: var(--ss-accent);
        margin-top: 0.2em;
      }
      .views {
        flex: 1 1 auto;
        display: flex;
        gap: 1.2em;
        align-items: flex-start;
        justify-content: center;
        margin-top: 0.6em;
        min-height: 0;
        overflow: hidden;
      }
      .views > .view {
        flex: 1 1 0;
        min-width: 0;
      }
      footer {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        color: var(--ss-muted);
        font-size: 0.95em;
        padding-top: 0.3em;
      }
      .counter {
        font-family: var(--ss-mono);
        font-size: 1.3em;
        color: var(--ss-text);
      }
    `,
  ];
}

customElements.define('ss-conv-slide-view', ConvSlideView);
