import type { SweepAxis } from '../../core/games/index.js';
import type { Rgb } from '../../core/color-map.js';
import { paramLabel } from '../../labs/game/game-labels.js';
import { drawImageTile } from './image-tile.js';

/**
 * The canvas drawing both sweep heatmaps share (the Game Lab's and the GAN view's): the frame's
 * layout, the cells, the selected cell, the axes and the colour bar, and the pointer's cell.
 */

export type HeatmapCell = { ix: number; iy: number };

/** Where the cells lie on the canvas (CSS pixels) and how many there are. */
export interface HeatmapFrame {
  left: number;
  top: number;
  width: number;
  height: number;
  nx: number;
  ny: number;
}

/** A tick along an axis (`position` a fractional cell index) or the bar (0 bottom … 1 top). */
export interface HeatmapCanvasTick {
  position: number;
  label: string;
}

/** What the colour bar shows: its colours, ticks, extra swatches under it and its title. */
export interface HeatmapColorBar {
  barColor(t: number): Rgb;
  ticks: readonly HeatmapCanvasTick[];
  swatches: readonly { rgb: Rgb; label: string }[];
  title: string;
}

const TEXT = '#c8d4e0';
const rgb = ([r, g, b]: Rgb) => `rgb(${r},${g},${b})`;

/**
 * Lays the cells out in a W × H canvas with room for the axes (left, bottom) and the legend
 * (`right`, in font sizes): filling the panel, but keeping the cells from getting much wider than
 * `maxAspect` times their height or taller than 1.1 times their width.
 */
export function heatmapFrame(
  W: number,
  H: number,
  fs: number,
  nx: number,
  ny: number,
  { right, maxAspect }: { right: number; maxAspect: number },
): HeatmapFrame {
  const left = fs * 5.2;
  const bottom = fs * 3.6;
  const top = fs * 0.8;
  const width = Math.max(40, Math.min(W - left - fs * right, maxAspect * (H - top - bottom)));
  const height = Math.max(40, Math.min(H - top - bottom, 1.1 * width));
  return { left, top, width, height, nx, ny };
}

/** The centre of cell (cx, cy) in canvas pixels; row 0 is at the bottom. */
export function heatmapCellPx(f: HeatmapFrame, cx: number, cy: number): [number, number] {
  return [
    f.left + ((cx + 0.5) / f.nx) * f.width,
    f.top + f.height - ((cy + 0.5) / f.ny) * f.height,
  ];
}

/** The centre of a cell in page coordinates. */
export function heatmapCellCenter(
  f: HeatmapFrame | null,
  canvas: HTMLCanvasElement | null,
  ix: number,
  iy: number,
): { x: number; y: number } | null {
  if (!f || !canvas) return null;
  const box = canvas.getBoundingClientRect();
  const [x, y] = heatmapCellPx(f, ix, iy);
  return { x: box.left + x, y: box.top + y };
}

/** The cell under a pointer, or null outside the cells. */
export function heatmapCellAt(
  f: HeatmapFrame | null,
  canvas: HTMLCanvasElement | null,
  event: PointerEvent,
): HeatmapCell | null {
  if (!f || !canvas) return null;
  const box = canvas.getBoundingClientRect();
  const px = event.clientX - box.left - f.left;
  const py = f.top + f.height - (event.clientY - box.top);
  if (px < 0 || py < 0 || px >= f.width || py >= f.height) return null;
  return {
    ix: Math.min(f.nx - 1, Math.floor((px / f.width) * f.nx)),
    iy: Math.min(f.ny - 1, Math.floor((py / f.height) * f.ny)),
  };
}

/** The cell an arrow key moves to from `from`, `stride` cells at a time, kept on the grid. */
export function heatmapStep(
  f: { nx: number; ny: number },
  from: HeatmapCell,
  move: readonly [number, number],
  stride: number,
): HeatmapCell {
  return {
    ix: Math.max(0, Math.min(f.nx - 1, from.ix + move[0] * stride)),
    iy: Math.max(0, Math.min(f.ny - 1, from.iy + move[1] * stride)),
  };
}

/** A line of grey words in the middle of an empty canvas. */
export function drawHeatmapMessage(
  ctx: CanvasRenderingContext2D,
  W: number,
  H: number,
  fs: number,
  text: string,
): void {
  ctx.fillStyle = '#9fb0c0';
  ctx.font = `${fs}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.fillText(text, W / 2, H / 2);
}

/** Every cell in its colour, sharp-edged; row 0 (the lowest y value) at the bottom. */
export function drawHeatmapCells(
  ctx: CanvasRenderingContext2D,
  f: HeatmapFrame,
  color: (ix: number, iy: number) => Rgb,
): void {
  const image = new ImageData(f.nx, f.ny);
  for (let iy = 0; iy < f.ny; iy++) {
    const row = f.ny - 1 - iy;
    for (let ix = 0; ix < f.nx; ix++) {
      const [cr, cg, cb] = color(ix, iy);
      const o = 4 * (row * f.nx + ix);
      image.data[o] = cr;
      image.data[o + 1] = cg;
      image.data[o + 2] = cb;
      image.data[o + 3] = 255;
    }
  }
  drawImageTile(ctx, image, [f.left, f.top, f.width, f.height], false);
}

/** The selected cell's ring: amber on black, at least 10 px even on a fine grid. */
export function drawHeatmapSelection(
  ctx: CanvasRenderingContext2D,
  f: HeatmapFrame,
  cell: HeatmapCell,
): void {
  const [cx, cy] = heatmapCellPx(f, cell.ix, cell.iy);
  const s = Math.max(10, f.width / f.nx, f.height / f.ny);
  ctx.lineWidth = 2.5;
  ctx.strokeStyle = '#000';
  ctx.strokeRect(cx - s / 2 - 1.5, cy - s / 2 - 1.5, s + 3, s + 3);
  ctx.strokeStyle = '#f0b040';
  ctx.strokeRect(cx - s / 2, cy - s / 2, s, s);
}

/**
 * One axis: its ticks (a tick's position is a fractional cell index: cell i's centre is i + 0.5
 * cells in), skipping a label that would overlap the one before, and its title.
 */
export function drawHeatmapAxis(
  ctx: CanvasRenderingContext2D,
  f: HeatmapFrame,
  axis: SweepAxis,
  ticks: readonly HeatmapCanvasTick[],
  which: 'x' | 'y',
  fs: number,
): void {
  const at = (position: number) =>
    which === 'x'
      ? f.left + ((position + 0.5) / axis.count) * f.width
      : f.top + f.height - ((position + 0.5) / axis.count) * f.height;
  ctx.fillStyle = TEXT;
  ctx.strokeStyle = TEXT;
  ctx.lineWidth = 1;
  ctx.font = `${fs * 0.9}px system-ui, sans-serif`;
  let last = -Infinity;
  for (const tick of ticks) {
    const p = at(tick.position);
    if (which === 'x') {
      const w = ctx.measureText(tick.label).width;
      if (p - w / 2 < last + fs * 0.4) continue;
      last = p + w / 2;
      ctx.beginPath();
      ctx.moveTo(p, f.top + f.height);
      ctx.lineTo(p, f.top + f.height + fs * 0.4);
      ctx.stroke();
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      ctx.fillText(tick.label, p, f.top + f.height + fs * 0.5);
    } else {
      if (Math.abs(p - last) < fs * 1.1) continue;
      last = p;
      ctx.beginPath();
      ctx.moveTo(f.left, p);
      ctx.lineTo(f.left - fs * 0.4, p);
      ctx.stroke();
      ctx.textAlign = 'right';
      ctx.textBaseline = 'middle';
      ctx.fillText(tick.label, f.left - fs * 0.5, p);
    }
  }
  ctx.font = `${fs}px system-ui, sans-serif`;
  const title = `${paramLabel(axis.param)}${axis.scale === 'log' ? ' (log)' : ''}`;
  if (which === 'x') {
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.fillText(title, f.left + f.width / 2, f.top + f.height + fs * 3.4);
  } else {
    ctx.save();
    ctx.translate(fs * 1.1, f.top + f.height / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(title, 0, 0);
    ctx.restore();
  }
}

/** A legend of categories: one swatch each, its words beside it, from the top. */
export function drawHeatmapCategories(
  ctx: CanvasRenderingContext2D,
  f: HeatmapFrame,
  categories: readonly string[],
  color: (i: number) => Rgb,
  fs: number,
): void {
  const x = f.left + f.width + fs * 1.0;
  const w = fs * 1.1;
  ctx.font = `${fs * 0.85}px system-ui, sans-serif`;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.strokeStyle = TEXT;
  categories.forEach((label, i) => {
    const y = f.top + i * fs * 1.6;
    ctx.fillStyle = rgb(color(i));
    ctx.fillRect(x, y, w, fs * 1.1);
    ctx.strokeRect(x, y, w, fs * 1.1);
    ctx.fillStyle = TEXT;
    ctx.fillText(label, x + w + fs * 0.4, y + fs * 0.55);
  });
}

/**
 * The colour bar right of the cells: its ticks (a label too close to the one before skipped),
 * the colours it does not explain as swatches with words under it, and its title, set smaller
 * rather than running off the ends of a short bar.
 */
export function drawHeatmapColorBar(
  ctx: CanvasRenderingContext2D,
  f: HeatmapFrame,
  bar: HeatmapColorBar,
  fs: number,
): void {
  const x = f.left + f.width + fs * 1.0;
  const w = fs * 1.1;
  const steps = 128;
  const at = (t: number) => f.top + f.height * (1 - t);
  for (let i = 0; i < steps; i++) {
    ctx.fillStyle = rgb(bar.barColor((i + 0.5) / steps));
    ctx.fillRect(x, at((i + 1) / steps), w, f.height / steps + 1);
  }
  ctx.strokeStyle = TEXT;
  ctx.strokeRect(x, f.top, w, f.height);
  ctx.fillStyle = TEXT;
  ctx.font = `${fs * 0.85}px system-ui, sans-serif`;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  let lastY = Infinity;
  for (const tick of bar.ticks) {
    const y = at(tick.position);
    if (Math.abs(lastY - y) < fs) continue;
    lastY = y;
    ctx.fillText(tick.label, x + w + fs * 0.3, y);
  }
  bar.swatches.forEach((swatch, i) => {
    ctx.fillStyle = rgb(swatch.rgb);
    const y = f.top + f.height + fs * (1.6 + 1.3 * i);
    ctx.fillRect(x, y, w, fs);
    ctx.strokeRect(x, y, w, fs);
    ctx.fillStyle = TEXT;
    ctx.fillText(swatch.label, x + w + fs * 0.3, y + fs / 2);
  });
  ctx.save();
  ctx.translate(x + w + fs * 5.2, f.top + f.height / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.font = `${fs}px system-ui, sans-serif`;
  const fit = Math.min(1, f.height / ctx.measureText(bar.title).width);
  ctx.font = `${fs * Math.max(0.7, fit)}px system-ui, sans-serif`;
  ctx.fillText(bar.title, 0, 0);
  ctx.restore();
}
