/**
 * Canvas helpers shared by the Conv Lab's grid pictures: laying panels of cells out in the
 * available width, painting a whole grid through one ImageData (so 256 × 256 cells cost one
 * drawImage, not 65 536 fillRects), grid lines, outlines and hit testing.
 */

/** One grid of cells to place: its size in cells and its caption. */
export interface PanelSpec {
  rows: number;
  cols: number;
  title: string;
}

/** A panel is at least as wide as its caption (an estimate: the canvas font averages about 8.3 px a character). */
function panelWidth(spec: PanelSpec, cell: number): number {
  return Math.max(spec.cols * cell, spec.title.length * 8.3);
}

/** Where a panel went: top-left corner of its cells, in CSS pixels. */
export interface PlacedPanel extends PanelSpec {
  x: number;
  y: number;
}

export interface PanelLayout {
  cell: number;
  panels: PlacedPanel[];
  width: number;
  height: number;
}

export const TITLE_HEIGHT = 30;
const GAP = 36;
const MARGIN = 14;

/**
 * Places panels left to right, wrapping onto more lines where that gives bigger cells, with
 * one cell size for all so cells line up in size across stages.
 */
export function layoutPanels(
  specs: readonly PanelSpec[],
  width: number,
  maxCell: number,
  maxHeight: number,
): PanelLayout {
  let best: { cell: number; lines: PanelSpec[][] } | null = null;
  for (let lineCount = 1; lineCount <= specs.length; lineCount++) {
    const lines = splitLines(specs, lineCount);
    let cell = maxCell;
    for (const line of lines) {
      const cols = line.reduce((sum, p) => sum + p.cols, 0);
      cell = Math.min(cell, (width - 2 * MARGIN - GAP * (line.length - 1)) / Math.max(1, cols));
      // Shrink further while captions wider than their grids push the line past the width.
      while (
        cell > 1 &&
        line.reduce((sum, p) => sum + panelWidth(p, cell), 0) + GAP * (line.length - 1) >
          width - 2 * MARGIN
      )
        cell--;
    }
    const rows = lines.reduce((sum, line) => sum + Math.max(...line.map((p) => p.rows)), 0);
    const chrome = lines.length * (TITLE_HEIGHT + GAP) + MARGIN;
    cell = Math.min(cell, (maxHeight - chrome) / Math.max(1, rows));
    cell = Math.max(1, Math.floor(cell));
    if (!best || cell > best.cell) best = { cell, lines };
  }
  const { cell, lines } = best as { cell: number; lines: PanelSpec[][] };
  const panels: PlacedPanel[] = [];
  let y = MARGIN;
  let widest = 0;
  for (const line of lines) {
    let x = MARGIN;
    for (const spec of line) {
      panels.push({ ...spec, x, y: y + TITLE_HEIGHT });
      x += panelWidth(spec, cell) + GAP;
    }
    widest = Math.max(widest, x - GAP + MARGIN);
    y += TITLE_HEIGHT + Math.max(...line.map((p) => p.rows)) * cell + GAP;
  }
  return { cell, panels, width: Math.max(widest, 1), height: y - GAP + MARGIN };
}

function splitLines(specs: readonly PanelSpec[], count: number): PanelSpec[][] {
  const total = specs.reduce((sum, p) => sum + p.cols, 0);
  const target = total / count;
  const lines: PanelSpec[][] = [[]];
  let used = 0;
  for (const spec of specs) {
    const line = lines[lines.length - 1];
    if (line.length > 0 && used + spec.cols / 2 > target && lines.length < count) {
      lines.push([spec]);
      used = spec.cols;
    } else {
      line.push(spec);
      used += spec.cols;
    }
  }
  return lines;
}

/** Sizes a canvas to `width` × `height` CSS pixels at the screen's pixel ratio. */
export function prepareCanvas(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
): CanvasRenderingContext2D | null {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(width * dpr));
  const h = Math.max(1, Math.round(height * dpr));
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d');
  ctx?.setTransform(dpr, 0, 0, dpr, 0, 0);
  // Resizing clears a canvas, keeping its size does not: without this a redraw at the same size
  // writes its captions over the last picture's ("spread 1 apart" over "spread 2 apart").
  ctx?.clearRect(0, 0, width, height);
  return ctx;
}

/** `#rrggbb` as 0xRRGGBB. */
export function rgb(hex: string): number {
  return parseInt(hex.replace('#', '').slice(0, 6), 16);
}

/** Paints every cell of a panel with colour `colourOf(row, col)` (0xRRGGBB). */
export function paintCells(
  ctx: CanvasRenderingContext2D,
  panel: PlacedPanel,
  cell: number,
  colourOf: (row: number, col: number) => number,
): void {
  const image = new ImageData(panel.cols, panel.rows);
  const data = image.data;
  for (let r = 0; r < panel.rows; r++) {
    for (let c = 0; c < panel.cols; c++) {
      const colour = colourOf(r, c);
      const i = (r * panel.cols + c) * 4;
      data[i] = (colour >> 16) & 255;
      data[i + 1] = (colour >> 8) & 255;
      data[i + 2] = colour & 255;
      data[i + 3] = 255;
    }
  }
  const scratch = document.createElement('canvas');
  scratch.width = panel.cols;
  scratch.height = panel.rows;
  scratch.getContext('2d')?.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(scratch, panel.x, panel.y, panel.cols * cell, panel.rows * cell);
}

/** Thin lines between cells, where cells are big enough for lines to help. */
export function strokeGrid(
  ctx: CanvasRenderingContext2D,
  panel: PlacedPanel,
  cell: number,
  colour: string,
): void {
  if (cell < 6) return;
  ctx.strokeStyle = colour;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let r = 0; r <= panel.rows; r++) {
    ctx.moveTo(panel.x, panel.y + r * cell + 0.5);
    ctx.lineTo(panel.x + panel.cols * cell, panel.y + r * cell + 0.5);
  }
  for (let c = 0; c <= panel.cols; c++) {
    ctx.moveTo(panel.x + c * cell + 0.5, panel.y);
    ctx.lineTo(panel.x + c * cell + 0.5, panel.y + panel.rows * cell);
  }
  ctx.stroke();
}

/**
 * Outlines (and optionally fills) cells of a panel; cells outside it are skipped. The outline
 * is two-tone, `stroke` inside a dark `MARK_HALO` ring, so it stands out (contrast ≥ 3) on
 * every cell colour, light or dark (tests/unit/conv-grid-contrast.test.ts).
 */
export function markCells(
  ctx: CanvasRenderingContext2D,
  panel: PlacedPanel,
  cell: number,
  cells: readonly { row: number; col: number }[],
  stroke: string,
  fill: string | null,
): void {
  const inset = cell >= 8 ? 2.5 : 0;
  const width = cell >= 8 ? 3 : 1.5;
  for (const { row, col } of cells) {
    if (row < 0 || col < 0 || row >= panel.rows || col >= panel.cols) continue;
    const x = panel.x + col * cell + inset;
    const y = panel.y + row * cell + inset;
    const size = Math.max(1, cell - 2 * inset);
    if (fill) {
      ctx.fillStyle = fill;
      ctx.fillRect(x, y, size, size);
    }
    if (cell >= 8) {
      ctx.lineWidth = width + 3;
      ctx.strokeStyle = MARK_HALO;
      ctx.strokeRect(x, y, size, size);
    }
    ctx.lineWidth = width;
    ctx.strokeStyle = stroke;
    ctx.strokeRect(x, y, size, size);
  }
}

/** A dashed rectangle around a block of cells. */
export function outlineBlock(
  ctx: CanvasRenderingContext2D,
  panel: PlacedPanel,
  cell: number,
  block: { row: number; col: number; rows: number; cols: number },
  colour: string,
  dashed: boolean,
): void {
  ctx.save();
  ctx.strokeStyle = colour;
  ctx.lineWidth = 2;
  if (dashed) ctx.setLineDash([6, 4]);
  ctx.strokeRect(
    panel.x + block.col * cell - 1,
    panel.y + block.row * cell - 1,
    block.cols * cell + 2,
    block.rows * cell + 2,
  );
  ctx.restore();
}

export function drawTitle(
  ctx: CanvasRenderingContext2D,
  panel: PlacedPanel,
  colour: string,
  font: string,
): void {
  ctx.fillStyle = colour;
  ctx.font = font;
  ctx.textBaseline = 'bottom';
  ctx.textAlign = 'left';
  ctx.fillText(panel.title, panel.x, panel.y - 8);
}

/**
 * Writes text centred in cells, where cells are big enough to read it, in `colour` (`#rrggbb`);
 * given the cells' colours (`backgroundOf`), only where `colour` reads at WCAG AA (contrast
 * ≥ 4.5) on the cell, and elsewhere in whichever of light and dark text reads better.
 */
export function cellLabels(
  ctx: CanvasRenderingContext2D,
  panel: PlacedPanel,
  cell: number,
  labelOf: (row: number, col: number) => string | null,
  colour: string,
  fontFamily: string,
  backgroundOf?: (row: number, col: number) => number,
): void {
  if (cell < 16) return;
  ctx.fillStyle = colour;
  ctx.font = `${Math.min(18, Math.floor(cell * 0.5))}px ${fontFamily}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (let r = 0; r < panel.rows; r++) {
    for (let c = 0; c < panel.cols; c++) {
      const text = labelOf(r, c);
      if (!text) continue;
      if (backgroundOf) ctx.fillStyle = hex(labelColourOn(rgb(colour), backgroundOf(r, c)));
      ctx.fillText(text, panel.x + (c + 0.5) * cell, panel.y + (r + 0.5) * cell + 1);
    }
  }
}

/** The cell of a panel under a point (CSS pixels), or null. */
export function cellAt(
  panel: PlacedPanel,
  cell: number,
  x: number,
  y: number,
): { row: number; col: number } | null {
  const col = Math.floor((x - panel.x) / cell);
  const row = Math.floor((y - panel.y) / cell);
  if (row < 0 || col < 0 || row >= panel.rows || col >= panel.cols) return null;
  return { row, col };
}

/** The colours the pictures use, read from the theme so the canvas matches the page. */
export interface GridPalette {
  text: string;
  muted: string;
  line: string;
  accent: string;
  accent2: string;
  good: string;
  bad: string;
  font: string;
  mono: string;
}

export function readPalette(element: Element): GridPalette {
  const style = getComputedStyle(element);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--ss-text', '#e8ecf0'),
    muted: v('--ss-muted', '#9fb0c0'),
    line: v('--ss-line', '#33414f'),
    accent: v('--ss-accent', '#f0b040'),
    accent2: v('--ss-accent-2', '#5ab0f0'),
    good: v('--ss-good', '#60c890'),
    bad: v('--ss-bad', '#f07060'),
    font: v('--ss-font', 'sans-serif'),
    mono: v('--ss-mono', 'monospace'),
  };
}

/** Cell fills: distinct on a projector, and never relying on red/green alone (labels say it too). */
export const CELL = {
  input: 0x3f6f96,
  padding: 0x1e262e,
  lostEdge: 0xb0443a,
  interiorGap: 0x9a3f9a,
  output: 0x3d7a5c,
  zero: 0x2b3540,
  ring: 0x242c35,
  cropped: 0x14181c,
  outputPadding: 0x8a6a20,
  empty: 0x101418,
} as const;

/** A ramp for counts 1 … max, dark teal to light yellow. */
export function countColour(count: number, max: number): number {
  if (count <= 0) return CELL.lostEdge;
  const t = max <= 1 ? 0.5 : (count - 1) / (max - 1);
  const from = [0x1d, 0x4e, 0x5a];
  const to = [0xf2, 0xe0, 0x8a];
  const mix = from.map((f, i) => Math.round(f + (to[i] - f) * t));
  return (mix[0] << 16) | (mix[1] << 8) | mix[2];
}

/** 0xRRGGBB as `#rrggbb`. */
export function hex(colour: number): string {
  return `#${colour.toString(16).padStart(6, '0')}`;
}

/** WCAG 2 relative luminance of 0xRRGGBB. */
export function relativeLuminance(colour: number): number {
  const channel = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return (
    0.2126 * channel((colour >> 16) & 255) +
    0.7152 * channel((colour >> 8) & 255) +
    0.0722 * channel(colour & 255)
  );
}

/** WCAG 2 contrast ratio of two colours, from 1 to 21. */
export function contrastRatio(a: number, b: number): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** `fill` (0xRRGGBB) at `alpha` over `background`, as the canvas composites it. */
export function over(fill: number, alpha: number, background: number): number {
  let out = 0;
  for (const shift of [16, 8, 0]) {
    const f = (fill >> shift) & 255;
    const b = (background >> shift) & 255;
    out |= Math.round(f * alpha + b * (1 - alpha)) << shift;
  }
  return out;
}

/** Light and dark label text; cellLabels picks the one that reads better on each cell. */
export const LABEL_LIGHT = 0xffffff;
export const LABEL_DARK = 0x000000;

export function readableTextOn(background: number): number {
  return contrastRatio(LABEL_LIGHT, background) >= contrastRatio(LABEL_DARK, background)
    ? LABEL_LIGHT
    : LABEL_DARK;
}

/** `preferred` where it reads at WCAG AA (≥ 4.5) on `background`, else light or dark text. */
export function labelColourOn(preferred: number, background: number): number {
  return contrastRatio(preferred, background) >= 4.5 ? preferred : readableTextOn(background);
}

/** The dark ring markCells draws outside every outline, so marks show on light cells too. */
export const MARK_HALO = '#05070a';

/** Hover links: a near-white outline (inside MARK_HALO), so they show on blue cells. */
export const HOVER_STROKE = '#e6f4ff';

/** The kernel's translucent fill: accent amber at half opacity. */
export const KERNEL_FILL_RGB = 0xf0b040;
export const KERNEL_FILL_ALPHA = 0.5;
export const KERNEL_FILL = 'rgba(240, 176, 64, 0.5)';
