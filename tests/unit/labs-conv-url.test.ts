import { describe, expect, it } from 'vitest';
import { DCGAN_DISCRIMINATOR, SEED_EXAMPLES } from '../../src/core/conv/index.js';
import { defaultState, type ConvLabState } from '../../src/labs/conv/conv-lab-state.js';
import { stateFromHash, stateToHash } from '../../src/labs/conv/conv-lab-url.js';
import { layerFromSeedExample } from '../../src/labs/conv/conv-layer-params.js';

/** The default state with some changes, for round trips. */
function stateWith(change: (s: ConvLabState) => void): ConvLabState {
  const state = defaultState();
  change(state);
  return state;
}

const STATES: [string, ConvLabState][] = [
  ['the default', defaultState()],
  ...SEED_EXAMPLES.map((ex): [string, ConvLabState] => [
    `seed example ${ex.id}`,
    stateWith((s) => (s.layer = layerFromSeedExample(ex))),
  ]),
  [
    'a transposed layer with everything set',
    stateWith((s) => {
      s.tab = 'stack';
      s.layer = {
        ...s.layer,
        transposed: true,
        batch: 2,
        inChannels: 4,
        inH: 7,
        inW: 9,
        outChannels: 6,
        kernel: [3, 5],
        stride: [2, 3],
        padding: [1, 2],
        paddingRule: 'explicit',
        dilation: [1, 2],
        outputPadding: [1, 0],
        outputSize: [15, 29],
        groups: 2,
        bias: false,
        paddingMode: 'zeros',
      };
      s.position = [3, 4];
    }),
  ],
  [
    "'same' padding, reflect mode",
    stateWith((s) => {
      s.layer = { ...s.layer, paddingRule: 'same', paddingMode: 'reflect', stride: [1, 1] };
    }),
  ],
  [
    'a typed stack and the image settings',
    stateWith((s) => {
      s.tab = 'images';
      s.stack = { code: 'nn.Conv2d(3, 8, 3, padding=1)', input: [1, 3, 32, 32] };
      s.images = {
        ...s.images,
        source: 'checkerboard',
        patternSize: 128,
        color: true,
        mode: 'stack',
        kernel: 'random',
        kernelSize: 5,
        seed: 42,
        transposed: true,
        stride: 2,
        padding: 1,
        dilation: 2,
        outputPadding: 1,
        gpuKernel: 'direct',
        stackInput: 'image',
        stackKernels: ['box', 'random', 'laplacian'],
      };
    }),
  ],
  [
    'typed kernel numbers',
    stateWith((s) => {
      s.images = { ...s.images, kernel: 'custom', customKernel: '1 0 -1\n2 0 -2\n1 0 -1' };
    }),
  ],
  [
    'the discriminator preset',
    stateWith((s) => (s.stack = { code: DCGAN_DISCRIMINATOR.code, input: [1, 3, 64, 64] })),
  ],
];

describe('Conv Lab URL', () => {
  it.each(STATES)('%s survives state → hash → state', (_name, state) => {
    const hash = stateToHash(state);
    expect(hash.startsWith('#/conv?')).toBe(true);
    expect(stateFromHash(hash)).toEqual(state);
    expect(stateToHash(stateFromHash(hash))).toBe(hash);
  });

  it('names a built-in stack instead of spelling out its code', () => {
    const hash = stateToHash(stateWith((s) => (s.stack.code = DCGAN_DISCRIMINATOR.code)));
    expect(new URLSearchParams(hash.split('?')[1]).get('stack')).toMatch(/^[a-z0-9-]+$/);
  });

  it('writes an opened file as the photograph (a link cannot carry the file)', () => {
    const state = stateWith((s) => (s.images.source = 'file'));
    expect(stateFromHash(stateToHash(state)).images.source).toBe('photo');
  });

  it('keeps the default of each field it cannot read, field by field', () => {
    const state = stateFromHash('#/conv?tab=nope&in=1,2,3&k=4&s=x&pos=2,3&img=cat&psize=big');
    const defaults = defaultState();
    expect(state.tab).toBe(defaults.tab);
    expect(state.layer.inH).toBe(defaults.layer.inH);
    expect(state.layer.kernel).toEqual([4, 4]);
    expect(state.layer.stride).toEqual(defaults.layer.stride);
    expect(state.position).toEqual([2, 3]);
    expect(state.images.source).toBe(defaults.images.source);
    expect(state.images.patternSize).toBe(defaults.images.patternSize);
  });

  it('reads a bare #/conv and other labs’ hashes as the defaults', () => {
    expect(stateFromHash('#/conv')).toEqual(defaultState());
    expect(stateFromHash('#/game?tab=stack')).toEqual(defaultState());
  });
});
