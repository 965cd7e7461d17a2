import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  GAN_FATES,
  ganCellSpec,
  parseGanSweepSpec,
  type GanMetricName,
  type GanSweepOptions,
  type GanSweepResult,
  type GanSweepSpec,
} from '../../core/gan/index.js';
import { setPath } from '../../core/object-path.js';
import type { GpuSession, GpuState } from '../gpu-session.js';
import { pageHashRouter, type HashRouter } from '../hash-router.js';
import { refusalAtField } from '../spec-field-error.js';
import type { SweepRunningStatus } from '../sweep-status.js';
import { findGanPreset, GAN_PRESETS, ganPresetSpec } from './gan-presets.js';
import { replayGan, type GanReplay } from './gan-replay.js';
import { ganHashToView, ganViewToHash, type GanView } from './gan-view-url.js';

/** Where the sweeps run: the GPU's runner and its reason for refusing a spec. */
export interface GanSweepBackend {
  run(spec: GanSweepSpec, options: GanSweepOptions): Promise<GanSweepResult>;
  /** Why this backend cannot train the spec (naming the field), or null. */
  refusal(spec: GanSweepSpec): string | null;
}

export type GanSweepStatus =
  | { kind: 'idle' }
  | { kind: 'no-gpu'; message: string }
  | { kind: 'refused'; message: string }
  | SweepRunningStatus
  | { kind: 'done'; ganSteps: number; seconds: number }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

export type GanReplayStatus =
  | { kind: 'idle' }
  | { kind: 'running'; fraction: number }
  | { kind: 'done'; seconds: number }
  | { kind: 'failed'; message: string };

/** A full replay plays in about this long, whatever its number of steps. */
export const GAN_PLAY_SECONDS = 8;
const SWEEP_DEBOUNCE_MS = 250;
const URL_DELAY_MS = 150;
/** Before this much of a sweep has run, its speed says too little to estimate the time left. */
const ESTIMATE_AFTER_FRACTION = 0.02;

export interface GanLabStoreOptions {
  router?: HashRouter;
  /** Hears the throughput of each finished sweep, for the status line. */
  onReport?: (message: string) => void;
  /** The backend for tests (else the session's GPU once it has one). */
  backend?: GanSweepBackend | null;
}

/** Builds the GPU backend from a ready session state (the runner lives in gpu/, reached through labs/). */
export type GanBackendFactory = (gpu: Extract<GpuState, { kind: 'ready' }>) => GanSweepBackend;

/**
 * The GAN view's state for its element: the view (kept in the URL hash), the GPU sweep (run after
 * a pause, progress, cancel, refusal), and the float64 replay of the selected cell (in slices,
 * with progress, so the page never freezes), with its playhead.
 */
export class GanLabStore implements ReactiveController {
  view: GanView;
  linkError: string | null;
  /** Field path → why the value typed there was refused. */
  readonly fieldErrors = new Map<string, string>();
  status: GanSweepStatus = { kind: 'idle' };
  /** The finished sweep on display. */
  result: GanSweepResult | null = null;
  replayStatus: GanReplayStatus = { kind: 'idle' };
  replay: GanReplay | null = null;
  playing = false;

  private backend: GanSweepBackend | null;
  private sweepAbort: AbortController | null = null;
  private replayAbort: AbortController | null = null;
  private sweepTimer: ReturnType<typeof setTimeout> | undefined;
  private urlTimer: ReturnType<typeof setTimeout> | undefined;
  private sweptKey = '';
  private replayKey = '';
  private readonly router: HashRouter;
  private unroute?: () => void;
  private session: GpuSession | undefined;
  private unsubscribeSession?: () => void;
  private gpu: GpuState | null = null;
  private connected = false;
  private readonly onHashChange = (hash: string) => {
    if (hash.startsWith('#/gan') && hash !== this.hash) this.loadHash(hash);
  };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly makeBackend: GanBackendFactory | null,
    private readonly options: GanLabStoreOptions = {},
  ) {
    this.router = options.router ?? pageHashRouter();
    this.backend = options.backend ?? null;
    const parsed = ganHashToView(this.router.hash);
    this.view = parsed.view;
    this.linkError = parsed.error;
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.unroute = this.router.subscribe(this.onHashChange);
    this.unsubscribeSession = this.session?.subscribe(this.onGpu);
    this.writeUrl();
    if (this.backend) this.requestSweep(0);
    this.startReplay();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.unroute?.();
    this.unsubscribeSession?.();
    clearTimeout(this.urlTimer);
    clearTimeout(this.sweepTimer);
    this.sweepAbort?.abort();
    this.replayAbort?.abort();
  }

  /** Sweeps on this session's GPU, whenever it has a device. */
  useSession(session: GpuSession | undefined): void {
    if (session === this.session) return;
    this.unsubscribeSession?.();
    this.session = session;
    if (this.connected) this.unsubscribeSession = session?.subscribe(this.onGpu);
  }

  private readonly onGpu = (gpu: GpuState) => {
    if (gpu === this.gpu || this.options.backend) return;
    this.gpu = gpu;
    if (gpu.kind === 'ready' && this.makeBackend) {
      this.backend = this.makeBackend(gpu);
      this.requestSweep(0);
    } else {
      this.backend = null;
      this.sweepAbort?.abort();
      if (gpu.kind === 'unavailable' || gpu.kind === 'lost')
        this.status = { kind: 'no-gpu', message: gpu.message };
      this.emit();
    }
  };

  get hash(): string {
    return ganViewToHash(this.view);
  }

  /** The step the replay views show. */
  get playhead(): number {
    const max = this.playheadMax;
    return Math.min(this.view.playhead ?? max, max);
  }

  /** The replay's last step (0 while there is none). */
  get playheadMax(): number {
    return this.replay ? (this.replay.frames.at(-1)?.step ?? 0) : 0;
  }

  loadHash(hash: string): void {
    const parsed = ganHashToView(hash);
    this.linkError = parsed.error;
    this.fieldErrors.clear();
    this.setView(parsed.view);
  }

  applyPreset(id: string): void {
    const preset = findGanPreset(id);
    if (!preset) return;
    this.fieldErrors.clear();
    this.linkError = null;
    this.setView({
      ...this.view,
      spec: ganPresetSpec(preset),
      metric: preset.metric,
      cell: null,
      playhead: null,
      preset: preset.id,
    });
  }

  /** The next (1) or previous (-1) preset, going round; your own settings go to the first or last. */
  stepPreset(direction: 1 | -1): void {
    const index = GAN_PRESETS.findIndex((p) => p.id === this.view.preset);
    const count = GAN_PRESETS.length;
    const next = index < 0 ? (direction > 0 ? 0 : count - 1) : (index + direction + count) % count;
    this.applyPreset(GAN_PRESETS[next].id);
  }

  /**
   * Presentation mode on or off. On a slide, once the map of the view's spec is done, the first
   * converged cell (if any) is replayed and played, unless a cell is already chosen.
   */
  setPresenting(presenting: boolean): void {
    if (presenting === this.view.presenting) return;
    this.view = { ...this.view, presenting };
    this.replaySlideCell();
    this.emit();
  }

  /**
   * Sets one field of the spec (a dotted path: `lrD`, `game.data.kind`, `method.name`,
   * `axes.x.count`…) if the whole spec stays valid; otherwise records the reason at that field
   * and returns it. A new data kind or method starts from its defaults.
   */
  edit(path: string, value: unknown): string | null {
    try {
      const input = structuredClone(this.view.spec) as unknown as Record<string, unknown>;
      if (path === 'game.data.kind') (input.game as Record<string, unknown>).data = { kind: value };
      else if (path === 'method.name') input.method = { name: value };
      else setPath(input, path, value);
      const spec = parseGanSweepSpec(input);
      this.fieldErrors.delete(path);
      this.setView({ ...this.view, spec, preset: null });
      return null;
    } catch (error) {
      const message = refusalAtField(error, path);
      this.fieldErrors.set(path, message);
      this.emit();
      return message;
    }
  }

  /** Records a value refused before it reached the spec (text that is not a number). */
  refuse(path: string, reason: string): void {
    this.fieldErrors.set(path, reason);
    this.emit();
  }

  setMetric(metric: GanMetricName): void {
    this.setView({ ...this.view, metric });
  }

  selectCell(cell: { ix: number; iy: number } | null): void {
    if (cell && this.view.cell && cell.ix === this.view.cell.ix && cell.iy === this.view.cell.iy) {
      // The same cell again: replays it if its replay was cancelled or failed.
      this.startReplay();
      this.emit();
      return;
    }
    this.setView({ ...this.view, cell, playhead: null });
  }

  setPlayhead(step: number): void {
    const max = this.playheadMax;
    const rounded = Math.max(0, Math.min(Math.round(step), max));
    const playhead = rounded === max ? null : rounded;
    if (playhead === this.view.playhead) return;
    this.view = { ...this.view, playhead };
    this.emit();
  }

  setPlaying(playing: boolean): void {
    this.playing = playing && this.replay !== null;
    if (this.playing && this.playhead >= this.playheadMax)
      this.view = { ...this.view, playhead: 0 };
    this.emit();
  }

  /** Moves a playing playhead on by `seconds` of wall time (a whole run takes GAN_PLAY_SECONDS). */
  advancePlayback(seconds: number): void {
    if (!this.playing) return;
    const max = this.playheadMax;
    const next = this.playhead + Math.max(1, Math.round((seconds / GAN_PLAY_SECONDS) * max));
    if (next >= max) {
      this.setPlayhead(max);
      this.setPlaying(false);
      return;
    }
    this.setPlayhead(next);
  }

  /** Stops the running sweep; the heatmap keeps the last finished one. */
  cancelSweep(): void {
    clearTimeout(this.sweepTimer);
    if (!this.sweepAbort) return;
    this.sweepAbort.abort();
    this.sweepAbort = null;
    this.status = { kind: 'cancelled' };
    this.emit();
  }

  /** Starts a sweep of the current spec after `delay` ms (a new request restarts the wait). */
  requestSweep(delay = SWEEP_DEBOUNCE_MS): void {
    clearTimeout(this.sweepTimer);
    this.sweepTimer = setTimeout(() => void this.runSweep(), delay);
  }

  /** Stops the replay being computed (the views keep none). */
  cancelReplay(): void {
    this.replayAbort?.abort();
    this.replayAbort = null;
    if (this.replayStatus.kind === 'running') {
      this.replayStatus = { kind: 'failed', message: 'Replay cancelled.' };
      this.replayKey = '';
      this.emit();
    }
  }

  private setView(view: GanView): void {
    const specChanged = JSON.stringify(view.spec) !== JSON.stringify(this.view.spec);
    if (specChanged && JSON.stringify(view.spec.axes) !== JSON.stringify(this.view.spec.axes))
      if (view.cell === this.view.cell) view = { ...view, cell: null, playhead: null };
    this.view = view;
    if (specChanged) this.requestSweep();
    this.startReplay();
    this.emit();
  }

  private async runSweep(): Promise<void> {
    const backend = this.backend;
    if (!backend) return;
    const spec = this.view.spec;
    const key = JSON.stringify(spec);
    if (key === this.sweptKey && this.status.kind === 'done') return;
    this.sweepAbort?.abort();
    this.sweepAbort = null;
    // The map on display is of this spec already (back to a preset before the next one's sweep
    // finished): shown as it is, not run again.
    const shown = this.currentResult;
    if (shown) {
      this.sweptKey = key;
      this.status = { kind: 'done', ganSteps: shown.ganSteps, seconds: shown.seconds };
      this.replaySlideCell();
      this.emit();
      return;
    }
    const refusal = backend.refusal(spec);
    if (refusal !== null) {
      this.sweptKey = key;
      this.status = { kind: 'refused', message: refusal };
      this.emit();
      return;
    }
    const abort = new AbortController();
    this.sweepAbort = abort;
    this.sweptKey = key;
    const cells = spec.axes.x.count * spec.axes.y.count;
    const started = performance.now();
    this.status = { kind: 'running', fraction: 0, cellsDone: 0, cells, secondsLeft: null };
    this.emit();
    try {
      const result = await backend.run(spec, {
        signal: abort.signal,
        onProgress: (p) => {
          if (abort.signal.aborted) return;
          const seconds = (performance.now() - started) / 1000;
          const secondsLeft =
            p.fraction >= ESTIMATE_AFTER_FRACTION
              ? (seconds * (1 - p.fraction)) / p.fraction
              : null;
          this.status = {
            kind: 'running',
            fraction: p.fraction,
            cellsDone: p.cellsDone,
            cells,
            secondsLeft,
          };
          this.emit();
        },
      });
      if (abort.signal.aborted) return;
      this.sweepAbort = null;
      this.result = result;
      this.status = { kind: 'done', ganSteps: result.ganSteps, seconds: result.seconds };
      this.options.onReport?.(describeGanThroughput(result));
      this.replaySlideCell();
      this.emit();
    } catch (error) {
      if (abort.signal.aborted) return;
      this.sweepAbort = null;
      this.sweptKey = '';
      this.status = { kind: 'failed', message: (error as Error).message };
      this.emit();
    }
  }

  /** The finished map if it is of the view's spec (the map may still show an older one), else null. */
  get currentResult(): GanSweepResult | null {
    const r = this.result;
    if (!r) return null;
    return r.spec === this.view.spec || JSON.stringify(r.spec) === JSON.stringify(this.view.spec)
      ? r
      : null;
  }

  /** On a slide with no cell chosen and the view's map done: replays its first converged cell. */
  private replaySlideCell(): void {
    const r = this.currentResult;
    if (!this.view.presenting || this.view.cell || this.status.kind !== 'done' || !r) return;
    const cell = firstConvergedCell(r);
    if (cell) this.setView({ ...this.view, cell, playhead: null });
  }

  /** Replays the selected cell of the current spec in float64, unless it already is. */
  private startReplay(): void {
    const cell = this.view.cell;
    const key = cell ? JSON.stringify([this.view.spec, cell]) : '';
    if (key === this.replayKey && this.replayStatus.kind !== 'failed') return;
    this.replayKey = key;
    this.replayAbort?.abort();
    this.replayAbort = null;
    this.replay = null;
    this.playing = false;
    if (!cell || !this.connected) {
      this.replayStatus = { kind: 'idle' };
      if (!this.connected) this.replayKey = '';
      return;
    }
    const abort = new AbortController();
    this.replayAbort = abort;
    this.replayStatus = { kind: 'running', fraction: 0 };
    const started = performance.now();
    const spec = ganCellSpec(this.view.spec, cell.ix, cell.iy);
    replayGan(spec, {
      signal: abort.signal,
      onProgress: (fraction) => {
        if (abort.signal.aborted) return;
        this.replayStatus = { kind: 'running', fraction };
        this.emit();
      },
    }).then(
      (replay) => {
        if (abort.signal.aborted) return;
        this.replayAbort = null;
        this.replay = replay;
        this.replayStatus = { kind: 'done', seconds: (performance.now() - started) / 1000 };
        if (this.view.playhead !== null && this.view.playhead >= this.playheadMax)
          this.view = { ...this.view, playhead: null };
        // A slide plays its replay on its own.
        if (this.view.presenting) this.setPlaying(true);
        this.emit();
      },
      (error: unknown) => {
        if (abort.signal.aborted) return;
        this.replayAbort = null;
        this.replayStatus = { kind: 'failed', message: (error as Error).message };
        this.emit();
      },
    );
  }

  private readonly listeners = new Set<() => void>();

  /** Hears every change; returns the way to stop. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener();
    this.host.requestUpdate();
    clearTimeout(this.urlTimer);
    this.urlTimer = setTimeout(() => this.writeUrl(), URL_DELAY_MS);
  }

  private writeUrl(): void {
    const at = this.router.hash;
    if (!at.startsWith('#/gan')) return;
    this.router.replace(this.hash);
  }
}

/** The first cell (row by row from iy = 0) whose GAN converged, or null when none did. */
export function firstConvergedCell(result: GanSweepResult): { ix: number; iy: number } | null {
  const i = result.metrics.fate.indexOf(GAN_FATES.indexOf('converged'));
  const nx = result.spec.axes.x.count;
  return i < 0 ? null : { ix: i % nx, iy: Math.floor(i / nx) };
}

/** The status line's report of a finished sweep: GANs, steps and the rate. */
export function describeGanThroughput(result: GanSweepResult): string {
  const cells = result.spec.axes.x.count * result.spec.axes.y.count;
  const rate = result.seconds > 0 ? result.ganSteps / result.seconds : 0;
  return `GAN sweep: ${cells} GANs, ${result.ganSteps.toLocaleString('en')} training steps in ${result.seconds.toFixed(2)} s (${Math.round(rate).toLocaleString('en')} steps/s)`;
}
