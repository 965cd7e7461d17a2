import { describe, expect, it } from 'vitest';
import { fittingTicks } from '../../src/ui/widgets/plane-frame.js';

// A stand-in for the canvas's measureText: 9 px a character, and a gap of 12 px between labels.
const room = (labels: string[]) => Math.max(...labels.map((l) => l.length * 9)) + 12;

describe('fittingTicks', () => {
  it('never lets x tick labels overlap: adjacent ticks are at least the widest label and a gap apart', () => {
    for (const [min, max, length] of [
      [-4, 4, 300],
      [-6e5, 6e5, 160],
      [-1.2345, 1.2345, 90],
      [-3e-4, 3e-4, 120],
    ]) {
      const t = fittingTicks({ min, max }, length, room);
      expect(t.length).toBeGreaterThanOrEqual(2);
      const px = (v: number) => ((v - min) / (max - min)) * length;
      const need = room(t.map((x) => x.label));
      for (let i = 1; i < t.length; i++)
        expect(px(t[i].value) - px(t[i - 1].value)).toBeGreaterThanOrEqual(need - 1e-9);
      for (const { label } of t) expect(label).not.toMatch(/,|NaN|Infinity/);
    }
  });

  it('gives a wide axis more ticks than a narrow one, and large values compact labels', () => {
    expect(fittingTicks({ min: -4, max: 4 }, 600, room).length).toBeGreaterThan(
      fittingTicks({ min: -4, max: 4 }, 80, room).length,
    );
    const big = fittingTicks({ min: -5e5, max: 5e5 }, 600, room).map((t) => t.label);
    expect(big).toContain('-4×10⁵');
    for (const l of big) expect(l).not.toMatch(/,/);
  });
});
