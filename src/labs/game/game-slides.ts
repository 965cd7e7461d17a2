/**
 * Presentation mode's slides: for each guided preset (game-presets.ts), the two or three views
 * its caption is about, the first drawn largest, each named by one of SLIDE_VIEWS.
 */

/** How long a view's exported video lasts: its game (or the sweep filling in) from start to end. */
export const VIDEO_SECONDS = 6;

/** The Game Lab's views a slide can show, by the names embed mode uses too. */
export const SLIDE_VIEWS = [
  'heatmap',
  'orbit',
  'xy',
  'radius',
  'surface',
  'field',
  'theory',
  'eigen',
] as const;
export type SlideViewName = (typeof SLIDE_VIEWS)[number];

export interface SlideLayout {
  /** Two or three views; the first is the large one. */
  readonly views: readonly SlideViewName[];
}

/** Views that play one game, so the slide plays it when it opens. */
export const ONE_GAME_VIEWS: readonly SlideViewName[] = [
  'orbit',
  'xy',
  'radius',
  'surface',
  'field',
];

const heatOrbit = (third: SlideViewName): SlideLayout => ({ views: ['heatmap', 'orbit', third] });

/** Each preset's slide, by preset id. */
export const SLIDE_LAYOUTS: Readonly<Record<string, SlideLayout>> = {
  'sim-gda-diverges': heatOrbit('radius'),
  'smaller-lr-delays': { views: ['heatmap', 'radius'] },
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

/** Whether the slide has a view that plays one game (then it plays on its own). */
export function slidePlaysGame(layout: SlideLayout): boolean {
  return layout.views.some((v) => ONE_GAME_VIEWS.includes(v));
}
