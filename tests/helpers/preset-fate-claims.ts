import {
  cellSpec,
  closedFormSpectralRadius,
  escapeStepEstimate,
  FATE,
  FATE_NAMES,
  FATE_RATIO,
  type SweepSpec,
} from '../../src/core/games/index.js';
import { theorySpectralRadius } from '../../src/labs/game/game-theory-boundary.js';

/** What a preset's caption claims needs of a finished sweep: its spec, axes and three metrics. */
export interface FateSweep {
  spec: SweepSpec;
  xValues: ArrayLike<number>;
  yValues: ArrayLike<number>;
  fate: ArrayLike<number>;
  radius: ArrayLike<number>;
  escapeStep: ArrayLike<number>;
}

interface Cell {
  ix: number;
  iy: number;
  i: number;
  x: number;
  y: number;
  fate: number;
}

/**
 * Slack for a step map's transient: r_k/r₀ = C·ρ^k, and C can be well below 1 where the start
 * barely touches the growing mode (momentum near β = −1, where two modes nearly meet: ρ = 1.007
 * after 1000 steps grows less than 100-fold there). Over a whole preset window the closed form
 * decides a cell once k·|ln ρ| clears ln(FATE_RATIO) by a further ln 100.
 */
const DECIDED = Math.log(FATE_RATIO) + Math.log(100);

function cells(s: FateSweep): Cell[] {
  const nx = s.spec.axes.x.count;
  const out: Cell[] = [];
  for (let iy = 0; iy < s.spec.axes.y.count; iy++)
    for (let ix = 0; ix < nx; ix++) {
      const i = iy * nx + ix;
      out.push({ ix, iy, i, x: s.xValues[ix], y: s.yValues[iy], fate: s.fate[i] });
    }
  return out;
}

const where = (s: FateSweep, c: Cell) =>
  `(${s.spec.axes.x.param} = ${c.x}, ${s.spec.axes.y.param} = ${c.y}): ${FATE_NAMES[c.fate] ?? c.fate}`;

/** Every cell has `fate`. */
function all(s: FateSweep, fate: number): string[] {
  return cells(s)
    .filter((c) => c.fate !== fate)
    .map((c) => `${where(s, c)}, caption says ${FATE_NAMES[fate]}`);
}

/** Cells of the given fate lie only where `allowed` says. */
function only(s: FateSweep, fate: number, allowed: (c: Cell) => boolean, why: string): string[] {
  return cells(s)
    .filter((c) => c.fate === fate && !allowed(c))
    .map((c) => `${where(s, c)} outside ${why}`);
}

/** At least one cell has `fate` (so a caption's colour word is on the map). */
function some(s: FateSweep, fate: number): string[] {
  return cells(s).some((c) => c.fate === fate) ? [] : [`no ${FATE_NAMES[fate]} cell at all`];
}

/** Wherever the closed form's ρ^k decides, the fate is the closed form's. */
function closedForm(s: FateSweep): string[] {
  const out: string[] = [];
  for (const c of cells(s)) {
    const rho = closedFormSpectralRadius(cellSpec(s.spec, c.ix, c.iy));
    if (rho === null) {
      out.push(`${where(s, c)}: no closed form`);
      continue;
    }
    const logRatio = s.spec.steps * Math.log(rho);
    const expected =
      logRatio > DECIDED
        ? FATE.diverged
        : logRatio < -DECIDED
          ? FATE.converged
          : Math.abs(logRatio) < 1e-12
            ? FATE.bounded
            : null;
    if (expected !== null && c.fate !== expected)
      out.push(`${where(s, c)}, closed form ρ = ${rho} says ${FATE_NAMES[expected]}`);
  }
  return out;
}

const ogdaBound = 1 / Math.sqrt(3);

/**
 * Each preset caption's claims about its fate map (and the escape-step preset's 1/η² law), as
 * problems found in a finished sweep: an empty list when the map is what the caption says.
 */
export const PRESET_FATE_CLAIMS: Readonly<Record<string, (s: FateSweep) => string[]>> = {
  'sim-gda-diverges': (s) => [...all(s, FATE.diverged), ...closedForm(s)],
  'smaller-lr-delays': (s) => {
    const out = all(s, FATE.diverged);
    for (const c of cells(s)) {
      const spec = cellSpec(s.spec, c.ix, c.iy);
      const estimate = escapeStepEstimate(
        closedFormSpectralRadius(spec)!,
        Math.hypot(spec.x0, spec.y0),
        spec.escapeRadius,
      );
      // The first step past the radius: the estimate rounded up, give or take f32's one step.
      const k = s.escapeStep[c.i];
      if (!(Math.abs(k - Math.ceil(estimate)) <= 1))
        out.push(`${where(s, c)}: escaped at step ${k}, 1/η² law says ${Math.ceil(estimate)}`);
    }
    return out;
  },
  'continuous-circle': (s) => [...closedForm(s), ...some(s, FATE.bounded)],
  'alternating-cycles': (s) =>
    cells(s)
      .filter((c) => c.fate !== (c.x < 2 ? FATE.bounded : FATE.diverged))
      .map((c) => `${where(s, c)}, caption says bounded below η = 2 and diverged above`),
  'eg-ogda-converge': (s) => [
    ...closedForm(s),
    ...some(s, FATE.converged),
    ...some(s, FATE.diverged),
    ...only(s, FATE.converged, (c) => c.x < ogdaBound, 'η < 1/√3'),
    ...only(s, FATE.diverged, (c) => c.x > ogdaBound, 'η > 1/√3'),
  ],
  'negative-momentum': (s) => [
    ...closedForm(s),
    ...some(s, FATE.converged),
    ...some(s, FATE.diverged),
    ...only(
      s,
      FATE.converged,
      (c) => c.y > -1 && c.y < 0 && c.x < 2 * (1 + c.y),
      '−1 < β < 0, η < 2(1+β)',
    ),
  ],
  consensus: (s) => [
    ...closedForm(s),
    ...some(s, FATE.converged),
    ...some(s, FATE.diverged),
    ...only(s, FATE.converged, (c) => c.x < (2 * c.y) / (1 + c.y * c.y), 'η < 2γ/(1+γ²)'),
  ],
  'dirac-gan': (s) => {
    const out = all(s, FATE.bounded);
    // Never shrinks (to f32's resolution: where the loss saturates the game barely moves), and grows almost everywhere.
    let grew = 0;
    for (const c of cells(s)) {
      const r0 = Math.hypot(c.x, c.y);
      if (s.radius[c.i] > r0 * (1 + 2 ** -20)) grew++;
      else if (s.radius[c.i] < r0 * (1 - 2 ** -20))
        out.push(`${where(s, c)}: radius ${s.radius[c.i]} shrank from ${r0}`);
    }
    if (grew < 0.9 * s.fate.length) out.push(`the radius grew in only ${grew} cells`);
    return out;
  },
  'dirac-wgan': (s) => [...all(s, FATE.diverged), ...closedForm(s)],
  'dirac-wgan-gp': (s) => all(s, FATE.bounded),
  'dirac-r1': (s) => [
    ...some(s, FATE.converged),
    ...only(
      s,
      FATE.converged,
      (c) => (theorySpectralRadius(cellSpec(s.spec, c.ix, c.iy)) ?? Infinity) < 1,
      'the theory curve (ρ < 1)',
    ),
  ],
  'dirac-ns-r1': (s) => all(s, FATE.converged),
};
