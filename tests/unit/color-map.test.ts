import { describe, expect, it } from 'vitest';
import { divergingColor, sequentialColor } from '../../src/core/color-map.js';

const lightness = ([r, g, b]: number[]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;

describe('colour maps', () => {
  it('the diverging map is near-white at 0, blue below and red above, saturating at ±limit', () => {
    const [r0, g0, b0] = divergingColor(0, 2);
    expect(Math.min(r0, g0, b0)).toBeGreaterThan(230);
    const [rn, , bn] = divergingColor(-1, 2);
    const [rp, , bp] = divergingColor(1, 2);
    expect(bn).toBeGreaterThan(rn);
    expect(rp).toBeGreaterThan(bp);
    expect(divergingColor(-5, 2)).toEqual(divergingColor(-2, 2));
    expect(divergingColor(7, 2)).toEqual(divergingColor(2, 2));
  });

  it('the diverging map darkens steadily away from 0 on both sides', () => {
    for (const sign of [-1, 1]) {
      let previous = lightness(divergingColor(0, 1));
      for (let t = 0.1; t <= 1; t += 0.1) {
        const l = lightness(divergingColor(sign * t, 1));
        expect(l).toBeLessThan(previous);
        previous = l;
      }
    }
  });

  it('the sequential map brightens monotonically from min to max', () => {
    let previous = -1;
    for (let v = 0; v <= 100; v += 5) {
      const l = lightness(sequentialColor(v, 0, 100));
      expect(l).toBeGreaterThan(previous);
      previous = l;
    }
  });

  it('non-finite values are grey', () => {
    expect(divergingColor(NaN, 1)).toEqual([128, 128, 128]);
    expect(sequentialColor(Infinity, 0, 1)).toEqual([128, 128, 128]);
  });
});
