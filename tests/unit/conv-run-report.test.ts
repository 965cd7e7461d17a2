import { describe, expect, it } from 'vitest';
import { runReport } from '../../src/labs/conv/conv-image-controller.js';
import type { TensorResult } from '../../src/labs/conv/conv-image-run.js';

const tensor = {
  data: new Float32Array(1),
  shape: [1, 1, 1, 1] as [number, number, number, number],
};
const cpu: TensorResult = { label: 'input', tensor, seconds: null };

describe('the Conv Lab run report', () => {
  it('sums pass time and compile time separately, and says GPU time only when every pass had timestamps', () => {
    const passes: TensorResult[] = [
      cpu,
      { label: 'a', tensor, seconds: 0.002, clock: 'gpu', compileSeconds: 0.5 },
      { label: 'b', tensor, seconds: 0.003, clock: 'gpu', compileSeconds: null },
    ];
    expect(runReport({ tensors: passes, error: null })).toEqual({
      passes: 2,
      seconds: 0.005,
      clock: 'gpu',
      compileSeconds: 0.5,
    });
    const cached = passes.map((t) => ({ ...t, compileSeconds: null }));
    expect(runReport({ tensors: cached, error: null })?.compileSeconds).toBeNull();
    const wall = [...passes, { label: 'c', tensor, seconds: 0.001, clock: 'wall' as const }];
    expect(runReport({ tensors: wall, error: null })?.clock).toBe('wall');
    expect(runReport({ tensors: [cpu], error: null })).toBeNull();
  });
});
