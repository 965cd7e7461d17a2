import { css, html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { cellValue, type ComputationExample } from '../../core/conv/index.js';
import { theme } from '../shell/theme.js';

/** The largest grid side the computation views write numbers into. */
export const NUMBER_GRID_LIMIT = 20;

/** A number as the computation views write it: integers plain, a true minus sign, no "−0". */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const v = Object.is(value, -0) ? 0 : value;
  const text = Number.isInteger(v) ? String(Math.abs(v)) : String(Number(Math.abs(v).toFixed(4)));
  return v < 0 ? `−${text}` : text;
}

/** How a cell looks: its role (dim padding, lit window, …) as classes. */
export type CellLook = (row: number, col: number) => string;

export interface NumberGridOptions {
  caption: string;
  rows: number;
  cols: number;
  value: (row: number, col: number) => number | null;
  look?: CellLook;
  testid: string;
  /** Makes cells buttons (output cells that move the kernel there). */
  onPick?: (row: number, col: number) => void;
}

/** A grid of numbers in large type: one cell per value, the role of each as its classes. */
export function numberGrid(options: NumberGridOptions): TemplateResult {
  const { rows, cols, value, look, onPick } = options;
  const cells: TemplateResult[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = value(r, c);
      const text = v === null ? '' : formatValue(v);
      const cls = `cell ${look ? look(r, c) : ''}`;
      cells.push(
        onPick
          ? html`<button
              type="button"
              class=${cls}
              tabindex="-1"
              aria-label=${`output (${r}, ${c}) = ${text}`}
              @click=${() => onPick(r, c)}
            >
              ${text}
            </button>`
          : html`<span class=${cls}>${text}</span>`,
      );
    }
  }
  return html`<div class="ngrid" data-testid=${options.testid}>
    <div class="ncaption">${options.caption}</div>
    <div class="cells" style=${`grid-template-columns: repeat(${cols}, var(--cell))`}>${cells}</div>
  </div>`;
}

/** A tensor's first channel, row by row. */
export function tensorRows(tensor: ComputationExample['input']): number[][] {
  const [, , h, w] = tensor.shape;
  return Array.from({ length: h }, (_, r) =>
    Array.from({ length: w }, (_, c) => cellValue(tensor, r, c)),
  );
}

/** `× kernel = products`: a window's weights and their products, with test ids `prefix`-kernel and -products. */
export function kernelProducts(options: {
  prefix: string;
  caption?: string;
  rows: number;
  cols: number;
  weight: (row: number, col: number) => number;
  product: (row: number, col: number) => number;
}): TemplateResult {
  const { prefix, rows, cols } = options;
  return html`<span class="op">×</span>
    ${numberGrid({
      caption: options.caption ?? 'kernel',
      rows,
      cols,
      testid: `${prefix}-kernel`,
      value: options.weight,
      look: () => 'kernel',
    })}
    <span class="op">=</span>
    ${numberGrid({
      caption: 'products',
      rows,
      cols,
      testid: `${prefix}-products`,
      value: options.product,
      look: () => 'product',
    })}`;
}

/** A value checked against another: good with ✓, bad with ✗. */
export function checked(ok: boolean, text: string, testid?: string): TemplateResult {
  return html`<span class=${ok ? 'gpu' : 'bad'} data-testid=${ifDefined(testid)}
    >${text} ${ok ? '✓' : '✗'}</span
  >`;
}

/** What a view shows instead of numbers when its grid (`what`) is wider than the limit. */
export function tooBigFigure(title: string, what: string): TemplateResult {
  return html`<figure>
    <h3>${title}</h3>
    <p class="too-big">
      The numbers are written out for grids up to ${NUMBER_GRID_LIMIT} cells a side; this layer's
      ${what} is larger. Make the input smaller to see the arithmetic.
    </p>
  </figure>`;
}

/**
 * The cell size, set as --cell, that keeps the widest row of grids (`columns` cells) within the
 * view's width beside its chrome: 22 to 64 px, or to 96 px on a slide, which sets `maxHeight`;
 * there `rows` cells and the header, captions and equation (about 3 cells and 100 px) fit too.
 */
export function cellSize(columns: number, rows: number, width: number, maxHeight: number): number {
  const most = maxHeight ? 96 : 64;
  const wide = Math.max(22, Math.min(most, Math.floor((width - 340) / Math.max(1, columns)) - 2));
  const tall = maxHeight ? Math.floor((maxHeight - 100) / (rows + 3)) : Infinity;
  return Math.min(wide, Math.max(22, tall - 2));
}

export const numberGridStyles = css`
  .ngrid {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 0.3rem;
  }
  .ncaption {
    color: var(--ss-muted);
    font-size: max(1rem, calc(var(--cell) * 0.3));
    text-align: center;
    max-width: 24rem;
  }
  .cells {
    display: grid;
    gap: 2px;
  }
  .cell {
    box-sizing: border-box;
    width: var(--cell);
    height: var(--cell);
    display: flex;
    align-items: center;
    justify-content: center;
    font-family: var(--ss-mono);
    font-size: calc(var(--cell) * 0.4);
    font-weight: 600;
    background: #2a3a4c;
    color: var(--ss-text);
    border: 2px solid transparent;
    border-radius: 3px;
    padding: 0;
  }
  button.cell {
    cursor: pointer;
  }
  .cell.pad {
    background: #1c232b;
    color: #7f91a3;
  }
  .cell.zero {
    background: #1c232b;
    color: #7f91a3;
  }
  .cell.cropped {
    background: transparent;
    color: #66727e;
    border: 1px dashed #4a5866;
  }
  .cell.lit {
    background: #6a4c10;
    border-color: var(--ss-accent);
    color: #fff;
  }
  .cell.kernel {
    background: #4a3a14;
    color: #ffe2a8;
  }
  .cell.product {
    background: #203c30;
    color: #d8ffe8;
  }
  .cell.out {
    background: #23354a;
  }
  .cell.here {
    background: #1d5a8a;
    border-color: var(--ss-accent-2);
    color: #fff;
  }
  .cell.added {
    border-color: var(--ss-good);
  }
  .cell.pending {
    color: #7f91a3;
  }
  .op {
    font-size: 2.2rem;
    color: var(--ss-muted);
    align-self: center;
    padding: 0 0.2rem;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: center;
    gap: 0.8rem 1.2rem;
  }
  .equation {
    font-family: var(--ss-mono);
    font-size: max(1.5rem, calc(var(--cell) * 0.5));
    text-align: center;
    margin: 0.6rem 0 0.2rem;
    line-height: 1.4;
  }
  .equation .terms {
    font-size: max(1.1rem, calc(var(--cell) * 0.34));
    color: var(--ss-muted);
  }
  .equation .total {
    color: var(--ss-accent-2);
    font-weight: 700;
  }
  .equation .gpu {
    color: var(--ss-good);
  }
  .equation .bad {
    color: var(--ss-bad);
  }
`;

/** The frame the computation views sit in. */
export const computationFigureStyles = css`
  :host {
    display: block;
  }
  figure {
    margin: 0 0 1rem;
    background: var(--ss-panel);
    border: 1px solid var(--ss-line);
    border-radius: var(--ss-radius);
    padding: 0.6rem 0.8rem 0.7rem;
  }
  figcaption {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem 1rem;
    margin-bottom: 0.6rem;
  }
  h3 {
    margin: 0;
    font-size: max(1.2rem, calc(var(--cell) * 0.38));
  }
  .sub,
  .muted,
  .too-big {
    color: var(--ss-muted);
    font-weight: 400;
    font-size: max(1rem, calc(var(--cell) * 0.28));
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .output {
    border-radius: var(--ss-radius);
  }
`;

/** A computation view's styles: the theme, the number grids and the figure's frame. */
export const computationStyles = [theme, numberGridStyles, computationFigureStyles];

/** Long headings (the scatter and gather figures') wrap at a readable width. */
export const longHeadingStyles = css`
  h3 {
    max-width: 60rem;
  }
`;
