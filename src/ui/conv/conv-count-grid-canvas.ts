import { LitElement, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PICTURE_LIMIT } from '../../labs/conv/conv-layer-params.js';
import {
  CELL,
  cellAt,
  cellLabels,
  countColour,
  drawTitle,
  layoutPanels,
  markCells,
  outlineBlock,
  paintCells,
  prepareCanvas,
  readPalette,
  strokeGrid,
  type PanelLayout,
  HOVER_STROKE,
} from './conv-grid-drawing.js';
import { pictureFrame, pictureStyles, swatch } from './conv-picture-frame.js';
import { theme } from '../shell/theme.js';
import { ResizeController } from '../widgets/resize-controller.js';

/** Never-read lines of a grid, by where they are. */
export interface UnreadMarks {
  lostRows: readonly number[];
  lostCols: readonly number[];
  gapRows: readonly number[];
  gapCols: readonly number[];
}

/**
 * A grid of counts drawn as a heat map with the numbers in the cells: how often a convolution
 * reads each cell (coverage), or how many kernel contributions each output cell of a transposed
 * convolution receives (overlap). Zero is drawn in red where it matters (inside `region`).
 */
export class ConvCountGridCanvas extends LitElement {
  @property({ type: String }) heading: string = '';
  /** Caption above the grid inside the picture. */
  @property({ type: String }) caption: string = '';
  @property({ type: String }) filename: string = 'conv-counts.png';
  @property({ type: Number }) rows: number = 0;
  @property({ type: Number }) cols: number = 0;
  @property({ attribute: false }) counts: Int32Array = new Int32Array(0);
  /** Where the real cells are (the unpadded input); zeros outside it are padding, drawn dark. */
  @property({ attribute: false }) region: {
    row: number;
    col: number;
    rows: number;
    cols: number;
  } | null;
  @property({ attribute: false }) marks: UnreadMarks | null = null;
  /** What a zero means here, for the legend. */
  @property({ type: String }) zeroText: string = 'never read';
  @property({ type: String }) note: string = '';
  /** Tallest the picture may draw, in CSS pixels (a slide sets it); 0 uses a share of the window. */
  @property({ type: Number }) maxHeight = 0;
  @state() private hover: { row: number; col: number } | null = null;
  private layout: PanelLayout | null = null;
  private readonly resize = new ResizeController(this, () => this.draw());

  constructor() {
    super();
    this.region = null;
  }

  private get max(): number {
    let max = 0;
    for (const c of this.counts) if (c > max) max = c;
    return max;
  }

  /** Every non-zero count that occurs, in order: each gets its own swatch in the legend. */
  private presentCounts(): number[] {
    const seen = new Set<number>();
    for (const c of this.counts) if (c > 0) seen.add(c);
    return [...seen].sort((a, b) => a - b);
  }

  private get tooBig(): boolean {
    return this.rows > PICTURE_LIMIT || this.cols > PICTURE_LIMIT;
  }

  override render() {
    const max = this.max;
    const legend = html`${swatch(CELL.lostEdge, `0: ${this.zeroText}`)}
    ${this.region ? swatch(CELL.padding, 'padding, not read (harmless)') : null}
    ${this.presentCounts().map((count) => swatch(countColour(count, max), String(count)))}
    ${this.marks ? swatch(CELL.interiorGap, 'tick: never-read line inside the grid') : null}`;
    const canvas = this.tooBig
      ? html`<p class="too-big">
          ${this.rows} × ${this.cols} cells: too many to draw (the pictures stop at ${PICTURE_LIMIT}
          a side).
        </p>`
      : html`<canvas
          role="img"
          aria-label=${`${this.heading}: ${this.rows} by ${this.cols} counts from 0 to ${max}`}
          @pointermove=${this.onPointer}
          @pointerleave=${() => (this.hover = null)}
        ></canvas>`;
    return html`${pictureFrame({
        heading: this.heading,
        canvas,
        legend,
        filename: this.filename,
        host: this,
      })}
      <p class="readout">${this.describe()}</p>`;
  }

  private describe(): string {
    const h = this.hover;
    if (!h) return this.note;
    const count = this.counts[h.row * this.cols + h.col];
    const r = this.region;
    return r
      ? `input cell (${h.row - r.row}, ${h.col - r.col}) is read ${count} time${count === 1 ? '' : 's'}`
      : `output cell (${h.row}, ${h.col}) receives ${count} contribution${count === 1 ? '' : 's'}`;
  }

  override updated(): void {
    this.draw();
  }

  private draw(): void {
    const canvas = this.renderRoot.querySelector('canvas');
    if (!canvas || this.tooBig) return;
    const pal = readPalette(this);
    const width = Math.max(240, (canvas.parentElement?.clientWidth ?? 600) - 2);
    const layout = layoutPanels(
      [{ rows: this.rows, cols: this.cols, title: this.caption }],
      width,
      48,
      this.maxHeight || Math.max(320, window.innerHeight * 0.55),
    );
    this.layout = layout;
    const ctx = prepareCanvas(canvas, Math.min(width, layout.width + 24), layout.height);
    if (!ctx) return;
    const [panel] = layout.panels;
    const { cell } = layout;
    const region = this.region;
    const inRegion = (r: number, c: number) =>
      !region ||
      (r >= region.row &&
        c >= region.col &&
        r < region.row + region.rows &&
        c < region.col + region.cols);
    const max = this.max;
    const cellColour = (r: number, c: number) => {
      const count = this.counts[r * this.cols + c];
      if (count === 0 && !inRegion(r, c)) return CELL.padding;
      return countColour(count, max);
    };
    paintCells(ctx, panel, cell, cellColour);
    strokeGrid(ctx, panel, cell, pal.line);
    cellLabels(
      ctx,
      panel,
      cell,
      (r, c) => String(this.counts[r * this.cols + c]),
      '#101418',
      pal.mono,
      (r, c) => cellColour(r, c),
    );
    if (region && (region.rows !== this.rows || region.cols !== this.cols))
      outlineBlock(ctx, panel, cell, region, pal.muted, true);
    this.drawMarks(ctx, layout);
    drawTitle(ctx, panel, pal.text, `600 16px ${pal.font}`);
    if (this.hover) markCells(ctx, panel, cell, [this.hover], HOVER_STROKE, null);
  }

  private drawMarks(ctx: CanvasRenderingContext2D, layout: PanelLayout): void {
    const marks = this.marks;
    if (!marks) return;
    const [panel] = layout.panels;
    const { cell } = layout;
    const dr = this.region?.row ?? 0;
    const dc = this.region?.col ?? 0;
    const tick = Math.max(2, Math.min(cell, 10));
    const hex = (c: number) => `#${c.toString(16)}`;
    const rowTicks = (list: readonly number[], colour: number) => {
      ctx.fillStyle = hex(colour);
      for (const r of list)
        ctx.fillRect(panel.x - 12, panel.y + (r + dr) * cell + (cell - tick) / 2, 8, tick);
    };
    const colTicks = (list: readonly number[], colour: number) => {
      ctx.fillStyle = hex(colour);
      for (const c of list)
        ctx.fillRect(
          panel.x + (c + dc) * cell + (cell - tick) / 2,
          panel.y + panel.rows * cell + 4,
          tick,
          8,
        );
    };
    rowTicks(marks.lostRows, CELL.lostEdge);
    rowTicks(marks.gapRows, CELL.interiorGap);
    colTicks(marks.lostCols, CELL.lostEdge);
    colTicks(marks.gapCols, CELL.interiorGap);
  }

  private onPointer = (event: PointerEvent) => {
    const layout = this.layout;
    if (!layout) return;
    const box = (event.target as HTMLCanvasElement).getBoundingClientRect();
    const hit = cellAt(
      layout.panels[0],
      layout.cell,
      event.clientX - box.left,
      event.clientY - box.top,
    );
    if (JSON.stringify(hit) !== JSON.stringify(this.hover)) this.hover = hit;
  };

  static override styles = [theme, pictureStyles];
}

customElements.define('ss-conv-count-grid-canvas', ConvCountGridCanvas);
