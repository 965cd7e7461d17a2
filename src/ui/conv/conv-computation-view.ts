import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ComputationExample, ConvConfig, Pair } from '../../core/conv/index.js';
import { ComputationGpu } from '../../labs/conv/conv-computation-gpu.js';
import type { GpuSession } from '../../labs/gpu-session.js';
import { ResizeController } from '../widgets/resize-controller.js';
import { computationStyles } from './conv-number-grid.js';

/**
 * The base of the Conv Lab's computation views: a layer's geometry (`config` over an input of
 * `inH` × `inW`) run on one channel with small integers (computationExample), the GPU's run of
 * the same example, the lab's kernel position, and the view's width and height limit, which set
 * the size of its cells. `example` is null when its grids are too large to write out.
 */
export abstract class ComputationView extends LitElement {
  @property({ attribute: false }) config!: ConvConfig;
  @property({ type: Number }) inH!: number;
  @property({ type: Number }) inW!: number;
  @property({ attribute: false }) position: Pair = [0, 0];
  @property({ attribute: false }) session?: GpuSession;
  /** Tallest the view (on a slide, one part of it) may be, in CSS pixels; 0 leaves it free. */
  @property({ type: Number }) maxHeight = 0;
  @state() protected width = 900;

  protected example: ComputationExample | null = null;
  protected readonly gpu = new ComputationGpu(this, () => this.session);
  private readonly resize = new ResizeController(this, () => {
    this.width = this.clientWidth;
  });

  /**
   * Called when the layer changes: its example (and whatever else the view derives from the
   * layer), or null where the view's grids are wider than the numbers are written for.
   */
  protected abstract buildExample(): ComputationExample | null;

  protected get outSize(): Pair {
    const shape = this.example?.output.shape;
    return shape ? [shape[2], shape[3]] : [0, 0];
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('config') && !changed.has('inH') && !changed.has('inW')) return;
    this.example = this.buildExample();
    if (this.example) this.gpu.request(this.example);
  }

  static override styles = computationStyles;
}
