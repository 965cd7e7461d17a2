import { describe, expect, it } from 'vitest';
import { renderHeatmap, type HeatmapImage } from '../../src/cli/heatmap-png.js';
import { divergingColor } from '../../src/core/color-map.js';
import type { SweepAxis, SweepMetricName } from '../../src/core/games/index.js';
import * as core from '../../src/core/heatmap/heatmap-model.js';
import { heatmapModel, NO_VALUE_RGB } from '../../src/core/heatmap/heatmap-model.js';
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

const METRICS: SweepMetricName[] = ['growthRate', 'escapeStep', 'radius', 'maxRadius', 'finalX'];

describe('one heatmap model for the page and the PNG', () => {
  it('is what the page draws with: its range, colours and labels come from core', () => {
    expect(gameMetrics.metricRange).toBe(core.metricRange);
    expect(gameMetrics.rangeValue).toBe(core.rangeValue);
    expect(gameColors.metricColor).toBe(core.metricColor);
    expect(gameColors.NO_VALUE_RGB).toBe(core.NO_VALUE_RGB);
  });

  it('centres diverging metrics on 0 with a symmetric range', () => {
    const model = heatmapModel({
      metric: 'growthRate',
      values: values('growthRate'),
      axes,
      steps: STEPS,
    });
    expect(model.range).toEqual({ min: -0.5, max: 0.5, log: false });
    // ±(the largest finite |value|), or ±1 when every value is 0.
    expect(core.metricRange('finalY', [0.1, -0.7, NaN, 0.3], STEPS)).toEqual({
      min: -0.7,
      max: 0.7,
      log: false,
    });
    expect(core.metricRange('growthRate', [0, 0], STEPS)).toEqual({ min: -1, max: 1, log: false });
    // Equal distances from 0 sit equally far from the middle: −0.05 as deep in blue as +0.05 in red.
    for (const v of [0.05, 0.2, 0.5]) {
      expect(core.rangePosition(model.range, -v)).toBeCloseTo(
        1 - core.rangePosition(model.range, v),
        12,
      );
      expect(core.metricColor('growthRate', model.range, -v)).toEqual(divergingColor(-v / 0.5, 1));
      expect(core.metricColor('growthRate', model.range, v)).toEqual(divergingColor(v / 0.5, 1));
    }
    expect(model.barTicks.map((t) => t.label)).toEqual(['-0.4', '-0.2', '0', '0.2', '0.4']);
    expect(model.barTicks.find((t) => t.value === 0)?.position).toBe(0.5);
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
