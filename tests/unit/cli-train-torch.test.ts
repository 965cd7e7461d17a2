import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runJson, trainTarget, trainTargetRun } from '../../src/cli/commands/train.js';
import { parseGanRunSpec } from '../../src/core/gan/index.js';

/**
 * run.json from PyTorch: docs/examples/reproduce_gan_run.py, written from the README's GAN specs
 * section alone (nn.Linear, autograd in float64, torch 1.13), run on each fixture's spec with
 * `--checkpoints 5 --out`. The specs are the README's deterministic-mode example varied over
 * loss, method, dSteps, clip and penalties. CI has no torch: this test reads the files only.
 */
const FIXTURES = [
  // consensus (∇½‖v‖², second order through R1's input gradient), non-saturating, dSteps 2
  'gan-torch-consensus-ns-r1.json',
  // optimistic GDA on WGAN-GP: ε from the Philox stream, dSteps 2
  'gan-torch-ogda-wgangp.json',
  // Adam (β₁ 0.5, β₂ 0.9, ε 1e-6) on the hinge loss with weight clipping, dSteps 2
  'gan-torch-adam-hinge-clip.json',
  // alternating GDA, G first, hinge, dSteps 3: the gradient norms need a second evaluation
  'gan-torch-altgda-yfirst-hinge.json',
];

/**
 * The tolerance, derived: float64 rounds each operation to ε = 2⁻⁵³ ≈ 1.1e-16 relative; PyTorch
 * and the reference sum the dot products of widths ≤ 3 and the batch means of 3 samples in
 * different orders (BLAS, pairwise), so one field evaluation differs by a few ε times the
 * condition of the sums, ~1e-15. A run makes ≤ 2 evaluations a sub-step, 2–3 sub-steps a step,
 * 50 steps: ≤ 300 evaluations, each error carried forward by the step map, whose Jacobian
 * I + η·J has norm ≤ 1 + 0.05·‖J‖ ≈ 1.05 here (1.05⁵⁰ ≈ 11). 300 × 1e-15 × 11 ≈ 3e-12 bounds the
 * drift; 1e-12 is what the runs need in practice (the largest seen: 2e-13, over 17 specs of
 * every method). Values below 1e-12 are compared absolutely.
 */
const TOLERANCE = 1e-12;

function leaves(value: unknown, path: string, out: Map<string, unknown>): Map<string, unknown> {
  if (Array.isArray(value)) value.forEach((v, i) => leaves(v, `${path}.${i}`, out));
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) leaves(v, path ? `${path}.${k}` : k, out);
  else out.set(path, value);
  return out;
}

describe('train reproduces PyTorch’s deterministic-mode runs', () => {
  it.each(FIXTURES)('%s: every number of run.json to 1e-12 relative', (name) => {
    const torch = JSON.parse(
      readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'),
    ) as Record<string, unknown>;
    const target = trainTarget(name, torch.spec);
    const ours = runJson(target, trainTargetRun(target, 5), 5) as Record<string, unknown>;
    const fields = [
      'cell',
      'learningRates',
      'stepsRun',
      'history',
      'checkpointSchedule',
      'checkpoints',
      'metrics',
      'layers',
      'weights',
    ];
    let compared = 0;
    let worst = 0;
    for (const field of fields) {
      const theirs = leaves(torch[field], field, new Map());
      const mine = leaves(ours[field], field, new Map());
      expect([...mine.keys()], field).toEqual([...theirs.keys()]);
      for (const [path, value] of mine) {
        const other = theirs.get(path);
        if (typeof value !== 'number' || typeof other !== 'number') {
          expect(value, path).toEqual(other);
          continue;
        }
        const relative =
          Math.abs(value - other) / Math.max(Math.abs(value), Math.abs(other), 1e-12);
        worst = Math.max(worst, relative);
        expect(relative, `${path}: ${value} here, ${other} in PyTorch`).toBeLessThanOrEqual(
          TOLERANCE,
        );
        compared++;
      }
    }
    // The runs are long enough to mean something: 50 steps, all recorded, and they move.
    expect(ours.stepsRun).toBe(50);
    expect(compared).toBeGreaterThan(250);
    expect(worst).toBeGreaterThan(0); // two implementations, not one file compared with itself
  });

  it('the README’s deterministic-mode example is a valid spec, and the fixtures vary it', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## GAN specs'));
    const block = /```json\n([\s\S]*?)```/.exec(section);
    expect(block).not.toBeNull();
    const example = JSON.parse(block![1]);
    const spec = parseGanRunSpec(example);
    expect(spec.game.data.kind).toBe('points');
    expect(spec.game.latentPoints).toBeDefined();
    expect(spec.game.weights).toBeDefined();
    for (const name of FIXTURES) {
      const torch = JSON.parse(
        readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'),
      );
      expect(torch.spec.game.weights).toEqual(example.game.weights);
      expect(torch.spec.game.latentPoints).toEqual(example.game.latentPoints);
    }
  });
});
