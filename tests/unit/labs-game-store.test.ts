import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  axisValueAt,
  cellSpec,
  parseSweepSpec,
  type SweepSpec,
} from '../../src/core/games/index.js';
import type { SweepResult, SweepRunner } from '../../src/labs/game/game-lab-state.js';
import { GameLabStore, PLAY_SECONDS } from '../../src/labs/game/game-lab-store.js';
import { hashToView, viewToHash } from '../../src/labs/game/game-lab-url.js';
import { GAME_PRESETS } from '../../src/labs/game/game-presets.js';
import { HashRouter } from '../../src/labs/hash-router.js';
import { FakeHost } from './helpers/fake-host.js';
import { FakePage } from './helpers/fake-page.js';

function storeAt(hash: string, page = new FakePage(hash)) {
  const host = new FakeHost();
  const router = new HashRouter(page);
  const reports: string[] = [];
  const store = new GameLabStore(host, { router, onReport: (m) => reports.push(m) });
  host.connect();
  return { store, host, page, router, reports };
}

/** A runner that finishes at once with empty metrics, recording the specs it was asked for. */
function fakeRunner(swept: SweepSpec[]): SweepRunner {
  return async (spec) => {
    swept.push(spec);
    return { spec, gameSteps: 1e6, seconds: 0.5 } as unknown as SweepResult;
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Game Lab store', () => {
  it('opens on the view its hash describes, and a bare #/game on the defaults', () => {
    const { store } = storeAt('#/game?preset=consensus&scale=test');
    expect(store.view.preset).toBe('consensus');
    expect(store.view.spec.axes.x.count).toBe(32);
    // A bare #/game opens the seed's first preset (its spec, caption and metric).
    const bare = storeAt('#/game').store.view;
    expect(bare.preset).toBe(GAME_PRESETS[0].id);
    expect(bare.spec).toEqual(parseSweepSpec(GAME_PRESETS[0].spec));
  });

  it('edits a field, refuses an invalid value at its field, and takes the next valid one', () => {
    const { store, host } = storeAt('#/game');
    const before = host.updates;
    expect(store.edit('lr', 0.25)).toBeNull();
    expect(store.view.spec.lr).toBe(0.25);
    expect(store.edit('lr', -1)).toBe('must be a number greater than 0, got -1');
    expect(store.fieldErrors.get('lr')).toBe('must be a number greater than 0, got -1');
    expect(store.view.spec.lr).toBe(0.25);
    expect(store.edit('lr', 0.5)).toBeNull();
    expect(store.fieldErrors.has('lr')).toBe(false);
    expect(host.updates).toBeGreaterThan(before);
  });

  it('points at the error in a typed objective', () => {
    const { store } = storeAt('#/game');
    store.edit('game.name', 'expression');
    expect(store.edit('game.f', 'x*y + (y')).toMatch(/missing '\)'/);
    expect(store.expressionErrorAt).toBe(6);
    expect(store.view.spec.game).toMatchObject({ name: 'expression', f: 'x*y' });
  });

  it('a new game keeps only the axes that still fit; a new axis parameter gets a window around its value', () => {
    const { store } = storeAt('#/game');
    store.edit('game.name', 'quadratic');
    expect(store.view.spec.axes.x.param).toBe('lr');
    store.edit('axes.y.param', 'lr');
    expect(store.fieldErrors.get('axes.y.param')).toMatch(/already swept/);
    store.edit('axes.y.param', 'y0');
    expect(store.view.spec.axes.y).toMatchObject({ param: 'y0', from: -1, to: 3, scale: 'linear' });
  });

  it('zooms into a dragged rectangle at the same resolution, and backs out', () => {
    const { store } = storeAt('#/game?preset=eg-ogda-converge&scale=test');
    const before = store.view.spec;
    store.selectCell({ ix: 3, iy: 3 });
    store.zoomTo({ ix: 20, iy: 25 }, { ix: 4, iy: 6 });
    const { x, y } = store.view.spec.axes;
    expect(x).toMatchObject({ from: cellSpec(before, 4, 6).lr, to: cellSpec(before, 20, 25).lr });
    expect(x.count).toBe(before.axes.x.count);
    expect(y.from).toBe(cellSpec(before, 4, 6).x0);
    expect(store.view.cell).toBeNull();
    // The preset's caption stays over its zoomed sweep.
    expect(store.view.preset).toBe('eg-ogda-converge');
    // A single row or column is not a rectangle.
    store.zoomTo({ ix: 1, iy: 1 }, { ix: 1, iy: 9 });
    expect(store.zoomHistory).toHaveLength(1);
    store.zoomBack();
    expect(store.view.spec.axes).toEqual(before.axes);
    expect(store.zoomHistory).toHaveLength(0);
  });

  it('plays the selected cell, and the playhead stands at the end until moved', () => {
    const { store } = storeAt('#/game?preset=sim-gda-diverges&scale=test');
    store.selectCell({ ix: 5, iy: 7 });
    expect(store.games[0].spec).toEqual(cellSpec(store.view.spec, 5, 7));
    expect(store.playhead).toBe(store.playheadMax);
    store.setPlayhead(10.4);
    expect(store.view.playhead).toBe(10);
    store.setPlayhead(1e9);
    expect(store.view.playhead).toBeNull();
  });

  it('plays from the start to the end in PLAY_SECONDS, then stops', () => {
    const { store } = storeAt('#/game?preset=sim-gda-diverges&scale=test');
    const max = store.playheadMax;
    store.setPlaying(true);
    expect(store.playhead).toBe(0);
    store.advancePlayback(0);
    expect(store.playhead).toBe(0);
    store.advancePlayback(PLAY_SECONDS / 2);
    expect(store.playhead).toBe(Math.round(max / 2));
    store.advancePlayback(PLAY_SECONDS);
    expect(store.playing).toBe(false);
    expect(store.playhead).toBe(max);
  });

  it('steps through the presets in a ring', () => {
    const { store } = storeAt('#/game');
    store.stepPreset(-1);
    expect(store.view.preset).toBe(GAME_PRESETS.at(-1)?.id);
    store.stepPreset(1);
    expect(store.view.preset).toBe(GAME_PRESETS[0].id);
  });

  it('writes the settled view to the hash, and reads a hash reached by hand', () => {
    const { store, page } = storeAt('#/game?preset=consensus&scale=test');
    store.setMetric('radius');
    store.setCamera({ azimuth: 10, elevation: 20 });
    expect(page.location.hash).not.toContain('metric=radius');
    vi.advanceTimersByTime(200);
    expect(page.location.hash).toBe(viewToHash(store.view));
    expect(hashToView(page.location.hash).view).toEqual(store.view);
    const typed = '#/game?game=bilinear&method=eg&lr=0.3&x=lr,0.01,1,16,log';
    page.navigate(typed);
    expect(store.view.spec).toMatchObject({ method: { name: 'eg' }, lr: 0.3 });
    expect(store.view.spec.axes.x.count).toBe(16);
  });

  it('leaves the other lab’s hash alone, and comes back to the last view through a bare #/game', () => {
    const page = new FakePage('#/game?preset=consensus&scale=test');
    const first = storeAt(page.location.hash, page);
    first.store.setMetric('radius');
    vi.advanceTimersByTime(200);
    first.store.setMetric('escapeStep');
    page.navigate('#/conv');
    vi.advanceTimersByTime(200);
    expect(page.location.hash).toBe('#/conv');
    first.host.disconnect();
    page.navigate('#/game');
    const host = new FakeHost();
    const again = new GameLabStore(host, { router: first.router });
    expect(again.view).toEqual({ ...first.store.view, metric: 'radius' });
  });

  it('sweeps once a runner is there, after typing settles, and reports the throughput', async () => {
    const { store, reports } = storeAt('#/game?preset=consensus&scale=test');
    const swept: SweepSpec[] = [];
    store.setRunner(fakeRunner(swept));
    await vi.advanceTimersByTimeAsync(0);
    expect(swept).toHaveLength(1);
    expect(store.sweepStatus.kind).toBe('done');
    expect(reports[0]).toMatch(/^Last sweep 32×32 × \d+ steps: 1\.0 M game-steps in 0\.50 s/);
    store.edit('steps', 150);
    store.edit('steps', 160);
    await vi.advanceTimersByTimeAsync(100);
    expect(swept).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(swept).toHaveLength(2);
    // The base value of a swept field does not change the sweep's numbers.
    store.edit(store.view.spec.axes.x.param, axisValueAt(store.view.spec.axes.x, 3));
    await vi.advanceTimersByTimeAsync(500);
    expect(swept).toHaveLength(2);
  });

  it('cancels a running sweep and keeps the last finished one', async () => {
    const { store } = storeAt('#/game?preset=consensus&scale=test');
    store.setRunner(
      (_spec, options) =>
        new Promise((_resolve, reject) =>
          options?.signal?.addEventListener('abort', () => reject(options.signal?.reason)),
        ),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(store.sweepStatus.kind).toBe('running');
    store.cancelSweep();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.sweepStatus.kind).toBe('cancelled');
    expect(store.sweep).toBeNull();
  });

  it('tells its subscribers of every change until they stop listening', () => {
    const { store } = storeAt('#/game');
    let heard = 0;
    const stop = store.subscribe(() => heard++);
    store.setPresenting(true);
    store.setPresenting(true);
    expect(heard).toBe(1);
    stop();
    store.setPresenting(false);
    expect(heard).toBe(1);
  });
});
