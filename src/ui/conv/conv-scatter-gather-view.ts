import { LitElement, css, html, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  cellValue,
  computationExample,
  gatherExample,
  sameOutputs,
  scatterPartialOutput,
  scatterTerms,
  windowComputation,
  type ComputationExample,
  type ConvConfig,
  type GatherExample,
  type Pair,
  type ScatterTerm,
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

export type ScatterGatherPart = 'scatter' | 'gather' | 'compare';

/** What the view shows, as plain numbers: `element.computation`. */
export interface ScatterGatherSnapshot {
  input: number[][];
  kernel: number[][];
  bias: number;
  /** Scatter: the input cell being added, and what it adds. */
  step: Pair;
  scatter: ScatterTerm[];
  /** Scatter's output after every input cell, row-major. */
  scatterOutput: number[];
  /** Gather: the stage grid (spread, ringed input), the flipped kernel, one output cell's sum. */
  gatherGrid: number[][];
  flippedKernel: number[][];
  position: Pair;
  window: WindowComputation['terms'];
  sum: number;
  /** Gather's output, row-major: a stride-1 conv2d over the grid. */
  gatherOutput: number[];
  /** The GPU's output (the real WGSL conv_transpose2d), row-major, or null while there is none. */
  gpuOutput: number[] | null;
  outputShape: Pair;
}

function rowsOf(tensor: ComputationExample['input']): number[][] {
  const [, , h, w] = tensor.shape;
  return Array.from({ length: h }, (_, r) =>
    Array.from({ length: w }, (_, c) => cellValue(tensor, r, c)),
  );
}

/**
 * A transposed convolution computed two ways, in numbers: scatter (step through the input,
 * each value times the kernel added into the output, which accumulates) and gather (the
 * stride-1 convolution with the flipped kernel over the spread, ringed grid of the stages
 * view), then both outputs and the GPU's side by side, compared cell for cell.
 *
 * The gather's output position is the lab's kernel position (emits `ss-conv-position`).
 */
export class ConvScatterGatherView extends LitElement {
  @property({ attribute: false }) config!: ConvConfig;
  @property({ type: Number }) inH!: number;
  @property({ type: Number }) inW!: number;
  @property({ attribute: false }) position: Pair = [0, 0];
  @property({ attribute: false }) session?: GpuSession;
  @state() private step: Pair = [0, 0];
  /** Which part to show: all three (the lab), or one (a slide). */
  @property({ type: String }) show: 'all' | ScatterGatherPart = 'all';
  /** Tallest one part may be, in CSS pixels (a slide sets it); 0 leaves the height free. */
  @property({ type: Number }) maxHeight = 0;
  @state() private width = 900;

  private example: ComputationExample | null = null;
  private gather: GatherExample | null = null;
  private readonly gpu = new ComputationGpu(this, () => this.session);
  private readonly scatterPlayer = new PositionPlayer(this, () => {
    this.step = nextPosition(this.step, [this.inH, this.inW]);
  });
  private readonly gatherPlayer = new PositionPlayer(this, () =>
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

  private gpuOutput(): Float32Array | null {
    const result = this.gpu.result;
    return result.kind === 'done' ? result.output : null;
  }

  get computation(): ScatterGatherSnapshot | null {
    const { example, gather } = this;
    if (!example || !gather) return null;
    const at = windowComputation(gather.example, this.at);
    const gpu = this.gpuOutput();
    return {
      input: rowsOf(example.input),
      kernel: rowsOf(example.weight),
      bias: example.bias,
      step: this.step,
      scatter: scatterTerms(example, ...this.step),
      scatterOutput: Array.from(scatterPartialOutput(example, this.inH * this.inW)),
      gatherGrid: rowsOf(gather.example.input),
      flippedKernel: rowsOf(gather.example.weight),
      position: this.at,
      window: at.terms,
      sum: at.sum,
      gatherOutput: Array.from(gather.example.output.data),
      gpuOutput: gpu ? Array.from(gpu) : null,
      outputShape: this.outSize,
    };
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('config') && !changed.has('inH') && !changed.has('inW')) return;
    const example = computationExample(this.config, this.inH, this.inW);
    const gather = gatherExample(example);
    const [, , gh, gw] = gather.example.input.shape;
    const fits = Math.max(gh, gw, this.inH, this.inW) <= NUMBER_GRID_LIMIT;
    this.example = fits ? example : null;
    this.gather = fits ? gather : null;
    this.step = clampPosition(this.step, [this.inH, this.inW]);
    if (this.example) this.gpu.request(this.example);
  }

  private move(position: Pair): void {
    emitEvent(this, 'ss-conv-position', position);
  }

  private readonly onKey = (event: KeyboardEvent) => {
    if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      this.gatherPlayer.toggle();
      return;
    }
    const next = movePosition(this.at, this.outSize, event.key);
    if (!next) return;
    event.preventDefault();
    this.gatherPlayer.stop();
    this.move(next);
  };

  override render() {
    const { example, gather } = this;
    if (!example || !gather) {
      return html`<figure>
        <h3>Scatter and gather</h3>
        <p class="too-big">
          The numbers are written out for grids up to ${NUMBER_GRID_LIMIT} cells a side; this
          layer's stage grid is larger. Make the input smaller to see the arithmetic.
        </p>
      </figure>`;
    }
    const [, , gh, gw] = gather.example.input.shape;
    const [outH, outW] = this.outSize;
    const [kh, kw] = example.config.kernel;
    // Cells across and down each part: the widest row of grids, the tallest grid.
    const sizes: Record<ScatterGatherPart, Pair> = {
      scatter: [this.inW + kw + outW, Math.max(this.inH, kh, outH)],
      gather: [gw + 2 * kw + outW, Math.max(gh, outH)],
      compare: [3 * outW, outH],
    };
    const parts: ScatterGatherPart[] =
      this.show === 'all' ? ['scatter', 'gather', 'compare'] : [this.show];
    const columns = Math.max(...parts.map((p) => sizes[p][0]));
    const rows = Math.max(...parts.map((p) => sizes[p][1]));
    // Header, captions and the equation scale with the cell: about 3 cells and 100 px of chrome.
    const tall = this.maxHeight ? Math.floor((this.maxHeight - 100) / (rows + 3)) : Infinity;
    const cell = Math.min(
      cellSize(columns, this.width - 340, this.maxHeight ? 96 : 64),
      Math.max(22, tall - 2),
    );
    const render: Record<ScatterGatherPart, () => unknown> = {
      scatter: () => this.renderScatter(example),
      gather: () => this.renderGather(example, gather, gh, gw),
      compare: () => this.renderCompare(example, gather),
    };
    return html`<div style=${`--cell: ${cell}px`}>${parts.map((p) => render[p]())}</div>`;
  }

  private renderScatter(example: ComputationExample) {
    const [sr, sc] = this.step;
    const index = sr * this.inW + sc;
    const value = cellValue(example.input, sr, sc);
    const terms = scatterTerms(example, sr, sc);
    const added = new Set(terms.map((t) => `${t.row},${t.col}`));
    const partial = scatterPartialOutput(example, index + 1);
    const [outH, outW] = this.outSize;
    const [kh, kw] = example.config.kernel;
    return html`<figure data-testid="scatter">
      <figcaption>
        <h3>
          Scatter: input (${sr}, ${sc}) = ${formatValue(value)}, times the kernel, added into the
          output
        </h3>
        <div class="controls">
          ${positionControls(
            this.scatterPlayer,
            this.step,
            [this.inH, this.inW],
            (p) => (this.step = p),
            { label: 'input cell', ariaLabel: 'Scattered input cell' },
          )}
        </div>
      </figcaption>
      <div class="row">
        ${numberGrid({
          caption: 'input',
          rows: this.inH,
          cols: this.inW,
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
          caption: `output after ${index + 1} of ${this.inH * this.inW} input cells (bias ${formatValue(example.bias)} first)`,
          rows: outH,
          cols: outW,
          testid: 'scatter-output',
          value: (r, c) => partial[r * outW + c],
          look: (r, c) => (added.has(`${r},${c}`) ? 'out added' : 'out'),
        })}
      </div>
    </figure>`;
  }

  private renderGather(example: ComputationExample, gather: GatherExample, gh: number, gw: number) {
    const at = windowComputation(gather.example, this.at);
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
    const [kh, kw] = example.config.kernel;
    const [outH, outW] = this.outSize;
    const gpu = this.gpuOutput();
    const gpuValue = gpu ? gpu[this.at[0] * outW + this.at[1]] : null;
    const total = at.sum + at.bias;
    return html`<figure data-testid="gather">
      <figcaption>
        <h3>
          Gather: a stride-1 conv with the flipped kernel over the spread, ringed input — output
          (${this.at[0]}, ${this.at[1]})
        </h3>
        <div class="controls">
          ${positionControls(this.gatherPlayer, this.at, this.outSize, (p) => this.move(p), {
            label: 'position',
            ariaLabel: 'Gathered output position',
          })}
        </div>
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
        <span class="op">×</span>
        ${numberGrid({
          caption: 'kernel, flipped',
          rows: kh,
          cols: kw,
          testid: 'gather-kernel',
          value: (r, c) => cellValue(gather.example.weight, r, c),
          look: () => 'kernel',
        })}
        <span class="op">=</span>
        ${numberGrid({
          caption: 'products',
          rows: kh,
          cols: kw,
          testid: 'gather-products',
          value: (r, c) => at.terms[r * kw + c].product,
          look: () => 'product',
        })}
        <span class="op">→</span>
        <div
          class="output"
          tabindex="0"
          role="group"
          aria-label="Gathered output. Arrow keys move the window; Space plays."
          @keydown=${this.onKey}
        >
          ${numberGrid({
            caption: 'output',
            rows: outH,
            cols: outW,
            testid: 'gather-output',
            value: (r, c) => cellValue(gather.example.output, r, c),
            look: (r, c) => (r === this.at[0] && c === this.at[1] ? 'here' : 'out'),
            onPick: (r, c) => {
              this.gatherPlayer.stop();
              this.move([r, c]);
            },
          })}
        </div>
      </div>
      <p class="equation">
        Σ products ${formatValue(at.sum)} + bias ${formatValue(at.bias)} =
        <span class="total" data-testid="gather-value">${formatValue(total)}</span>
        ${
          gpuValue === null
            ? null
            : html`·
                <span class=${gpuValue === total ? 'gpu' : 'bad'}
                  >GPU ${formatValue(gpuValue)} ${gpuValue === total ? '✓' : '✗'}</span
                >`
        }
      </p>
    </figure>`;
  }

  private renderCompare(example: ComputationExample, gather: GatherExample) {
    const [outH, outW] = this.outSize;
    const scatter = scatterPartialOutput(example, this.inH * this.inW);
    const gathered = gather.example.output.data;
    const gpu = this.gpuOutput();
    const same = sameOutputs(scatter, gathered);
    const gpuSame = gpu ? sameOutputs(scatter, gpu) : null;
    const grid = (caption: string, testid: string, data: ArrayLike<number>) =>
      numberGrid({
        caption,
        rows: outH,
        cols: outW,
        testid,
        value: (r, c) => data[r * outW + c],
        look: () => 'out',
      });
    const result = this.gpu.result;
    return html`<figure data-testid="scatter-gather-compare">
      <figcaption>
        <h3>Both give the same output</h3>
      </figcaption>
      <div class="row">
        ${grid('scatter', 'compare-scatter', scatter)}
        <span class="op">${same ? '=' : '≠'}</span>
        ${grid('gather', 'compare-gather', gathered)}
        ${
          gpu
            ? html`<span class="op">${gpuSame ? '=' : '≠'}</span>
                ${grid('GPU (WGSL, f32)', 'compare-gpu', gpu)}`
            : null
        }
      </div>
      <p class="equation" data-testid="scatter-gather-verdict">
        ${
          same
            ? html`<span class="gpu">✓ scatter and gather agree in all ${outH * outW} cells</span>`
            : html`<span class="bad">✗ scatter and gather differ</span>`
        }
        ${
          gpu
            ? gpuSame
              ? html`<span class="gpu"> · ✓ and so does the GPU</span>`
              : html`<span class="bad"> · ✗ the GPU differs</span>`
            : result.kind === 'done'
              ? null
              : html`<span class="muted"> · ${result.message}</span>`
        }
      </p>
    </figure>`;
  }

  static override styles = [
    theme,
    numberGridStyles,
    computationFigureStyles,
    css`
      h3 {
        max-width: 60rem;
      }
    `,
  ];
}

customElements.define('ss-conv-scatter-gather-view', ConvScatterGatherView);
