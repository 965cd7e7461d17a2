import type { Rgb } from '../core/color-map.js';
import { SWEEP_METRIC_INFO, type SweepAxis, type SweepMetricName } from '../core/games/index.js';
import {
  heatmapModel,
  type HeatmapModel,
  type HeatmapTick,
} from '../core/heatmap/heatmap-model.js';
import { ganHeatmapModel } from '../core/heatmap/gan-heatmap-model.js';
import type { GanMetricName } from '../core/gan/gan-metrics.js';
import { GLYPH_ADVANCE, GLYPH_HEIGHT, GLYPH_ROWS, glyphPixel, textWidth } from './bitmap-font.js';
import type { RgbImage } from './png-encode.js';

export { axisTicks } from '../core/heatmap/heatmap-model.js';
export { formatTick } from '../core/heatmap/ticks.js';
/** A tick along an axis: `position` is a fractional cell index (cell i is centred at i). */
export type Tick = HeatmapTick;

/** What a heatmap shows: one metric's value per cell, row-major (cell (ix, iy) at iy·nx + ix). */
export interface HeatmapInput {
  values: ArrayLike<number>;
  axes: { x: SweepAxis; y: SweepAxis };
  title: string;
  /** Which metric the values are (growth rate when not said): it picks the colour scale and the bar's title. */
  metric?: SweepMetricName;
  /** The sweep's step count, which a 'steps' metric's scale spans (needed for those only). */
  steps?: number;
  /**
   * Printed over the colour bar instead of the model's "title (unit)". Leave it out: the page
   * prints the model's, and the two pictures of a sweep should read the same.
   */
  valueLabel?: string;
}

/** The picture, and where its plot (the cells) and its colour bar lie in it, frames left out. */
export interface HeatmapImage extends RgbImage {
  plot: PixelBox;
  bar: PixelBox;
}

export interface PixelBox {
  left: number;
  top: number;
  width: number;
  height: number;
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

/**
 * The values drawn as core's heatmap model says (tests/unit/heatmap-model.test.ts): the same
 * colour scale (symmetric about 0 for diverging metrics), ticks at the same round values with the
 * same labels, and the same colour-bar title as the page's heatmap; the axes' parameter paths as
 * titles, and a title. Row iy = 0 is at the bottom.
 */
export function renderHeatmap(input: HeatmapInput): HeatmapImage {
  const { values, axes } = input;
  const metric = input.metric ?? 'growthRate';
  if (SWEEP_METRIC_INFO[metric].kind === 'steps' && input.steps === undefined)
    throw new RangeError(`a ${metric} heatmap needs the sweep's steps`);
  const model = heatmapModel({ metric, values, axes, steps: input.steps ?? 0 });
  return drawModel(model, axes, input.title, input.valueLabel ?? model.label);
}

/** A GAN sweep's metric, as heatmap.png draws it: the fate by default (ganHeatmapModel). */
export function renderGanHeatmap(input: {
  values: ArrayLike<number>;
  axes: { x: SweepAxis; y: SweepAxis };
  title: string;
  metric?: GanMetricName;
}): HeatmapImage {
  const model = ganHeatmapModel({ ...input, metric: input.metric ?? 'fate' });
  return drawModel(model, input.axes, input.title, model.label);
}

/** What drawModel paints: the layout-free half of a heatmap model (scalar or GAN). */
type DrawnModel = Pick<
  HeatmapModel,
  'nx' | 'ny' | 'xTicks' | 'yTicks' | 'barTicks' | 'swatches' | 'cellColor' | 'barColor'
>;

function drawModel(
  model: DrawnModel,
  axes: { x: SweepAxis; y: SweepAxis },
  title: string,
  valueLabel: string,
): HeatmapImage {
  const { nx, ny, xTicks, yTicks, barTicks } = model;
  const plotW = plotSpan(nx);
  const plotH = plotSpan(ny);

  const lineH = GLYPH_ROWS * SCALE;
  const textW = (t: string) => textWidth(t) * SCALE;
  const yLabelW = Math.max(0, ...yTicks.map((t) => textW(t.label)));
  const barLabelW = Math.max(
    ...barTicks.map((t) => textW(t.label)),
    textW(valueLabel) - BAR_WIDTH,
    ...model.swatches.map((swatch) => textW(swatch.label)),
  );
  const left = GAP + lineH + GAP + yLabelW + GAP + TICK;
  const top = GAP * 2 + lineH + GAP + lineH + GAP * 2;
  const right = GAP * 3 + BAR_WIDTH + TICK + GAP + barLabelW + GAP;
  const bottom = Math.max(
    TICK + GAP + lineH + GAP + lineH + GAP,
    TICK + GAP / 2 + model.swatches.length * (lineH + GAP) + GAP,
  );
  const width = Math.max(left + plotW + right, textW(title) + 4 * GAP);
  const height = top + plotH + bottom;
  const canvas = new Canvas(width, height);

  canvas.text(title, Math.round((width - textW(title)) / 2), GAP * 2, INK);

  // Cells: each plot pixel shows the cell under it (nearest), so any grid size fits.
  for (let py = 0; py < plotH; py++) {
    const iy = ny - 1 - Math.floor((py * ny) / plotH);
    for (let px = 0; px < plotW; px++) {
      const ix = Math.floor((px * nx) / plotW);
      canvas.set(left + px, top + py, model.cellColor(ix, iy));
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

  // Colour bar: the model's bar, its bottom (range.min) at the bottom of the plot.
  const barX = left + plotW + GAP * 3;
  for (let py = 0; py < plotH; py++) {
    canvas.fill(barX, top + py, BAR_WIDTH, 1, model.barColor(1 - (py + 0.5) / plotH));
  }
  canvas.frame(barX - 1, top - 1, BAR_WIDTH + 2, plotH + 2, INK);
  for (const tick of barTicks) {
    const y = top + Math.round((1 - tick.position) * (plotH - 1));
    canvas.fill(barX + BAR_WIDTH + 1, y, TICK, 1, INK);
    canvas.text(tick.label, barX + BAR_WIDTH + TICK + GAP / 2, y - (GLYPH_HEIGHT * SCALE) / 2, INK);
  }
  // Colours the bar does not explain (no value, the neutral band), under the bar, as on the page.
  model.swatches.forEach((swatch, i) => {
    const y = top + plotH + TICK + GAP / 2 + i * (lineH + GAP);
    canvas.fill(barX, y, BAR_WIDTH, lineH, swatch.rgb);
    canvas.frame(barX - 1, y - 1, BAR_WIDTH + 2, lineH + 2, INK);
    canvas.text(swatch.label, barX + BAR_WIDTH + TICK + GAP / 2, y + SCALE, INK);
  });
  canvas.text(valueLabel, barX, top - GAP * 2 - lineH, FAINT);
  return {
    ...canvas.image(),
    plot: { left, top, width: plotW, height: plotH },
    bar: { left: barX, top, width: BAR_WIDTH, height: plotH },
  };
}

/** Pixels along an axis of `count` cells: whole pixels per cell up to PLOT_SIZE, else PLOT_SIZE. */
function plotSpan(count: number): number {
  return count >= PLOT_SIZE ? PLOT_SIZE : count * Math.floor(PLOT_SIZE / count);
}

function axisTitle(axis: SweepAxis): string {
  return axis.scale === 'log' ? `${axis.param} (log scale)` : axis.param;
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
