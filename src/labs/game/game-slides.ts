/**
 * Presentation mode's slides: for each guided preset (game-presets.ts), the two or three views
 * its caption is about, the first drawn largest. A view is named by one of SLIDE_VIEWS, or by a
 * custom element's tag (`ss-…`), which the slide renders with the same inputs as the built-in
 * single-game views (a view added later needs no change here beyond its name).
 */

/** How long a view's exported video lasts: its game (or the sweep filling in) from start to end. */
export const VIDEO_SECONDS = 6;

/** The Game Lab's views a slide can show, by the names embed mode uses too. */
export const SLIDE_VIEWS = [
  'heatmap',
  'orbit',
  'xy',
  'surface',
  'field',
  'theory',
  'eigen',
] as const;
export type SlideViewName = (typeof SLIDE_VIEWS)[number];

/** A built-in view's name, or a custom element's tag such as `ss-radius-plot`. */
export type SlideView = SlideViewName | `ss-${string}`;

export interface SlideLayout {
  /** Two or three views; the first is the large one. */
  readonly views: readonly SlideView[];
}

/** Views that play one game, so the slide plays it when it opens. */
export const ONE_GAME_VIEWS: readonly SlideViewName[] = ['orbit', 'xy', 'surface', 'field'];

const heatOrbit = (third: SlideView): SlideLayout => ({ views: ['heatmap', 'orbit', third] });

/** Each preset's slide, by preset id. */
export const SLIDE_LAYOUTS: Readonly<Record<string, SlideLayout>> = {
  'sim-gda-diverges': heatOrbit('surface'),
  'smaller-lr-delays': { views: ['heatmap', 'xy'] },
  'continuous-circle': { views: ['orbit', 'heatmap'] },
  'alternating-cycles': heatOrbit('theory'),
  'eg-ogda-converge': heatOrbit('theory'),
  'negative-momentum': heatOrbit('eigen'),
  consensus: heatOrbit('theory'),
  'dirac-gan': heatOrbit('field'),
  'dirac-wgan': heatOrbit('field'),
  'dirac-wgan-gp': heatOrbit('field'),
  'dirac-r1': heatOrbit('field'),
  'dirac-ns-r1': heatOrbit('field'),
};

/** The slide of the view's preset; your own settings (no preset) show the heatmap and the orbit. */
export const DEFAULT_SLIDE: SlideLayout = { views: ['heatmap', 'orbit'] };

export function slideLayout(presetId: string | null): SlideLayout {
  return (presetId !== null && SLIDE_LAYOUTS[presetId]) || DEFAULT_SLIDE;
}

/** Whether a name is a view a slide can draw: a built-in view or a custom element's tag. */
export function isSlideView(name: string): name is SlideView {
  return (
    (SLIDE_VIEWS as readonly string[]).includes(name) ||
    /^ss-[a-z][a-z0-9]*(-[a-z0-9]+)+$/.test(name)
  );
}

/** Whether the slide has a view that plays one game (then it plays on its own). */
export function slidePlaysGame(layout: SlideLayout): boolean {
  return layout.views.some(
    (v) => (ONE_GAME_VIEWS as readonly string[]).includes(v) || v.startsWith('ss-'),
  );
}
