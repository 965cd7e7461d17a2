import { LitElement, css, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { LayerParseError, parseStack, type LayerSpec } from '../../core/conv/index.js';
import type { GpuSession, GpuState } from '../../labs/gpu-session.js';
import {
  BUILT_IN_IMAGES,
  KERNEL_NAMES,
  type ConvImageSettings,
  type ImageMode,
  type KernelName,
} from '../../labs/conv/conv-image-settings.js';
import {
  convLayersOf,
  noiseTensor,
  runCompare,
  runSingleLayer,
  runStack,
  type ImageRun,
} from '../../labs/conv/conv-image-run.js';
import {
  HARD_SIDE,
  OFFER_SIDE,
  bitmapPixels,
  decodeImage,
  loadSamplePhoto,
} from '../../labs/conv/conv-image-source.js';
import {
  checkerboard,
  lines,
  pixelsToTensor,
  singleDot,
  type Shape4,
  type Tensor,
} from '../../labs/conv/conv-image-tensors.js';
import type { ConvStackState } from '../../labs/conv/conv-lab-state.js';
import './conv-tensor-card.js';
import { formatNumber } from '../widgets/format-number.js';
import { theme } from '../shell/theme.js';

const MODES: { id: ImageMode; label: string }[] = [
  { id: 'layer', label: 'One layer' },
  { id: 'stack', label: 'The layer stack' },
  { id: 'compare', label: 'Checkerboard: transposed conv vs resize-then-conv' },
];

const PATTERN_SIZES = [16, 32, 64, 128, 256];

/** The run the view last finished, for tests: `element.lastRun`. */
export interface ImageRunRecord extends ImageRun {
  settings: ConvImageSettings;
}

/**
 * Real convolutions of images on the GPU: load an image (file picker, drag-and-drop, paste, or a
 * built-in sample), pick kernels, run one layer, the traced stack, or the checkerboard comparison,
 * and see every tensor channel by channel with its shape, value range and GPU time.
 *
 * Emits `ss-conv-images` (detail: ConvImageSettings) on every change, and `ss-status` with the
 * pass time. `lastRun` holds the tensors of the latest finished run.
 */
export class ConvImageView extends LitElement {
  @property({ attribute: false }) session!: GpuSession;
  @property({ attribute: false }) settings!: ConvImageSettings;
  @property({ attribute: false }) stack!: ConvStackState;
  @state() private gpu: GpuState = { kind: 'connecting' };
  @state() private photo: ImageData | null = null;
  @state() private file: { name: string; pixels: ImageData } | null = null;
  @state() private offer: { name: string; bitmap: ImageBitmap } | null = null;
  @state() private message: string = '';
  @state() private run: ImageRunRecord | null = null;
  @state() private running: boolean = false;
  private runId = 0;
  private unsubscribe?: () => void;
  private readonly onPaste = (event: ClipboardEvent) => {
    const item = [...(event.clipboardData?.items ?? [])].find((i) => i.type.startsWith('image/'));
    const blob = item?.getAsFile();
    if (blob) void this.accept(blob, 'the pasted image');
  };

  get lastRun(): ImageRunRecord | null {
    return this.run;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribe = this.session?.subscribe((state) => (this.gpu = state));
    window.addEventListener('paste', this.onPaste);
    loadSamplePhoto().then(
      (pixels) => (this.photo = pixels),
      (error: Error) =>
        (this.message = `The sample photograph could not be loaded: ${error.message}`),
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    window.removeEventListener('paste', this.onPaste);
    this.runId++;
  }

  private change(patch: Partial<ConvImageSettings>): void {
    this.dispatchEvent(
      new CustomEvent<ConvImageSettings>('ss-conv-images', {
        detail: { ...this.settings, ...patch },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private async accept(blob: Blob, name: string): Promise<void> {
    this.message = '';
    this.offer = null;
    const decoded = await decodeImage(blob, name);
    if (decoded.kind === 'error') this.message = decoded.message;
    else if (decoded.kind === 'large') this.offer = decoded;
    else {
      this.file = decoded;
      this.change({ source: 'file' });
    }
  }

  private useOffer(maxSide: number): void {
    const offer = this.offer;
    if (!offer) return;
    this.file = { name: offer.name, pixels: bitmapPixels(offer.bitmap, maxSide) };
    this.offer = null;
    this.change({ source: 'file' });
  }

  private inputTensor(): Tensor | null {
    const s = this.settings;
    const channels = s.color ? 3 : 1;
    switch (s.source) {
      case 'photo':
        return this.photo ? pixelsToTensor(this.photo, s.color) : null;
      case 'file':
        return this.file ? pixelsToTensor(this.file.pixels, s.color) : null;
      case 'checkerboard':
        return checkerboard(s.patternSize, channels);
      case 'lines':
        return lines(s.patternSize, channels);
      case 'dot':
        return singleDot(s.patternSize, channels);
    }
  }

  private parsedStack(): LayerSpec[] | string {
    try {
      return parseStack(this.stack.code).layers;
    } catch (error) {
      if (error instanceof LayerParseError) return `The stack does not parse: ${error.message}`;
      throw error;
    }
  }

  override updated(changed: Map<PropertyKey, unknown>): void {
    if (
      changed.has('settings') ||
      changed.has('stack') ||
      changed.has('photo') ||
      changed.has('file') ||
      (changed.has('gpu') && this.gpu.kind === 'ready')
    )
      void this.execute();
  }

  private async execute(): Promise<void> {
    const id = ++this.runId;
    if (this.gpu.kind !== 'ready') return;
    const settings = this.settings;
    let input = this.inputTensor();
    if (!input) return;
    const gpu = { device: this.gpu.handle.device, pipelines: this.gpu.pipelines };
    this.running = true;
    let result: ImageRun;
    try {
      if (settings.mode === 'layer') result = await runSingleLayer(gpu, input, settings);
      else if (settings.mode === 'compare') result = await runCompare(gpu, input, settings);
      else {
        const layers = this.parsedStack();
        if (typeof layers === 'string') result = { tensors: [], error: layers };
        else {
          if (settings.stackInput === 'noise') {
            const shape = this.stack.input;
            if (shape.length !== 4) {
              result = { tensors: [], error: 'Noise needs a 4-D stack input shape [N, C, H, W].' };
              if (id === this.runId) this.finish(result, settings);
              return;
            }
            input = noiseTensor(shape as Shape4, settings.seed);
          }
          result = await runStack(gpu, input, layers, settings);
        }
      }
    } catch (error) {
      result = { tensors: [], error: `The GPU run failed: ${(error as Error).message}` };
    }
    if (id === this.runId) this.finish(result, settings);
  }

  private finish(result: ImageRun, settings: ConvImageSettings): void {
    this.run = { ...result, settings };
    this.running = false;
    const gpuSeconds = result.tensors.reduce((sum, t) => sum + (t.seconds ?? 0), 0);
    const passes = result.tensors.filter((t) => t.seconds !== null).length;
    if (passes > 0) {
      this.dispatchEvent(
        new CustomEvent<string>('ss-status', {
          detail: `Conv Lab: ${passes} conv pass${passes === 1 ? '' : 'es'} in ${formatNumber(gpuSeconds * 1000, 3)} ms on the GPU`,
          bubbles: true,
          composed: true,
        }),
      );
    }
  }

  override render() {
    const s = this.settings;
    return html`<div
      class="view"
      @dragover=${(e: DragEvent) => e.preventDefault()}
      @drop=${(e: DragEvent) => {
        e.preventDefault();
        const file = e.dataTransfer?.files[0];
        if (file) void this.accept(file, file.name);
      }}
    >
      <div class="controls">
        ${this.renderImageControls()} ${this.renderModeControls()}
        ${s.mode === 'stack' ? this.renderStackControls() : this.renderLayerControls()}
      </div>
      ${this.offer ? this.renderOffer() : null}
      ${this.message ? html`<p class="problem" role="alert">${this.message}</p>` : null}
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
            this.file
              ? html`<option value="file" ?selected=${s.source === 'file'}>
                  ${this.file.name}
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
        <label class="file"
          >Open image…
          <input
            type="file"
            accept="image/*"
            @change=${(e: Event) => {
              const file = (e.target as HTMLInputElement).files?.[0];
              if (file) void this.accept(file, file.name);
            }}
        /></label>
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
          <option value="fast" ?selected=${s.gpuKernel === 'fast'}>fast (tiled)</option>
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
              @change=${(e: Event) => this.change({ customKernel: (e.target as HTMLTextAreaElement).value })}
            ></textarea>`
          : null
      }
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

  private renderStackControls() {
    const s = this.settings;
    const layers = this.parsedStack();
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
    const offer = this.offer;
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
      <button type="button" @click=${() => this.useOffer(OFFER_SIDE)}>
        Scale down to ${OFFER_SIDE} px
      </button>
      ${canFull ? html`<button type="button" @click=${() => this.useOffer(Infinity)}>Use full size</button>` : null}
      <button type="button" @click=${() => (this.offer = null)}>Cancel</button>
    </div>`;
  }

  private renderResults() {
    if (this.gpu.kind === 'unavailable' || this.gpu.kind === 'lost')
      return html`<p class="problem">No GPU: ${this.gpu.message}</p>`;
    if (this.gpu.kind === 'connecting') return html`<p class="hint">Starting the GPU…</p>`;
    const run = this.run;
    return html`<div class="results" aria-busy=${this.running ? 'true' : 'false'}>
      ${this.running ? html`<p class="hint">Running…</p>` : null}
      ${run?.error ? html`<p class="problem" role="alert" data-testid="run-error">${run.error}</p>` : null}
      ${run?.tensors.map((t) => html`<ss-conv-tensor-card .result=${t}></ss-conv-tensor-card>`)}
    </div>`;
  }

  static override styles = [
    theme,
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
      fieldset {
        border: 1px solid var(--ss-line);
        border-radius: var(--ss-radius);
        margin: 0;
        padding: 0.4rem 0.7rem 0.6rem;
        display: flex;
        flex-direction: column;
        gap: 0.4rem;
      }
      legend {
        color: var(--ss-muted);
        padding: 0 0.3rem;
      }
      .row,
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
      .check {
        display: inline-flex;
        gap: 0.3rem;
        align-items: center;
      }
      input[type='number'] {
        width: 4em;
        font-family: var(--ss-mono);
      }
      textarea {
        font-family: var(--ss-mono);
      }
      .file input {
        display: block;
        margin-top: 0.2rem;
        background: none;
        border: none;
        padding: 0;
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
      .results > p {
        flex-basis: 100%;
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
