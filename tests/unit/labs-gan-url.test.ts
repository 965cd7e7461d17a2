import { describe, expect, it } from 'vitest';
import { parseGanSweepSpec } from '../../src/core/gan/index.js';
import { GAN_PRESETS, ganPresetSpec, PRESET_AXIS_COUNT } from '../../src/labs/gan/gan-presets.js';
import {
  defaultGanView,
  ganHashToView,
  ganViewToHash,
  MAX_HASH_LENGTH,
  type GanView,
} from '../../src/labs/gan/gan-view-url.js';

describe('the GAN view’s URL', () => {
  it('round-trips a view with every kind of field', () => {
    const view: GanView = {
      ...defaultGanView(),
      spec: parseGanSweepSpec({
        game: {
          name: 'mlp-gan',
          data: {
            kind: 'points',
            points: [
              [1, 0.5],
              [-1, 2],
            ],
          },
          generator: { latent: 1, layers: 1, width: 2, activation: 'tanh', bias: false },
          discriminator: { layers: 0, bias: false },
          loss: 'wgan',
          latentPoints: [[0.5], [-0.5]],
        },
        method: { name: 'momentum', beta: -0.5, order: 'x-first' },
        lr: 0.05,
        steps: 30,
        axes: {
          x: { param: 'method.beta', from: -0.9, to: 0.9, count: 7, scale: 'linear' },
          y: { param: 'seed', from: 0, to: 9, count: 10, scale: 'linear' },
        },
      }),
      metric: 'energyDistance',
      cell: { ix: 3, iy: 9 },
      playhead: 12,
      presenting: true,
    };
    const parsed = ganHashToView(ganViewToHash(view));
    expect(parsed.error).toBeNull();
    expect(parsed.view).toEqual(view);
  });

  it('a bare #/gan opens the first preset, and preset=ID alone that preset', () => {
    const bare = ganHashToView('#/gan');
    expect(bare.error).toBeNull();
    expect(bare.view.preset).toBe(GAN_PRESETS[0].id);
    expect(bare.view.spec).toEqual(ganPresetSpec(GAN_PRESETS[0]));
    const last = GAN_PRESETS.at(-1)!;
    const named = ganHashToView(`#/gan?preset=${last.id}`);
    expect(named.view.spec).toEqual(ganPresetSpec(last));
    expect(named.view.spec.axes.x.count).toBe(PRESET_AXIS_COUNT);
    expect(named.view.metric).toBe(last.metric);
  });

  it('present=1 opens the view as a slide, both ways, and only 1 means it', () => {
    const slide = ganHashToView(`#/gan?preset=${GAN_PRESETS[1].id}&present=1`);
    expect(slide.error).toBeNull();
    expect(slide.view.presenting).toBe(true);
    expect(slide.view.preset).toBe(GAN_PRESETS[1].id);
    expect(slide.view.spec).toEqual(ganPresetSpec(GAN_PRESETS[1]));
    // Not a spec field: alone it opens the first preset's slide.
    const bare = ganHashToView('#/gan?present=1');
    expect(bare.error).toBeNull();
    expect(bare.view.preset).toBe(GAN_PRESETS[0].id);
    expect(bare.view.presenting).toBe(true);
    expect(ganHashToView(`#/gan?preset=${GAN_PRESETS[1].id}&present=0`).view.presenting).toBe(
      false,
    );
    const hash = ganViewToHash(slide.view);
    expect(new URLSearchParams(hash.slice(hash.indexOf('?'))).get('present')).toBe('1');
    expect(ganViewToHash({ ...slide.view, presenting: false })).not.toMatch(/present=/);
  });

  it('a preset’s own link reproduces its spec', () => {
    for (const preset of GAN_PRESETS) {
      const view = { ...defaultGanView(), spec: ganPresetSpec(preset), preset: preset.id };
      expect(ganHashToView(ganViewToHash(view)).view.spec).toEqual(view.spec);
    }
  });

  it.each([
    ['#/gan?game.data.kind=moon', 'game.data.kind'],
    ['#/gan?game.generator.width=65', 'game.generator.width'],
    ['#/gan?lr=-1', 'lr'],
    ['#/gan?x=lrD,1,2,100000,log', 'axes.x.count'],
    ['#/gan?x=nonsense', 'axes.x'],
    ['#/gan?game.__proto__.polluted=1', 'game.__proto__.polluted'],
    ['#/gan?constructor.prototype.x=1', 'constructor.prototype.x'],
    ['#/gan?game.data.points=[[1],[2', 'game.data.points'],
    ['#/gan?game.data=3&game.data.kind=ring', 'game.data'],
    ['#/gan?bogus=1', 'bogus'],
    ['#/gan?preset=nope', 'preset'],
    ['#/gan?metric=speed', 'metric'],
    ['#/gan?cell=99,0', 'cell'],
    ['#/gan?cell=1,1&t=-3', 't'],
  ])('%s is refused with a message naming %s, and a working view', (hash, field) => {
    const parsed = ganHashToView(hash);
    expect(parsed.error).toMatch(new RegExp(`^${field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(() => parseGanSweepSpec(parsed.view.spec)).not.toThrow();
    // The sweep shown instead is a small one: the first preset's.
    if (field !== 'metric' && field !== 'cell' && field !== 't' && field !== 'preset')
      expect(parsed.view.spec).toEqual(ganPresetSpec(GAN_PRESETS[0]));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses an enormous link before reading it', () => {
    const parsed = ganHashToView(`#/gan?lr=${'1'.repeat(MAX_HASH_LENGTH)}`);
    expect(parsed.error).toMatch(/characters long/);
    expect(parsed.view.preset).toBe(GAN_PRESETS[0].id);
  });
});
