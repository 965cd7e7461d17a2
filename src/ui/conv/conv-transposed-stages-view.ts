import { LitElement, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import {
  stageCellRole2d,
  sweepReads,
  transposedAxes,
  transposedAxisStages,
  type ConvConfig,
  type Pair,
  type StageCell,
  type StageCellRole,
  type TransposedAxisStages,
} from '../../core/conv/index.js';
import { PICTURE_LIMIT } from '../../labs/conv/conv-layer-params.js';
import {
  CELL,
  cellAt,
  cellLabels,
  drawTitle,
  layoutPanels,
  markCells,
  paintCells,
  prepareCanvas,
  readPalette,
  strokeGrid,
  type PanelLayout,
  type PanelSpec,
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

/** One axis drawn through the stages: the cells each stage's grid holds along it. */
interface AxisStages {
  real: TransposedAxisStages;
  spread: StageCell[];
  rings: StageCell[];
  cropped: StageCell[];
  grid: StageCell[];
}

/**
 * The seed's recipe, read off the core's stage data one axis at a time: the full zero rings
 * d·(k−1) are the stages of the same layer without padding or output_padding; padding then
 * crops rings, and output_padding adds the strip.
 */
function axisStages(real: TransposedAxisStages): AxisStages {
  const full = transposedAxisStages({ ...real.axis, padding: 0, outputPadding: 0 });
  const keepFrom = real.gridStart;
  const keepTo = real.gridStart + real.ringedLength - 1;
  const byX = new Map(real.canvas.map((c) => [c.x, c]));
  return {
    real,
    spread: full.canvas.filter((c) => c.x >= 0 && c.x < full.spreadLength),
    rings: full.canvas,
    cropped: full.canvas.map((c) =>
      c.x < keepFrom || c.x > keepTo ? { ...c, role: 'cropped' as StageCellRole } : c,
    ),
    grid: Array.from({ length: real.gridLength }, (_, i) => {
      const x = real.gridStart + i;
      return byX.get(x) ?? { x, role: 'ring-zero' as StageCellRole, inputIndex: null };
    }),
  };
}

const ROLE_COLOUR: Record<StageCellRole, number> = {
  input: CELL.input,
  'inserted-zero': CELL.zero,
  'ring-zero': CELL.ring,
  cropped: CELL.cropped,
  'output-padding': CELL.outputPadding,
};

type Hover = PanelCell<'grid' | 'output'>;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function perAxis(h: number, w: number): string {
  return h === w ? String(h) : `${h} (rows) / ${w} (columns)`;
}

/**
 * A transposed convolution stage by stage, as the seed explains it: the input spread `stride`
 * apart, d·(k−1) zero rings added, rings removed by padding, the output_padding strip, then the
 * stride-1 sweep of the flipped kernel, with the output beside it. Arrow keys move the kernel.
 *
 * Emits `ss-conv-position` (detail: [row, col]).
 */
export class ConvTransposedStagesView extends LitElement {
  @property({ attribute: false }) config!: ConvConfig;
  @property({ type: Number }) inH!: number;
  @property({ type: Number }) inW!: number;
  @property({ attribute: false }) position: Pair = [0, 0];
  /** Tallest the picture may draw, in CSS pixels (a slide sets it); 0 uses a share of the window. */
  @property({ type: Number }) maxHeight = 0;
  private stages: { h: AxisStages; w: AxisStages } | null = null;
  private layout: PanelLayout | null = null;
  private readonly interaction = new PositionInteraction<Hover['panel']>(this, {
    cellAt: (x, y) => this.cellAt(x, y),
    position: () => this.at,
    size: () => this.outSize,
  });
  private readonly resize = new ResizeController(this, () => this.draw());

  private get outSize(): Pair {
    const s = this.stages;
    return s ? [s.h.real.outputLength, s.w.real.outputLength] : [0, 0];
  }

  private get hover(): Hover | null {
    return this.interaction.hover;
  }

  private get at(): Pair {
    return clampPosition(this.position, this.outSize);
  }

  private get tooBig(): boolean {
    const s = this.stages;
    return !s || s.h.rings.length > PICTURE_LIMIT || s.w.rings.length > PICTURE_LIMIT;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('config') && !changed.has('inH') && !changed.has('inW')) return;
    const [ah, aw] = transposedAxes(this.config, this.inH, this.inW);
    this.stages = {
      h: axisStages(transposedAxisStages(ah)),
      w: axisStages(transposedAxisStages(aw)),
    };
  }

  override render() {
    const controls = this.interaction.controls();
    const canvas = this.tooBig
      ? html`<p class="too-big">
          The intermediate grid has more than ${PICTURE_LIMIT} cells a side: too many to draw. The
          shape above is still exact.
        </p>`
      : html`<canvas
          tabindex="0"
          role="img"
          aria-label="Transposed convolution stage by stage. Arrow keys move the kernel over the last grid; Space plays."
          @keydown=${this.interaction.onKey}
          @pointermove=${this.interaction.onPointer}
          @pointerleave=${this.interaction.onLeave}
          @click=${this.interaction.onClick}
        ></canvas>`;
    const legend = html`${swatch(CELL.input, 'input cell')} ${swatch(CELL.zero, 'zero put between')}
    ${swatch(CELL.ring, 'zero ring')} ${swatch(CELL.cropped, '× removed by padding')}
    ${swatch(CELL.outputPadding, 'output_padding strip (computed, not zeros)')}
    ${swatch('#f0b040', 'flipped kernel taps (labels: tap row,col)')}
    ${swatch(CELL.output, 'output')}`;
    return html`${pictureFrame({
        heading: 'Transposed convolution, stage by stage',
        controls,
        canvas,
        legend,
        filename: 'conv-transposed-stages.png',
        host: this,
      })}
      <p class="readout" data-testid="readout">${this.describe()}</p>`;
  }

  private describe(): string {
    const s = this.stages;
    if (!s || this.tooBig || this.outSize[0] < 1 || this.outSize[1] < 1) return '';
    const [r, c] = this.hover?.panel === 'output' ? [this.hover.row, this.hover.col] : this.at;
    const rows = sweepReads(s.h.real, r).filter((x) => x.inputIndex !== null);
    const cols = sweepReads(s.w.real, c).filter((x) => x.inputIndex !== null);
    const n = rows.length * cols.length;
    if (n === 0) return `Output (${r}, ${c}) covers only zeros: it gets the bias alone`;
    const list = rows.flatMap((y) =>
      cols.map((x) => `x[${y.inputIndex}, ${x.inputIndex}]·w[${y.tap}, ${x.tap}]`),
    );
    return `Output (${r}, ${c}) = ${list.slice(0, 6).join(' + ')}${list.length > 6 ? ' + …' : ''}  (${plural(n, 'contribution')})`;
  }

  override updated(): void {
    this.draw();
  }

  private panels(): PanelSpec[] {
    const { h, w } = this.stages as { h: AxisStages; w: AxisStages };
    const ax = h.real.axis;
    const aw = w.real.axis;
    const ringsH = ax.dilation * (ax.kernel - 1);
    const ringsW = aw.dilation * (aw.kernel - 1);
    const size = (a: StageCell[], b: StageCell[]) => `${a.length} × ${b.length}`;
    const keptH = h.real.ringedLength;
    const keptW = w.real.ringedLength;
    return [
      {
        rows: h.spread.length,
        cols: w.spread.length,
        title: `1 · spread ${perAxis(ax.stride, aw.stride)} apart: ${size(h.spread, w.spread)}`,
      },
      {
        rows: h.rings.length,
        cols: w.rings.length,
        title: `2 · + ${perAxis(ringsH, ringsW)} zero ring${ringsH + ringsW === 2 ? '' : 's'}: ${size(h.rings, w.rings)}`,
      },
      {
        rows: h.cropped.length,
        cols: w.cropped.length,
        title:
          ax.padding === 0 && aw.padding === 0
            ? '3 · padding=0: nothing removed'
            : `3 · − ${perAxis(ax.padding, aw.padding)} ring${ax.padding + aw.padding === 2 ? '' : 's'} (padding): ${keptH} × ${keptW}`,
      },
      {
        rows: h.grid.length,
        cols: w.grid.length,
        title:
          ax.outputPadding === 0 && aw.outputPadding === 0
            ? '4 · output_padding=0: no strip'
            : `4 · + output_padding strip: ${size(h.grid, w.grid)}`,
      },
      {
        rows: h.grid.length,
        cols: w.grid.length,
        title: '5 · stride-1 sweep',
      },
      {
        rows: this.outSize[0],
        cols: this.outSize[1],
        title: `output ${this.outSize[0]} × ${this.outSize[1]}`,
      },
    ];
  }

  private draw(): void {
    const canvas = this.renderRoot.querySelector('canvas');
    const s = this.stages;
    if (!canvas || !s || this.tooBig) return;
    const pal = readPalette(this);
    const width = Math.max(320, (canvas.parentElement?.clientWidth ?? 900) - 2);
    const layout = layoutPanels(
      this.panels(),
      width,
      40,
      this.maxHeight || Math.max(360, window.innerHeight * 0.7),
    );
    this.layout = layout;
    const ctx = prepareCanvas(canvas, width, layout.height);
    if (!ctx) return;
    const { cell } = layout;
    const [p1, p2, p3, p4, p5, out] = layout.panels;
    const grids: [StageCell[], StageCell[]][] = [
      [s.h.spread, s.w.spread],
      [s.h.rings, s.w.rings],
      [s.h.cropped, s.w.cropped],
      [s.h.grid, s.w.grid],
      [s.h.grid, s.w.grid],
    ];
    [p1, p2, p3, p4, p5].forEach((panel, i) => {
      const [rows, cols] = grids[i];
      const role = (r: number, c: number) => stageCellRole2d(rows[r].role, cols[c].role);
      paintCells(ctx, panel, cell, (r, c) => ROLE_COLOUR[role(r, c)]);
      strokeGrid(ctx, panel, cell, pal.line);
      const taps = i === 4 ? this.readsOf(...this.at) : [];
      cellLabels(
        ctx,
        panel,
        cell,
        (r, c) => {
          if (taps.some((t) => t.row === r && t.col === c)) return null;
          const kind = role(r, c);
          if (kind === 'cropped') return '×';
          if (kind === 'input') return `${rows[r].inputIndex},${cols[c].inputIndex}`;
          return kind === 'output-padding' ? null : '0';
        },
        pal.muted,
        pal.mono,
        (r, c) => ROLE_COLOUR[role(r, c)],
      );
      drawTitle(ctx, panel, pal.text, `600 15px ${pal.font}`);
    });
    paintCells(ctx, out, cell, () => CELL.output);
    strokeGrid(ctx, out, cell, pal.line);
    drawTitle(ctx, out, pal.text, `600 15px ${pal.font}`);
    if (this.outSize[0] < 1 || this.outSize[1] < 1) return;

    const [r, c] = this.at;
    const taps = this.readsOf(r, c);
    markCells(ctx, p5, cell, taps, pal.accent, KERNEL_FILL);
    const gridRole = (row: number, col: number) =>
      stageCellRole2d(s.h.grid[row].role, s.w.grid[col].role);
    cellLabels(
      ctx,
      p5,
      cell,
      (row, col) => {
        const tap = taps.find((t) => t.row === row && t.col === col);
        return tap && cell >= 28 ? tap.label : null;
      },
      pal.text,
      pal.mono,
      (row, col) => over(KERNEL_FILL_RGB, KERNEL_FILL_ALPHA, ROLE_COLOUR[gridRole(row, col)]),
    );
    markCells(ctx, out, cell, [{ row: r, col: c }], pal.accent, KERNEL_FILL);
    const hover = this.hover;
    if (hover?.panel === 'output') {
      markCells(ctx, p5, cell, this.readsOf(hover.row, hover.col), HOVER_STROKE, null);
      markCells(ctx, out, cell, [hover], HOVER_STROKE, null);
    } else if (hover?.panel === 'grid') {
      markCells(ctx, out, cell, this.readersOf(hover.row, hover.col), HOVER_STROKE, null);
      markCells(ctx, p5, cell, [hover], HOVER_STROKE, null);
    }
  }

  /** Grid cells (of stage 5) the sweep reads for output (r, c), with the flipped tap labels. */
  private readsOf(r: number, c: number): { row: number; col: number; label: string }[] {
    const s = this.stages as { h: AxisStages; w: AxisStages };
    const rows = sweepReads(s.h.real, r);
    const cols = sweepReads(s.w.real, c);
    return rows.flatMap((y) =>
      cols.map((x) => ({
        row: y.x - s.h.real.gridStart,
        col: x.x - s.w.real.gridStart,
        label: `${y.tap},${x.tap}`,
      })),
    );
  }

  /** Output cells whose sweep window covers grid cell (row, col). */
  private readersOf(row: number, col: number): { row: number; col: number }[] {
    const s = this.stages as { h: AxisStages; w: AxisStages };
    const along = (a: AxisStages, g: number) => {
      const { kernel, dilation } = a.real.axis;
      const outputs: number[] = [];
      for (let t = 0; t < kernel; t++) {
        const o = g - t * dilation;
        if (o >= 0 && o < a.real.outputLength) outputs.push(o);
      }
      return outputs;
    };
    return along(s.h, row).flatMap((r) => along(s.w, col).map((c) => ({ row: r, col: c })));
  }

  private cellAt(x: number, y: number): Hover | null {
    const layout = this.layout;
    if (!layout) return null;
    const grid = cellAt(layout.panels[4], layout.cell, x, y);
    if (grid) return { panel: 'grid', ...grid };
    const out = cellAt(layout.panels[5], layout.cell, x, y);
    return out ? { panel: 'output', ...out } : null;
  }

  static override styles = [theme, pictureStyles];
}

customElements.define('ss-conv-transposed-stages-view', ConvTransposedStagesView);
