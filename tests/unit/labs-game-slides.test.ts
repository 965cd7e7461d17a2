import { describe, expect, it } from 'vitest';
import { GAME_PRESETS } from '../../src/labs/game/game-presets.js';
import {
  DEFAULT_SLIDE,
  SLIDE_LAYOUTS,
  SLIDE_VIEWS,
  slideLayout,
  slidePlaysGame,
} from '../../src/labs/game/game-slides.js';

describe('presentation slides', () => {
  it.each(GAME_PRESETS.map((p) => [p.id]))('%s has a slide of two or three known views', (id) => {
    const layout = SLIDE_LAYOUTS[id];
    expect(layout, `no slide layout for preset '${id}'`).toBeDefined();
    expect(layout.views.length).toBeGreaterThanOrEqual(2);
    expect(layout.views.length).toBeLessThanOrEqual(3);
    expect(new Set(layout.views).size).toBe(layout.views.length);
    for (const view of layout.views) expect(SLIDE_VIEWS).toContain(view);
    expect(slideLayout(id)).toBe(layout);
  });

  it('has no layout for a preset that does not exist', () => {
    const ids = new Set(GAME_PRESETS.map((p) => p.id));
    expect(Object.keys(SLIDE_LAYOUTS).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('shows the heatmap and the orbit for your own settings or an unknown id', () => {
    expect(slideLayout(null)).toBe(DEFAULT_SLIDE);
    expect(slideLayout('no-such-preset')).toBe(DEFAULT_SLIDE);
    expect(DEFAULT_SLIDE.views).toEqual(['heatmap', 'orbit']);
  });

  it('plays the game on a slide with a one-game view, not on a heatmap and theory slide', () => {
    expect(slidePlaysGame({ views: ['heatmap', 'orbit'] })).toBe(true);
    expect(slidePlaysGame({ views: ['heatmap', 'radius'] })).toBe(true);
    expect(slidePlaysGame({ views: ['heatmap', 'theory', 'eigen'] })).toBe(false);
  });
});
