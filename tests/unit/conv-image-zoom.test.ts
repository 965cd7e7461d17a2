import { describe, expect, it } from 'vitest';
import { displayRange, zoomWindow } from '../../src/labs/conv/conv-image-tensors.js';

describe('zoomed tensor pictures', () => {
  it('shows whole tensor pixels around the shared centre, kept inside the tensor', () => {
    expect(zoomWindow(64, 64, 8, [0.5, 0.5], 360, 360)).toEqual({ sx: 10, sy: 10, sw: 45, sh: 45 });
    expect(zoomWindow(64, 64, 8, [0, 1], 360, 360)).toEqual({ sx: 19, sy: 0, sw: 45, sh: 45 });
    // A tensor smaller than the viewport is shown whole.
    expect(zoomWindow(16, 12, 4, [0.9, 0.1], 360, 360)).toEqual({ sx: 0, sy: 0, sw: 12, sh: 16 });
    // The same centre picks the same region of a tensor twice the size.
    const small = zoomWindow(32, 32, 4, [0.25, 0.75], 64, 64);
    const large = zoomWindow(64, 64, 4, [0.25, 0.75], 64, 64);
    expect([large.sx + large.sw / 2, large.sy + large.sh / 2]).toEqual([
      2 * (small.sx + small.sw / 2),
      2 * (small.sy + small.sh / 2),
    ]);
  });

  it('draws images over [0, 1] as they are, and other tensors over their own range', () => {
    expect(displayRange(Float32Array.from([0.2, 0.7]))).toEqual([0, 1]);
    expect(displayRange(Float32Array.from([-0.5, 0.7]))).toEqual([-0.5, 0.699999988079071]);
  });
});
