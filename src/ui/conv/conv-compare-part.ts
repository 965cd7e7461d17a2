import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import {
  sameOutputs,
  scatterPartialOutput,
  type ComputationExample,
  type GatherExample,
} from '../../core/conv/index.js';
import type { ComputationGpuResult } from '../../labs/conv/conv-computation-gpu.js';
import { computationStyles, longHeadingStyles, numberGrid } from './conv-number-grid.js';

/**
 * A transposed convolution's output three ways, side by side and compared cell for cell: scatter
 * (every input cell scattered), gather, and the GPU (the real WGSL conv_transpose2d).
 */
export class ConvComparePart extends LitElement {
  @property({ attribute: false }) example!: ComputationExample;
  @property({ attribute: false }) gather!: GatherExample;
  @property({ attribute: false }) gpu: ComputationGpuResult = { kind: 'waiting', message: '' };

  override render() {
    const { example } = this;
    const [, , inH, inW] = example.input.shape;
    const [, , outH, outW] = example.output.shape;
    const scatter = scatterPartialOutput(example, inH * inW);
    const gathered = this.gather.example.output.data;
    const result = this.gpu;
    const gpu = result.kind === 'done' ? result.output : null;
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

  static override styles = [...computationStyles, longHeadingStyles];
}

customElements.define('ss-conv-compare-part', ConvComparePart);
