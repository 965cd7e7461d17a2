import { LitElement, html, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  cellValue,
  computationExample,
  convAxes,
  paddedIndex,
  paddedLength,
  windowComputation,
  type ComputationExample,
  type ConvConfig,
  type Pair,
  type WindowComputation,
} from '../../core/conv/index.js';
import { ComputationGpu } from '../../labs/conv/conv-computation-gpu.js';
import type { GpuSession } from '../../labs/gpu-session.js';
import { theme } from '../shell/theme.js';
import { emitEvent } from '../widgets/emit-event.js';
import { ResizeController } from '../widgets/resize-controller.js';
import {
  NUMBER_GRID_LIMIT,
  cellSize,
  computationFigureStyles,
  formatValue,
  numberGrid,
  numberGridStyles,
} from './conv-number-grid.js';
import {
  PositionPlayer,
  clampPosition,
  movePosition,
  nextPosition,
  positionControls,
} from './conv-position-player.js';

/** What the view shows, as plain numbers: `element.computation` (for tests and the curious). */
export interface DotProductSnapshot {
  /** The unpadded input, row by row. */
  input: number[][];
  kernel: number[][];
  bias: number;
  position: Pair;
  window: WindowComputation['terms'];
  sum: number;
  /** The float64 reference's output value at the position. */
  output: number;
  /** The GPU's value at the position (f32, the real WGSL conv), or null while there is none. */
  gpu: number | null;
}

/** A factor in the written-out sum: negatives in parentheses. */
function paren(value: number): string {
  const text = formatValue(value);
  return text.startsWith('−') ? `(${text})` : text;
}

function rowsOf(tensor: ComputationExample['input']): number[][] {
  const [, , h, w] = tensor.shape;
  return Array.from({ length: h }, (_, r) =>
    Array.from({ length: w }, (_, c) => cellValue(tensor, r, c)),
  );
}

/**
 * One output cell of a convolution being computed, in numbers large enough for a projector:
 * the (padded) input with the window lit, the kernel's weights, their products, and
 * Σ products + bias = the output value, beside the GPU's value for the same cell. Play/scrub,
 * arrow keys on the output, or a click moves the window (emits `ss-conv-position`).
 *
 * The layer's geometry runs on one channel, with small integers (computationExample).
 */
export class ConvDotProductView extends LitElement {
  @property({ attribute: false }) config!: ConvConfig;
  @property({ type: Number }) inH!: number;
  @property({ type: Number }) inW!: number;
  @property({ attribute: false }) position: Pair = [0, 0];
  @property({ attribute: false }) session?: GpuSession;
  /** Tallest the view may be, in CSS pixels (a slide sets it); 0 leaves the height free. */
  @property({ type: Number }) maxHeight = 0;
  @state() private width = 900;

  private example: ComputationExample | null = null;
  private readonly gpu = new ComputationGpu(this, () => this.session);
  private readonly player = new PositionPlayer(this, () =>
    this.move(nextPosition(this.at, this.outSize)),
  );
  private readonly resize = new ResizeController(this, () => {
    this.width = this.clientWidth;
  });

  private get outSize(): Pair {
    const shape = this.example?.output.shape;
    return shape ? [shape[2], shape[3]] : [0, 0];
  }

  private get at(): Pair {
    return clampPosition(this.position, this.outSize);
  }

  get computation(): DotProductSnapshot | null {
    const example = this.example;
    if (!example) return null;
    const at = windowComputation(example, this.at);
    return {
      input: rowsOf(example.input),
      kernel: rowsOf(example.weight),
      bias: example.bias,
      position: this.at,
      window: at.terms,
      sum: at.sum,
      output: at.output,
      gpu: this.gpuValue(this.at),
    };
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('config') && !changed.has('inH') && !changed.has('inW')) return;
    const [h, w] = convAxes(this.config, this.inH, this.inW);
    const fits = Math.max(paddedLength(h), paddedLength(w)) <= NUMBER_GRID_LIMIT;
    this.example = fits ? computationExample(this.config, this.inH, this.inW) : null;
    if (this.example) this.gpu.request(this.example);
  }

  private gpuValue([r, c]: Pair): number | null {
    const result = this.gpu.result;
    if (result.kind !== 'done') return null;
    return result.output[r * result.shape[3] + c] ?? null;
  }

  private move(position: Pair): void {
    emitEvent(this, 'ss-conv-position', position);
  }

  private readonly onKey = (event: KeyboardEvent) => {
    if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      this.player.toggle();
      return;
    }
    const next = movePosition(this.at, this.outSize, event.key);
    if (!next) return;
    event.preventDefault();
    this.player.stop();
    this.move(next);
  };

  override render() {
    const example = this.example;
    if (!example) {
      return html`<figure>
        <h3>The computation</h3>
        <p class="too-big">
          The numbers are written out for grids up to ${NUMBER_GRID_LIMIT} cells a side; this
          layer's padded input is larger. Make the input smaller to see the arithmetic.
        </p>
      </figure>`;
    }
    const at = windowComputation(example, this.at);
    const [h, w] = convAxes(example.config, this.inH, this.inW);
    const [ph, pw] = [paddedLength(h), paddedLength(w)];
    const [kh, kw] = example.config.kernel;
    const [outH, outW] = this.outSize;
    const lit = new Set(at.terms.map((t) => `${t.row + h.padBefore},${t.col + w.padBefore}`));
    const mode = example.config.paddingMode;
    const columns = pw + 2 * kw + outW;
    // Header, captions and the equation scale with the cell: about 3 cells and 100 px of chrome.
    const rows = Math.max(ph, outH);
    const tall = this.maxHeight ? Math.floor((this.maxHeight - 100) / (rows + 3)) : Infinity;
    const cell = Math.min(
      cellSize(columns, this.width - 340, this.maxHeight ? 96 : 64),
      Math.max(22, tall - 2),
    );
    const gpu = this.gpuValue(this.at);
    const gpuResult = this.gpu.result;
    const total = at.sum + at.bias;
    return html`<figure style=${`--cell: ${cell}px`}>
      <figcaption>
        <h3>
          The computation: output (${this.at[0]}, ${this.at[1]})
          <span class="sub">one channel, small integers</span>
        </h3>
        <div class="controls">
          ${positionControls(this.player, this.at, this.outSize, (p) => this.move(p), {
            label: 'position',
            ariaLabel: 'Computed output position',
          })}
        </div>
      </figcaption>
      <div class="row">
        ${numberGrid({
          caption: ph !== this.inH || pw !== this.inW ? `input, padded (${mode})` : 'input',
          rows: ph,
          cols: pw,
          testid: 'dot-input',
          value: (r, c) => {
            const ir = paddedIndex(r - h.padBefore, this.inH, mode);
            const ic = paddedIndex(c - w.padBefore, this.inW, mode);
            return ir < 0 || ic < 0 ? 0 : cellValue(example.input, ir, ic);
          },
          look: (r, c) => {
            const pad =
              r < h.padBefore ||
              c < w.padBefore ||
              r >= h.padBefore + this.inH ||
              c >= w.padBefore + this.inW;
            return `${pad ? 'pad' : ''} ${lit.has(`${r},${c}`) ? 'lit' : ''}`;
          },
        })}
        <span class="op">×</span>
        ${numberGrid({
          caption: 'kernel',
          rows: kh,
          cols: kw,
          testid: 'dot-kernel',
          value: (r, c) => cellValue(example.weight, r, c),
          look: () => 'kernel',
        })}
        <span class="op">=</span>
        ${numberGrid({
          caption: 'products',
          rows: kh,
          cols: kw,
          testid: 'dot-products',
          value: (r, c) => at.terms[r * kw + c].product,
          look: () => 'product',
        })}
        <span class="op">→</span>
        <div
          class="output"
          tabindex="0"
          role="group"
          aria-label="Output. Arrow keys move the window; Space plays."
          @keydown=${this.onKey}
        >
          ${numberGrid({
            caption: 'output',
            rows: outH,
            cols: outW,
            testid: 'dot-output',
            value: (r, c) => cellValue(example.output, r, c),
            look: (r, c) => (r === this.at[0] && c === this.at[1] ? 'here' : 'out'),
            onPick: (r, c) => {
              this.player.stop();
              this.move([r, c]);
            },
          })}
        </div>
      </div>
      <p class="equation" data-testid="dot-equation">
        ${
          at.terms.length <= 9
            ? html`<span class="terms" data-testid="dot-terms"
                  >${at.terms.map((t) => `${paren(t.value)}·${paren(t.weight)}`).join(' + ')}</span
                ><br />`
            : null
        }
        Σ products <span>${formatValue(at.sum)}</span> + bias ${formatValue(at.bias)} =
        <span class="total" data-testid="dot-value">${formatValue(total)}</span>
        <br />
        ${
          gpu === null
            ? html`<span class="muted" data-testid="dot-gpu"
                >${gpuResult.kind === 'done' ? '' : gpuResult.message}</span
              >`
            : html`<span class=${gpu === total ? 'gpu' : 'bad'} data-testid="dot-gpu"
                >GPU (WGSL, f32): ${formatValue(gpu)} ${gpu === total ? '✓' : '✗'}</span
              >`
        }
      </p>
    </figure>`;
  }

  static override styles = [theme, numberGridStyles, computationFigureStyles];
}

customElements.define('ss-conv-dot-product-view', ConvDotProductView);
