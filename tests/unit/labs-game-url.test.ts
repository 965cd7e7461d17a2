import { describe, expect, it } from 'vitest';
import { parseSweepSpec } from '../../src/core/games/index.js';
import {
  DEFAULT_CAMERA,
  defaultView,
  hashToView,
  viewToHash,
  type GameLabView,
} from '../../src/labs/game/game-lab-url.js';
import { GAME_PRESETS, presetSpecInput } from '../../src/labs/game/game-presets.js';

function viewWith(change: Partial<GameLabView>): GameLabView {
  return { ...defaultView(), ...change };
}

const VIEWS: [string, GameLabView][] = [
  ['the default view', defaultView()],
  ...GAME_PRESETS.map((p): [string, GameLabView] => [
    `preset ${p.id}`,
    viewWith({
      spec: parseSweepSpec(presetSpecInput(p, 'full')),
      metric: p.metric,
      overlays: [...p.overlays],
      preset: p.id,
    }),
  ]),
  [
    'every view field set',
    viewWith({
      spec: parseSweepSpec({
        game: { name: 'bilinear', b: 2 },
        method: { name: 'momentum', beta: -0.3 },
        lr: 0.37,
        x0: 0.5,
        y0: -1.5,
        steps: 400,
        escapeRadius: 1e4,
        axes: {
          x: { param: 'lr', from: 0.01, to: 2, count: 64, scale: 'log' },
          y: { param: 'method.beta', from: -1, to: 0.5, count: 48, scale: 'linear' },
        },
      }),
      metric: 'radius',
      overlays: ['eg', 'ogda'],
      cell: { ix: 5, iy: 7 },
      playhead: 40,
      camera: { azimuth: 20, elevation: 45 },
      presenting: true,
      scale: 'test',
    }),
  ],
  [
    'separate rates and a typed objective',
    viewWith({
      spec: parseSweepSpec({
        game: { name: 'expression', f: 'x*y + 0.1*x^2' },
        method: { name: 'sim-gda' },
        lr: 0.1,
        lrX: 0.05,
        lrY: 0.2,
        axes: {
          x: { param: 'lrX', from: 0.001, to: 1, count: 16, scale: 'log' },
          y: { param: 'x0', from: -2, to: 2, count: 16, scale: 'linear' },
        },
      }),
    }),
  ],
];

describe('Game Lab URL', () => {
  it.each(VIEWS)('%s survives view → hash → view', (_name, view) => {
    const hash = viewToHash(view);
    expect(hash.startsWith('#/game?')).toBe(true);
    expect(hashToView(hash)).toEqual({ view, error: null });
    expect(viewToHash(hashToView(hash).view)).toBe(hash);
  });

  it('rounds the camera to a tenth of a degree', () => {
    const view = viewWith({ camera: { azimuth: 12.3456, elevation: -7.891 } });
    expect(hashToView(viewToHash(view)).view.camera).toEqual({ azimuth: 12.3, elevation: -7.9 });
  });

  it('loads a preset from its name alone, shrunk for tests with scale=test', () => {
    const preset = GAME_PRESETS[3];
    const { view, error } = hashToView(`#/game?preset=${preset.id}&scale=test`);
    expect(error).toBeNull();
    expect(view.preset).toBe(preset.id);
    expect(view.spec).toEqual(parseSweepSpec(presetSpecInput(preset, 'test')));
    expect(view.spec.axes.x.count).toBe(32);
  });

  it('names what it could not use and keeps the rest', () => {
    const bad = hashToView('#/game?game=bilinear&lr=-2&x=lr,0.01,1,16,log&metric=radius');
    expect(bad.error).toBe('lr: must be a number greater than 0, got -2');
    expect(bad.view.spec).toEqual(defaultView().spec);
    expect(bad.view.metric).toBe('radius');
    expect(hashToView('#/game?preset=nope').error).toBe("preset: unknown preset 'nope'");
    expect(hashToView('#/game?metric=colour').error).toMatch(/^metric: unknown metric 'colour'/);
    expect(hashToView('#/game?overlay=eg,nope').view.overlays).toEqual(['eg']);
    expect(hashToView('#/game?cell=999,0').error).toBe(
      "cell: must be two cell indices within 256×256, got '999,0'",
    );
    expect(hashToView('#/game?t=-1').error).toMatch(/^t: must be a step from 0 to 1000/);
    expect(hashToView('#/game?cam=0,120').view.camera).toEqual(DEFAULT_CAMERA);
  });

  it('reads a bare #/game as the first preset, so the first screen has its caption', () => {
    const first = GAME_PRESETS[0];
    const view = viewWith({
      spec: parseSweepSpec(presetSpecInput(first, 'full')),
      metric: first.metric,
      overlays: [...first.overlays],
      preset: first.id,
    });
    expect(hashToView('#/game')).toEqual({ view, error: null });
    expect(hashToView('')).toEqual({ view, error: null });
    expect(hashToView('#/game?scale=test').view.spec.axes.x.count).toBe(32);
    // A link with its own spec is not a preset.
    expect(hashToView('#/game?game=bilinear&x=lr,0.01,1,16,log').view.preset).toBeNull();
  });
});
