import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGanRunSpec, trainGan } from '../../src/core/gan/index.js';

/** The deterministic-mode example of docs/gans.md, as the reader sees it. */
function documentedExample(): unknown {
  const doc = readFileSync(new URL('../../docs/gans.md', import.meta.url), 'utf8');
  const section = doc.slice(doc.indexOf('### Deterministic mode'));
  const block = /```json\n([\s\S]*?)```/.exec(section);
  if (block === null) throw new Error('docs/gans.md has no deterministic-mode example');
  return JSON.parse(block[1]);
}

const sigmoid = (u: number) => 1 / (1 + Math.exp(-u));

/**
 * The same run written out by hand, as the docs tell a PyTorch user to do it: G(z) = W2·tanh(W1·z
 * + b1) + b2 with 2 hidden units, D(x) = w·x, minimax loss on the whole batch, simultaneous
 * gradient steps (D ascends V_D, G descends L_G).
 */
function byHand(steps: number, lr: number) {
  const xs = [1, -1];
  const zs = [0.5, -0.5];
  let w = 0.3;
  let W1 = [1, 2];
  let b1 = [0, 0];
  let W2 = [0.5, -0.5];
  let b2 = 0.1;
  const states = [];
  for (let k = 0; k < steps; k++) {
    const hidden = zs.map((z) => [0, 1].map((u) => Math.tanh(W1[u] * z + b1[u])));
    const fake = hidden.map((h) => W2[0] * h[0] + W2[1] * h[1] + b2);
    // V_D = −mean softplus(−w·x) − mean softplus(w·G)
    let dw = 0;
    xs.forEach((x) => (dw += (sigmoid(-w * x) * x) / xs.length));
    fake.forEach((g) => (dw -= (sigmoid(w * g) * g) / fake.length));
    // L_G = −mean softplus(w·G): ∂L/∂G_j = −σ(w·G_j)·w/m
    const gW1 = [0, 0];
    const gb1 = [0, 0];
    const gW2 = [0, 0];
    let gb2 = 0;
    fake.forEach((g, j) => {
      const dG = (-sigmoid(w * g) * w) / fake.length;
      gb2 += dG;
      for (const u of [0, 1]) {
        gW2[u] += dG * hidden[j][u];
        const dPre = dG * W2[u] * (1 - hidden[j][u] ** 2);
        gW1[u] += dPre * zs[j];
        gb1[u] += dPre;
      }
    });
    w += lr * dw;
    W1 = W1.map((v, u) => v - lr * gW1[u]);
    b1 = b1.map((v, u) => v - lr * gb1[u]);
    W2 = W2.map((v, u) => v - lr * gW2[u]);
    b2 -= lr * gb2;
    states.push({ d: [w], g: [W1[0], W1[1], b1[0], b1[1], W2[0], W2[1], b2] });
  }
  return states;
}

describe('deterministic mode', () => {
  it('the documented example replays a hand-written full-batch minimax run step for step', () => {
    const spec = parseGanRunSpec(documentedExample());
    expect(spec.steps).toBe(100);
    const run = trainGan(spec, { record: true });
    const hand = byHand(spec.steps, spec.lr);
    expect(run.trajectory!.length).toBe(spec.steps + 1);
    hand.forEach((s, k) => {
      const p = run.trajectory![k + 1];
      s.d.forEach((v, i) =>
        expect(Math.abs(p.d[i] - v), `step ${k + 1} d[${i}]`).toBeLessThan(1e-13),
      );
      s.g.forEach((v, i) =>
        expect(Math.abs(p.g[i] - v), `step ${k + 1} g[${i}]`).toBeLessThan(1e-13),
      );
    });
    // the run moves: the discriminator weight leaves its start
    expect(Math.abs(run.final.d[0] - 0.3)).toBeGreaterThan(1e-3);
  });

  it('draws nothing: any seed gives the same run', () => {
    const spec = parseGanRunSpec(documentedExample());
    const a = trainGan({ ...spec, steps: 10 });
    const b = trainGan({ ...spec, steps: 10, seed: 99 });
    expect(b.final).toEqual(a.final);
    expect(b.metrics).toEqual(a.metrics);
  });
});
