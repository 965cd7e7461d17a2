import {
  cellSpec,
  closedFormSpectralRadius,
  compileGame,
  DEFAULT_SPEC,
  defaultGameSpec,
  defaultMethodSpec,
  GAME_CATALOG,
  isGameName,
  isMethodName,
  learningRates,
  METHOD_CATALOG,
  parseSweepSpec,
  simulateGame,
  SpecError,
  sweepableParameters,
  type GameMetrics,
  type MethodName,
  type SingleGameSpec,
  type SweepSpec,
} from '../../core/games/index.js';
import { parseExpression } from '../../core/expression/index.js';
import { getPath, setPath } from '../../core/object-path.js';
import { runSweep, type GameGpu, type SweepResult } from '../../gpu/game/game-sweep-runner.js';
import { continuousFlow } from './game-continuous-flow.js';
import { hashToView, viewToHash, type GameLabView } from './game-lab-url.js';
import { findPreset, GAME_PRESETS, presetSpecInput, type SweepMetricName } from './game-presets.js';
import { theoryBoundary, type TheoryBoundary } from './game-theory-boundary.js';

export type { SweepResult };

/** Runs a sweep on the GPU; the lab supplies it once a device is there. */
export type SweepRunner = (
  spec: SweepSpec,
  options: {
    signal: AbortSignal;
    onProgress(p: { fraction: number; cellsDone: number; stepsDone: number }): void;
  },
) => Promise<SweepResult>;

/** The runner that plays sweeps on `gpu` with the GPU sweep kernel. */
export function gpuSweepRunner(gpu: GameGpu): SweepRunner {
  return (spec, options) => runSweep(gpu, spec, options);
}

export type SweepStatus =
  | { kind: 'idle' }
  | { kind: 'running'; fraction: number; cellsDone: number; cells: number }
  | { kind: 'done'; gameSteps: number; seconds: number }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

/** One game of the single-game views: the spec's own method or an overlay, from the same start. */
export interface PlayedGame {
  method: MethodName;
  title: string;
  spec: SingleGameSpec;
  /** x0, y0, x1, y1, … (float64, the CPU reference). */
  trajectory: Float64Array;
  metrics: GameMetrics;
  /** games.md's spectral radius, where one exists. */
  rho: number | null;
  /** r_k = r₀·ρ^k holds exactly (a scaled rotation), so the orbit view may draw that circle. */
  exactRadius: boolean;
}

export interface GameSurface {
  objective(x: number, y: number): number;
  field(x: number, y: number): [number, number];
}

// Methods whose step on b·x·y is a scaled rotation with one shared rate (games.md, "Escape step").
const SCALED_ROTATIONS = new Set<MethodName>(['sim-gda', 'eg', 'consensus', 'sga', 'hgd']);

const SWEEP_DEBOUNCE_MS = 200;

/**
 * The Game Lab's state and behaviour: the view (what the URL holds), the
 * games the single-game views play, the GPU sweep (run, progress, cancel) and
 * the theory boundary. Views listen for `change` and read the fields.
 * Events: `change` (anything), `sweep-done` (detail: a status-line report).
 */
export class GameLabState extends EventTarget {
  view: GameLabView;
  /** Why the link (or the last hash) could not be used in full. */
  linkError: string | null;
  /** Field path → why the value typed there was refused. */
  readonly fieldErrors = new Map<string, string>();
  /** Position of the error in the typed objective, for the field to point at. */
  expressionErrorAt: number | null = null;
  games: PlayedGame[] = [];
  flow: Float64Array = new Float64Array(0);
  /** The current game's objective (the one x maximises) and field, for the surface and field views. */
  surface: GameSurface | null = null;
  sweep: SweepResult | null = null;
  sweepStatus: SweepStatus = { kind: 'idle' };
  boundary: TheoryBoundary | null = null;
  /** Earlier sweep windows, for "back" after a drag-zoom. */
  readonly zoomHistory: SweepSpec['axes'][] = [];
  playing = false;

  private runner: SweepRunner | null = null;
  private sweepAbort: AbortController | null = null;
  private boundaryAbort: AbortController | null = null;
  private sweepTimer: ReturnType<typeof setTimeout> | undefined;
  private sweptKey = '';

  constructor(hash: string) {
    super();
    const parsed = hashToView(hash);
    this.view = parsed.view;
    this.linkError = parsed.error;
    this.replay();
    void this.refreshBoundary();
  }

  get hash(): string {
    return viewToHash(this.view);
  }

  /** Loads a hash someone typed or pasted; returns false when it already is the current view. */
  loadHash(hash: string): boolean {
    if (hash === this.hash) return false;
    const parsed = hashToView(hash);
    this.linkError = parsed.error;
    this.fieldErrors.clear();
    this.setView(parsed.view);
    return true;
  }

  setRunner(runner: SweepRunner | null): void {
    this.runner = runner;
    if (runner) this.requestSweep(0);
  }

  /** The single game the views play: the selected cell's, else the spec's own values. */
  get currentGame(): SingleGameSpec {
    const { spec, cell } = this.view;
    if (cell) return cellSpec(spec, cell.ix, cell.iy);
    const run: Partial<SweepSpec> = structuredClone(spec);
    delete run.axes;
    return run as SingleGameSpec;
  }

  get playheadMax(): number {
    return this.games.reduce((m, g) => Math.max(m, g.trajectory.length / 2 - 1), 0);
  }

  /** The step the single-game views show. */
  get playhead(): number {
    return Math.min(this.view.playhead ?? this.playheadMax, this.playheadMax);
  }

  /**
   * Half the width of the square the surface and field views show, around
   * (0, 0): the start and the first few radii of the run, so a diverging
   * orbit does not shrink the saddle to a dot.
   */
  get window(): number {
    const main = this.games[0];
    const r0 = Math.hypot(this.currentGame.x0, this.currentGame.y0) || 1;
    const reach = main ? Math.min(main.metrics.maxRadius, 4 * r0) : r0;
    return Math.max(1.25 * r0, 1.1 * reach, 1e-6);
  }

  applyPreset(id: string): void {
    const preset = findPreset(id);
    if (!preset) return;
    this.fieldErrors.clear();
    this.expressionErrorAt = null;
    this.linkError = null;
    this.zoomHistory.length = 0;
    this.setView({
      ...this.view,
      spec: parseSweepSpec(presetSpecInput(preset, this.view.scale)),
      metric: preset.metric,
      overlays: [...preset.overlays],
      cell: null,
      playhead: null,
      preset: preset.id,
    });
  }

  /** The next (+1) or previous (−1) guided preset, as the slides of presentation mode. */
  stepPreset(direction: 1 | -1): void {
    const index = GAME_PRESETS.findIndex((p) => p.id === this.view.preset);
    const next =
      index < 0
        ? direction > 0
          ? 0
          : GAME_PRESETS.length - 1
        : (index + direction + GAME_PRESETS.length) % GAME_PRESETS.length;
    this.applyPreset(GAME_PRESETS[next].id);
  }

  /**
   * Sets one field of the spec (a dotted path: `lr`, `game.b`, `method.name`,
   * `axes.x.count`…) if the whole spec stays valid; otherwise records the
   * reason at that field and returns it.
   */
  edit(path: string, value: unknown): string | null {
    const input = structuredClone(this.view.spec) as unknown as Record<string, unknown>;
    if (path === 'game.name' && isGameName(value)) input.game = defaultGameSpec(value);
    else if (path === 'method.name' && isMethodName(value)) input.method = defaultMethodSpec(value);
    else if ((path === 'lrX' || path === 'lrY') && value === undefined) delete input[path];
    else setPath(input, path, value);
    if (path === 'game.name' || path === 'method.name') repairAxes(input);
    if (path === 'axes.x.param' || path === 'axes.y.param') fitAxisRange(input, path.split('.')[1]);
    try {
      const spec = parseSweepSpec(input);
      this.fieldErrors.delete(path);
      if (path === 'game.f') this.expressionErrorAt = null;
      this.setView({ ...this.view, spec, preset: null });
      return null;
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      const message = error.field === path ? error.reason : error.message;
      this.fieldErrors.set(path, message);
      if (path === 'game.f') this.expressionErrorAt = expressionErrorPosition(String(value));
      this.emit();
      return message;
    }
  }

  /** Records a value refused before it reached the spec (text that is not a number). */
  refuse(path: string, reason: string): void {
    this.fieldErrors.set(path, reason);
    this.emit();
  }

  setMetric(metric: SweepMetricName): void {
    this.setView({ ...this.view, metric });
  }

  setOverlays(overlays: MethodName[]): void {
    this.setView({ ...this.view, overlays, preset: this.view.preset });
  }

  selectCell(cell: { ix: number; iy: number } | null): void {
    this.setView({ ...this.view, cell, playhead: null });
  }

  setPlayhead(step: number): void {
    const rounded = Math.max(0, Math.min(Math.round(step), this.playheadMax));
    const playhead = rounded === this.playheadMax ? null : rounded;
    if (playhead === this.view.playhead) return;
    this.view = { ...this.view, playhead };
    this.emit();
  }

  setCamera(camera: { azimuth: number; elevation: number }): void {
    this.view = { ...this.view, camera };
    this.emit();
  }

  setPresenting(presenting: boolean): void {
    if (presenting === this.view.presenting) return;
    this.view = { ...this.view, presenting };
    this.emit();
  }

  setPlaying(playing: boolean): void {
    this.playing = playing;
    if (playing && this.playhead >= this.playheadMax) this.view = { ...this.view, playhead: 0 };
    this.emit();
  }

  /** Re-sweeps the rectangle between two cells (inclusive) at the same number of cells an axis. */
  zoomTo(a: { ix: number; iy: number }, b: { ix: number; iy: number }): void {
    const { axes } = this.view.spec;
    const [x0, x1] = [Math.min(a.ix, b.ix), Math.max(a.ix, b.ix)];
    const [y0, y1] = [Math.min(a.iy, b.iy), Math.max(a.iy, b.iy)];
    if (x0 === x1 || y0 === y1) return;
    const cornerLow = cellSpec(this.view.spec, x0, y0);
    const cornerHigh = cellSpec(this.view.spec, x1, y1);
    const read = (s: SingleGameSpec, path: string) => getPath(s, path) as number;
    const input = structuredClone(this.view.spec) as unknown as Record<string, unknown>;
    const next = input.axes as SweepSpec['axes'];
    next.x.from = read(cornerLow, axes.x.param);
    next.x.to = read(cornerHigh, axes.x.param);
    next.y.from = read(cornerLow, axes.y.param);
    next.y.to = read(cornerHigh, axes.y.param);
    this.zoomHistory.push(structuredClone(axes));
    this.setView({ ...this.view, spec: parseSweepSpec(input), cell: null, preset: null });
  }

  zoomBack(): void {
    const axes = this.zoomHistory.pop();
    if (!axes) return;
    this.setView({ ...this.view, spec: { ...this.view.spec, axes }, cell: null });
  }

  /** Stops the running sweep; the heatmap keeps the last finished one. */
  cancelSweep(): void {
    clearTimeout(this.sweepTimer);
    if (!this.sweepAbort) return;
    this.sweepAbort.abort();
    this.sweepAbort = null;
    this.sweepStatus = { kind: 'cancelled' };
    this.emit();
  }

  /** Starts a sweep of the current spec after a short pause (typing in a field restarts the pause). */
  requestSweep(delay = SWEEP_DEBOUNCE_MS): void {
    clearTimeout(this.sweepTimer);
    this.sweepTimer = setTimeout(() => void this.runSweep(), delay);
  }

  private async runSweep(): Promise<void> {
    const runner = this.runner;
    if (!runner) return;
    this.sweepAbort?.abort();
    const abort = new AbortController();
    this.sweepAbort = abort;
    const spec = this.view.spec;
    const cells = spec.axes.x.count * spec.axes.y.count;
    this.sweptKey = sweepKey(spec);
    this.sweepStatus = { kind: 'running', fraction: 0, cellsDone: 0, cells };
    this.emit();
    try {
      const result = await runner(spec, {
        signal: abort.signal,
        onProgress: (p) => {
          if (abort.signal.aborted) return;
          this.sweepStatus = {
            kind: 'running',
            fraction: p.fraction,
            cellsDone: p.cellsDone,
            cells,
          };
          this.emit();
        },
      });
      if (abort.signal.aborted) return;
      this.sweepAbort = null;
      this.sweep = result;
      this.sweepStatus = { kind: 'done', gameSteps: result.gameSteps, seconds: result.seconds };
      this.emit();
      this.dispatchEvent(new CustomEvent('sweep-done', { detail: describeThroughput(result) }));
    } catch (error) {
      if (abort.signal.aborted) return;
      this.sweepAbort = null;
      this.sweepStatus = { kind: 'failed', message: (error as Error).message };
      this.emit();
    }
  }

  private setView(view: GameLabView): void {
    const specChanged = sweepKey(view.spec) !== sweepKey(this.view.spec);
    const axesChanged =
      JSON.stringify(view.spec.axes) !== JSON.stringify(this.view.spec.axes) ||
      view.spec.game.name !== this.view.spec.game.name ||
      view.spec.method.name !== this.view.spec.method.name;
    if (axesChanged && view.cell === this.view.cell) view = { ...view, cell: null };
    this.view = view;
    this.replay();
    if (specChanged) {
      void this.refreshBoundary();
      if (sweepKey(view.spec) !== this.sweptKey || this.sweepStatus.kind !== 'done')
        this.requestSweep();
    }
    this.emit();
  }

  /** Plays the current game and its overlays on the CPU (float64): cheap for one game. */
  private replay(): void {
    const base = this.currentGame;
    const methods = [base.method.name, ...this.view.overlays.filter((m) => m !== base.method.name)];
    this.games = methods.map((name) => {
      const spec: SingleGameSpec = {
        ...base,
        method: name === base.method.name ? base.method : defaultMethodSpec(name),
      };
      const run = simulateGame(spec, { record: true });
      const { lrX, lrY } = learningRates(spec);
      return {
        method: name,
        title: METHOD_CATALOG[name].title,
        spec,
        trajectory: run.trajectory as Float64Array,
        metrics: run.metrics,
        rho: closedFormSpectralRadius(spec),
        exactRadius:
          SCALED_ROTATIONS.has(name) && lrX === lrY && closedFormSpectralRadius(spec) !== null,
      };
    });
    this.flow = continuousFlow(base);
    const compiled = compileGame(base.game);
    this.surface = {
      objective: (x, y) => compiled.objectiveAt(x, y).fx,
      field: (x, y) => compiled.fieldAt(x, y),
    };
    if (this.view.playhead !== null && this.view.playhead >= this.playheadMax)
      this.view = { ...this.view, playhead: null };
  }

  private async refreshBoundary(): Promise<void> {
    this.boundaryAbort?.abort();
    const abort = new AbortController();
    this.boundaryAbort = abort;
    try {
      const boundary = await theoryBoundary(this.view.spec, { signal: abort.signal });
      if (abort.signal.aborted) return;
      this.boundary = boundary;
      this.emit();
    } catch (error) {
      if (!abort.signal.aborted) throw error;
    }
  }

  private emit(): void {
    this.dispatchEvent(new Event('change'));
  }
}

/** "Sweep 256×256 × 1000 steps: 65.5 M game-steps in 1.20 s = 54.6 M game-steps/s". */
export function describeThroughput(result: SweepResult): string {
  const { x, y } = result.spec.axes;
  const rate = result.seconds > 0 ? result.gameSteps / result.seconds : 0;
  return (
    `Last sweep ${x.count}×${y.count} × ${result.spec.steps} steps: ` +
    `${formatRate(result.gameSteps)} game-steps in ${result.seconds.toFixed(2)} s = ` +
    `${formatRate(rate)} game-steps/s`
  );
}

/** A count in k, M or G, as the status line reports throughput. */
export function formatRate(value: number): string {
  if (!Number.isFinite(value)) return '—';
  for (const [unit, size] of [
    ['G', 1e9],
    ['M', 1e6],
    ['k', 1e3],
  ] as const) {
    if (Math.abs(value) >= size)
      return `${(value / size).toFixed(value / size >= 100 ? 0 : 1)} ${unit}`;
  }
  return value.toFixed(0);
}

/** The parts of a spec that change the sweep's numbers (the base value of a swept field does not). */
function sweepKey(spec: SweepSpec): string {
  const copy = structuredClone(spec) as unknown as Record<string, unknown>;
  for (const axis of [spec.axes.x, spec.axes.y]) setPath(copy, axis.param, null);
  return JSON.stringify(copy);
}

/** Where an axis no longer fits the new game or method, it goes back to the default axis. */
function repairAxes(input: Record<string, unknown>): void {
  const axes = input.axes as SweepSpec['axes'];
  const paths = new Set(sweepableParameters(input as unknown as SingleGameSpec).map((p) => p.path));
  for (const key of ['x', 'y'] as const) {
    if (paths.has(axes[key].param)) continue;
    const other = axes[key === 'x' ? 'y' : 'x'].param;
    const fallback = [DEFAULT_SPEC.axes[key], DEFAULT_SPEC.axes[key === 'x' ? 'y' : 'x']].find(
      (a) => a.param !== other,
    );
    axes[key] = { ...(fallback as SweepSpec['axes']['x']) };
  }
}

/**
 * A newly chosen axis parameter gets a window around the spec's value of it: a decade either way
 * for a positive one (on a log scale), ±2 otherwise, kept inside the parameter's range.
 */
function fitAxisRange(input: Record<string, unknown>, key: string): void {
  const axes = input.axes as Record<string, SweepSpec['axes']['x']>;
  const axis = axes[key];
  const run = input as unknown as SingleGameSpec;
  const parameter = sweepableParameters(run).find((p) => p.path === axis.param)?.parameter;
  if (!parameter) return;
  const current = getPath(run, axis.param) as number;
  const value = Number.isFinite(current) ? current : parameter.default;
  const positive = parameter.min >= 0 && value > 0;
  const clampTo = (v: number) => Math.min(parameter.max, Math.max(parameter.min, v));
  axis.from = positive ? value / 10 : clampTo(value - 2);
  axis.to = positive ? clampTo(value * 10) : clampTo(value + 2);
  axis.scale = positive ? 'log' : 'linear';
  if (parameter.integer) {
    axis.from = Math.ceil(axis.from);
    axis.to = Math.floor(axis.to);
  }
}

function expressionErrorPosition(text: string): number | null {
  try {
    parseExpression(text, {
      variables: ['x', 'y', ...GAME_CATALOG.expression.numeric.map((p) => p.name)],
    });
    return null;
  } catch (error) {
    const at = (error as { position?: unknown }).position;
    return typeof at === 'number' ? at : null;
  }
}
