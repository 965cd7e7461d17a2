import { describe, expect, it } from 'vitest';
import { parseSweepSpec, simulateSweep } from '../../src/core/games/index.js';
import { GAME_PRESETS, presetSpecInput } from '../../src/labs/game/game-presets.js';
import { PRESET_FATE_CLAIMS } from '../helpers/preset-fate-claims.js';

// The same claims on the GPU in the built app: tests/e2e/game-presets-fate.test.ts.
describe('every preset caption is what the float64 reference’s fate map shows', () => {
  it('has a claim check for every preset', () => {
    expect(Object.keys(PRESET_FATE_CLAIMS).sort()).toEqual(GAME_PRESETS.map((p) => p.id).sort());
  });

  for (const preset of GAME_PRESETS)
    it(`${preset.id}, at the test scale`, { timeout: 120_000 }, async () => {
      const spec = parseSweepSpec(presetSpecInput(preset, 'test'));
      const { xValues, yValues, metrics } = await simulateSweep(spec);
      const problems = PRESET_FATE_CLAIMS[preset.id]({ spec, xValues, yValues, ...metrics });
      expect(problems.slice(0, 10)).toEqual([]);
    });
});
