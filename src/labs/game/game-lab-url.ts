import {
  DEFAULT_SPEC,
  GAME_CATALOG,
  isGameName,
  isMethodName,
  METHOD_CATALOG,
  parseSweepSpec,
  SpecError,
  type MethodName,
  type SweepAxis,
  type SweepSpec,
} from '../../core/games/index.js';
import {
  findPreset,
  GAME_PRESETS,
  presetSpecInput,
  HEATMAP_METRICS,
  type SweepMetricName,
} from './game-presets.js';
import { readCellLink, writeCellLink } from '../cell-link.js';

/**
 * Everything the Game Lab shows, and nothing else: a link with this state
 * opens the same view. The sweep's numbers are not part of it; they are
 * recomputed from `spec`.
 */
export interface GameLabView {
  spec: SweepSpec;
  metric: SweepMetricName;
  /** Methods played from the same start as the spec's own, in the single-game and theory views. */
  overlays: MethodName[];
  /** The heatmap cell whose game the single-game views play; null plays the spec's own values. */
  cell: { ix: number; iy: number } | null;
  /** The step the playhead stands on; null stands at the last step, showing the whole run. */
  playhead: number | null;
  /** The surface view's camera: azimuth and elevation in degrees. */
  camera: { azimuth: number; elevation: number };
  /** The guided preset the view came from, for its caption; null once the user changes a control. */
  preset: string | null;
  presenting: boolean;
  /** 'test' shrinks every preset to 32 cells an axis, steps kept (`scale=test` in the link), for end-to-end tests. */
  scale: 'full' | 'test';
}

export const DEFAULT_CAMERA = { azimuth: -55, elevation: 30 };

export function defaultView(): GameLabView {
  return {
    spec: structuredClone(DEFAULT_SPEC) as SweepSpec,
    metric: 'growthRate',
    overlays: [],
    cell: null,
    playhead: null,
    camera: { ...DEFAULT_CAMERA },
    preset: null,
    presenting: false,
    scale: 'full',
  };
}

/**
 * The hash of a view: `#/game?game=bilinear&game.b=1&method=sim-gda&lr=0.1&…&x=lr,0.001,1,256,log`.
 * One readable parameter per spec field, so a link can be edited by hand.
 */
export function viewToHash(view: GameLabView): string {
  const q = new URLSearchParams();
  if (view.preset) q.set('preset', view.preset);
  const { spec } = view;
  const game = spec.game as unknown as Record<string, unknown>;
  q.set('game', spec.game.name);
  for (const [key, value] of Object.entries(game))
    if (key !== 'name') q.set(`game.${key}`, String(value));
  const method = spec.method as unknown as Record<string, unknown>;
  q.set('method', spec.method.name);
  for (const [key, value] of Object.entries(method))
    if (key !== 'name') q.set(`method.${key}`, String(value));
  for (const key of ['lr', 'lrX', 'lrY', 'x0', 'y0', 'steps', 'escapeRadius'] as const) {
    const value = spec[key];
    if (value !== undefined) q.set(key, String(value));
  }
  q.set('x', axisText(spec.axes.x));
  q.set('y', axisText(spec.axes.y));
  q.set('metric', view.metric);
  if (view.overlays.length > 0) q.set('overlay', view.overlays.join(','));
  writeCellLink(q, view.cell, view.playhead);
  q.set('cam', `${round(view.camera.azimuth)},${round(view.camera.elevation)}`);
  if (view.presenting) q.set('present', '1');
  if (view.scale === 'test') q.set('scale', 'test');
  return `#/game?${q.toString()}`;
}

export interface ParsedHash {
  view: GameLabView;
  /** Why part of the link could not be used (the rest of the view is kept); null when all of it was. */
  error: string | null;
}

/**
 * The view a `#/game?…` hash describes. A bad spec field is reported with the
 * SpecError's message and the default spec is shown instead; `preset=ID` with
 * no spec fields loads that preset (`scale=test` shrinks it for tests), and a
 * hash with neither (a bare `#/game`) the first preset.
 */
export function hashToView(hash: string): ParsedHash {
  const view = defaultView();
  const query = hash.indexOf('?');
  const q = new URLSearchParams(query < 0 ? '' : hash.slice(query + 1));
  let error: string | null = null;
  view.scale = q.get('scale') === 'test' ? 'test' : 'full';
  const presetId = q.get('preset');
  const hasSpec = q.has('game') || q.has('method') || q.has('x') || q.has('y');
  // A link without a spec (the bare #/game of a first visit) opens the first preset, caption and all.
  const preset = presetId === null ? (hasSpec ? undefined : GAME_PRESETS[0]) : findPreset(presetId);
  if (presetId !== null && preset === undefined) error = `preset: unknown preset '${presetId}'`;

  try {
    if (hasSpec) {
      view.spec = parseSweepSpec(specInputFromQuery(q));
    } else if (preset) {
      view.spec = parseSweepSpec(presetSpecInput(preset, view.scale));
    }
  } catch (e) {
    if (!(e instanceof SpecError)) throw e;
    error = e.message;
  }
  if (preset) {
    view.preset = preset.id;
    view.metric = preset.metric;
    view.overlays = [...preset.overlays];
  }

  const metric = q.get('metric');
  if (metric !== null) {
    if ((HEATMAP_METRICS as readonly string[]).includes(metric))
      view.metric = metric as SweepMetricName;
    else error ??= `metric: unknown metric '${metric}' (expected ${HEATMAP_METRICS.join(', ')})`;
  }
  const overlay = q.get('overlay');
  if (overlay !== null) {
    const names = overlay.split(',').filter((n) => n !== '');
    const bad = names.find((n) => !isMethodName(n));
    if (bad !== undefined) error ??= `overlay: unknown method '${bad}'`;
    view.overlays = names.filter(isMethodName);
  }
  const { x, y } = view.spec.axes;
  const link = readCellLink(q, { x: x.count, y: y.count }, view.spec.steps, false);
  view.cell = link.cell;
  view.playhead = link.playhead;
  error ??= link.error;
  const cam = q.get('cam');
  if (cam !== null) {
    const [azimuth, elevation] = cam.split(',').map(Number);
    if (Number.isFinite(azimuth) && Number.isFinite(elevation) && Math.abs(elevation) <= 90)
      view.camera = { azimuth, elevation };
  }
  view.presenting = q.get('present') === '1';
  return { view, error };
}

/** The JSON input parseSweepSpec validates, rebuilt from the hash's flat parameters. */
function specInputFromQuery(q: URLSearchParams): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const gameName = q.get('game') ?? DEFAULT_SPEC.game.name;
  const methodName = q.get('method') ?? DEFAULT_SPEC.method.name;
  input.game = nested(
    q,
    'game',
    gameName,
    isGameName(gameName) ? GAME_CATALOG[gameName].numeric : [],
  );
  input.method = nested(
    q,
    'method',
    methodName,
    isMethodName(methodName) ? METHOD_CATALOG[methodName].numeric : [],
  );
  for (const key of ['lr', 'lrX', 'lrY', 'x0', 'y0', 'steps', 'escapeRadius']) {
    const text = q.get(key);
    if (text !== null) input[key] = numberOrText(text);
  }
  input.axes = {
    ...(q.has('x') ? { x: axisFromText(q.get('x') as string) } : {}),
    ...(q.has('y') ? { y: axisFromText(q.get('y') as string) } : {}),
  };
  return input;
}

function nested(
  q: URLSearchParams,
  prefix: string,
  name: string,
  numeric: readonly { name: string }[],
): Record<string, unknown> {
  const out: Record<string, unknown> = { name };
  const numericNames = new Set(numeric.map((p) => p.name));
  for (const [key, value] of q) {
    if (!key.startsWith(`${prefix}.`)) continue;
    const field = key.slice(prefix.length + 1);
    out[field] = numericNames.has(field) ? numberOrText(value) : value;
  }
  return out;
}

function axisText(axis: SweepAxis): string {
  return [axis.param, axis.from, axis.to, axis.count, axis.scale].join(',');
}

function axisFromText(text: string): Record<string, unknown> {
  const [param, from, to, count, scale] = text.split(',');
  return {
    param,
    from: numberOrText(from ?? ''),
    to: numberOrText(to ?? ''),
    count: numberOrText(count ?? ''),
    scale: scale ?? 'linear',
  };
}

/** A number where the text is one, else the text itself, so parseSweepSpec names the field and quotes it. */
function numberOrText(text: string): unknown {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) ? value : text;
}

function round(degrees: number): number {
  return Math.round(degrees * 10) / 10;
}
