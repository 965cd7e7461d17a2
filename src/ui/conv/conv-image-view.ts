import { LitElement, css, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { GpuSession } from '../../labs/gpu-session.js';
import {
  BUILT_IN_IMAGES,
  KERNEL_NAMES,
  type ConvImageSettings,
  type ImageMode,
  type KernelName,
} from '../../labs/conv/conv-image-settings.js';
import { ConvImageController, type ImageRunRecord } from '../../labs/conv/conv-image-controller.js';
import { convLayersOf, settingsKernel } from '../../labs/conv/conv-image-run.js';
import { HARD_SIDE, OFFER_SIDE } from '../../labs/conv/conv-image-source.js';
import type { ConvStackState } from '../../labs/conv/conv-lab-state.js';
import './conv-image-dot-product.js';
import './conv-tensor-card.js';
import { emitEvent } from '../widgets/emit-event.js';
import { formStyles } from '../widgets/form-styles.js';
import { formatNumber } from '../widgets/format-number.js';
import { theme } from '../shell/theme.js';
import { ImageDrop } from './image-drop.js';

const MODES: { id: ImageMode; label: string }[] = [
  { id: 'layer', label: 'One layer' },
  { id: 'stack', label: 'The layer stack' },
  { id: 'compare', label: 'Checkerboard: transposed conv vs resize-then-conv' },
];

const PATTERN_SIZES = [16, 32, 64, 128, 256];

export type { ImageRunRecord };

/**
 * Real convolutions of images on the GPU: load an image (file picker, drag-and-drop, paste, or a
 * built-in sample), pick kernels, run one layer, the traced stack, or the checkerboard comparison,
 * and see every tensor channel by channel with its shape, value range and GPU time. The runs
 * are the ConvImageController's; drops and pastes come through ImageDrop.
 *
 * Emits `ss-conv-images` (detail: ConvImageSettings) on every change, and `ss-status` with the
 * pass time. `lastRun` holds the tensors of the latest finished run.
 */
export class ConvImageView extends LitElement {
  @property({ attribute: false }) session!: GpuSession;
  @property({ attribute: false }) settings!: ConvImageSettings;
  @property({ attribute: false }) stack!: ConvStackState;
  /** Screen pixels per tensor pixel in every card of the run (0: fit), and the shared centre. */
  @state() private zoom = 0;
  @state() private centre: [number, number] = [0.5, 0.5];
  private readonly images = new ConvImageController(this, {
    inputs: () => ({ session: this.session, settings: this.settings, stack: this.stack }),
    onSettings: (patch) => this.change(patch),
    onReport: ({ passes, seconds, clock, compileSeconds }) =>
      emitEvent(
        this,
        'ss-status',
        `Conv Lab: ${passes} conv pass${passes === 1 ? '' : 'es'} in ${formatNumber(seconds * 1000, 3)} ms ${clock === 'gpu' ? 'of GPU time' : 'by the wall clock (no GPU timestamps)'}` +
          (compileSeconds !== null
            ? `, after ${formatNumber(compileSeconds * 1000, 3)} ms compiling pipelines`
            : ''),
      ),
  });
  private readonly drop = new ImageDrop(this, (blob, name) => void this.images.accept(blob, name));

  get lastRun(): ImageRunRecord | null {
    return this.images.run;
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('settings') || changed.has('stack')) this.images.inputsChanged();
  }

  private change(patch: Partial<ConvImageSettings>): void {
    emitEvent(this, 'ss-conv-images', { ...this.settings, ...patch });
  }

  override render() {
    const s = this.settings;
    return html`<div class="view" @dragover=${this.drop.onDragOver} @drop=${this.drop.onDrop}>
      <div class="controls">
        ${this.renderImageControls()} ${this.renderModeControls()}
        ${s.mode === 'stack' ? this.renderStackControls() : this.renderLayerControls()}
      </div>
      ${this.images.offer ? this.renderOffer() : null}
      ${this.images.message ? html`<p class="problem" role="alert">${this.images.message}</p>` : null}
      ${this.renderResults()}
    </div>`;
  }

  private renderImageControls() {
    const s = this.settings;
    return html`<fieldset>
      <legend>Image</legend>
      <div class="row">
        <select
          aria-label="Image"
          @change=${(e: Event) =>
            this.change({
              source: (e.target as HTMLSelectElement).value as ConvImageSettings['source'],
            })}
        >
          ${BUILT_IN_IMAGES.map(
            (img) =>
              html`<option value=${img.id} ?selected=${s.source === img.id}>${img.label}</option>`,
          )}
          ${
            this.images.file
              ? html`<option value="file" ?selected=${s.source === 'file'}>
                  ${this.images.file.name}
                </option>`
              : null
          }
        </select>
        ${
          s.source !== 'photo' && s.source !== 'file'
            ? html`<label
                >size
                <select
                  @change=${(e: Event) =>
                    this.change({ patternSize: Number((e.target as HTMLSelectElement).value) })}
                >
                  ${PATTERN_SIZES.map(
                    (n) =>
                      html`<option value=${n} ?selected=${s.patternSize === n}>
                        ${n} × ${n}
                      </option>`,
                  )}
                </select></label
              >`
            : null
        }
        <label class="check"
          ><input
            type="checkbox"
            .checked=${s.color}
            @change=${(e: Event) => this.change({ color: (e.target as HTMLInputElement).checked })}
          />
          colour (3 channels)</label
        >
        <label class="file" data-testid="file-picker"
          ><input
            type="file"
            accept="image/*"
            @change=${(e: Event) => {
              const file = (e.target as HTMLInputElement).files?.[0];
              if (file) void this.images.accept(file, file.name);
            }}
          />Open image…</label
        >
      </div>
      <p class="hint">or drop an image here, or paste one (Ctrl+V)</p>
    </fieldset>`;
  }

  private renderModeControls() {
    const s = this.settings;
    return html`<fieldset>
      <legend>Run</legend>
      <div class="modes" role="radiogroup" aria-label="What to run">
        ${MODES.map(
          (m) =>
            html`<label class="check"
              ><input
                type="radio"
                name="mode"
                .checked=${s.mode === m.id}
                @change=${() => this.change({ mode: m.id })}
              />
              ${m.label}</label
            >`,
        )}
      </div>
      <label
        >GPU kernel
        <select
          @change=${(e: Event) =>
            this.change({ gpuKernel: (e.target as HTMLSelectElement).value as 'fast' | 'direct' })}
        >
          <option value="fast" ?selected=${s.gpuKernel === 'fast'}>fast (blocked)</option>
          <option value="direct" ?selected=${s.gpuKernel === 'direct'}>direct</option>
        </select></label
      >
    </fieldset>`;
  }

  private kernelPicker(
    value: KernelName,
    onPick: (k: KernelName) => void,
    label: string,
    allowCustom = true,
  ) {
    return html`<select
      aria-label=${label}
      @change=${(e: Event) => onPick((e.target as HTMLSelectElement).value as KernelName)}
    >
      ${KERNEL_NAMES.filter((k) => allowCustom || k.id !== 'custom').map(
        (k) => html`<option value=${k.id} ?selected=${value === k.id}>${k.label}</option>`,
      )}
    </select>`;
  }

  private numberInput(label: string, value: number, key: keyof ConvImageSettings, min: number) {
    return html`<label
      >${label}
      <input
        type="number"
        step="1"
        min=${min}
        .value=${String(value)}
        @change=${(e: Event) => {
          const v = Number((e.target as HTMLInputElement).value);
          if (Number.isInteger(v)) this.change({ [key]: v });
        }}
    /></label>`;
  }

  private renderLayerControls() {
    const s = this.settings;
    const sized = ['identity', 'box', 'gaussian', 'random'].includes(s.kernel);
    return html`<fieldset>
      <legend>Kernel and layer</legend>
      <div class="row">
        ${this.kernelPicker(s.kernel, (kernel) => this.change({ kernel }), 'Kernel')}
        ${sized ? this.numberInput('size', s.kernelSize, 'kernelSize', 1) : null}
        ${s.kernel === 'random' ? this.numberInput('seed', s.seed, 'seed', 0) : null}
      </div>
      ${
        s.kernel === 'custom'
          ? html`<textarea
              aria-label="Kernel numbers"
              rows="3"
              spellcheck="false"
              .value=${s.customKernel}
              aria-invalid=${typeof settingsKernel(s) === 'string'}
              aria-describedby="kernel-problem"
              @change=${(e: Event) => this.change({ customKernel: (e.target as HTMLTextAreaElement).value })}
            ></textarea>`
          : null
      }
      ${this.customKernelProblem()} ${this.kernelGrid()}
      ${
        s.mode === 'layer'
          ? html`<div class="row">
              <label class="check"
                ><input
                  type="checkbox"
                  .checked=${s.transposed}
                  @change=${(e: Event) => this.change({ transposed: (e.target as HTMLInputElement).checked })}
                />
                ConvTranspose2d</label
              >
              ${this.numberInput('stride', s.stride, 'stride', 1)}
              ${this.numberInput('padding', s.padding, 'padding', 0)}
              ${this.numberInput('dilation', s.dilation, 'dilation', 1)}
              ${s.transposed ? this.numberInput('output_padding', s.outputPadding, 'outputPadding', 0) : null}
            </div>`
          : html`<p class="hint">
              Same kernel both ways, ×2 upsampling; try a box blur to see the transposed conv's
              checkerboard.
            </p>`
      }
    </fieldset>`;
  }

  /** The kernel's numbers as a grid, as the layer's weights hold them (up to 9 × 9). */
  private kernelGrid() {
    const kernel = settingsKernel(this.settings);
    if (typeof kernel === 'string') return null;
    const [kh, kw] = kernel.size;
    if (kh > 9 || kw > 9)
      return html`<p class="hint">${kh} × ${kw} kernel: too big to list here</p>`;
    return html`<table class="kernel" data-testid="kernel-grid" aria-label="Kernel weights">
      ${Array.from(
        { length: kh },
        (_, r) =>
          html`<tr>
            ${Array.from(
              { length: kw },
              (_, c) => html`<td>${formatNumber(kernel.values[r * kw + c], 3)}</td>`,
            )}
          </tr>`,
      )}
    </table>`;
  }

  /** Why the typed kernel cannot be read, with the line and column of the entry at fault. */
  private customKernelProblem() {
    if (this.settings.kernel !== 'custom') return null;
    const kernel = settingsKernel(this.settings);
    return typeof kernel === 'string'
      ? html`<p class="problem" id="kernel-problem" data-testid="kernel-problem">${kernel}</p>`
      : null;
  }

  private renderStackControls() {
    const s = this.settings;
    const layers = this.images.parsedStack();
    return html`<fieldset>
      <legend>Stack (from the Layer stack tab)</legend>
      <div class="row">
        <label class="check"
          ><input
            type="radio"
            name="stack-input"
            .checked=${s.stackInput === 'image'}
            @change=${() => this.change({ stackInput: 'image' })}
          />
          the image</label
        >
        <label class="check"
          ><input
            type="radio"
            name="stack-input"
            .checked=${s.stackInput === 'noise'}
            @change=${() => this.change({ stackInput: 'noise' })}
          />
          noise of shape [${this.stack.input.join(', ')}]</label
        >
        ${this.numberInput('seed', s.seed, 'seed', 0)}
      </div>
      ${
        typeof layers === 'string'
          ? html`<p class="problem">${layers}</p>`
          : html`<div class="weights">
              ${convLayersOf(layers).map((layerIndex, k) => {
                const layer = layers[layerIndex];
                return html`<label
                  >${layerIndex + 1}. ${layer.type}
                  ${this.kernelPicker(
                    s.stackKernels[k] ?? 'random',
                    (kernel) => {
                      const next = [...s.stackKernels];
                      while (next.length < k) next.push('random');
                      next[k] = kernel;
                      this.change({ stackKernels: next });
                    },
                    `Weights of layer ${layerIndex + 1}`,
                    false,
                  )}</label
                >`;
              })}
            </div>`
      }
    </fieldset>`;
  }

  private renderOffer() {
    const offer = this.images.offer;
    if (!offer) return null;
    const { width, height } = offer.bitmap;
    const canFull = Math.max(width, height) <= HARD_SIDE;
    return html`<div class="offer" role="alert">
      <p>
        ${offer.name} is ${width} × ${height} pixels.
        ${
          canFull
            ? 'At full size the passes and pictures can be slow.'
            : `That is more than ${HARD_SIDE} on a side, too large to run here.`
        }
      </p>
      <button type="button" @click=${() => this.images.useOffer(OFFER_SIDE)}>
        Scale down to ${OFFER_SIDE} px
      </button>
      ${canFull ? html`<button type="button" @click=${() => this.images.useOffer(Infinity)}>Use full size</button>` : null}
      <button type="button" @click=${() => this.images.dismissOffer()}>Cancel</button>
    </div>`;
  }

  private renderResults() {
    const gpu = this.images.gpu;
    if (gpu.kind === 'unavailable' || gpu.kind === 'lost')
      return html`<p class="problem">No GPU: ${gpu.message}</p>`;
    if (gpu.kind === 'connecting') return html`<p class="hint">Starting the GPU…</p>`;
    const { run, running } = this.images;
    return html`<div
      class="results"
      aria-busy=${running ? 'true' : 'false'}
      @ss-conv-pan=${(e: CustomEvent<[number, number]>) => (this.centre = e.detail)}
    >
      ${this.renderZoom()} ${running ? html`<p class="hint">Running…</p>` : null}
      ${run?.error ? html`<p class="problem" role="alert" data-testid="run-error">${run.error}</p>` : null}
      ${run && !run.error ? html`<ss-conv-image-dot-product .run=${run}></ss-conv-image-dot-product>` : null}
      ${run?.tensors.map(
        (t) =>
          html`<ss-conv-tensor-card
            .result=${t}
            .zoom=${this.zoom}
            .centre=${this.centre}
          ></ss-conv-tensor-card>`,
      )}
    </div>`;
  }

  /** One zoom for every tensor of the run: fit, or whole screen pixels per tensor pixel. */
  private renderZoom() {
    return html`<div class="zoom" role="group" aria-label="Zoom every picture">
      <span class="hint">Zoom</span>
      ${[0, 1, 2, 4, 8, 16].map(
        (z) =>
          html`<button
            type="button"
            aria-pressed=${this.zoom === z ? 'true' : 'false'}
            data-zoom=${z}
            @click=${() => (this.zoom = z)}
          >
            ${z === 0 ? 'fit' : `${z}×`}
          </button>`,
      )}
      ${
        this.zoom > 0
          ? html`<span class="hint">drag a picture or use arrow keys on it to pan them all</span>`
          : null
      }
    </div>`;
  }

  static override styles = [
    theme,
    formStyles,
    css`
      :host {
        display: block;
      }
      .controls {
        display: flex;
        flex-wrap: wrap;
        gap: 0.8rem;
        margin-bottom: 0.8rem;
      }
      .modes,
      .weights {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem 0.9rem;
        align-items: center;
      }
      .modes {
        flex-direction: column;
        align-items: flex-start;
      }
      label {
        color: var(--ss-muted);
      }
      textarea {
        font-family: var(--ss-mono);
      }
      /* The file picker is its label, drawn as a button; the input stays in the tab order (Tab
         reaches it, Enter or Space opens the chooser) but is hidden, and the label shows focus. */
      .file {
        position: relative;
        color: var(--ss-text);
        background: var(--ss-panel-2);
        border: 1px solid var(--ss-line);
        border-radius: var(--ss-radius);
        padding: 0.3em 0.8em;
        cursor: pointer;
      }
      .file:hover {
        border-color: var(--ss-accent-2);
      }
      .file:has(input:focus-visible) {
        outline: 3px solid var(--ss-accent-2);
        outline-offset: 2px;
      }
      .file input {
        position: absolute;
        width: 1px;
        height: 1px;
        opacity: 0;
        overflow: hidden;
        clip-path: inset(50%);
        padding: 0;
        border: 0;
      }
      .results {
        display: flex;
        flex-wrap: wrap;
        gap: 0 0.8rem;
        align-items: start;
      }
      .results > ss-conv-tensor-card {
        flex: 1 1 26rem;
        min-width: 0;
        max-width: 46rem;
      }
      .results > p,
      .results > ss-conv-image-dot-product,
      .results > .zoom {
        flex-basis: 100%;
      }
      .zoom {
        display: flex;
        flex-wrap: wrap;
        gap: 0.3rem;
        align-items: center;
        margin-bottom: 0.5rem;
      }
      .zoom button[aria-pressed='true'] {
        border-color: var(--ss-accent);
        color: var(--ss-accent);
      }
      .kernel {
        border-collapse: collapse;
        font-family: var(--ss-mono);
        font-size: 0.9rem;
        align-self: flex-start;
      }
      .kernel td {
        border: 1px solid var(--ss-line);
        padding: 0.15em 0.45em;
        text-align: right;
        min-width: 2.5em;
      }
      .hint {
        color: var(--ss-muted);
        margin: 0;
        font-size: 0.95rem;
      }
      .problem {
        color: var(--ss-bad);
        border: 1px solid var(--ss-bad);
        border-radius: var(--ss-radius);
        background: #2a1816;
        padding: 0.5rem 0.7rem;
        font-family: var(--ss-mono);
      }
      .offer {
        border: 1px solid var(--ss-accent);
        border-radius: var(--ss-radius);
        padding: 0.5rem 0.8rem;
        margin-bottom: 0.8rem;
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
      }
      .offer p {
        margin: 0;
        flex-basis: 100%;
      }
    `,
  ];
}

customElements.define('ss-conv-image-view', ConvImageView);
