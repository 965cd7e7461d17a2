import {
  DEFAULT_GAN_SWEEP,
  GAN_METRIC_NAMES,
  parseGanSweepSpec,
  type GanMetricName,
  type GanSweepSpec,
} from '../../core/gan/index.js';
import { SpecError, type SweepAxis } from '../../core/games/index.js';
import { findGanPreset, GAN_PRESETS, ganPresetSpec } from './gan-presets.js';
import { readCellLink, writeCellLink } from '../cell-link.js';

/**
 * Everything the GAN view shows, and nothing else: a link with this state opens the same view.
 * The sweep's numbers are not part of it; they are recomputed from `spec`.
 */
export interface GanView {
  spec: GanSweepSpec;
  metric: GanMetricName;
  /** The heatmap cell whose GAN is replayed; null replays none. */
  cell: { ix: number; iy: number } | null;
  /** The replay's playhead (a step); null stands at the last step. */
  playhead: number | null;
  /** The preset the view came from, for its caption; null once a control changes the spec. */
  preset: string | null;
  /** Presentation mode: the preset as a slide (`present=1` in the link). */
  presenting: boolean;
}

export function defaultGanView(): GanView {
  return {
    spec: structuredClone(DEFAULT_GAN_SWEEP) as GanSweepSpec,
    metric: 'fate',
    cell: null,
    playhead: null,
    preset: null,
    presenting: false,
  };
}

/** A hash longer than this is refused before it is read (a spec of explicit points fits easily). */
export const MAX_HASH_LENGTH = 100_000;

const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * Every leaf of the spec as a dotted path and its text: numbers and choices as they are, lists
 * (points, latent points, weights) as JSON.
 */
function flatten(value: unknown, prefix: string, out: [string, string][]): void {
  if (Array.isArray(value)) out.push([prefix, JSON.stringify(value)]);
  else if (typeof value === 'object' && value !== null)
    for (const [key, v] of Object.entries(value))
      flatten(v, prefix ? `${prefix}.${key}` : key, out);
  else out.push([prefix, String(value)]);
}

/**
 * The hash of a view: `#/gan?game.data.kind=ring&…&method.name=adam&lr=0.001&x=lrD,0.001,1,32,log&…`,
 * one readable parameter per spec field, so a link can be edited by hand; a preset's link names
 * it (`preset=ID`) beside its fields.
 */
export function ganViewToHash(view: GanView): string {
  const q = new URLSearchParams();
  if (view.preset) q.set('preset', view.preset);
  const { axes, ...run } = view.spec;
  const fields: [string, string][] = [];
  flatten(run, '', fields);
  for (const [key, value] of fields) if (key !== 'game.name') q.set(key, value);
  q.set('x', axisText(axes.x));
  q.set('y', axisText(axes.y));
  q.set('metric', view.metric);
  writeCellLink(q, view.cell, view.playhead);
  if (view.presenting) q.set('present', '1');
  return `#/gan?${q.toString()}`;
}

export interface ParsedGanHash {
  view: GanView;
  /** Why part of the link could not be used (the rest is kept); null when all of it was. */
  error: string | null;
}

const VIEW_KEYS = new Set(['preset', 'x', 'y', 'metric', 'cell', 't', 'present']);

/**
 * The view a `#/gan?…` hash describes. A bad spec field is reported with the SpecError's message
 * (naming the field) and the preset's or the default spec is shown instead; `preset=ID` alone
 * loads that preset; a bare `#/gan` the first preset; `present=1` opens it as a slide. Never throws.
 */
export function ganHashToView(hash: string): ParsedGanHash {
  const view = defaultGanView();
  if (hash.length > MAX_HASH_LENGTH) {
    view.preset = GAN_PRESETS[0].id;
    view.spec = ganPresetSpec(GAN_PRESETS[0]);
    return {
      view,
      error: `the link is ${hash.length} characters long, more than the ${MAX_HASH_LENGTH} a GAN view reads`,
    };
  }
  const query = hash.indexOf('?');
  let q: URLSearchParams;
  try {
    q = new URLSearchParams(query < 0 ? '' : hash.slice(query + 1));
  } catch {
    q = new URLSearchParams();
  }
  let error: string | null = null;
  const presetId = q.get('preset');
  const specKeys = [...q.keys()].filter((k) => !VIEW_KEYS.has(k));
  const hasSpec = specKeys.length > 0 || q.has('x') || q.has('y');
  const preset =
    presetId === null ? (hasSpec ? undefined : GAN_PRESETS[0]) : findGanPreset(presetId);
  if (presetId !== null && preset === undefined) error = `preset: unknown preset '${presetId}'`;
  if (preset) {
    view.preset = preset.id;
    view.metric = preset.metric;
    view.spec = ganPresetSpec(preset);
  }
  if (hasSpec) {
    try {
      view.spec = parseGanSweepSpec(specInputFromQuery(q, specKeys));
    } catch (e) {
      if (!(e instanceof SpecError)) throw e;
      error = e.message;
      // A link that cannot be used shows a small sweep (the first preset's), not a large default one.
      if (!preset) view.spec = ganPresetSpec(GAN_PRESETS[0]);
    }
  }
  const metric = q.get('metric');
  if (metric !== null) {
    if ((GAN_METRIC_NAMES as readonly string[]).includes(metric))
      view.metric = metric as GanMetricName;
    else error ??= `metric: unknown metric '${metric}' (expected ${GAN_METRIC_NAMES.join(', ')})`;
  }
  const { x, y } = view.spec.axes;
  const link = readCellLink(q, { x: x.count, y: y.count }, view.spec.steps, true);
  view.cell = link.cell;
  view.playhead = link.playhead;
  error ??= link.error;
  view.presenting = q.get('present') === '1';
  return { view, error };
}

/** The JSON input parseGanSweepSpec validates, rebuilt from the hash's dotted parameters. */
function specInputFromQuery(q: URLSearchParams, keys: readonly string[]): Record<string, unknown> {
  const input: Record<string, unknown> = { game: { name: 'mlp-gan' } };
  for (const key of keys) {
    const path = key.split('.');
    const bad = path.find((p) => p === '' || FORBIDDEN_SEGMENTS.has(p));
    if (bad !== undefined) throw new SpecError(key, 'is not a field of a GAN spec');
    let target = input;
    for (const segment of path.slice(0, -1)) {
      const next = Object.hasOwn(target, segment) ? target[segment] : undefined;
      if (typeof next !== 'object' || next === null || Array.isArray(next)) {
        if (next !== undefined)
          throw new SpecError(key, `'${segment}' is both a value and an object in this link`);
        target[segment] = {};
      }
      target = target[segment] as Record<string, unknown>;
    }
    target[path[path.length - 1]] = valueFromText(q.get(key) as string, key);
  }
  // method=adam is a bare name; method.name=adam&method.beta1=… an object: either parses.
  const axes: Record<string, unknown> = {};
  if (q.has('x')) axes.x = axisFromText(q.get('x') as string);
  if (q.has('y')) axes.y = axisFromText(q.get('y') as string);
  input.axes = axes;
  return input;
}

/** A number, true/false, a JSON list, or the text itself (so the parser names the field and quotes it). */
function valueFromText(text: string, key: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      throw new SpecError(key, `must be a JSON list, got '${truncate(text)}'`);
    }
  }
  if (text === 'true') return true;
  if (text === 'false') return false;
  const value = Number(text);
  return trimmed !== '' && Number.isFinite(value) ? value : text;
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function axisText(axis: SweepAxis): string {
  return [axis.param, axis.from, axis.to, axis.count, axis.scale].join(',');
}

function axisFromText(text: string): Record<string, unknown> {
  const [param, from, to, count, scale] = text.split(',');
  const number = (t: string | undefined) => {
    const v = Number(t);
    return t !== undefined && t.trim() !== '' && Number.isFinite(v) ? v : (t ?? '');
  };
  return {
    param,
    from: number(from),
    to: number(to),
    count: number(count),
    scale: scale ?? 'linear',
  };
}
