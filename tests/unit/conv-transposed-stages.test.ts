import { describe, expect, it } from 'vitest';
import {
  SEED_EXAMPLES,
  convOutputSize,
  convTranspose2dConfig,
  stageCellRole2d,
  sweepReads,
  transposedAxisStages,
  transposedContributorsOf,
  transposedConvStages,
} from '../../src/core/conv/index.js';
import { taxis } from './helpers/transposed-axis.js';
import { mulberry32, randInt } from '../helpers/random.js';

describe('transposed convolution, stage by stage', () => {
  it("reproduces the seed's intermediate grids: 7×7 for Examples 5 and 6, 5×5 for Example 7", () => {
    const grids = SEED_EXAMPLES.filter((e) => e.transposed).map((e) => {
      const stages = transposedConvStages(convTranspose2dConfig(e.args), e.inputSize, e.inputSize);
      return [stages.steps[2].size[0], stages.steps[3].size[0]];
    });
    expect(grids).toEqual([
      [7, 6],
      [7, 6],
      [5, 4],
    ]);
  });

  it('marks input cells s apart, inserted zeros between, ring zeros outside', () => {
    const stages = transposedAxisStages(taxis(3, 2, 2));
    expect(stages.canvas.map((c) => c.role)).toEqual([
      'ring-zero',
      'input',
      'inserted-zero',
      'input',
      'inserted-zero',
      'input',
      'ring-zero',
    ]);
    expect(stages.canvas.map((c) => c.inputIndex)).toEqual([null, 0, null, 1, null, 2, null]);
  });

  it('a negative ring crops; output padding adds cells on the far side only, reclaiming cropped ones', () => {
    // k=1, s=2, p=1: ring = −1, so one cell is cropped from each end; op=1 gives one back at the end.
    const stages = transposedAxisStages(taxis(3, 1, 2, 1, 1, 1));
    expect(stages.ring).toBe(-1);
    expect(stages.canvas.map((c) => c.role)).toEqual([
      'cropped',
      'inserted-zero',
      'input',
      'inserted-zero',
      'output-padding',
    ]);
    expect(stages.canvas[4].inputIndex).toBe(2);
    expect(stages.outputLength).toBe(4);
  });

  it('every stage sequence ends at the output size, and each sweep reads exactly the scatter contributors (property)', () => {
    const rng = mulberry32(99);
    let checked = 0;
    for (let trial = 0; trial < 2000; trial++) {
      const kernel: [number, number] = [randInt(rng, 1, 5), randInt(rng, 1, 5)];
      const stride: [number, number] = [randInt(rng, 1, 4), randInt(rng, 1, 4)];
      const dilation: [number, number] = [randInt(rng, 1, 3), randInt(rng, 1, 3)];
      const padding: [number, number] = [randInt(rng, 0, 4), randInt(rng, 0, 4)];
      const outputPadding = [0, 1].map((a) =>
        randInt(rng, 0, Math.max(stride[a], dilation[a]) - 1),
      ) as [number, number];
      const [inH, inW] = [randInt(rng, 1, 8), randInt(rng, 1, 8)];
      const config = convTranspose2dConfig({
        inChannels: 1,
        outChannels: 1,
        kernelSize: kernel,
        stride,
        dilation,
        padding,
        outputPadding,
      });
      const stages = transposedConvStages(config, inH, inW);
      let size: readonly [number, number];
      try {
        size = convOutputSize(config, inH, inW);
      } catch {
        expect(Math.min(...stages.steps[3].size)).toBeLessThan(1);
        continue;
      }
      expect(stages.steps.map((s) => s.size)).toEqual([
        [(inH - 1) * stride[0] + 1, (inW - 1) * stride[1] + 1],
        [0, 1].map(
          (a) =>
            (a ? (inW - 1) * stride[1] + 1 : (inH - 1) * stride[0] + 1) +
            2 * (dilation[a] * (kernel[a] - 1) - padding[a]),
        ),
        [0, 1].map((a) => stages.steps[1].size[a] + outputPadding[a]),
        size,
      ]);
      for (const axis of [stages.h, stages.w]) {
        for (let o = 0; o < axis.outputLength; o++) {
          const swept = sweepReads(axis, o)
            .filter((r) => r.inputIndex !== null)
            .map((r) => ({ input: r.inputIndex, tap: r.tap }));
          const scattered = transposedContributorsOf(axis.axis, o);
          expect(swept.sort((a, b) => a.tap - b.tap)).toEqual(
            scattered.sort((a, b) => a.tap - b.tap),
          );
        }
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(1000);
  }, 60_000);

  it('a 2-D cell is an input only where both its row and its column hold one', () => {
    expect(stageCellRole2d('input', 'input')).toBe('input');
    expect(stageCellRole2d('input', 'inserted-zero')).toBe('inserted-zero');
    expect(stageCellRole2d('ring-zero', 'input')).toBe('ring-zero');
    expect(stageCellRole2d('input', 'cropped')).toBe('cropped');
    expect(stageCellRole2d('output-padding', 'ring-zero')).toBe('output-padding');
  });
});
