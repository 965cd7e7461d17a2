import { divergingColor, symmetricLimit, type Rgb } from '../core/color-map.js';
import type { SweepAxis } from '../core/games/index.js';
import { GLYPH_ADVANCE, GLYPH_HEIGHT, GLYPH_ROWS, glyphPixel, textWidth } from './bitmap-font.js';
import type { RgbImage } from './png-encode.js';

/** What a heatmap shows: one value per cell, row-major (cell (ix, iy) at iy·nx + ix). */
export interface HeatmapInput {
  values: ArrayLike<number>;
  axes: { x: SweepAxis; y: SweepAxis };
  title: string;
  /** What the colours mean, printed over the colour bar. */
  valueLabel: string;
}

const INK: Rgb = [34, 34, 40];
const FAINT: Rgb = [120, 120, 130];
const PAPER: Rgb = [255, 255, 255];
/** Font pixels are drawn as SCALE×SCALE squares: large enough to read on a projector. */
const SCALE = 2;
/** The plot's longer side aims at this many pixels; cells become whole-pixel squares when they fit. */
const PLOT_SIZE = 640;
const TICK = 6;
const GAP = 10;
const BAR_WIDTH = 24;

/** A tick along an axis: `position` is a fractional cell index (cell i is centred at i). */
export interface Tick {
  position: number;
  label: string;
}

/**
 * The values on a diverging colour map centred on 0 (symmetric about the largest |value|), with
 * tick labels at round values of each axis, the axes' parameter paths as titles, a colour bar
 * with its scale, and a title. Row iy = 0 is at the bottom.
 */
export function renderHeatmap(input: HeatmapInput): RgbImage {
  const { values, axes } = input;
  const nx = axes.x.count;
  const ny = axes.y.count;
  const plotW = plotSpan(nx);
  const plotH = plotSpan(ny);
  const limit = symmetricLimit(values);
  const xTicks = axisTicks(axes.x);
  const yTicks = axisTicks(axes.y);
  const barLabels = [-1, -0.5, 0, 0.5, 1].map((f) => ({ f, label: formatTick(f * limit) }));

  const lineH = GLYPH_ROWS * SCALE;
  const textW = (t: string) => textWidth(t) * SCALE;
  const yLabelW = Math.max(0, ...yTicks.map((t) => textW(t.label)));
  const barLabelW = Math.max(
    ...barLabels.map((l) => textW(l.label)),
    textW(input.valueLabel) - BAR_WIDTH,
  );
  const left = GAP + lineH + GAP + yLabelW + GAP + TICK;
  const top = GAP * 2 + lineH + GAP + lineH + GAP * 2;
  const right = GAP * 3 + BAR_WIDTH + TICK + GAP + barLabelW + GAP;
  const bottom = TICK + GAP + lineH + GAP + lineH + GAP;
  const width = Math.max(left + plotW + right, textW(input.title) + 4 * GAP);
  const height = top + plotH + bottom;
  const canvas = new Canvas(width, height);

  canvas.text(input.title, Math.round((width - textW(input.title)) / 2), GAP * 2, INK);

  // Cells: each plot pixel shows the cell under it (nearest), so any grid size fits.
  for (let py = 0; py < plotH; py++) {
    const iy = ny - 1 - Math.floor((py * ny) / plotH);
    for (let px = 0; px < plotW; px++) {
      const ix = Math.floor((px * nx) / plotW);
      canvas.set(left + px, top + py, divergingColor(values[iy * nx + ix], limit));
    }
  }
  canvas.frame(left - 1, top - 1, plotW + 2, plotH + 2, INK);

  const xAt = (position: number) => left + Math.round(((position + 0.5) * plotW) / nx);
  const yAt = (position: number) => top + plotH - Math.round(((position + 0.5) * plotH) / ny);
  for (const tick of xTicks) {
    const x = xAt(tick.position);
    canvas.fill(x, top + plotH + 1, 1, TICK, INK);
    const w = textW(tick.label);
    canvas.text(
      tick.label,
      clamp(x - Math.round(w / 2), 0, width - w),
      top + plotH + TICK + GAP / 2,
      INK,
    );
  }
  for (const tick of yTicks) {
    const y = yAt(tick.position);
    canvas.fill(left - 1 - TICK, y, TICK, 1, INK);
    canvas.text(
      tick.label,
      left - TICK - GAP / 2 - textW(tick.label),
      y - (GLYPH_HEIGHT * SCALE) / 2,
      INK,
    );
  }
  const xTitle = axisTitle(axes.x);
  canvas.text(xTitle, left + Math.round((plotW - textW(xTitle)) / 2), height - GAP - lineH, INK);
  const yTitle = axisTitle(axes.y);
  canvas.verticalText(yTitle, GAP, top + Math.round((plotH + textW(yTitle)) / 2), INK);

  // Colour bar: −limit at the bottom, +limit at the top, 0 in the middle.
  const barX = left + plotW + GAP * 3;
  for (let py = 0; py < plotH; py++) {
    const value = limit * (1 - (2 * (py + 0.5)) / plotH);
    canvas.fill(barX, top + py, BAR_WIDTH, 1, divergingColor(value, limit));
  }
  canvas.frame(barX - 1, top - 1, BAR_WIDTH + 2, plotH + 2, INK);
  for (const { f, label } of barLabels) {
    const y = top + Math.round(((1 - f) / 2) * (plotH - 1));
    canvas.fill(barX + BAR_WIDTH + 1, y, TICK, 1, INK);
    canvas.text(label, barX + BAR_WIDTH + TICK + GAP / 2, y - (GLYPH_HEIGHT * SCALE) / 2, INK);
  }
  canvas.text(input.valueLabel, barX, top - GAP * 2 - lineH, FAINT);
  return canvas.image();
}

/** Pixels along an axis of `count` cells: whole pixels per cell up to PLOT_SIZE, else PLOT_SIZE. */
function plotSpan(count: number): number {
  return count >= PLOT_SIZE ? PLOT_SIZE : count * Math.floor(PLOT_SIZE / count);
}

function axisTitle(axis: SweepAxis): string {
  return axis.scale === 'log' ? `${axis.param} (log scale)` : axis.param;
}

/**
 * Round values along an axis and where they fall: multiples of 1, 2 or 5 × 10^k on a linear
 * axis (about five), powers of ten on a log axis (or 1, 2, 5 × 10^k when it spans under two decades).
 */
export function axisTicks(axis: SweepAxis): Tick[] {
  const { from, to, count } = axis;
  if (count === 1 || from === to) return [{ position: (count - 1) / 2, label: formatTick(from) }];
  const lo = Math.min(from, to);
  const hi = Math.max(from, to);
  let values: number[];
  let position: (v: number) => number;
  if (axis.scale === 'log') {
    position = (v) =>
      ((Math.log(v) - Math.log(from)) / (Math.log(to) - Math.log(from))) * (count - 1);
    const first = Math.floor(Math.log10(lo));
    const last = Math.ceil(Math.log10(hi));
    const decades = Array.from({ length: last - first + 1 }, (_, i) => first + i);
    const mantissas = last - first <= 2 ? [1, 2, 5] : [1];
    const every = Math.max(1, Math.ceil(decades.length / 7));
    values = decades
      .filter((_, i) => i % every === 0)
      .flatMap((d) => mantissas.map((m) => m * 10 ** d))
      .filter((v) => v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9));
  } else {
    position = (v) => ((v - from) / (to - from)) * (count - 1);
    const step = niceStep((hi - lo) / 5);
    values = [];
    for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++)
      values.push(k * step);
  }
  const ticks = values.map((v) => ({ position: position(v), label: formatTick(v) }));
  return ticks.length > 0
    ? ticks
    : [
        { position: 0, label: formatTick(from) },
        { position: count - 1, label: formatTick(to) },
      ];
}

function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const mantissa = rough / power;
  return (mantissa < 1.5 ? 1 : mantissa < 3.5 ? 2 : mantissa < 7.5 ? 5 : 10) * power;
}

/** A short label: up to 3 significant digits, exponent form outside 0.001..10000. */
export function formatTick(v: number): string {
  if (Math.abs(v) < 1e-12 * Math.max(1, Math.abs(v)) || v === 0) return '0';
  const rounded = Number(v.toPrecision(3));
  const magnitude = Math.abs(rounded);
  if (magnitude >= 1e4 || magnitude < 1e-3) return rounded.toExponential().replace('e+', 'e');
  return String(rounded);
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/** A white RGB bitmap with rectangles and bitmap-font text. */
class Canvas {
  private readonly pixels: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.pixels = new Uint8Array(width * height * 3).fill(PAPER[0]);
  }

  set(x: number, y: number, [r, g, b]: Rgb): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = (y * this.width + x) * 3;
    this.pixels[i] = r;
    this.pixels[i + 1] = g;
    this.pixels[i + 2] = b;
  }

  fill(x: number, y: number, w: number, h: number, color: Rgb): void {
    for (let dy = 0; dy < h; dy++) for (let dx = 0; dx < w; dx++) this.set(x + dx, y + dy, color);
  }

  frame(x: number, y: number, w: number, h: number, color: Rgb): void {
    this.fill(x, y, w, 1, color);
    this.fill(x, y + h - 1, w, 1, color);
    this.fill(x, y, 1, h, color);
    this.fill(x + w - 1, y, 1, h, color);
  }

  /** Text with its top-left corner at (x, y). */
  text(text: string, x: number, y: number, color: Rgb): void {
    this.glyphs(text, (u, v) => this.fill(x + u * SCALE, y + v * SCALE, SCALE, SCALE, color));
  }

  /** Text reading upwards, its baseline-side left edge at x and its start at y. */
  verticalText(text: string, x: number, y: number, color: Rgb): void {
    this.glyphs(text, (u, v) => this.fill(x + v * SCALE, y - (u + 1) * SCALE, SCALE, SCALE, color));
  }

  image(): RgbImage {
    return { width: this.width, height: this.height, pixels: this.pixels };
  }

  private glyphs(text: string, ink: (u: number, v: number) => void): void {
    [...text].forEach((character, i) => {
      for (let row = 0; row < GLYPH_ROWS; row++)
        for (let column = 0; column < GLYPH_ADVANCE; column++)
          if (glyphPixel(character, column, row)) ink(i * GLYPH_ADVANCE + column, row);
    });
  }
}
