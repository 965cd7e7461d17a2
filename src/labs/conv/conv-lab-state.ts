/**
 * Everything the Conv Lab shows, and nothing else: a link carrying this state opens the same
 * view (see conv-lab-url.ts). Shapes, coverage and traces are recomputed from it.
 */
import { DCGAN_GENERATOR, STACK_PRESETS, type Pair } from '../../core/conv/index.js';
import { defaultLayer, type ConvLayerParams } from './conv-layer-params.js';
import { defaultImageSettings, type ConvImageSettings } from './conv-image-settings.js';

export type ConvLabTab = 'layer' | 'stack' | 'images';
export const CONV_LAB_TABS: readonly ConvLabTab[] = ['layer', 'stack', 'images'];

export interface ConvStackState {
  /** The stack as PyTorch code, exactly as typed. */
  code: string;
  /** The tensor fed to the first layer, usually [N, C, H, W]. */
  input: number[];
}

export interface ConvLabState {
  tab: ConvLabTab;
  layer: ConvLayerParams;
  /** The output cell the kernel picture stands on, [row, column]. */
  position: Pair;
  stack: ConvStackState;
  images: ConvImageSettings;
}

export function defaultStack(): ConvStackState {
  return { code: DCGAN_GENERATOR.code, input: [...DCGAN_GENERATOR.input] };
}

export function defaultState(): ConvLabState {
  return {
    tab: 'layer',
    layer: defaultLayer(),
    position: [0, 0],
    stack: defaultStack(),
    images: defaultImageSettings(),
  };
}

/** The built-in stack whose code this is, if any (its name goes in the URL instead of the code). */
export function stackPresetOf(code: string) {
  return STACK_PRESETS.find((preset) => preset.code === code) ?? null;
}
