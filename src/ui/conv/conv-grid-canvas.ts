import { LitElement, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import {
  convAxes,
  convAxisOutput,
  convCoverageGrid,
  convReadCells,
  convReaderCells,
  convUnreadLines,
  paddedLength,
  type ConvConfig,
  type CoverageGrid,
  type Pair,
} from '../../core/conv/index.js';
import { PICTURE_LIMIT } from '../../labs/conv/conv-layer-params.js';
import {
  CELL,
  cellAt,
  cellLabels,
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
  KERNEL_FILL,
  KERNEL_FILL_ALPHA,
  KERNEL_FILL_RGB,
  over,
} from './conv-grid-drawing.js';
import { pictureFrame, pictureStyles, swatch } from './conv-picture-frame.js';
import { PositionInteraction, type PanelCell } from './conv-position-interaction.js';
import { clampPosition } from './conv-position-player.js';
import { theme } from '../shell/theme.js';
import { ResizeController } from '../widgets/resize-controller.js';

type Hover = PanelCell<'input' | 'output'>;

/**
 * A convolution as a picture: the padded input with padding cells marked, the kernel's taps at
 * the chosen output position, and the output grid. Hovering an output cell lights the input
 * cells it reads; hovering an input cell lights the output cells that read it. Never-read
 * input rows and columns are coloured and ticked. Arrow keys move the kernel, Space plays.
 *
 * Emits `ss-conv-position` (detail: [row, col]) when the kernel position changes.
 */
export class ConvGridCanvas extends LitElement {
  @property({ attribute: false }) config!: ConvConfig;
  @property({ type: Number }) inH!: number;
  @property({ type: Number }) inW!: number;
  @property({ attribute: false }) position: Pair = [0, 0];
  /** Tallest the picture may draw, in CSS pixels (a slide sets it); 0 uses a share of the window. */
  @property({ type: Number }) maxHeight = 0;

  private coverage: CoverageGrid | null = null;
  private lostRows = new Set<number>();
  private lostCols = new Set<number>();
  private gapRows = new Set<number>();
  private gapCols = new Set<number>();
  private outSize: Pair = [0, 0];
  private layout: PanelLayout | null = null;
  private readonly interaction = new PositionInteraction<Hover['panel']>(this, {
    cellAt: (x, y) => this.cellAt(x, y),
    position: () => this.at,
    size: () => this.outSize,
  });
  private readonly resize = new ResizeController(this, () => this.draw());

  private get hover(): Hover | null {
    return this.interaction.hover;
  }

  private get at(): Pair {
    return clampPosition(this.position, this.outSize);
  }

  private get tooBig(): boolean {
    const c = this.coverage;
    return !c || c.rows > PICTURE_LIMIT || c.cols > PICTURE_LIMIT;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('config') && !changed.has('inH') && !changed.has('inW')) return;
    const [h, w] = convAxes(this.config, this.inH, this.inW);
    this.outSize = [convAxisOutput(h), convAxisOutput(w)];
    if (paddedLength(h) > PICTURE_LIMIT || paddedLength(w) > PICTURE_LIMIT) {
      this.coverage = {
        rows: paddedLength(h),
        cols: paddedLength(w),
        originRow: 0,
        originCol: 0,
        counts: new Int32Array(0),
      };
      return;
    }
    this.coverage = convCoverageGrid(this.config, this.inH, this.inW);
    const [uh, uw] = [convUnreadLines(h), convUnreadLines(w)];
    this.lostRows = new Set(uh.lostEdge);
    this.lostCols = new Set(uw.lostEdge);
    this.gapRows = new Set(uh.interiorGaps);
    this.gapCols = new Set(uw.interiorGaps);
  }

  override render() {
    const controls = this.interaction.controls();
    const canvas = this.tooBig
      ? html`<p class="too-big">
          The padded input is ${this.coverage?.rows} × ${this.coverage?.cols} cells: too many to
          draw (the pictures stop at ${PICTURE_LIMIT} a side). The shape above is still exact.
        </p>`
      : html`<canvas
          tabindex="0"
          role="img"
          aria-label="Convolution: padded input, kernel and output. Arrow keys move the kernel; Space plays."
          @keydown=${this.interaction.onKey}
          @pointermove=${this.interaction.onPointer}
          @pointerleave=${this.interaction.onLeave}
          @click=${this.interaction.onClick}
        ></canvas>`;
    const legend = html`${swatch(CELL.input, 'input')} ${swatch(CELL.padding, 'padding (0)')}
    ${swatch('#f0b040', 'kernel taps')} ${swatch('#5ab0f0', 'linked by hover')}
    ${swatch(CELL.lostEdge, 'never read: past the last window')}
    ${swatch(CELL.interiorGap, 'never read: stepped over')} ${swatch(CELL.output, 'output')}`;
    return html`${pictureFrame({
        heading: 'Kernel positions',
        controls,
        canvas,
        legend,
        filename: 'conv-kernel-positions.png',
        host: this,
      })}
      <p class="readout" data-testid="readout">${this.describe()}</p>`;
  }

  private describe(): string {
    if (this.tooBig || this.outSize[0] < 1 || this.outSize[1] < 1) return '';
    const hover = this.hover;
    if (hover?.panel === 'input' && this.coverage) {
      const row = hover.row - this.coverage.originRow;
      const col = hover.col - this.coverage.originCol;
      const readers = convReaderCells(this.config, this.inH, this.inW, row, col);
      const what =
        row < 0 || col < 0 || row >= this.inH || col >= this.inW ? 'Padding cell' : 'Input cell';
      return `${what} (${row}, ${col}) is read by ${readers.length} output cell${readers.length === 1 ? '' : 's'}${
        readers.length
          ? ': ' +
            readers
              .slice(0, 8)
              .map((c) => `(${c.row}, ${c.col})`)
              .join(' ') +
            (readers.length > 8 ? ' …' : '')
          : ' — never read'
      }`;
    }
    const [r, c] = hover?.panel === 'output' ? [hover.row, hover.col] : this.at;
    const reads = convReadCells(this.config, this.inH, this.inW, r, c);
    const rows = reads.map((x) => x.row);
    const cols = reads.map((x) => x.col);
    const padding = reads.filter((x) => x.padding).length;
    return `Output (${r}, ${c}) reads input rows ${span(rows)}, columns ${span(cols)}${padding ? ` — ${padding} of its ${reads.length} taps read padding` : ''}`;
  }

  override updated(): void {
    this.draw();
  }

  private draw(): void {
    const canvas = this.renderRoot.querySelector('canvas');
    const coverage = this.coverage;
    if (!canvas || !coverage || this.tooBig) return;
    const pal = readPalette(this);
    const [outH, outW] = this.outSize;
    const padded = coverage.rows !== this.inH || coverage.cols !== this.inW;
    const width = Math.max(320, (canvas.parentElement?.clientWidth ?? 800) - 2);
    const layout = layoutPanels(
      [
        {
          rows: coverage.rows,
          cols: coverage.cols,
          title: `input ${this.inH} × ${this.inW}${padded ? `, padded to ${coverage.rows} × ${coverage.cols}` : ''}`,
        },
        { rows: outH, cols: outW, title: `output ${outH} × ${outW}` },
      ],
      width,
      56,
      this.maxHeight || Math.max(360, window.innerHeight * 0.62),
    );
    this.layout = layout;
    const ctx = prepareCanvas(canvas, width, layout.height);
    if (!ctx) return;
    const { cell } = layout;
    const [input, output] = layout.panels;
    ctx.clearRect(0, 0, width, layout.height);
    const { originRow: or, originCol: oc } = coverage;
    paintCells(ctx, input, cell, (r, c) => {
      const row = r - or;
      const col = c - oc;
      if (row < 0 || col < 0 || row >= this.inH || col >= this.inW) return CELL.padding;
      if (coverage.counts[r * coverage.cols + c] > 0) return CELL.input;
      return this.lostRows.has(row) || this.lostCols.has(col) ? CELL.lostEdge : CELL.interiorGap;
    });
    paintCells(ctx, output, cell, () => CELL.output);
    strokeGrid(ctx, input, cell, pal.line);
    strokeGrid(ctx, output, cell, pal.line);
    const isPadding = (r: number, c: number) =>
      r < or || c < oc || r >= or + this.inH || c >= oc + this.inW;
    const padLabels = (under: (r: number, c: number) => boolean) =>
      cellLabels(
        ctx,
        input,
        cell,
        (r, c) => (isPadding(r, c) ? '0' : null),
        pal.muted,
        pal.mono,
        (r, c) =>
          under(r, c) ? over(KERNEL_FILL_RGB, KERNEL_FILL_ALPHA, CELL.padding) : CELL.padding,
      );
    if (padded)
      outlineBlock(
        ctx,
        input,
        cell,
        { row: or, col: oc, rows: this.inH, cols: this.inW },
        pal.muted,
        true,
      );
    this.drawUnreadTicks(ctx, input, cell);
    const font = `600 16px ${pal.font}`;
    drawTitle(ctx, input, pal.text, font);
    drawTitle(ctx, output, pal.text, font);
    if (outH < 1 || outW < 1) {
      padLabels(() => false);
      return;
    }

    const [r, c] = this.at;
    const reads = convReadCells(this.config, this.inH, this.inW, r, c).map((x) => ({
      row: x.row + or,
      col: x.col + oc,
    }));
    const rows = reads.map((x) => x.row);
    const cols = reads.map((x) => x.col);
    const top = Math.min(...rows);
    const left = Math.min(...cols);
    outlineBlock(
      ctx,
      input,
      cell,
      {
        row: top,
        col: left,
        rows: Math.max(...rows) - top + 1,
        cols: Math.max(...cols) - left + 1,
      },
      pal.accent,
      true,
    );
    markCells(ctx, input, cell, reads, pal.accent, KERNEL_FILL);
    markCells(ctx, output, cell, [{ row: r, col: c }], pal.accent, KERNEL_FILL);
    // The padding zeros go on top of the kernel's fill, in a colour that reads on it.
    padLabels((row, col) => reads.some((x) => x.row === row && x.col === col));

    const hover = this.hover;
    if (hover?.panel === 'output') {
      const linked = convReadCells(this.config, this.inH, this.inW, hover.row, hover.col).map(
        (x) => ({ row: x.row + or, col: x.col + oc }),
      );
      markCells(ctx, input, cell, linked, HOVER_STROKE, null);
      markCells(ctx, output, cell, [hover], HOVER_STROKE, null);
    } else if (hover?.panel === 'input') {
      const linked = convReaderCells(
        this.config,
        this.inH,
        this.inW,
        hover.row - or,
        hover.col - oc,
      );
      markCells(ctx, output, cell, linked, HOVER_STROKE, null);
      markCells(ctx, input, cell, [hover], HOVER_STROKE, null);
    }
  }

  /** Ticks beside never-read rows (left) and under never-read columns. */
  private drawUnreadTicks(
    ctx: CanvasRenderingContext2D,
    panel: PanelLayout['panels'][number],
    cell: number,
  ): void {
    const coverage = this.coverage;
    if (!coverage) return;
    const colour = (lost: boolean) => `#${(lost ? CELL.lostEdge : CELL.interiorGap).toString(16)}`;
    const tick = Math.max(2, Math.min(cell, 10));
    for (const [set, lost] of [
      [this.lostRows, true],
      [this.gapRows, false],
    ] as const) {
      ctx.fillStyle = colour(lost);
      for (const row of set)
        ctx.fillRect(
          panel.x - 12,
          panel.y + (row + coverage.originRow) * cell + (cell - tick) / 2,
          8,
          tick,
        );
    }
    for (const [set, lost] of [
      [this.lostCols, true],
      [this.gapCols, false],
    ] as const) {
      ctx.fillStyle = colour(lost);
      for (const col of set)
        ctx.fillRect(
          panel.x + (col + coverage.originCol) * cell + (cell - tick) / 2,
          panel.y + panel.rows * cell + 4,
          tick,
          8,
        );
    }
  }

  private cellAt(x: number, y: number): Hover | null {
    const layout = this.layout;
    if (!layout) return null;
    const [input, output] = layout.panels;
    const inCell = cellAt(input, layout.cell, x, y);
    if (inCell) return { panel: 'input', ...inCell };
    const outCell = cellAt(output, layout.cell, x, y);
    return outCell ? { panel: 'output', ...outCell } : null;
  }

  static override styles = [theme, pictureStyles];
}

function span(values: number[]): string {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo === hi ? String(lo) : `${lo}–${hi}`;
}

customElements.define('ss-conv-grid-canvas', ConvGridCanvas);
