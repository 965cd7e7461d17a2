/**
 * The Conv Lab's state as a location hash, `#/conv?tab=layer&kind=conv&in=1,1,6,6&k=2&s=2&p=1…`:
 * one readable parameter per field, so a link can be edited by hand. Missing or unreadable
 * parameters fall back to the defaults, field by field.
 */
import { STACK_PRESETS, type Pair } from '../../core/conv/index.js';
import {
  BUILT_IN_IMAGES,
  KERNEL_NAMES,
  type ConvImageSettings,
  type ImageMode,
  type KernelName,
} from './conv-image-settings.js';
import { CONV_LAB_TABS, defaultState, stackPresetOf, type ConvLabState } from './conv-lab-state.js';
import type { ConvLayerParams } from './conv-layer-params.js';

const INTEGER = /^-?\d+$/;

function ints(text: string | null, count: number): number[] | null {
  if (text === null) return null;
  const parts = text.split(',');
  if (parts.length !== count || !parts.every((p) => INTEGER.test(p.trim()))) return null;
  return parts.map(Number);
}

function pair(text: string | null): Pair | null {
  const two = ints(text, 2);
  if (two) return [two[0], two[1]];
  const one = ints(text, 1);
  return one ? [one[0], one[0]] : null;
}

function int(text: string | null): number | null {
  const one = ints(text, 1);
  return one ? one[0] : null;
}

function pairText(p: Pair): string {
  return p[0] === p[1] ? String(p[0]) : `${p[0]},${p[1]}`;
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

function oneOf<T extends string>(text: string | null, options: readonly T[]): T | null {
  return text !== null && (options as readonly string[]).includes(text) ? (text as T) : null;
}

const KERNEL_IDS = KERNEL_NAMES.map((k) => k.id);
const IMAGE_IDS = BUILT_IN_IMAGES.map((i) => i.id);
const MODES: readonly ImageMode[] = ['layer', 'stack', 'compare'];

/** The hash for a state, starting with `#/conv?`. */
export function stateToHash(state: ConvLabState): string {
  const q = new URLSearchParams();
  const l = state.layer;
  q.set('tab', state.tab);
  q.set('kind', l.transposed ? 'transposed' : 'conv');
  q.set('in', [l.batch, l.inChannels, l.inH, l.inW].join(','));
  q.set('cout', String(l.outChannels));
  q.set('k', pairText(l.kernel));
  q.set('s', pairText(l.stride));
  q.set('p', l.paddingRule === 'explicit' ? pairText(l.padding) : l.paddingRule);
  q.set('d', pairText(l.dilation));
  if (l.transposed) q.set('opad', pairText(l.outputPadding));
  if (l.transposed && l.outputSize) q.set('osize', pairText(l.outputSize));
  if (l.groups !== 1) q.set('g', String(l.groups));
  if (!l.bias) q.set('bias', '0');
  if (l.paddingMode !== 'zeros') q.set('mode', l.paddingMode);
  q.set('pos', state.position.join(','));
  const preset = stackPresetOf(state.stack.code);
  q.set('stack', preset ? slug(preset.name) : state.stack.code);
  q.set('sin', state.stack.input.join(','));
  const im = state.images;
  q.set('img', im.source === 'file' ? 'photo' : im.source);
  if (im.source !== 'photo') q.set('psize', String(im.patternSize));
  if (im.color) q.set('color', '1');
  q.set('imode', im.mode);
  q.set('kern', im.kernel);
  if (['box', 'gaussian', 'random'].includes(im.kernel)) q.set('ksize', String(im.kernelSize));
  if (im.kernel === 'custom') q.set('kcustom', im.customKernel);
  if (im.kernel === 'random' || im.stackKernels.includes('random') || im.stackInput === 'noise')
    q.set('seed', String(im.seed));
  if (im.transposed) q.set('it', '1');
  q.set('istride', String(im.stride));
  q.set('ipad', String(im.padding));
  if (im.dilation !== 1) q.set('idil', String(im.dilation));
  if (im.transposed && im.outputPadding !== 0) q.set('iopad', String(im.outputPadding));
  if (im.gpuKernel !== 'fast') q.set('gk', im.gpuKernel);
  if (im.stackInput !== 'noise') q.set('sinput', im.stackInput);
  if (im.stackKernels.length > 0) q.set('skern', im.stackKernels.join(','));
  return `#/conv?${q.toString()}`;
}

/** The state a hash describes; anything missing or unreadable keeps its default. */
export function stateFromHash(hash: string): ConvLabState {
  const state = defaultState();
  const at = hash.indexOf('?');
  if (!hash.startsWith('#/conv') || at < 0) return state;
  const q = new URLSearchParams(hash.slice(at + 1));
  state.tab = oneOf(q.get('tab'), CONV_LAB_TABS) ?? state.tab;
  const l: ConvLayerParams = state.layer;
  const kind = q.get('kind');
  if (kind === 'transposed' || kind === 'conv') l.transposed = kind === 'transposed';
  const input = ints(q.get('in'), 4);
  if (input) [l.batch, l.inChannels, l.inH, l.inW] = input;
  l.outChannels = int(q.get('cout')) ?? l.outChannels;
  l.kernel = pair(q.get('k')) ?? l.kernel;
  l.stride = pair(q.get('s')) ?? l.stride;
  const p = q.get('p');
  if (p === 'same' || p === 'valid') l.paddingRule = p;
  else if (pair(p)) [l.paddingRule, l.padding] = ['explicit', pair(p) as Pair];
  l.dilation = pair(q.get('d')) ?? l.dilation;
  l.outputPadding = pair(q.get('opad')) ?? [0, 0];
  l.outputSize = pair(q.get('osize'));
  l.groups = int(q.get('g')) ?? 1;
  l.bias = q.get('bias') !== '0';
  l.paddingMode = q.get('mode') ?? 'zeros';
  state.position = pair(q.get('pos')) ?? state.position;
  const stack = q.get('stack');
  if (stack !== null) {
    const preset = STACK_PRESETS.find((s) => slug(s.name) === stack);
    state.stack.code = preset ? preset.code : stack;
  }
  const stackInput = q.get('sin');
  if (stackInput !== null && /^\d+(,\d+)*$/.test(stackInput))
    state.stack.input = stackInput.split(',').map(Number);
  const im: ConvImageSettings = state.images;
  im.source = oneOf(q.get('img'), IMAGE_IDS) ?? im.source;
  im.patternSize = int(q.get('psize')) ?? im.patternSize;
  im.color = q.get('color') === '1';
  im.mode = oneOf(q.get('imode'), MODES) ?? im.mode;
  im.kernel = oneOf(q.get('kern'), KERNEL_IDS) ?? im.kernel;
  im.kernelSize = int(q.get('ksize')) ?? im.kernelSize;
  im.customKernel = q.get('kcustom') ?? im.customKernel;
  im.seed = int(q.get('seed')) ?? im.seed;
  im.transposed = q.get('it') === '1';
  im.stride = int(q.get('istride')) ?? im.stride;
  im.padding = int(q.get('ipad')) ?? im.padding;
  im.dilation = int(q.get('idil')) ?? im.dilation;
  im.outputPadding = int(q.get('iopad')) ?? im.outputPadding;
  im.gpuKernel = q.get('gk') === 'direct' ? 'direct' : 'fast';
  im.stackInput = q.get('sinput') === 'image' ? 'image' : 'noise';
  const kernels = q.get('skern');
  if (kernels)
    im.stackKernels = kernels
      .split(',')
      .map((k) => oneOf(k, KERNEL_IDS) ?? ('random' as KernelName));
  return state;
}
