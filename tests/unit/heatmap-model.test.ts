import { describe, expect, it } from 'vitest';
import { renderHeatmap, type HeatmapImage } from '../../src/cli/heatmap-png.js';
import { divergingColor } from '../../src/core/color-map.js';
import type { SweepAxis, SweepMetricName } from '../../src/core/games/index.js';
import * as core from '../../src/core/heatmap/heatmap-model.js';
import { FATE, fateBand } from '../../src/core/games/index.js';
import {
  FATE_RGB,
  heatmapModel,
  NEUTRAL_RGB,
  NO_VALUE_RGB,
} from '../../src/core/heatmap/heatmap-model.js';
import { ticks } from '../../src/core/heatmap/ticks.js';
import * as gameMetrics from '../../src/labs/game/game-metrics.js';
import * as gameColors from '../../src/ui/game/game-colors.js';
import { ticks as pageTicks } from '../../src/ui/widgets/axis-ticks.js';

const INK = [34, 34, 40];
const axes: { x: SweepAxis; y: SweepAxis } = {
  x: { param: 'lr', from: 0.001, to: 1, count: 7, scale: 'log' },
  y: { param: 'x0', from: -2, to: 2, count: 5, scale: 'linear' },
};
const STEPS = 300;

/** A synthetic 7 × 5 sweep: every metric a different shape, none of them symmetric about 0. */
function values(metric: SweepMetricName): Float64Array {
  return Float64Array.from({ length: 35 }, (_, i) => {
    const [ix, iy] = [i % 7, Math.floor(i / 7)];
    switch (metric) {
      case 'growthRate':
        return 0.5 * (ix / 6) - 0.05 * (iy / 4); // −0.05 … 0.5: mostly growing
      case 'escapeStep':
        return ix > iy ? 20 * ix + iy : -1; // −1: never escaped
      case 'fate':
        return (ix + iy) % 3;
      case 'radius':
      case 'maxRadius':
        return 10 ** (ix - 3) * (iy + 1); // 1e-3 … 5e3
      default:
        return ix - 2 * iy + 0.25;
    }
  });
}

function pixel(image: HeatmapImage, x: number, y: number): number[] {
  const i = (y * image.width + x) * 3;
  return [image.pixels[i], image.pixels[i + 1], image.pixels[i + 2]];
}

const METRICS: SweepMetricName[] = [
  'growthRate',
  'escapeStep',
  'radius',
  'maxRadius',
  'finalX',
  'fate',
];

describe('one heatmap model for the page and the PNG', () => {
  it('is what the page draws with: its range, colours and labels come from core', () => {
    expect(gameMetrics.metricRange).toBe(core.metricRange);
    expect(gameMetrics.rangeValue).toBe(core.rangeValue);
    expect(gameColors.metricColor).toBe(core.metricColor);
    expect(gameColors.NO_VALUE_RGB).toBe(core.NO_VALUE_RGB);
  });

  it('centres diverging metrics on 0 with a symmetric range', () => {
    // ±(the largest finite |value|), or ±1 when every value is 0.
    expect(core.metricRange('finalY', [0.1, -0.7, NaN, 0.3], STEPS)).toEqual({
      min: -0.7,
      max: 0.7,
      log: false,
    });
    expect(core.metricRange('finalX', [0, 0], STEPS)).toEqual({ min: -1, max: 1, log: false });
    const range = core.metricRange('finalY', [0.1, -0.7, 0.3], STEPS);
    for (const v of [0.05, 0.2, 0.5]) {
      expect(core.rangePosition(range, -v)).toBeCloseTo(1 - core.rangePosition(range, v), 12);
      expect(core.metricColor('finalY', range, v)).toEqual(divergingColor(v / 0.7, 1));
    }
  });

  it('gives the growth rate one fixed scale: ±1 per step around the neutral band of the step count', () => {
    const band = fateBand(STEPS);
    const expected = { min: -1, max: 1, log: false, band };
    // The same scale whatever the values: no per-sweep stretch.
    expect(core.metricRange('growthRate', values('growthRate'), STEPS)).toEqual(expected);
    expect(core.metricRange('growthRate', [1e-9, -3, 40], STEPS)).toEqual(expected);
    const model = heatmapModel({
      metric: 'growthRate',
      values: values('growthRate'),
      axes,
      steps: STEPS,
    });
    const color = (v: number) => core.metricColor('growthRate', model.range, v);
    // Within ±band: the bounded grey, the fate map's; just outside: a visible blue or red.
    for (const v of [0, band * 0.999, -band * 0.999, band / 3])
      expect(color(v)).toEqual(NEUTRAL_RGB);
    expect(NEUTRAL_RGB).toEqual(FATE_RGB[FATE.bounded]);
    const [r1, , b1] = color(band * 1.001);
    const [r2, , b2] = color(-band * 1.001);
    expect(r1 - b1).toBeGreaterThan(30);
    expect(b2 - r2).toBeGreaterThan(30);
    // Symmetric: −v sits as far below the middle as +v above, and the ends are ±1.
    for (const v of [band / 2, 2 * band, 0.01, 0.2, 1]) {
      expect(core.rangePosition(model.range, -v)).toBeCloseTo(
        1 - core.rangePosition(model.range, v),
        12,
      );
      expect(core.rangeValue(model.range, core.rangePosition(model.range, v))).toBeCloseTo(v, 12);
    }
    expect(core.rangePosition(model.range, 1)).toBe(1);
    expect(core.rangePosition(model.range, 5)).toBe(1);
    expect(color(1)).toEqual(divergingColor(1, 1));
    expect(color(-1)).toEqual(divergingColor(-1, 1));
    // Log10 between band and 1: each decade the same height.
    const p = (v: number) => core.rangePosition(model.range, v);
    expect(p(0.2) - p(0.02)).toBeCloseTo(p(1) - p(0.1), 12);
    // Ticks: the band's edges, then decades; the swatch under the bar names the grey.
    expect(model.barTicks.map((t) => t.label)).toEqual([
      '-1',
      '-0.1',
      '-0.0154',
      '0.0154',
      '0.1',
      '1',
    ]);
    expect(model.swatches).toEqual([{ rgb: NEUTRAL_RGB, label: 'bounded' }]);
  });

  it('puts the escape step on a log scale over 1 … steps, ticks at powers of ten', () => {
    const model = heatmapModel({
      metric: 'escapeStep',
      values: values('escapeStep'),
      axes,
      steps: 10_000,
    });
    expect(model.range).toEqual({ min: 1, max: 10_000, log: true });
    expect(model.barTicks.map((t) => t.label)).toEqual(['1', '10', '100', '1000', '1e4']);
    [0, 0.25, 0.5, 0.75, 1].forEach((t, i) =>
      expect(model.barTicks[i].position).toBeCloseTo(t, 12),
    );
    // 1/η² law: ten times smaller η, a hundred times later, two quarters of the bar further.
    const p = (v: number) => core.rangePosition(model.range, v);
    expect(p(9200) - p(92)).toBeCloseTo(0.5, 12);
    expect(p(0)).toBe(0);
    expect(model.cellColor(0, 0)).toEqual(NO_VALUE_RGB);
    expect(model.swatches).toEqual([{ rgb: NO_VALUE_RGB, label: 'never' }]);
  });

  it('colours the fate map by category: three colours, three named blocks on the bar', () => {
    const fates = Float64Array.from({ length: 35 }, (_, i) => i % 3);
    const model = heatmapModel({ metric: 'fate', values: fates, axes, steps: STEPS });
    for (let i = 0; i < 35; i++)
      expect(model.cellColor(i % 7, Math.floor(i / 7))).toEqual(FATE_RGB[i % 3]);
    expect(model.barTicks.map((t) => [t.label, t.position])).toEqual([
      ['converged', 1 / 6],
      ['bounded', 0.5],
      ['diverged', 5 / 6],
    ]);
    for (const [i, t] of [0.05, 0.5, 0.95].entries())
      expect(model.barColor(t)).toEqual(FATE_RGB[i]);
    expect(new Set(FATE_RGB.map((c) => c.join())).size).toBe(3);
    expect(model.swatches).toEqual([]);
  });

  for (const metric of METRICS) {
    it(`paints every cell of a ${metric} PNG the model's colour, row 0 at the bottom`, () => {
      const v = values(metric);
      const model = heatmapModel({ metric, values: v, axes, steps: STEPS });
      const image = renderHeatmap({ values: v, axes, title: 't', metric, steps: STEPS });
      const { left, top, width, height } = image.plot;
      for (let iy = 0; iy < 5; iy++) {
        for (let ix = 0; ix < 7; ix++) {
          const x = left + Math.floor(((ix + 0.5) * width) / 7);
          const y = top + height - 1 - Math.floor(((iy + 0.5) * height) / 5);
          expect(pixel(image, x, y), `cell (${ix}, ${iy})`).toEqual(model.cellColor(ix, iy));
        }
      }
      if (metric === 'escapeStep') expect(model.cellColor(0, 0)).toEqual(NO_VALUE_RGB);
    });

    it(`draws the ${metric} PNG's colour bar and ticks where the model puts them`, () => {
      const v = values(metric);
      const model = heatmapModel({ metric, values: v, axes, steps: STEPS });
      const image = renderHeatmap({ values: v, axes, title: 't', metric, steps: STEPS });
      const { plot, bar } = image;
      for (let py = 0; py < bar.height; py++) {
        const t = 1 - (py + 0.5) / bar.height;
        expect(pixel(image, bar.left + bar.width / 2, bar.top + py)).toEqual(model.barColor(t));
      }
      expect(model.barTicks.length).toBeGreaterThan(1);
      for (const tick of model.barTicks) {
        const y = bar.top + Math.round((1 - tick.position) * (bar.height - 1));
        expect(pixel(image, bar.left + bar.width + 1, y), tick.label).toEqual(INK);
      }
      for (const tick of model.xTicks) {
        const x = plot.left + Math.round(((tick.position + 0.5) * plot.width) / 7);
        expect(pixel(image, x, plot.top + plot.height + 1), tick.label).toEqual(INK);
      }
      for (const tick of model.yTicks) {
        const y = plot.top + plot.height - Math.round(((tick.position + 0.5) * plot.height) / 5);
        expect(pixel(image, plot.left - 2, y), tick.label).toEqual(INK);
      }
    });
  }

  it('puts axis ticks at the same round values, decades on a log axis', () => {
    const model = heatmapModel({ metric: 'finalX', values: values('finalX'), axes, steps: STEPS });
    expect(model.xTicks.map((t) => t.label)).toEqual(['0.001', '0.01', '0.1', '1']);
    expect(model.xTicks[1].position).toBeCloseTo(2, 9);
    expect(model.yTicks.map((t) => t.label)).toEqual(['-2', '-1', '0', '1', '2']);
    expect(model.label).toBe('final x (x)');
    const short = core.axisTicks({ param: 'lr', from: 0.01, to: 1, count: 64, scale: 'log' });
    expect(short.map((t) => t.label)).toEqual(['0.01', '0.02', '0.05', '0.1', '0.2', '0.5', '1']);
  });

  it('has one tick generator: the page widgets take it from core', () => {
    expect(pageTicks).toBe(ticks);
  });
});
