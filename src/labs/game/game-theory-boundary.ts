import {
  cellSpec,
  closedFormSpectralRadius,
  METHOD_CATALOG,
  linearisedStepMap,
  spectralRadius,
  type SingleGameSpec,
  type SweepSpec,
} from '../../core/games/index.js';

/** A piece of the ρ = 1 curve, in fractional cell coordinates of the sweep (0 … count − 1 on each axis). */
export interface BoundarySegment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface TheoryBoundary {
  /** The window the segments were computed over; a heatmap of other axes must not draw them. */
  axes: SweepSpec['axes'];
  segments: BoundarySegment[];
  /** Where ρ comes from: the closed form (docs/games.md#closed-forms-on-the-bilinear-game), or the float64 linearisation of the step at (0, 0). */
  source: 'closed form' | 'linearised step';
  /** The known boundary in words (e.g. "OGDA: η < 1/√3 ≈ 0.577"), when docs/games.md#summary-table states one. */
  note: string | null;
}

/** What the theory says about one game's step at the equilibrium: ρ and where it comes from, or why there is none. */
export type GameTheory =
  { rho: number; source: 'closed form' | 'linearised step' } | { rho: null; reason: string };

/**
 * ρ of the step at the equilibrium: the closed form when docs/games.md has one, else the
 * linearised step map's; else (Adam, a field singular or not differentiable at (0, 0)) the
 * reason. Never throws.
 */
export function gameTheory(spec: SingleGameSpec): GameTheory {
  const closed = closedFormSpectralRadius(spec);
  if (closed !== null && Number.isFinite(closed)) return { rho: closed, source: 'closed form' };
  const l = linearisedStepMap(spec);
  if (l.kind === 'none') return { rho: null, reason: l.reason };
  const rho = spectralRadius(l.eigenvalues);
  return Number.isFinite(rho)
    ? { rho, source: 'linearised step' }
    : { rho: null, reason: 'the step map’s eigenvalues leave the float range' };
}

/** ρ of the step at the equilibrium (see gameTheory); null where there is none. */
export function theorySpectralRadius(spec: SingleGameSpec): number | null {
  return gameTheory(spec).rho;
}

// ρ = 1 exactly (alternating GDA for η < 2, extragradient at η = 1) counts as not converging.
const CONVERGES_BELOW = 1 - 1e-9;

/**
 * The ρ = 1 contour over the sweep's two axes, by marching squares on a grid
 * of `resolution` points an axis: where the theory says the game stops
 * converging. null when the method has no linearisation (Adam); an empty
 * segment list when ρ stays on one side of 1 over the whole window.
 * Yields to the event loop between rows, so a slow linearisation never
 * freezes the page.
 */
export async function theoryBoundary(
  spec: SweepSpec,
  options: { resolution?: number; signal?: AbortSignal } = {},
): Promise<TheoryBoundary | null> {
  if (!METHOD_CATALOG[spec.method.name].linearisable) return null;
  const closed = closedFormSpectralRadius(cellSpec(spec, 0, 0)) !== null;
  // The linearisation compiles the game per point, so it gets a coarser grid.
  const n = options.resolution ?? (closed ? 97 : 41);
  const grid: SweepSpec = {
    ...spec,
    axes: { x: { ...spec.axes.x, count: n }, y: { ...spec.axes.y, count: n } },
  };
  const inside: boolean[][] = [];
  const value: number[][] = [];
  for (let j = 0; j < n; j++) {
    options.signal?.throwIfAborted();
    const rowInside: boolean[] = [];
    const rowValue: number[] = [];
    for (let i = 0; i < n; i++) {
      const rho = theorySpectralRadius(cellSpec(grid, i, j)) ?? Infinity;
      rowInside.push(rho < CONVERGES_BELOW);
      rowValue.push(Number.isFinite(rho) ? rho - 1 : 1);
    }
    inside.push(rowInside);
    value.push(rowValue);
    if (!closed && j % 4 === 3) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  const scaleX = (spec.axes.x.count - 1) / (n - 1);
  const scaleY = (spec.axes.y.count - 1) / (n - 1);
  const segments = marchingSquares(inside, value).map((s) => ({
    x1: s.x1 * scaleX,
    y1: s.y1 * scaleY,
    x2: s.x2 * scaleX,
    y2: s.y2 * scaleY,
  }));
  return {
    axes: spec.axes,
    segments,
    source: closed ? 'closed form' : 'linearised step',
    note: knownBoundaryNote(cellSpec(spec, 0, 0)),
  };
}

/** The convergence condition (docs/games.md#summary-table) for the spec's method on a bilinear game, in words. */
export function knownBoundaryNote(spec: SingleGameSpec): string | null {
  if (closedFormSpectralRadius(spec) === null) return null;
  switch (spec.method.name) {
    case 'sim-gda':
      return 'simultaneous GDA: ρ = √(1+η²) > 1 for every η — no boundary';
    case 'alt-gda':
      return 'alternating GDA: bounded (ρ = 1) for η < 2, diverges beyond';
    case 'eg':
      return 'extragradient: converges for 0 < η < 1';
    case 'ogda':
      return 'optimistic GDA: converges for 0 < η < 1/√3 ≈ 0.577';
    case 'momentum':
      return spec.method.order === 'x-first'
        ? 'alternating momentum: converges for −1 < β < 0 and η < 2(1+β)'
        : 'simultaneous momentum: ρ > 1 for every β';
    case 'consensus':
      return 'consensus: converges for η < 2γ/(1+γ²)';
    case 'sga':
      return 'SGA on x·y = consensus with γ = λ: converges for η < 2λ/(1+λ²)';
    case 'hgd':
      return 'Hamiltonian descent: converges for 0 < η < 2';
    case 'adam':
      return null;
  }
}

/** Segments between grid points i (columns) and j (rows) where `inside` changes, placed by linear interpolation of `value`. */
function marchingSquares(inside: boolean[][], value: number[][]): BoundarySegment[] {
  const segments: BoundarySegment[] = [];
  const ny = inside.length;
  const nx = inside[0]?.length ?? 0;
  const cross = (a: number, b: number): number => {
    const t = a / (a - b);
    return Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0.5;
  };
  for (let j = 0; j + 1 < ny; j++) {
    for (let i = 0; i + 1 < nx; i++) {
      const corners = [
        [i, j],
        [i + 1, j],
        [i + 1, j + 1],
        [i, j + 1],
      ] as const;
      const points: [number, number][] = [];
      for (let k = 0; k < 4; k++) {
        const [ax, ay] = corners[k];
        const [bx, by] = corners[(k + 1) % 4];
        if (inside[ay][ax] === inside[by][bx]) continue;
        const t = cross(value[ay][ax], value[by][bx]);
        points.push([ax + (bx - ax) * t, ay + (by - ay) * t]);
      }
      for (let k = 0; k + 1 < points.length; k += 2) {
        segments.push({
          x1: points[k][0],
          y1: points[k][1],
          x2: points[k + 1][0],
          y2: points[k + 1][1],
        });
      }
    }
  }
  return segments;
}

/** ρ at each learning rate η (both players' rate set to η), for the theory plot; null where there is none. */
export function spectralRadiusCurve(
  spec: SingleGameSpec,
  etas: ArrayLike<number>,
): (number | null)[] {
  const shared: SingleGameSpec = { ...spec };
  delete shared.lrX;
  delete shared.lrY;
  return Array.from(etas, (eta) => {
    const rho = theorySpectralRadius({ ...shared, lr: eta });
    return rho !== null && Number.isFinite(rho) ? rho : null;
  });
}
