import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import {
  SEED_EXAMPLES,
  convAxes,
  convCoverageGrid,
  convUnreadLines,
  transposedAxes,
  transposedOverlapGrid,
  transposedOverlapPattern,
  type ConvConfig,
  type Pair,
} from '../../core/conv/index.js';
import type { GpuSession } from '../../labs/gpu-session.js';
import type { ConvImageSettings } from '../../labs/conv/conv-image-settings.js';
import type { ConvLabState, ConvLabTab, ConvStackState } from '../../labs/conv/conv-lab-state.js';
import { ConvLabStore } from '../../labs/conv/conv-lab-store.js';
import {
  PICTURE_LIMIT,
  analyseLayer,
  layerFromSeedExample,
  pictureSides,
  tooLargeToDraw,
  type ConvLayerParams,
  type LayerAnalysis,
} from '../../labs/conv/conv-layer-params.js';
import { traceStackState, type StackResult } from '../../labs/conv/conv-stack-trace.js';
import './conv-count-grid-canvas.js';
import './conv-dot-product-view.js';
import './conv-scatter-gather-view.js';
import './conv-slide-view.js';
import { ConvPresentation } from './conv-presentation.js';
import { CONV_SLIDES } from '../../labs/conv/conv-slides.js';
import './conv-grid-canvas.js';
import './conv-image-view.js';
import './conv-layer-tracer.js';
import './conv-seed-examples.js';
import './conv-shape-form.js';
import './conv-transposed-stages-view.js';
import { theme } from '../shell/theme.js';

const TABS: { id: ConvLabTab; title: string }[] = [
  { id: 'layer', title: 'Shapes & coverage' },
  { id: 'stack', title: 'Layer stack' },
  { id: 'images', title: 'Images on the GPU' },
];

/** What tests (and anyone curious) can read from the element: `element.labState`. */
export interface ConvLabSnapshot {
  state: ConvLabState;
  layer: LayerAnalysis;
  stack: StackResult;
}

function listLines(lines: readonly number[]): string {
  return lines.length > 6
    ? `${lines.slice(0, 5).join(', ')}, … (${lines.length})`
    : lines.join(', ');
}

/**
 * The Conv Lab: a layer's shape and coverage pictures, the layer-stack tracer, and real
 * convolutions of images on the GPU. The whole state lives in the URL (`#/conv?…`).
 *
 * For tests: the `labState` property holds the state and what the page computed from it
 * (the layer's analysis and the stack's trace), as plain objects.
 */
export class ConvLab extends LitElement {
  @property({ attribute: false }) session!: GpuSession;
  private readonly store = new ConvLabStore(this);
  private readonly presentation = new ConvPresentation(this);

  /** The slide shown in presentation mode (0-based), or null when not presenting. */
  get slide(): number | null {
    return this.presentation.slide;
  }

  get labState(): ConvLabSnapshot {
    const state = this.store.state;
    return { state, layer: analyseLayer(state.layer), stack: traceStackState(state.stack) };
  }

  override render() {
    const state = this.store.state;
    return html`<section>
      <header>
        <h2>Conv Lab</h2>
        <nav role="group" aria-label="Conv Lab views">
          ${TABS.map(
            (tab) =>
              html`<button
                type="button"
                id=${`tab-${tab.id}`}
                aria-pressed=${state.tab === tab.id ? 'true' : 'false'}
                aria-controls="view"
                @click=${() => this.store.set({ tab: tab.id })}
              >
                ${tab.title}
              </button>`,
          )}
        </nav>
        <button
          type="button"
          class="present"
          title="Show the seed examples and the checkerboard comparisons as slides"
          @click=${() => this.presentation.present(true)}
        >
          Present
        </button>
      </header>
      ${this.renderSlide()}
      <div id="view" role="region" aria-labelledby=${`tab-${state.tab}`}>
        ${
          state.tab === 'layer'
            ? this.renderLayer(state)
            : state.tab === 'stack'
              ? html`<ss-conv-layer-tracer
                  .stack=${state.stack}
                  @ss-conv-stack=${(e: CustomEvent<ConvStackState>) =>
                    this.store.set({ stack: e.detail })}
                ></ss-conv-layer-tracer>`
              : html`<ss-conv-image-view
                  .session=${this.session}
                  .settings=${state.images}
                  .stack=${state.stack}
                  @ss-conv-images=${(e: CustomEvent<ConvImageSettings>) =>
                    this.store.set({ images: e.detail })}
                ></ss-conv-image-view>`
        }
      </div>
    </section>`;
  }

  private renderSlide() {
    const index = this.presentation.slide;
    if (index === null) return null;
    return html`<ss-conv-slide-view
      .slide=${CONV_SLIDES[index]}
      .index=${index}
      .count=${CONV_SLIDES.length}
      .session=${this.session}
    ></ss-conv-slide-view>`;
  }

  private renderLayer(state: ConvLabState) {
    const analysis = analyseLayer(state.layer);
    return html`<ss-conv-seed-examples
        .params=${state.layer}
        @ss-conv-preset=${(e: CustomEvent<number>) => {
          const example = SEED_EXAMPLES.find((ex) => ex.id === e.detail);
          if (example) this.store.set({ layer: layerFromSeedExample(example), position: [0, 0] });
        }}
      ></ss-conv-seed-examples>
      <div class="layer">
        <ss-conv-shape-form
          .params=${state.layer}
          .analysis=${analysis}
          @ss-conv-layer=${(e: CustomEvent<ConvLayerParams>) => this.store.set({ layer: e.detail })}
        ></ss-conv-shape-form>
        <div
          class="pictures"
          @ss-conv-position=${(e: CustomEvent<Pair>) => this.store.set({ position: e.detail })}
        >
          ${
            analysis.ok
              ? tooLargeToDraw(analysis.config, state.layer.inH, state.layer.inW)
                ? this.renderTooLarge(analysis.config, analysis.outputShape, state)
                : this.renderPictures(analysis.config, state)
              : html`<p class="no-picture">
                  No picture: PyTorch rejects this layer (its message is beside the form).
                </p>`
          }
        </div>
      </div>`;
  }

  /** Pictures need a cell per grid cell; past PICTURE_LIMIT a side the lab only states the shape. */
  private renderTooLarge(config: ConvConfig, outputShape: readonly number[], state: ConvLabState) {
    const [rows, cols] = pictureSides(config, state.layer.inH, state.layer.inW);
    const grid = config.transposed ? 'the largest stage grid' : 'the padded input';
    const count = (n: number) => n.toLocaleString('en-US');
    return html`<p class="no-picture" id="too-large-to-draw">
      Too large to draw: ${grid} is ${count(rows)} × ${count(cols)} cells, and the pictures stop at
      ${PICTURE_LIMIT} a side. The output shape is still exact:
      <strong>${outputShape.map(count).join(' × ')}</strong>.
    </p>`;
  }

  private renderPictures(config: ConvConfig, state: ConvLabState) {
    const { inH, inW } = state.layer;
    if (config.transposed) {
      const grid = transposedOverlapGrid(config, inH, inW);
      const [ah, aw] = transposedAxes(config, inH, inW);
      const [ph, pw] = [transposedOverlapPattern(ah), transposedOverlapPattern(aw)];
      const uneven = (p: number[]) => Math.min(...p) !== Math.max(...p);
      const note =
        uneven(ph) || uneven(pw)
          ? `Uneven overlap — the checkerboard: away from the borders, output rows get ${ph.join(' / ')} and columns ${pw.join(' / ')} contributions by phase, because the kernel is not a multiple of the stride.`
          : `Even overlap: away from the borders every output cell gets ${ph[0] * pw[0]} contribution${ph[0] * pw[0] === 1 ? '' : 's'}.`;
      return html`<ss-conv-transposed-stages-view
          .config=${config}
          .inH=${inH}
          .inW=${inW}
          .position=${state.position}
        ></ss-conv-transposed-stages-view>
        <ss-conv-scatter-gather-view
          .config=${config}
          .inH=${inH}
          .inW=${inW}
          .position=${state.position}
          .session=${this.session}
        ></ss-conv-scatter-gather-view>
        <ss-conv-count-grid-canvas
          heading="Overlap: contributions per output cell"
          caption=${`output ${grid.rows} × ${grid.cols}`}
          filename="conv-transposed-overlap.png"
          zeroText="no input lands here (bias only)"
          note=${note}
          .rows=${grid.rows}
          .cols=${grid.cols}
          .counts=${grid.counts}
        ></ss-conv-count-grid-canvas>`;
    }
    const coverage = convCoverageGrid(config, inH, inW);
    const [h, w] = convAxes(config, inH, inW);
    const [uh, uw] = [convUnreadLines(h), convUnreadLines(w)];
    const parts: string[] = [];
    if (uh.lostEdge.length) parts.push(`rows ${listLines(uh.lostEdge)} past the last window`);
    if (uw.lostEdge.length) parts.push(`columns ${listLines(uw.lostEdge)} past the last window`);
    if (uh.interiorGaps.length) parts.push(`rows ${listLines(uh.interiorGaps)} stepped over`);
    if (uw.interiorGaps.length) parts.push(`columns ${listLines(uw.interiorGaps)} stepped over`);
    const note = parts.length
      ? `Never read: input ${parts.join('; ')}.`
      : 'Every input cell is read at least once.';
    return html`<ss-conv-grid-canvas
        .config=${config}
        .inH=${inH}
        .inW=${inW}
        .position=${state.position}
      ></ss-conv-grid-canvas>
      <ss-conv-dot-product-view
        .config=${config}
        .inH=${inH}
        .inW=${inW}
        .position=${state.position}
        .session=${this.session}
      ></ss-conv-dot-product-view>
      <ss-conv-count-grid-canvas
        heading="Coverage: how often each cell is read"
        caption=${`padded input ${coverage.rows} × ${coverage.cols}`}
        filename="conv-coverage.png"
        zeroText="real input never read"
        note=${note}
        .rows=${coverage.rows}
        .cols=${coverage.cols}
        .counts=${coverage.counts}
        .region=${{ row: coverage.originRow, col: coverage.originCol, rows: inH, cols: inW }}
        .marks=${{
          lostRows: uh.lostEdge,
          lostCols: uw.lostEdge,
          gapRows: uh.interiorGaps,
          gapCols: uw.interiorGaps,
        }}
      ></ss-conv-count-grid-canvas>`;
  }

  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      header {
        display: flex;
        align-items: center;
        gap: 2rem;
        margin-bottom: 0.8rem;
      }
      h2 {
        margin: 0;
        font-size: 1.3rem;
      }
      nav {
        display: flex;
        gap: 0.3rem;
      }
      .present {
        margin-left: auto;
      }
      /* In a frame the host's deck owns the keys and the screen: no slides of its own. */
      :host([embedded]) .present {
        display: none;
      }
      nav button {
        background: transparent;
        border-color: transparent;
        color: var(--ss-muted);
        font-size: 1.02rem;
      }
      nav button[aria-pressed='true'] {
        color: var(--ss-text);
        background: var(--ss-panel-2);
        box-shadow: inset 0 -3px 0 var(--ss-accent-2);
      }
      .layer {
        display: grid;
        grid-template-columns: minmax(22rem, 29rem) minmax(0, 1fr);
        gap: 1rem;
        margin-top: 0.8rem;
        align-items: start;
      }
      @media (max-width: 1000px) {
        .layer {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      .pictures {
        display: flex;
        flex-wrap: wrap;
        gap: 0 1rem;
        align-items: start;
      }
      .pictures > * {
        flex: 1 1 34rem;
        min-width: 0;
      }
      .pictures > ss-conv-transposed-stages-view,
      .pictures > ss-conv-dot-product-view,
      .pictures > ss-conv-scatter-gather-view {
        flex-basis: 100%;
      }
      .no-picture {
        color: var(--ss-muted);
        padding: 1rem;
        border: 1px dashed var(--ss-line);
        border-radius: var(--ss-radius);
      }
    `,
  ];
}

customElements.define('ss-conv-lab', ConvLab);
