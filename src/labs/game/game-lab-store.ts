import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  parseSweepSpec,
  type MethodName,
  type SingleGameSpec,
  type SweepSpec,
} from '../../core/games/index.js';
import type { GpuSession, GpuState } from '../gpu-session.js';
import { pageHashRouter, type HashRouter } from '../hash-router.js';
import { refusalAtField } from '../spec-field-error.js';
import {
  gpuSweepRunner,
  type GameSurface,
  type PlayedGame,
  type SweepResult,
  type SweepRunner,
  type SweepStatus,
} from './game-lab-state.js';
import { hashToView, viewToHash, type GameLabView } from './game-lab-url.js';
import { currentGame, lastStep, playView } from './game-play.js';
import { findPreset, GAME_PRESETS, presetSpecInput, type SweepMetricName } from './game-presets.js';
import {
  editSpec,
  expressionErrorPosition,
  sweepKey,
  zoomSpec,
  type CellIndex,
} from './game-spec-edit.js';
import { GameSweeper } from './game-sweeper.js';
import { describeThroughput } from './game-throughput.js';
import { theoryBoundary, type TheoryBoundary } from './game-theory-boundary.js';

/** A full run plays in about this long, whatever its number of steps. */
export const PLAY_SECONDS = 8;

// Playback moves the playhead every frame: the URL follows once it has settled this long.
const URL_DELAY_MS = 150;

/** Each router's last Game Lab hash, for coming back to the lab from the other one. */
const lastHashes = new WeakMap<HashRouter, string>();

export interface GameLabStoreOptions {
  /** The location hash to follow; the page's by default. */
  router?: HashRouter;
  /** Hears the throughput of each finished sweep, for the status line. */
  onReport?: (message: string) => void;
}

/**
 * Holds the Game Lab's state for its element, as the Conv Lab's store does: the view (what the
 * URL holds, written to the location hash once it settles, and read back from a hash typed or
 * reached through back/forward), the games the single-game views play, the GPU sweep (run,
 * progress, cancel) on the session's device, and the theory boundary. The element re-renders on
 * every change; views handed the store follow it through a StoreSubscription.
 */
export class GameLabStore implements ReactiveController {
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
  boundary: TheoryBoundary | null = null;
  /** Earlier sweep windows, for "back" after a drag-zoom. */
  readonly zoomHistory: SweepSpec['axes'][] = [];
  playing = false;

  private readonly sweeper = new GameSweeper(
    () => this.view.spec,
    () => this.emit(),
    (result) => this.options.onReport?.(describeThroughput(result)),
  );
  private readonly router: HashRouter;
  private readonly listeners = new Set<() => void>();
  private boundaryAbort: AbortController | null = null;
  private connected = false;
  private unroute?: () => void;
  private urlTimer: ReturnType<typeof setTimeout> | undefined;
  private session: GpuSession | undefined;
  private unsubscribeSession?: () => void;
  private adapter: GpuState | null = null;
  private readonly onHashChange = (hash: string) => {
    if (hash.startsWith('#/game') && hash !== this.hash) this.loadHash(hash);
  };
  private readonly onGpu = (gpu: GpuState) => {
    if (gpu === this.adapter) return;
    this.adapter = gpu;
    this.setRunner(
      gpu.kind === 'ready'
        ? gpuSweepRunner({ device: gpu.handle.device, pipelines: gpu.pipelines })
        : null,
    );
  };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: GameLabStoreOptions = {},
  ) {
    this.router = options.router ?? pageHashRouter();
    // Back from the other lab through its bare tab link (#/game), the lab shows what it showed before.
    const at = this.router.hash;
    const parsed = hashToView(at.startsWith('#/game?') ? at : (lastHashes.get(this.router) ?? ''));
    this.view = parsed.view;
    this.linkError = parsed.error;
    this.replay();
    void this.refreshBoundary();
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.unroute = this.router.subscribe(this.onHashChange);
    this.unsubscribeSession = this.session?.subscribe(this.onGpu);
    this.writeUrl();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.unroute?.();
    this.unsubscribeSession?.();
    clearTimeout(this.urlTimer);
    this.cancelSweep();
  }

  /** Hears every change; returns the way to stop. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sweeps on this session's GPU, whenever it has a device. */
  useSession(session: GpuSession | undefined): void {
    if (session === this.session) return;
    this.unsubscribeSession?.();
    this.unsubscribeSession = undefined;
    this.session = session;
    if (this.connected) this.unsubscribeSession = session?.subscribe(this.onGpu);
  }

  /** The name of the GPU adapter the sweeps run on, once there is one. */
  get adapterName(): string | null {
    return this.adapter?.kind === 'ready' ? this.adapter.name : null;
  }

  get hash(): string {
    return viewToHash(this.view);
  }

  /** The finished sweep on display. */
  get sweep(): SweepResult | null {
    return this.sweeper.result;
  }

  get sweepStatus(): SweepStatus {
    return this.sweeper.status;
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
    this.sweeper.setRunner(runner);
  }

  /** The single game the views play: the selected cell's, else the spec's own values. */
  get currentGame(): SingleGameSpec {
    return currentGame(this.view);
  }

  get playheadMax(): number {
    return lastStep(this.games);
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
    try {
      const spec = editSpec(this.view.spec, path, value);
      this.fieldErrors.delete(path);
      if (path === 'game.f') this.expressionErrorAt = null;
      this.setView({ ...this.view, spec, preset: null });
      return null;
    } catch (error) {
      const message = refusalAtField(error, path);
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

  selectCell(cell: CellIndex | null): void {
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

  /**
   * Moves a playing playhead on by `seconds` of wall time, at least a step a frame (a whole run
   * takes PLAY_SECONDS); at the last step playback stops. 0 s is the first frame: no move.
   */
  advancePlayback(seconds: number): void {
    if (!this.playing) return;
    const max = this.playheadMax;
    const advance = Math.max(1, Math.round((seconds / PLAY_SECONDS) * max));
    const next = this.playhead + (seconds === 0 ? 0 : advance);
    if (next >= max) {
      this.setPlayhead(max);
      this.setPlaying(false);
      return;
    }
    this.setPlayhead(next);
  }

  /**
   * Re-sweeps the rectangle between two cells (inclusive) at the same number of cells an axis. The
   * preset stays, so its caption does: the preset bar says the sweep is a zoom into it.
   */
  zoomTo(a: CellIndex, b: CellIndex): void {
    const spec = zoomSpec(this.view.spec, a, b);
    if (!spec) return;
    this.zoomHistory.push(structuredClone(this.view.spec.axes));
    this.setView({ ...this.view, spec, cell: null });
  }

  zoomBack(): void {
    const axes = this.zoomHistory.pop();
    if (!axes) return;
    this.setView({ ...this.view, spec: { ...this.view.spec, axes }, cell: null });
  }

  /** Stops the running sweep; the heatmap keeps the last finished one. */
  cancelSweep(): void {
    this.sweeper.cancel();
  }

  /** Starts a sweep of the current spec after a short pause (typing in a field restarts the pause). */
  requestSweep(delay?: number): void {
    this.sweeper.request(delay);
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
      this.sweeper.specChanged(view.spec);
    }
    this.emit();
  }

  /** Plays the current game and its overlays on the CPU (float64): cheap for one game. */
  private replay(): void {
    const played = playView(this.view);
    this.games = played.games;
    this.flow = played.flow;
    this.surface = played.surface;
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
      // No boundary is drawn rather than a stale one, and the page hears why (never an unhandled rejection).
      if (abort.signal.aborted) return;
      this.boundary = null;
      this.options.onReport?.(`No theory boundary: ${(error as Error).message}`);
      this.emit();
    }
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener();
    this.host.requestUpdate();
    clearTimeout(this.urlTimer);
    this.urlTimer = setTimeout(() => this.writeUrl(), URL_DELAY_MS);
  }

  private writeUrl(): void {
    // The other lab's URL is not ours to rewrite (a write could be due just as its tab is chosen).
    const at = this.router.hash;
    if (at !== '' && !at.startsWith('#/game')) return;
    const hash = this.hash;
    lastHashes.set(this.router, hash);
    this.router.replace(hash);
  }
}
