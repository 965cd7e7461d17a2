import { describe, expect, it } from 'vitest';
import {
  ganCellSpec,
  ganMetricPlanes,
  parseGanSweepSpec,
  trainGan,
  type GanSweepOptions,
  type GanSweepResult,
  type GanSweepSpec,
} from '../../src/core/gan/index.js';
import { GanLabStore, type GanSweepBackend } from '../../src/labs/gan/gan-lab-store.js';
import { GAN_PRESETS } from '../../src/labs/gan/gan-presets.js';
import { defaultGanView, ganViewToHash } from '../../src/labs/gan/gan-view-url.js';
import { GpuSession } from '../../src/labs/gpu-session.js';
import { HashRouter } from '../../src/labs/hash-router.js';
import { FakeHost } from './helpers/fake-host.js';
import { FakePage } from './helpers/fake-page.js';

const SPEC = parseGanSweepSpec({
  game: {
    name: 'mlp-gan',
    generator: { layers: 1, width: 4 },
    discriminator: { layers: 1, width: 4 },
  },
  steps: 12,
  batch: 8,
  evalBatch: 16,
  axes: {
    x: { param: 'lrD', from: 0.01, to: 0.1, count: 2, scale: 'log' },
    y: { param: 'lrG', from: 0.01, to: 0.1, count: 3, scale: 'log' },
  },
});

/** A backend whose runs wait for the test to finish them, reporting progress on request. */
class ManualBackend implements GanSweepBackend {
  readonly runs: {
    spec: GanSweepSpec;
    options: GanSweepOptions;
    /** Ends the run; every cell converged (fate 0) unless `fates` says otherwise. */
    finish(fates?: number[]): void;
  }[] = [];
  refuse: string | null = null;
  refusal = () => this.refuse;
  run = (spec: GanSweepSpec, options: GanSweepOptions) =>
    new Promise<GanSweepResult>((resolve, reject) => {
      options.signal?.addEventListener('abort', () => reject(options.signal!.reason));
      this.runs.push({
        spec,
        options,
        finish: (fates) => {
          const metrics = ganMetricPlanes(spec.axes.x.count * spec.axes.y.count);
          if (fates) metrics.fate.set(fates);
          resolve({
            spec,
            xValues: new Float64Array(spec.axes.x.count),
            yValues: new Float64Array(spec.axes.y.count),
            metrics,
            ganSteps: 72,
            seconds: 0.5,
          });
        },
      });
    });
}

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

function storeAt(view = { ...defaultGanView(), spec: SPEC }) {
  const host = new FakeHost();
  const page = new FakePage(ganViewToHash(view));
  const backend = new ManualBackend();
  const reports: string[] = [];
  const store = new GanLabStore(host, null, {
    router: new HashRouter(page),
    backend,
    onReport: (m) => reports.push(m),
  });
  host.connect();
  return { store, host, page, backend, reports };
}

describe('GAN view store', () => {
  it('sweeps the spec of its link with progress, and keeps the finished sweep', async () => {
    const { store, backend, reports } = storeAt();
    await tick(10);
    expect(backend.runs).toHaveLength(1);
    expect(backend.runs[0].spec).toEqual(SPEC);
    expect(store.status).toMatchObject({ kind: 'running', cells: 6, cellsDone: 0 });
    backend.runs[0].options.onProgress!({ fraction: 0.5, cellsDone: 3 });
    expect(store.status).toMatchObject({ kind: 'running', fraction: 0.5, cellsDone: 3 });
    backend.runs[0].finish();
    await tick();
    expect(store.status).toEqual({ kind: 'done', ganSteps: 72, seconds: 0.5 });
    expect(store.result?.spec).toEqual(SPEC);
    expect(reports[0]).toMatch(/6 GANs, 72 training steps/);
  });

  it('cancel stops the run and keeps the last finished sweep; an edit sweeps again after a pause', async () => {
    const { store, backend } = storeAt();
    await tick(10);
    backend.runs[0].finish();
    await tick();
    const shown = store.result;
    expect(store.edit('steps', 20)).toBeNull();
    await tick(400);
    expect(backend.runs).toHaveLength(2);
    expect(backend.runs[1].spec.steps).toBe(20);
    store.cancelSweep();
    expect(store.status).toEqual({ kind: 'cancelled' });
    expect(backend.runs[1].options.signal!.aborted).toBe(true);
    await tick();
    expect(store.result).toBe(shown);
  });

  it('refuses at the field: an invalid value, and a spec the backend cannot train', async () => {
    const { store, backend } = storeAt();
    expect(store.edit('game.generator.width', 99)).toMatch(/from 1 to 64/);
    expect(store.fieldErrors.get('game.generator.width')).toMatch(/got 99/);
    expect(store.view.spec.game.generator.width).toBe(4);
    backend.refuse = 'method.name: the GPU kernel has sim-gda so far';
    expect(store.edit('method.name', 'eg')).toBeNull();
    expect(store.view.spec.method).toEqual({ name: 'eg' });
    await tick(400);
    expect(store.status).toEqual({ kind: 'refused', message: backend.refuse });
  });

  it('replays the selected cell in float64 as trainGan trains it, and plays it', async () => {
    const { store, page } = storeAt();
    store.selectCell({ ix: 1, iy: 2 });
    expect(store.replayStatus.kind).toBe('running');
    while (store.replayStatus.kind === 'running') await tick(5);
    expect(store.replayStatus.kind).toBe('done');
    const reference = trainGan(ganCellSpec(SPEC, 1, 2), { record: true });
    expect(store.replay!.metrics).toEqual(reference.metrics);
    expect(Array.from(store.replay!.lossG)).toEqual(reference.losses!.lossG);
    expect(store.playheadMax).toBe(12);
    expect(store.playhead).toBe(12);
    store.setPlayhead(4);
    expect(store.playhead).toBe(4);
    store.setPlaying(true);
    store.advancePlayback(1);
    expect(store.playhead).toBeGreaterThan(4);
    store.advancePlayback(100);
    expect(store.playhead).toBe(12);
    expect(store.playing).toBe(false);
    await tick(200);
    expect(page.location.hash).toContain('cell=1%2C2');
  });

  it('a cancelled replay restarts when its cell is chosen again', async () => {
    const { store } = storeAt();
    store.selectCell({ ix: 0, iy: 0 });
    store.cancelReplay();
    expect(store.replayStatus.kind).toBe('failed');
    store.selectCell({ ix: 0, iy: 0 });
    expect(store.replayStatus.kind).toBe('running');
    while (store.replayStatus.kind === 'running') await tick(5);
    expect(store.replay!.metrics).toEqual(trainGan(ganCellSpec(SPEC, 0, 0)).metrics);
  });

  it('on a slide replays and plays the first converged cell once the map is done, and steps presets', async () => {
    const { store, backend, page } = storeAt();
    store.setPresenting(true);
    await tick(10);
    expect(store.view.cell).toBeNull();
    // Diverged (3) but for the second row's second cell: x has 2 cells, so (1, 1).
    backend.runs[0].finish([3, 3, 3, 0, 3, 0]);
    await tick();
    expect(store.view.cell).toEqual({ ix: 1, iy: 1 });
    while (store.replayStatus.kind === 'running') await tick(5);
    expect(store.playing).toBe(true);
    await tick(200);
    expect(page.location.hash).toContain('present=1');
    // Back to the map on display before the next one finished: shown again, not swept again.
    const runs = backend.runs.length;
    store.applyPreset(GAN_PRESETS[1].id);
    await tick(300);
    expect(store.status.kind).toBe('running');
    store.loadHash(ganViewToHash({ ...defaultGanView(), spec: SPEC, presenting: true }));
    await tick(300);
    expect(backend.runs).toHaveLength(runs + 1);
    expect(store.status.kind).toBe('done');
    expect(store.view.cell).toEqual({ ix: 1, iy: 1 });
    // A map with no converged cell replays none.
    store.applyPreset(GAN_PRESETS[0].id);
    store.stepPreset(-1);
    expect(store.view.preset).toBe(GAN_PRESETS.at(-1)!.id);
    store.stepPreset(1);
    expect(store.view.preset).toBe(GAN_PRESETS[0].id);
    expect(store.view.cell).toBeNull();
    await tick(300);
    backend.runs.at(-1)!.finish(new Array(36).fill(1));
    await tick();
    expect(store.view.cell).toBeNull();
    expect(store.replay).toBeNull();
    store.setPresenting(false);
    await tick(200);
    expect(page.location.hash).not.toContain('present=');
  });

  it('without WebGPU says why instead of sweeping, and still replays a cell', async () => {
    const host = new FakeHost();
    const page = new FakePage(
      ganViewToHash({ ...defaultGanView(), spec: SPEC, cell: { ix: 0, iy: 1 } }),
    );
    let built = 0;
    const store = new GanLabStore(
      host,
      () => {
        built++;
        return new ManualBackend();
      },
      { router: new HashRouter(page) },
    );
    const session = new GpuSession(() => Promise.reject(new Error('navigator.gpu is undefined')));
    host.connect();
    store.useSession(session);
    await session.connect();
    expect(store.status).toEqual({ kind: 'no-gpu', message: 'navigator.gpu is undefined' });
    expect(built).toBe(0);
    while (store.replayStatus.kind === 'running') await tick(5);
    expect(store.replay!.metrics).toEqual(trainGan(ganCellSpec(SPEC, 0, 1)).metrics);
  });
});
