import { describe, expect, it } from 'vitest';
import { parseSweepSpec, SWEEP_METRIC_NAMES } from '../../src/core/games/index.js';
import { composeGameKernel, METRIC_PLANES } from '../../src/gpu/game/game-kernel-source.js';

/** finalX → METRIC_FINAL_X, as the kernel's header names the plane. */
const constant = (plane: string) =>
  `METRIC_${plane.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`;

describe("the sweep kernel's metric planes", () => {
  const code = composeGameKernel(parseSweepSpec({}), 'sweep').code;

  it('are the metric list, then stepsRun, each with its index constant generated in order', () => {
    expect(METRIC_PLANES).toEqual([...SWEEP_METRIC_NAMES, 'stepsRun']);
    METRIC_PLANES.forEach((plane, i) =>
      expect(code).toContain(`const ${constant(plane)} = ${i}u;`),
    );
  });

  it('are each stored by one line of store_metrics (the WGSL a new metric needs)', () => {
    for (const plane of METRIC_PLANES) {
      const stores = code.split(`metrics[${constant(plane)} * n + g] =`).length - 1;
      expect(stores, plane).toBe(1);
    }
  });
});
