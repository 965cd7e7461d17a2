import { describe, expect, it } from 'vitest';
import {
  DCGAN_DISCRIMINATOR,
  DCGAN_GENERATOR,
  LAYER_SIGNATURES,
  LAYER_TYPES,
  LayerParseError,
  formatLayer,
  formatStack,
  makeLayer,
  parseLayer,
  parseStack,
  type LayerSpec,
} from '../../src/core/conv/index.js';
import { pythonFloatRepr } from '../../src/core/conv/layer-arithmetic.js';
import { mulberry32, pick, randInt } from '../helpers/random.js';

function parseError(text: string): LayerParseError {
  try {
    parseStack(text);
  } catch (error) {
    if (error instanceof LayerParseError) return error;
    throw error;
  }
  throw new Error(`parsed without error: ${text}`);
}

describe('parsing layers as PyTorch binds their arguments', () => {
  it('binds positional arguments in PyTorch order (ConvTranspose2d puts output_padding, groups and bias before dilation)', () => {
    expect(parseLayer('nn.ConvTranspose2d(8, 4, 3, 2, 1, 1, 2, False, 3)')).toEqual(
      makeLayer('ConvTranspose2d', {
        inChannels: 8,
        outChannels: 4,
        kernelSize: 3,
        stride: 2,
        padding: 1,
        outputPadding: 1,
        groups: 2,
        bias: false,
        dilation: 3,
      }),
    );
  });

  it('mixes positional and keyword arguments, tuples, lists and strings', () => {
    expect(
      parseLayer(
        'Conv2d(3, 64, kernel_size=(3, 5), padding=\'same\', dilation=[2, 1], padding_mode="reflect")',
      ),
    ).toEqual(
      makeLayer('Conv2d', {
        inChannels: 3,
        outChannels: 64,
        kernelSize: [3, 5],
        padding: 'same',
        dilation: [2, 1],
        paddingMode: 'reflect',
      }),
    );
    expect(parseLayer('torch.nn.LeakyReLU(0.2, inplace=True)')).toEqual({
      type: 'LeakyReLU',
      negativeSlope: 0.2,
      inplace: true,
    });
    expect(
      parseLayer('nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False)'),
    ).toMatchObject({
      scaleFactor: 2,
      mode: 'bilinear',
      alignCorners: false,
      size: null,
    });
    expect(parseLayer('MaxPool2d(3, stride=None, ceil_mode=True)')).toMatchObject({
      kernelSize: 3,
      stride: null,
      ceilMode: true,
    });
    expect(parseLayer('BatchNorm2d(64, eps=1e-3, momentum=None)')).toMatchObject({
      numFeatures: 64,
      eps: 0.001,
      momentum: null,
    });
    expect(parseLayer('nn.Conv2d(3, 8, (3), padding=-1)')).toMatchObject({
      kernelSize: 3,
      padding: -1,
    });
  });

  it('reads bare layers one per line, with comments and trailing commas', () => {
    const stack = parseStack(`# encoder
Conv2d(1, 8, 3)   # first
nn.ReLU()
Flatten(),
Linear(8, 2) `);
    expect(stack.layers.map((l) => l.type)).toEqual(['Conv2d', 'ReLU', 'Flatten', 'Linear']);
    expect(stack.positions).toEqual([
      { line: 2, column: 1 },
      { line: 3, column: 1 },
      { line: 4, column: 1 },
      { line: 5, column: 1 },
    ]);
  });

  it('reads an assigned nn.Sequential', () => {
    expect(parseStack('model = nn.Sequential(nn.Conv2d(3, 3, 1), nn.Tanh(),)').layers).toHaveLength(
      2,
    );
  });

  it('parses both DCGAN presets into their layers', () => {
    const g = parseStack(DCGAN_GENERATOR.code).layers;
    const d = parseStack(DCGAN_DISCRIMINATOR.code).layers;
    expect(g.map((l) => l.type).join(' ')).toBe(
      'ConvTranspose2d BatchNorm2d ReLU ConvTranspose2d BatchNorm2d ReLU ConvTranspose2d BatchNorm2d ReLU ConvTranspose2d BatchNorm2d ReLU ConvTranspose2d Tanh',
    );
    expect(d[0]).toEqual(
      makeLayer('Conv2d', {
        inChannels: 3,
        outChannels: 64,
        kernelSize: 4,
        stride: 2,
        padding: 1,
        bias: false,
      }),
    );
    expect(d[1]).toEqual({ type: 'LeakyReLU', negativeSlope: 0.2, inplace: true });
  });
});

describe('Python arithmetic and names in arguments', () => {
  const value = (expression: string) => {
    const layer = parseLayer(`Dropout(${expression})`) as { p: number };
    return layer.p;
  };
  /** 'int' when Linear takes the value as in_features, 'float' when it is a float. */
  const kind = (expression: string) => {
    try {
      parseLayer(`Linear(${expression}, 1)`);
      return 'int';
    } catch (error) {
      expect((error as Error).message).toMatch(/a float; PyTorch raises TypeError/);
      return 'float';
    }
  };

  it('computes with Python precedence and semantics', () => {
    const cases: [string, number][] = [
      ['8*31*31', 7688],
      ['1 + 2 * 3', 7],
      ['(1 + 2) * 3', 9],
      ['7 // 2', 3],
      ['-7 // 2', -4],
      ['7 // -2', -4],
      ['-7 % 3', 2],
      ['7 % -3', -2],
      ['7 / 2', 3.5],
      ['2 ** 3 ** 2', 512],
      ['-2 ** 2', -4],
      ['(-2) ** 2', 4],
      ['2 ** -1', 0.5],
      ['10 - 4 - 3', 3],
      ['64 // 2 // 2', 16],
      ['2 * -3', -6],
      ['- - 3', 3],
      ['True + True', 2],
      ['-7.5 // 2', -4],
      ['7.5 % -2', -0.5],
      ['0.1 * 3', 0.30000000000000004],
    ];
    for (const [expression, expected] of cases)
      expect(value(expression), expression).toBe(expected);
  });

  it('keeps ints ints: / gives a float even when it divides exactly, and ** with a negative exponent too', () => {
    expect(kind('8 * 4')).toBe('int');
    expect(kind('9 // 2')).toBe('int');
    expect(kind('2 ** 10')).toBe('int');
    expect(kind('8 / 4')).toBe('float');
    expect(kind('4 ** -1 * 4')).toBe('float');
    expect(kind('2.0 * 4')).toBe('float');
    expect(kind('(8.0 // 3)')).toBe('float');
  });

  it('reads the arithmetic of real model code, with keywords and names bound above', () => {
    expect(parseLayer('nn.Linear(8*31*31, 10)')).toMatchObject({
      inFeatures: 7688,
      outFeatures: 10,
    });
    expect(parseLayer('nn.Linear(in_features=16 * 5 * 5, out_features=120)')).toMatchObject({
      inFeatures: 400,
      outFeatures: 120,
    });
    const stack = parseStack(`import torch
import torch.nn as nn
ngf = 64
nn.Conv2d(ngf * 8, ngf * 4, 4, 2, 1)`);
    expect(stack.layers).toEqual([
      makeLayer('Conv2d', {
        inChannels: 512,
        outChannels: 256,
        kernelSize: 4,
        stride: 2,
        padding: 1,
      }),
    ]);
    expect(stack.positions).toEqual([{ line: 4, column: 1 }]);
  });

  it("writes floats in messages as Python's repr does", () => {
    const cases: [number, string][] = [
      [32, '32.0'],
      [0.5, '0.5'],
      [1e-5, '1e-05'],
      [0.0001, '0.0001'],
      [1e16, '1e+16'],
      [1234567890123456, '1234567890123456.0'],
      [-2.5e-7, '-2.5e-07'],
      [-0, '-0.0'],
    ];
    for (const [value, text] of cases) expect(pythonFloatRepr(value)).toBe(text);
  });

  it('binds names to any value, to earlier names, and to self.attribute targets', () => {
    const stack = parseStack(`ngf = 64
ngf = ngf * 2  # rebinding reads the old value
size = (3, 5)
mode = 'reflect'
use_bias = False
self.width = ngf // 4
self.main = nn.Sequential(
    nn.Conv2d(ngf, self.width, size, padding=(1, 2), padding_mode=mode, bias=use_bias),
)`);
    expect(stack.layers).toEqual([
      makeLayer('Conv2d', {
        inChannels: 128,
        outChannels: 32,
        kernelSize: [3, 5],
        padding: [1, 2],
        paddingMode: 'reflect',
        bias: false,
      }),
    ]);
  });
});

describe('errors with positions', () => {
  const cases: [string, string, number, number, RegExp][] = [
    [
      'an unknown layer',
      'nn.Sequential(\n  nn.Conv3d(1, 1, 1),\n)',
      2,
      3,
      /unknown layer 'Conv3d' \(did you mean Conv2d\?\); expected one of Conv2d, ConvTranspose2d/,
    ],
    [
      'an unexpected keyword',
      'Conv2d(3, 8, 3, strid=2)',
      1,
      17,
      /Conv2d.__init__\(\) got an unexpected keyword argument 'strid'; expected 'stride'/,
    ],
    [
      'a missing argument',
      'Conv2d(3, 8)',
      1,
      1,
      /Conv2d.__init__\(\) missing 1 required positional argument: 'kernel_size'/,
    ],
    [
      'two missing arguments',
      'Linear()',
      1,
      1,
      /missing 2 required positional arguments: 'in_features' and 'out_features'/,
    ],
    [
      'too many arguments',
      'ReLU(True, 1)',
      1,
      12,
      /ReLU.__init__\(\) takes from 1 to 2 positional arguments but 3 were given/,
    ],
    [
      'arguments to Tanh',
      'Tanh(1)',
      1,
      6,
      /Tanh.__init__\(\) takes 1 positional argument but 2 were given/,
    ],
    [
      'a repeated argument',
      'Conv2d(3, 8, 3, 2, stride=1)',
      1,
      20,
      /got multiple values for argument 'stride'/,
    ],
    [
      'positional after keyword',
      'Conv2d(3, out_channels=8, 3)',
      1,
      27,
      /positional argument follows keyword argument/,
    ],
    [
      'a float kernel',
      'Conv2d(3, 8, 2.5)',
      1,
      14,
      /kernel_size=2.5 has the wrong type; expected an int or a pair of ints \(h, w\)/,
    ],
    ['a three-element kernel', 'Conv2d(3, 8, (3, 3, 3))', 1, 14, /wrong type/],
    ['an unknown name', 'Conv2d(nz, 8, 3)', 1, 8, /name 'nz' is not defined/],
    [
      'a misspelt name',
      'ngf = 64\nConv2d(3, ngff, 3)',
      2,
      11,
      /name 'ngff' is not defined \(did you mean ngf\?\)/,
    ],
    ['a name used before it is bound', 'Conv2d(3, k, 3)\nk = 8', 1, 11, /name 'k' is not defined/],
    [
      'division by zero',
      'Linear(8 / (4 - 4), 10)',
      1,
      10,
      /ZeroDivisionError: division by zero; expected a non-zero divisor/,
    ],
    ['floor division by zero', 'Linear(8 // 0, 10)', 1, 10, /integer division or modulo by zero/],
    [
      'a float channel count',
      'ngf = 64\nnn.Conv2d(ngf / 2, 8, 3)',
      2,
      11,
      /in_channels=32\.0 has the wrong type \(a float; PyTorch raises TypeError for it\); expected an int; in Python a \/ b is a float and a \/\/ b an int/,
    ],
    [
      'a float in a kernel pair',
      'Conv2d(3, 8, (3, 6 / 2))',
      1,
      14,
      /kernel_size=\(3, 3\.0\) has the wrong type/,
    ],
    [
      'arithmetic on a string',
      "Conv2d(3, 8, 3, padding='same' * 2)",
      1,
      32,
      /unsupported operand type\(s\) for \*: 'str' and 'int'/,
    ],
    ['a dangling operator', 'Linear(8 *, 10)', 1, 11, /unexpected ','; expected a value/],
    ['an int too large to be exact', 'Linear(2 ** 60, 10)', 1, 8, /beyond ±\(2\^53 − 1\)/],
    ['a class line', 'class G(nn.Module):\n  pass', 1, 19, /unexpected character ':'/],
    [
      'a missing parenthesis',
      'nn.Sequential(nn.ReLU()',
      1,
      24,
      /expected '\)' closing nn.Sequential/,
    ],
    ['text after the Sequential', 'nn.Sequential(nn.ReLU()) x', 1, 26, /after nn.Sequential/],
    ['an unknown module', 'F.relu(x)', 1, 1, /unknown module 'F'/],
    ['a stray character', 'Conv2d(3, 8, 3) @', 1, 17, /unexpected character '@'/],
    ['an unterminated string', "Conv2d(3, 8, 3, padding='same)", 1, 25, /unterminated string/],
    ['nothing', '  # just a comment\n', 2, 1, /no layers/],
  ];
  for (const [name, text, line, column, pattern] of cases) {
    it(`reports ${name} at ${line}:${column}`, () => {
      const error = parseError(text);
      expect([error.line, error.column]).toEqual([line, column]);
      expect(error.message).toMatch(pattern);
      expect(error.message.startsWith(`${line}:${column}: `)).toBe(true);
    });
  }
});

function randomLayer(rng: () => number): LayerSpec {
  const intOrPair = (lo: number, hi: number) =>
    rng() < 0.5
      ? randInt(rng, lo, hi)
      : ([randInt(rng, lo, hi), randInt(rng, lo, hi)] as [number, number]);
  const type = pick(rng, LAYER_TYPES);
  switch (type) {
    case 'Conv2d':
      return makeLayer('Conv2d', {
        inChannels: randInt(rng, 1, 8),
        outChannels: randInt(rng, 1, 8),
        kernelSize: intOrPair(1, 5),
        stride: intOrPair(1, 3),
        padding: rng() < 0.3 ? pick(rng, ['same', 'valid']) : intOrPair(0, 2),
        dilation: intOrPair(1, 2),
        groups: randInt(rng, 1, 2),
        bias: rng() < 0.5,
        paddingMode: pick(rng, ['zeros', 'reflect', "it's"]),
      });
    case 'ConvTranspose2d':
      return makeLayer('ConvTranspose2d', {
        inChannels: 4,
        outChannels: 2,
        kernelSize: intOrPair(1, 4),
        outputPadding: intOrPair(0, 1),
        dilation: intOrPair(1, 2),
      });
    case 'MaxPool2d':
      return makeLayer('MaxPool2d', {
        kernelSize: intOrPair(1, 3),
        stride: rng() < 0.5 ? null : intOrPair(1, 3),
        ceilMode: rng() < 0.5,
      });
    case 'AvgPool2d':
      return makeLayer('AvgPool2d', {
        kernelSize: 2,
        divisorOverride: rng() < 0.5 ? null : 3,
        countIncludePad: false,
      });
    case 'Upsample':
      return makeLayer(
        'Upsample',
        rng() < 0.5
          ? { scaleFactor: pick(rng, [2, 1.5, [2, 0.5] as [number, number]]) }
          : { size: intOrPair(2, 9), mode: 'bicubic', alignCorners: true },
      );
    case 'BatchNorm2d':
      return makeLayer('BatchNorm2d', {
        numFeatures: randInt(rng, 1, 9),
        eps: 1e-7,
        momentum: rng() < 0.5 ? null : 0.3,
        affine: rng() < 0.5,
      });
    case 'ReLU':
      return makeLayer('ReLU', { inplace: rng() < 0.5 });
    case 'LeakyReLU':
      return makeLayer('LeakyReLU', { negativeSlope: pick(rng, [0.01, 0.2, 1e-5, 3]) });
    case 'Dropout':
      return makeLayer('Dropout', { p: rng() });
    case 'Flatten':
      return makeLayer('Flatten', { startDim: randInt(rng, -2, 2), endDim: -1 });
    case 'Linear':
      return makeLayer('Linear', {
        inFeatures: randInt(rng, 1, 99),
        outFeatures: randInt(rng, 1, 9),
        bias: rng() < 0.5,
      });
    default:
      return makeLayer(type, {});
  }
}

describe('formatting', () => {
  it('writes required arguments positionally and changed defaults as keywords', () => {
    expect(formatLayer(parseLayer('Conv2d(3,64,4,2,1,bias=False)'))).toBe(
      'nn.Conv2d(3, 64, 4, stride=2, padding=1, bias=False)',
    );
    expect(formatLayer(parseLayer('nn.Upsample(size=(4, 8))'))).toBe('nn.Upsample(size=(4, 8))');
  });

  it('formatStack parses back to the same stack (property)', () => {
    const rng = mulberry32(2024);
    for (let trial = 0; trial < 300; trial++) {
      const layers = Array.from({ length: randInt(rng, 1, 6) }, () => randomLayer(rng));
      expect(parseStack(formatStack(layers)).layers).toEqual(layers);
    }
  });

  it('every signature default round-trips through formatLayer', () => {
    for (const type of LAYER_TYPES) {
      const required = Object.fromEntries(
        LAYER_SIGNATURES[type]
          .filter((p) => p.default === undefined)
          .map((p) => [p.key, p.kind === 'int-or-pair' ? [2, 3] : 4]),
      );
      const layer = makeLayer(type, required);
      expect(parseLayer(formatLayer(layer))).toEqual(layer);
    }
  });
});

describe('fuzz', () => {
  const ALPHABET = [
    'nn.',
    'Conv2d',
    'Sequential',
    '(',
    ')',
    '[',
    ']',
    ',',
    '=',
    '-',
    '.',
    '#',
    '\n',
    "'",
    '"',
    ' ',
    '1',
    '2.5',
    'e',
    'True',
    'None',
    'stride',
    'x',
    '\\',
    '@',
    'ReLU',
    'kernel_size',
    '*',
    '**',
    '/',
    '//',
    '%',
    '+',
    'ngf',
    'ngf = 64\n',
    'import torch\n',
  ];

  it('random text either parses or throws LayerParseError, and never hangs', () => {
    const rng = mulberry32(7);
    for (let trial = 0; trial < 3000; trial++) {
      const text = Array.from({ length: randInt(rng, 0, 30) }, () => pick(rng, ALPHABET)).join('');
      try {
        parseStack(text);
      } catch (error) {
        expect(error).toBeInstanceOf(LayerParseError);
      }
    }
  });

  it('deeply nested tuples are a LayerParseError, not a stack overflow', () => {
    expect(() => parseStack(`Conv2d(1, 1, ${'('.repeat(50000)}`)).toThrow(LayerParseError);
    expect(() => parseStack(`Conv2d(1, 1, ${'-'.repeat(50000)}3)`)).toThrow(LayerParseError);
  });

  it('mutations of a valid stack either parse or throw LayerParseError', () => {
    const rng = mulberry32(8);
    const source = DCGAN_DISCRIMINATOR.code;
    for (let trial = 0; trial < 1000; trial++) {
      const at = randInt(rng, 0, source.length - 1);
      const text =
        source.slice(0, at) +
        pick(rng, ['', '(', ')', ',', '=', "'", '9', 'x']) +
        source.slice(at + randInt(rng, 0, 3));
      try {
        parseStack(text);
      } catch (error) {
        expect(error).toBeInstanceOf(LayerParseError);
      }
    }
  });
});
