import { describe, expect, it } from 'vitest';
import { axisTicks, formatTick, renderHeatmap } from '../../src/cli/heatmap-png.js';
import { divergingColor } from '../../src/core/color-map.js';

describe('heatmap picture', () => {
  it('puts ticks at round values: 1-2-5 steps on linear axes, decades on log axes', () => {
    const linear = axisTicks({ param: 'x0', from: -2, to: 2, count: 5, scale: 'linear' });
    expect(linear.map((t) => t.label)).toEqual(['-2', '-1', '0', '1', '2']);
    expect(linear.map((t) => t.position)).toEqual([0, 1, 2, 3, 4]);
    const log = axisTicks({ param: 'lr', from: 0.001, to: 1, count: 256, scale: 'log' });
    expect(log.map((t) => t.label)).toEqual(['0.001', '0.01', '0.1', '1']);
    expect(log[1].position).toBeCloseTo(85, 6);
  });

  it('formats tick labels short', () => {
    expect([0, 0.25, -1.5, 1e-4, 25000, 0.30000000000000004].map(formatTick)).toEqual([
      '0',
      '0.25',
      '-1.5',
      '1e-4',
      '2.5e4',
      '0.3',
    ]);
  });

  it('colours each cell by its value, row 0 at the bottom', () => {
    const image = renderHeatmap({
      values: [-1, 0, 0, 1],
      axes: {
        x: { param: 'lr', from: 0.1, to: 0.2, count: 2, scale: 'linear' },
        y: { param: 'x0', from: 0, to: 1, count: 2, scale: 'linear' },
      },
      title: 'test',
      metric: 'finalX',
      valueLabel: 'value',
    });
    const pixel = (x: number, y: number) => {
      const i = (y * image.width + x) * 3;
      return [image.pixels[i], image.pixels[i + 1], image.pixels[i + 2]];
    };
    // Find the plot: the first column and row of the bottom-left cell's colour (value −1).
    const blue = divergingColor(-1, 1);
    let found: [number, number] | null = null;
    for (let y = image.height - 1; y >= 0 && !found; y--)
      for (let x = 0; x < image.width && !found; x++)
        if (pixel(x, y).join() === blue.join()) found = [x, y];
    expect(found).not.toBeNull();
    const [x, y] = found!;
    // 2×2 cells of 320 pixels: the top-right cell (value +1) is 320 up and 320 right.
    expect(pixel(x + 320, y - 320)).toEqual(divergingColor(1, 1));
    expect(pixel(x + 320, y)).toEqual(divergingColor(0, 1));
  });
});
