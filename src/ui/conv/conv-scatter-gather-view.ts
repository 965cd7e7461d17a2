import { html } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  computationExample,
  gatherExample,
  scatterPartialOutput,
  scatterTerms,
  windowComputation,
  type ComputationExample,
  type GatherExample,
  type Pair,
  type ScatterTerm,
  type WindowComputation,
} from '../../core/conv/index.js';
import { ComputationView } from './conv-computation-view.js';
import { NUMBER_GRID_LIMIT, cellSize, tensorRows, tooBigFigure } from './conv-number-grid.js';
import { clampPosition } from './conv-position-player.js';
import './conv-compare-part.js';
import './conv-gather-part.js';
import './conv-scatter-part.js';

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

/**
 * A transposed convolution computed two ways, in numbers: scatter (step through the input,
 * each value times the kernel added into the output, which accumulates) and gather (the
 * stride-1 convolution with the flipped kernel over the spread, ringed grid of the stages
 * view), then both outputs and the GPU's side by side, compared cell for cell — one component
 * each, sized here to one cell size and fed one example and one GPU run.
 *
 * The gather's output position is the lab's kernel position (emits `ss-conv-position`).
 */
export class ConvScatterGatherView extends ComputationView {
  /** Which part to show: all three (the lab), or one (a slide). */
  @property({ type: String }) show: 'all' | ScatterGatherPart = 'all';
  @state() private step: Pair = [0, 0];
  private gather: GatherExample | null = null;

  get computation(): ScatterGatherSnapshot | null {
    const { example, gather } = this;
    if (!example || !gather) return null;
    const position = clampPosition(this.position, this.outSize);
    const at = windowComputation(gather.example, position);
    const gpu = this.gpu.result;
    return {
      input: tensorRows(example.input),
      kernel: tensorRows(example.weight),
      bias: example.bias,
      step: this.step,
      scatter: scatterTerms(example, ...this.step),
      scatterOutput: Array.from(scatterPartialOutput(example, this.inH * this.inW)),
      gatherGrid: tensorRows(gather.example.input),
      flippedKernel: tensorRows(gather.example.weight),
      position,
      window: at.terms,
      sum: at.sum,
      gatherOutput: Array.from(gather.example.output.data),
      gpuOutput: gpu.kind === 'done' ? Array.from(gpu.output) : null,
      outputShape: this.outSize,
    };
  }

  protected buildExample(): ComputationExample | null {
    const example = computationExample(this.config, this.inH, this.inW);
    const gather = gatherExample(example);
    const [, , gh, gw] = gather.example.input.shape;
    const fits = Math.max(gh, gw, this.inH, this.inW) <= NUMBER_GRID_LIMIT;
    this.gather = fits ? gather : null;
    this.step = clampPosition(this.step, [this.inH, this.inW]);
    return fits ? example : null;
  }

  override render() {
    const { example, gather } = this;
    if (!example || !gather) return tooBigFigure('Scatter and gather', 'stage grid');
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
    const cell = cellSize(columns, rows, this.width, this.maxHeight);
    const render: Record<ScatterGatherPart, () => unknown> = {
      scatter: () =>
        html`<ss-conv-scatter-part
          .example=${example}
          .step=${this.step}
          @ss-conv-step=${(e: CustomEvent<Pair>) => (this.step = e.detail)}
        ></ss-conv-scatter-part>`,
      gather: () =>
        html`<ss-conv-gather-part
          .example=${example}
          .gather=${gather}
          .position=${this.position}
          .gpu=${this.gpu.result}
        ></ss-conv-gather-part>`,
      compare: () =>
        html`<ss-conv-compare-part
          .example=${example}
          .gather=${gather}
          .gpu=${this.gpu.result}
        ></ss-conv-compare-part>`,
    };
    return html`<div style=${`--cell: ${cell}px`}>${parts.map((p) => render[p]())}</div>`;
  }
}

customElements.define('ss-conv-scatter-gather-view', ConvScatterGatherView);
