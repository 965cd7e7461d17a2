import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import {
  cellValue,
  scatterPartialOutput,
  scatterTerms,
  type ComputationExample,
  type Pair,
} from '../../core/conv/index.js';
import { emitEvent } from '../widgets/emit-event.js';
import {
  computationStyles,
  formatValue,
  longHeadingStyles,
  numberGrid,
} from './conv-number-grid.js';
import { PositionPlayer, nextPosition, positionControls } from './conv-position-player.js';

/**
 * Scatter, one input cell at a time: that value times the kernel, added into the output, which
 * accumulates. The owner keeps the input cell `step`; playing or scrubbing asks to move it
 * (emits `ss-conv-step`, detail [row, col]).
 */
export class ConvScatterPart extends LitElement {
  @property({ attribute: false }) example!: ComputationExample;
  @property({ attribute: false }) step: Pair = [0, 0];

  private readonly player = new PositionPlayer(this, () =>
    this.move(nextPosition(this.step, this.inSize)),
  );

  private get inSize(): Pair {
    const [, , h, w] = this.example.input.shape;
    return [h, w];
  }

  private move(step: Pair): void {
    emitEvent(this, 'ss-conv-step', step);
  }

  override render() {
    const { example } = this;
    const [inH, inW] = this.inSize;
    const [sr, sc] = this.step;
    const index = sr * inW + sc;
    const value = cellValue(example.input, sr, sc);
    const added = new Set(scatterTerms(example, sr, sc).map((t) => `${t.row},${t.col}`));
    const partial = scatterPartialOutput(example, index + 1);
    const [, , outH, outW] = example.output.shape;
    const [kh, kw] = example.config.kernel;
    return html`<figure data-testid="scatter">
      <figcaption>
        <h3>
          Scatter: input (${sr}, ${sc}) = ${formatValue(value)}, times the kernel, added into the
          output
        </h3>
        <div class="controls">
          ${positionControls(this.player, this.step, this.inSize, (p) => this.move(p), {
            label: 'input cell',
            ariaLabel: 'Scattered input cell',
          })}
        </div>
      </figcaption>
      <div class="row">
        ${numberGrid({
          caption: 'input',
          rows: inH,
          cols: inW,
          testid: 'scatter-input',
          value: (r, c) => cellValue(example.input, r, c),
          look: (r, c) => (r === sr && c === sc ? 'lit' : ''),
        })}
        <span class="op">→</span>
        ${numberGrid({
          caption: `${formatValue(value)} × kernel`,
          rows: kh,
          cols: kw,
          testid: 'scatter-scaled',
          value: (r, c) => value * cellValue(example.weight, r, c),
          look: () => 'product',
        })}
        <span class="op">+=</span>
        ${numberGrid({
          caption: `output after ${index + 1} of ${inH * inW} input cells (bias ${formatValue(example.bias)} first)`,
          rows: outH,
          cols: outW,
          testid: 'scatter-output',
          value: (r, c) => partial[r * outW + c],
          look: (r, c) => (added.has(`${r},${c}`) ? 'out added' : 'out'),
        })}
      </div>
    </figure>`;
  }

  static override styles = [...computationStyles, longHeadingStyles];
}

customElements.define('ss-conv-scatter-part', ConvScatterPart);
