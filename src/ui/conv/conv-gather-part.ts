import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import {
  cellValue,
  windowComputation,
  type ComputationExample,
  type GatherExample,
  type Pair,
} from '../../core/conv/index.js';
import type { ComputationGpuResult } from '../../labs/conv/conv-computation-gpu.js';
import {
  checked,
  computationStyles,
  formatValue,
  kernelProducts,
  longHeadingStyles,
  numberGrid,
} from './conv-number-grid.js';
import { OutputCursor } from './conv-output-cursor.js';

/**
 * Gather, one output cell: the stride-1 convolution with the flipped kernel over the spread,
 * ringed grid of the stages view, beside the GPU's value for that cell. The output cell is the
 * lab's kernel position (emits `ss-conv-position`).
 */
export class ConvGatherPart extends LitElement {
  @property({ attribute: false }) example!: ComputationExample;
  @property({ attribute: false }) gather!: GatherExample;
  @property({ attribute: false }) position: Pair = [0, 0];
  @property({ attribute: false }) gpu: ComputationGpuResult = { kind: 'waiting', message: '' };

  private readonly cursor = new OutputCursor(
    this,
    () => this.position,
    () => {
      const [, , h, w] = this.example.output.shape;
      return [h, w];
    },
  );

  override render() {
    const { example, gather } = this;
    const position = this.cursor.at;
    const at = windowComputation(gather.example, position);
    const lit = new Set(at.terms.map((t) => `${t.row},${t.col}`));
    const { h, w } = gather.stages;
    const [s0, s1] = example.config.stride;
    const isInput = (r: number, c: number) => {
      const y = h.gridStart + r;
      const x = w.gridStart + c;
      return (
        y >= 0 && y < h.spreadLength && y % s0 === 0 && x >= 0 && x < w.spreadLength && x % s1 === 0
      );
    };
    const [, , gh, gw] = gather.example.input.shape;
    const [kh, kw] = example.config.kernel;
    const outW = example.output.shape[3];
    const gpuValue =
      this.gpu.kind === 'done' ? this.gpu.output[position[0] * outW + position[1]] : null;
    const total = at.sum + at.bias;
    return html`<figure data-testid="gather">
      <figcaption>
        <h3>
          Gather: a stride-1 conv with the flipped kernel over the spread, ringed input — output
          (${position[0]}, ${position[1]})
        </h3>
        <div class="controls">${this.cursor.controls('Gathered output position')}</div>
      </figcaption>
      <div class="row">
        ${numberGrid({
          caption: `spread, ringed grid ${gh} × ${gw}`,
          rows: gh,
          cols: gw,
          testid: 'gather-grid',
          value: (r, c) => cellValue(gather.example.input, r, c),
          look: (r, c) => `${isInput(r, c) ? '' : 'zero'} ${lit.has(`${r},${c}`) ? 'lit' : ''}`,
        })}
        ${kernelProducts({
          prefix: 'gather',
          caption: 'kernel, flipped',
          rows: kh,
          cols: kw,
          weight: (r, c) => cellValue(gather.example.weight, r, c),
          product: (r, c) => at.terms[r * kw + c].product,
        })}
        <span class="op">→</span>
        ${this.cursor.grid('Gathered output', 'gather-output', (r, c) =>
          cellValue(gather.example.output, r, c),
        )}
      </div>
      <p class="equation">
        Σ products ${formatValue(at.sum)} + bias ${formatValue(at.bias)} =
        <span class="total" data-testid="gather-value">${formatValue(total)}</span>
        ${gpuValue === null ? null : html`· ${checked(gpuValue === total, `GPU ${formatValue(gpuValue)}`)}`}
      </p>
    </figure>`;
  }

  static override styles = [...computationStyles, longHeadingStyles];
}

customElements.define('ss-conv-gather-part', ConvGatherPart);
