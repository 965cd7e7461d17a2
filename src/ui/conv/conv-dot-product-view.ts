import { html } from 'lit';
import {
  cellValue,
  computationExample,
  convAxes,
  paddedIndex,
  paddedLength,
  windowComputation,
  type ComputationExample,
  type Pair,
  type WindowComputation,
} from '../../core/conv/index.js';
import { ComputationView } from './conv-computation-view.js';
import {
  NUMBER_GRID_LIMIT,
  cellSize,
  checked,
  formatValue,
  kernelProducts,
  numberGrid,
  tensorRows,
  tooBigFigure,
} from './conv-number-grid.js';
import { OutputCursor } from './conv-output-cursor.js';

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

/**
 * One output cell of a convolution being computed, in numbers large enough for a projector:
 * the (padded) input with the window lit, the kernel's weights, their products, and
 * Σ products + bias = the output value, beside the GPU's value for the same cell. Play/scrub,
 * arrow keys on the output, or a click moves the window (emits `ss-conv-position`).
 *
 * The layer's geometry runs on one channel, with small integers (computationExample).
 */
export class ConvDotProductView extends ComputationView {
  private readonly cursor = new OutputCursor(
    this,
    () => this.position,
    () => this.outSize,
  );

  get computation(): DotProductSnapshot | null {
    const example = this.example;
    if (!example) return null;
    const position = this.cursor.at;
    const at = windowComputation(example, position);
    return {
      input: tensorRows(example.input),
      kernel: tensorRows(example.weight),
      bias: example.bias,
      position,
      window: at.terms,
      sum: at.sum,
      output: at.output,
      gpu: this.gpuValue(position),
    };
  }

  protected buildExample(): ComputationExample | null {
    const [h, w] = convAxes(this.config, this.inH, this.inW);
    const fits = Math.max(paddedLength(h), paddedLength(w)) <= NUMBER_GRID_LIMIT;
    return fits ? computationExample(this.config, this.inH, this.inW) : null;
  }

  private gpuValue([r, c]: Pair): number | null {
    const result = this.gpu.result;
    if (result.kind !== 'done') return null;
    return result.output[r * result.shape[3] + c] ?? null;
  }

  override render() {
    const example = this.example;
    if (!example) return tooBigFigure('The computation', 'padded input');
    const position = this.cursor.at;
    const at = windowComputation(example, position);
    const [h, w] = convAxes(example.config, this.inH, this.inW);
    const [ph, pw] = [paddedLength(h), paddedLength(w)];
    const [kh, kw] = example.config.kernel;
    const [outH, outW] = this.outSize;
    const lit = new Set(at.terms.map((t) => `${t.row + h.padBefore},${t.col + w.padBefore}`));
    const mode = example.config.paddingMode;
    const cell = cellSize(pw + 2 * kw + outW, Math.max(ph, outH), this.width, this.maxHeight);
    const gpu = this.gpuValue(position);
    const gpuResult = this.gpu.result;
    const total = at.sum + at.bias;
    return html`<figure style=${`--cell: ${cell}px`}>
      <figcaption>
        <h3>
          The computation: output (${position[0]}, ${position[1]})
          <span class="sub">one channel, small integers</span>
        </h3>
        <div class="controls">${this.cursor.controls('Computed output position')}</div>
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
        ${kernelProducts({
          prefix: 'dot',
          rows: kh,
          cols: kw,
          weight: (r, c) => cellValue(example.weight, r, c),
          product: (r, c) => at.terms[r * kw + c].product,
        })}
        <span class="op">→</span>
        ${this.cursor.grid('Output', 'dot-output', (r, c) => cellValue(example.output, r, c))}
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
            : checked(gpu === total, `GPU (WGSL, f32): ${formatValue(gpu)}`, 'dot-gpu')
        }
      </p>
    </figure>`;
  }
}

customElements.define('ss-conv-dot-product-view', ConvDotProductView);
