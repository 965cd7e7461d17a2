import { describe, expect, it } from 'vitest';
import { GAN_FATES } from '../../src/core/gan/index.js';
import {
  GAN_FATE_RGB,
  GAN_NO_VALUE_RGB,
  ganMetricScale,
} from '../../src/labs/gan/gan-heatmap-scale.js';
import { sequentialColor } from '../../src/core/color-map.js';

const context = { steps: 500, modes: 8 };

describe('GAN heatmap colours', () => {
  it('fate: four distinct categorical colours, the words on the legend in order', () => {
    const s = ganMetricScale('fate', [0, 1, 2, 3], context);
    expect(s.categories).toEqual(GAN_FATES);
    expect(s.ticks.map((t) => t.label)).toEqual([
      'converged',
      'cycling',
      'mode-collapsed',
      'diverged',
    ]);
    expect(new Set(GAN_FATE_RGB.map((c) => c.join())).size).toBe(4);
    GAN_FATES.forEach((_, i) => expect(s.color(i)).toEqual(GAN_FATE_RGB[i]));
    // The bar's blocks match the cells' colours.
    GAN_FATES.forEach((_, i) => expect(s.barColor((i + 0.5) / 4)).toEqual(GAN_FATE_RGB[i]));
  });

  it('fixed scales: the same value has the same colour in every sweep', () => {
    const a = ganMetricScale('highQualityFraction', [0.1, 0.2], context);
    const b = ganMetricScale('highQualityFraction', [0.5, 0.9, 1], context);
    expect(a.color(0.5)).toEqual(b.color(0.5));
    expect(a.color(0)).toEqual(sequentialColor(0, 0, 1));
    expect(a.color(1)).toEqual(sequentialColor(1, 0, 1));
    const modes = ganMetricScale('modesCovered', [0, 3], context);
    expect(modes.color(8)).toEqual(sequentialColor(1, 0, 1));
    expect(modes.color(4)).toEqual(sequentialColor(0.5, 0, 1));
  });

  it('escape step: "never" has its own swatch, the steps a log scale 1 … steps', () => {
    const s = ganMetricScale('escapeStep', [-1, 10, 500], context);
    expect(s.color(-1)).toEqual(GAN_NO_VALUE_RGB);
    expect(s.swatches.map((w) => w.label)).toEqual(['never']);
    expect(s.color(1)).toEqual(sequentialColor(0, 0, 1));
    expect(s.color(500)).toEqual(sequentialColor(1, 0, 1));
  });

  it('overflows reported as ±MAX_VALUE do not stretch a range, and nothing is NaN-coloured', () => {
    const values = [0.1, 1, 10, Number.MAX_VALUE];
    const s = ganMetricScale('energyDistance', values, context);
    expect(s.color(10)).toEqual(sequentialColor(1, 0, 1));
    expect(s.color(Number.MAX_VALUE)).toEqual(sequentialColor(1, 0, 1));
    expect(s.color(0.1)).toEqual(sequentialColor(0, 0, 1));
    const losses = ganMetricScale('lossD', [-Number.MAX_VALUE, -1, 3], context);
    expect(losses.color(-1)).toEqual(sequentialColor(0, 0, 1));
    expect(losses.ticks.length).toBeGreaterThan(1);
    for (const t of losses.ticks) expect(t.label).not.toMatch(/NaN|Infinity/);
  });

  it('norm growth is diverging about 1', () => {
    const s = ganMetricScale('normGrowth', [0.5, 1, 4], context);
    const white = s.color(1);
    expect(s.color(4)).not.toEqual(white);
    expect(s.color(0.25)).toEqual(s.barColor(0));
    expect(s.color(4)).toEqual(s.barColor(1));
  });
});
