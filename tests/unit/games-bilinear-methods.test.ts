import { describe, expect, it } from 'vitest';
import {
  consensusConverges,
  consensusRadius,
  extragradientRadius,
  momentumRadius,
  ogdaRadius,
  parseSingleGameSpec,
  simulateGame,
  type GameRun,
  type SingleGameSpec,
} from '../../src/core/games/index.js';

/** A game run on b·x·y; `overrides` are sweep-spec fields. */
function xy(overrides: Record<string, unknown>): SingleGameSpec {
  return parseSingleGameSpec({
    game: 'bilinear',
    x0: 1,
    y0: 0.5,
    steps: 1000,
    escapeRadius: 1e6,
    ...overrides,
  });
}

function radii(run: GameRun): number[] {
  const t = run.trajectory!;
  return Array.from({ length: t.length / 2 }, (_, k) => Math.hypot(t[2 * k], t[2 * k + 1]));
}

function points(run: GameRun): [number, number][] {
  const t = run.trajectory!;
  return Array.from({ length: t.length / 2 }, (_, k) => [t[2 * k], t[2 * k + 1]]);
}

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('simultaneous GDA on x·y', () => {
  it.each([0.01, 0.1, 0.5, 1.3])(
    'radius grows by √(1+η²) per step, exactly: r_k = r₀(1+η²)^{k/2} (η = %f)',
    (eta) => {
      const run = simulateGame(xy({ lr: eta, steps: 300, escapeRadius: 1e300 }), { record: true });
      const r = radii(run);
      expect(r).toHaveLength(301);
      r.forEach((rk, k) =>
        expect(relative(rk, r[0] * (1 + eta * eta) ** (k / 2))).toBeLessThan(1e-12),
      );
    },
  );

  it.each([0.05, 0.3, 1])('the angle turns by atan(η) clockwise per step (η = %f)', (eta) => {
    const run = simulateGame(xy({ lr: eta, steps: 50 }), { record: true });
    const p = points(run);
    for (let k = 1; k < p.length; k++) {
      const turn = Math.atan2(
        p[k - 1][0] * p[k][1] - p[k - 1][1] * p[k][0],
        p[k - 1][0] * p[k][0] + p[k - 1][1] * p[k][1],
      );
      expect(turn).toBeCloseTo(-Math.atan(eta), 12);
    }
  });

  it.each([
    [0.1, 1e3],
    [0.1, 1e6],
    [0.37, 10],
    [1, 1e12],
  ])('escapes at the first integer past k* = ln(R/r₀)/ln ρ (η = %f, R = %f)', (eta, R) => {
    const spec = xy({ lr: eta, escapeRadius: R, steps: 100000 });
    const kStar = Math.log(R / Math.hypot(1, 0.5)) / Math.log(Math.sqrt(1 + eta * eta));
    const { escapeStep, stepsRun } = simulateGame(spec).metrics;
    expect([Math.ceil(kStar), Math.floor(kStar) + 1]).toContain(escapeStep);
    expect(stepsRun).toBe(escapeStep);
  });

  it('a smaller learning rate only delays divergence: the escape step grows like 2·ln(R/r₀)/η²', () => {
    const r0 = Math.hypot(1, 0.5);
    const R = 1e6;
    const steps = [0.2, 0.1, 0.05, 0.02].map((eta) => {
      const { escapeStep } = simulateGame(xy({ lr: eta, escapeRadius: R, steps: 100000 })).metrics;
      expect(escapeStep).toBeGreaterThan(0);
      if (eta <= 0.05)
        expect(relative(escapeStep, (2 * Math.log(R / r0)) / (eta * eta))).toBeLessThan(0.01);
      return escapeStep;
    });
    for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeGreaterThan(steps[i - 1]);
  });

  it.each([
    [0.1, 0.4],
    [0.5, 0.02],
    [1.5, 0.3],
  ])(
    'with separate rates the weighted radius √(ηy·x² + ηx·y²) grows by √(1+ηx·ηy) per step (ηx = %f, ηy = %f)',
    (lrX, lrY) => {
      const run = simulateGame(xy({ lr: 1, lrX, lrY, steps: 200, escapeRadius: 1e300 }), {
        record: true,
      });
      const weighted = points(run).map(([x, y]) => Math.sqrt(lrY * x * x + lrX * y * y));
      weighted.forEach((w, k) =>
        expect(relative(w, weighted[0] * (1 + lrX * lrY) ** (k / 2))).toBeLessThan(1e-12),
      );
    },
  );
});

describe('alternating GDA on x·y', () => {
  it.each([
    ['x-first', 1],
    ['y-first', -1],
  ] as const)(
    'conserves x² ± η·x·y + y² to 1e-9 over 10⁴ steps and stays bounded for η < 2 (%s)',
    (order, sign) => {
      for (const eta of [0.1, 0.5, 1.5, 1.9]) {
        const run = simulateGame(
          xy({ lr: eta, method: { name: 'alt-gda', order }, steps: 10000 }),
          { record: true },
        );
        const q = points(run).map(([x, y]) => x * x + sign * eta * x * y + y * y);
        for (const qk of q) expect(relative(qk, q[0])).toBeLessThan(1e-9);
        // The conserved form is at least (1 − η/2)·r², so the orbit stays inside that ellipse.
        expect(run.metrics.maxRadius).toBeLessThanOrEqual(
          Math.sqrt(q[0] / (1 - eta / 2)) * (1 + 1e-12),
        );
        expect(run.metrics.escapeStep).toBe(-1);
      }
    },
  );

  it('the other order breaks the invariant (the test can tell the orders apart)', () => {
    const eta = 0.5;
    const run = simulateGame(
      xy({ lr: eta, method: { name: 'alt-gda', order: 'y-first' }, steps: 100 }),
      { record: true },
    );
    const q = points(run).map(([x, y]) => x * x + eta * x * y + y * y);
    expect(Math.max(...q.map((qk) => relative(qk, q[0])))).toBeGreaterThan(1e-3);
  });

  it('diverges for η > 2', () => {
    expect(simulateGame(xy({ lr: 2.1, method: 'alt-gda' })).metrics.escapeStep).toBeGreaterThan(0);
  });
});

describe('extragradient on x·y', () => {
  it.each([0.1, 0.5, 0.9])(
    'shrinks the radius by exactly √(1−η²+η⁴) per step and converges (η = %f)',
    (eta) => {
      const run = simulateGame(xy({ lr: eta, method: 'eg', steps: 50 }), { record: true });
      const r = radii(run);
      r.forEach((rk, k) =>
        expect(relative(rk, r[0] * extragradientRadius(eta) ** k)).toBeLessThan(1e-12),
      );
      const long = simulateGame(xy({ lr: eta, method: 'eg', steps: 100000 })).metrics;
      expect(long.radius).toBeLessThan(1e-30);
      expect(long.stepsRun).toBeLessThan(100000);
    },
  );

  it('at η = 1 is a pure rotation: the radius never changes', () => {
    const run = simulateGame(xy({ lr: 1, method: 'eg', steps: 1000 }), { record: true });
    for (const rk of radii(run)) expect(relative(rk, Math.hypot(1, 0.5))).toBeLessThan(1e-12);
  });

  it('diverges for η > 1', () => {
    expect(
      simulateGame(xy({ lr: 1.2, method: 'eg', steps: 100000 })).metrics.escapeStep,
    ).toBeGreaterThan(0);
  });
});

describe('optimistic GDA on x·y', () => {
  it('converges just below η = 1/√3 and diverges just above it', () => {
    const below = simulateGame(xy({ lr: 0.57, method: 'ogda', steps: 100000 })).metrics;
    expect(below.radius).toBeLessThan(1e-30);
    const above = simulateGame(xy({ lr: 0.585, method: 'ogda', steps: 100000 })).metrics;
    expect(above.escapeStep).toBeGreaterThan(0);
  });

  it('is fastest near η = ½, where ρ = 1/√2', () => {
    expect(ogdaRadius(0.5)).toBeCloseTo(Math.SQRT1_2, 15);
    const grid = [0.1, 0.2, 0.3, 0.4, 0.45, 0.5, 0.55];
    const stepsToConverge = grid.map(
      (eta) => simulateGame(xy({ lr: eta, method: 'ogda', steps: 100000 })).metrics.stepsRun,
    );
    const fastest = grid[stepsToConverge.indexOf(Math.min(...stepsToConverge))];
    expect(fastest).toBeGreaterThanOrEqual(0.45);
    expect(fastest).toBeLessThanOrEqual(0.55);
    for (let eta = 0.05; eta < 0.575; eta += 0.01)
      expect(ogdaRadius(eta)).toBeGreaterThanOrEqual(Math.SQRT1_2 - 1e-12);
  });

  it('its growth rate tends to ln ρ', () => {
    const eta = 0.3;
    const { growthRate, stepsRun } = simulateGame(
      xy({ lr: eta, method: 'ogda', steps: 2000 }),
    ).metrics;
    expect(Math.abs(growthRate - Math.log(ogdaRadius(eta)))).toBeLessThan(5 / stepsRun);
  });
});

describe('heavy-ball momentum on x·y', () => {
  it.each([
    [-0.5, 0.5],
    [-0.3, 1.0],
    [-0.7, 0.4],
    [-0.1, 1.5],
  ])('alternating, converges inside −1 < β < 0, η < 2(1+β) (β = %f, η = %f)', (beta, eta) => {
    const run = simulateGame(
      xy({ lr: eta, method: { name: 'momentum', beta, order: 'x-first' }, steps: 100000 }),
    );
    expect(run.metrics.radius).toBeLessThan(1e-30);
  });

  it.each([
    [0.3, 0.5],
    [0, 0.5],
    [-0.5, 1.1],
    [-0.8, 0.5],
  ])('alternating, does not converge outside that region (β = %f, η = %f)', (beta, eta) => {
    const run = simulateGame(
      xy({ lr: eta, method: { name: 'momentum', beta, order: 'x-first' }, steps: 20000 }),
    );
    expect(run.metrics.radius).toBeGreaterThan(0.1);
  });

  it('the region is exactly where the alternating char. polynomial has all roots inside the unit circle', () => {
    for (let beta = -0.95; beta < 0.96; beta += 0.1) {
      for (let eta = 0.03; eta < 3; eta += 0.1) {
        const inside = beta > -1 && beta < 0 && eta < 2 * (1 + beta);
        expect(momentumRadius(eta, beta, 'x-first') < 1, `β = ${beta}, η = ${eta}`).toBe(inside);
      }
    }
  });

  it('simultaneous never converges, for any β', () => {
    for (const beta of [-0.9, -0.5, 0, 0.5, 0.9]) {
      for (const eta of [0.05, 0.3, 1]) {
        expect(momentumRadius(eta, beta, 'simultaneous')).toBeGreaterThan(1);
        const spec = xy({
          lr: eta,
          method: { name: 'momentum', beta, order: 'simultaneous' },
          steps: 20000,
        });
        const m = simulateGame(spec).metrics;
        expect(m.escapeStep > 0 || m.growthRate > 0, `β = ${beta}, η = ${eta}`).toBe(true);
      }
    }
  });
});

describe('consensus, SGA and Hamiltonian descent on x·y', () => {
  it.each([
    [0.1, 0.5],
    [0.5, 1],
    [1.5, 0.2],
  ])('consensus scales the radius by √((1−ηγ)²+η²) per step (η = %f, γ = %f)', (eta, gamma) => {
    const run = simulateGame(
      xy({ lr: eta, method: { name: 'consensus', gamma }, steps: 100, escapeRadius: 1e300 }),
      {
        record: true,
      },
    );
    const r = radii(run);
    r.forEach((rk, k) =>
      expect(relative(rk, r[0] * consensusRadius(eta, gamma) ** k)).toBeLessThan(1e-12),
    );
  });

  it.each([0.3, 1, 2])('consensus converges iff η < 2γ/(1+γ²) (γ = %f)', (gamma) => {
    const edge = (2 * gamma) / (1 + gamma * gamma);
    for (const eta of [edge * 0.97, edge * 1.03]) {
      const m = simulateGame(
        xy({ lr: eta, method: { name: 'consensus', gamma }, steps: 100000 }),
      ).metrics;
      expect(m.radius < 1e-30).toBe(consensusConverges(eta, gamma));
    }
    expect(consensusConverges(edge * 0.97, gamma)).toBe(true);
    expect(consensusConverges(edge * 1.03, gamma)).toBe(false);
  });

  it('SGA with λ equals consensus with γ = λ on x·y, step for step', () => {
    for (const lambda of [0.1, 0.7, 3]) {
      const sga = simulateGame(xy({ lr: 0.2, method: { name: 'sga', lambda }, steps: 300 }), {
        record: true,
      });
      const consensus = simulateGame(
        xy({ lr: 0.2, method: { name: 'consensus', gamma: lambda }, steps: 300 }),
        {
          record: true,
        },
      );
      expect(sga.trajectory!.length).toBe(consensus.trajectory!.length);
      sga.trajectory!.forEach((v, i) => expect(v).toBeCloseTo(consensus.trajectory![i], 14));
    }
  });

  it.each([0.1, 0.9, 1.5, 2.5])(
    'Hamiltonian descent contracts by exactly |1−η| per step (η = %f)',
    (eta) => {
      const run = simulateGame(xy({ lr: eta, method: 'hgd', steps: 40, escapeRadius: 1e300 }), {
        record: true,
      });
      const r = radii(run);
      r.forEach((rk, k) => expect(relative(rk, r[0] * Math.abs(1 - eta) ** k)).toBeLessThan(1e-12));
    },
  );
});

describe('Adam on x·y', () => {
  it('with ε = 0 the trajectory scales exactly: z_k(lr, z₀) = lr·z_k(1, z₀/lr)', () => {
    const adam = { name: 'adam', beta1: 0.9, beta2: 0.999, eps: 0 };
    for (const lr of [0.01, 0.3, 4]) {
      const small = simulateGame(xy({ lr, x0: 1, y0: 0.5, method: adam, steps: 500 }), {
        record: true,
      });
      const unit = simulateGame(xy({ lr: 1, x0: 1 / lr, y0: 0.5 / lr, method: adam, steps: 500 }), {
        record: true,
      });
      const a = small.trajectory!;
      const b = unit.trajectory!;
      expect(a.length).toBe(b.length);
      const scale = Math.max(...Array.from(a, Math.abs));
      a.forEach((v, i) => expect(Math.abs(v - lr * b[i])).toBeLessThan(1e-12 * scale));
    }
  });

  it('does not converge: it settles on a cycle whose radius scales with lr', () => {
    const late = (lr: number) =>
      simulateGame(xy({ lr, method: 'adam', steps: 20000 })).metrics.radius;
    expect(late(0.01)).toBeGreaterThan(1e-3);
    expect(late(0.001)).toBeLessThan(late(0.01));
  });
});
