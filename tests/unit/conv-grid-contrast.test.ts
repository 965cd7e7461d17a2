import { describe, expect, it } from 'vitest';
import {
  CELL,
  HOVER_STROKE,
  KERNEL_FILL_ALPHA,
  KERNEL_FILL_RGB,
  LABEL_DARK,
  LABEL_LIGHT,
  MARK_HALO,
  contrastRatio,
  countColour,
  labelColourOn,
  over,
  prepareCanvas,
  rgb,
} from '../../src/ui/conv/conv-grid-drawing.js';

/** Every colour a grid cell can have: the fixed fills and the count ramp at every max up to 12. */
function cellColours(): number[] {
  const colours: number[] = Object.values(CELL);
  for (let max = 1; max <= 12; max++)
    for (let count = 0; count <= max; count++) colours.push(countColour(count, max));
  return colours;
}

const name = (c: number) => `#${c.toString(16).padStart(6, '0')}`;

describe('contrast of the grid pictures (WCAG 2)', () => {
  it('computes WCAG contrast ratios', () => {
    expect(contrastRatio(0xffffff, 0x000000)).toBeCloseTo(21, 5);
    expect(contrastRatio(0x777777, 0xffffff)).toBeCloseTo(4.48, 2);
    expect(contrastRatio(0x123456, 0x123456)).toBe(1);
  });

  it('hover links stand out (≥ 3) on every cell colour, bare or under the kernel fill', () => {
    // markCells draws the hover stroke inside a dark halo: one of the two borders the cell.
    for (const base of cellColours()) {
      for (const cell of [base, over(KERNEL_FILL_RGB, KERNEL_FILL_ALPHA, base)]) {
        const best = Math.max(
          contrastRatio(rgb(HOVER_STROKE), cell),
          contrastRatio(rgb(MARK_HALO), cell),
        );
        expect(best, `hover mark on ${name(cell)}`).toBeGreaterThanOrEqual(3);
      }
    }
    // The old light blue on the blue input cells was the complaint.
    expect(contrastRatio(0x5ab0f0, CELL.input)).toBeLessThan(3);
    expect(contrastRatio(rgb(HOVER_STROKE), CELL.input)).toBeGreaterThanOrEqual(3);
  });

  it('cell labels read at AA (≥ 4.5) on every cell colour, bare or under the kernel fill', () => {
    const muted = 0x9fb0c0;
    for (const base of cellColours()) {
      for (const cell of [base, over(KERNEL_FILL_RGB, KERNEL_FILL_ALPHA, base)]) {
        for (const preferred of [muted, 0x101418, 0xe8ecf0]) {
          const text = labelColourOn(preferred, cell);
          expect(
            contrastRatio(text, cell),
            `text ${name(text)} on ${name(cell)}`,
          ).toBeGreaterThanOrEqual(4.5);
        }
      }
    }
    // The muted colour is kept where it reads, so padding zeros stay quiet.
    expect(labelColourOn(muted, CELL.padding)).toBe(muted);
    expect([LABEL_LIGHT, LABEL_DARK]).toContain(labelColourOn(muted, CELL.input));
  });
});

describe('prepareCanvas', () => {
  it('clears the canvas even when its size is unchanged, so old captions do not show through', () => {
    const calls: string[] = [];
    const context = {
      setTransform: () => calls.push('setTransform'),
      clearRect: (x: number, y: number, w: number, h: number) =>
        calls.push(`clearRect ${x} ${y} ${w} ${h}`),
    };
    const canvas = {
      width: 300,
      height: 150,
      style: {} as Record<string, string>,
      getContext: () => context,
    };
    const g = globalThis as unknown as { window?: unknown };
    const hadWindow = 'window' in g;
    g.window ??= { devicePixelRatio: 1 };
    try {
      prepareCanvas(canvas as unknown as HTMLCanvasElement, 300, 150);
      prepareCanvas(canvas as unknown as HTMLCanvasElement, 300, 150);
    } finally {
      if (!hadWindow) delete g.window;
    }
    expect(calls).toEqual([
      'setTransform',
      'clearRect 0 0 300 150',
      'setTransform',
      'clearRect 0 0 300 150',
    ]);
  });
});
