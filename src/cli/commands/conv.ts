import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ConvShapeError } from '../../core/conv/conv-errors.js';
import type { IntOrPair } from '../../core/conv/conv-config.js';
import { convOutputShape } from '../../core/conv/conv-output-shape.js';
import {
  MAX_NPY_BYTES,
  encodeNpy,
  NpyError,
  npyByteLength,
  parseNpy,
  type NpyArray,
} from '../../core/npy.js';
import { adapterName } from '../../gpu/adapter-info.js';
import { ConvTooLargeError, checkOutputSize, formatBytes } from '../../gpu/conv/conv-chunks.js';
import {
  convRunConfig,
  runConv2d,
  runConvTranspose2d,
  type ConvRunOptions,
  type Shape4,
} from '../../gpu/conv/conv-runner.js';
import { requestNodeDevice } from '../../gpu/node-device.js';
import { PipelineCache } from '../../gpu/pipeline-cache.js';
import { UsageError, type Command } from '../command.js';

const USAGE = `Usage: saddle-stride conv --op conv2d|conv-transpose2d --input IN.npy --weight W.npy --out OUT.npy
                         [--bias B.npy] [--stride S] [--padding P] [--dilation D] [--groups G]
                         [--output-padding OP] [--padding-mode MODE] [--kernel fast|direct]

Runs torch.nn.functional.conv2d / conv_transpose2d on the GPU (WebGPU through Dawn) and writes
the result as a float32 .npy. Inputs are .npy files of float32 or float64 in C order: the input
[N, C, H, W] (or unbatched [C, H, W]), the weight in PyTorch's layout ([out, in/groups, kH, kW]
for conv2d, [in, out/groups, kH, kW] for conv-transpose2d) and an optional 1-D bias.

  --stride S          one number for both axes, or H,W (e.g. 2 or 2,1); default 1
  --padding P         number, H,W, 'same' or 'valid' (conv2d); default 0
  --dilation D        number or H,W; default 1
  --groups G          default 1
  --output-padding OP conv-transpose2d only; number or H,W; default 0
  --padding-mode MODE conv2d only: zeros (default), reflect, replicate, circular
  --kernel K          fast (grouped or tiled, the default) or direct (one per output)

A batch of 0 gives an empty output, as in PyTorch. The output must fit one float32 array and
one .npy of at most 4 GiB; larger ones are refused before anything runs.

Exit status: 0 on success, 1 when PyTorch would reject the shapes (its message is printed),
2 on bad usage, unreadable files or an output too large to hold.
`;

const VALUE_OPTIONS = [
  'op',
  'input',
  'weight',
  'bias',
  'out',
  'stride',
  'padding',
  'dilation',
  'groups',
  'output-padding',
  'padding-mode',
  'kernel',
] as const;
type OptionName = (typeof VALUE_OPTIONS)[number];

/** The options, each given at most once with a non-empty value (util.parseArgs, strict). */
function parseOptions(args: string[]): Map<OptionName, string> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args,
      options: Object.fromEntries(VALUE_OPTIONS.map((name) => [name, { type: 'string' }])),
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const options = new Map<OptionName, string>();
  for (const name of VALUE_OPTIONS) {
    const value = values[name];
    if (typeof value !== 'string') continue;
    if (value.trim() === '') throw new UsageError(`--${name} needs a value, got ''`);
    options.set(name, value);
  }
  return options;
}

/** '2' → 2, '2,1' → [2, 1]; non-negative integers (PyTorch's own checks judge the values). */
function intOrPair(name: string, text: string): IntOrPair {
  const parts = text.split(',').map((p) => p.trim());
  const numbers = parts.map((p) => (/^-?\d+$/.test(p) ? Number(p) : NaN));
  if ((parts.length !== 1 && parts.length !== 2) || numbers.some(Number.isNaN))
    throw new UsageError(
      `${name} takes an integer or two separated by a comma (H,W), got '${text}'`,
    );
  return numbers.length === 1 ? numbers[0] : [numbers[0], numbers[1]];
}

async function readNpy(name: string, path: string): Promise<NpyArray> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new UsageError(`cannot read ${name} ${path}: ${(error as Error).message}`);
  }
  try {
    return parseNpy(bytes, path);
  } catch (error) {
    if (error instanceof NpyError) throw new UsageError(error.message);
    throw error;
  }
}

function pytorchError(error: ConvShapeError): string {
  return `saddle-stride conv: ${error.exception}: ${error.pytorchMessage}\n  why: ${error.why}\n  try: ${error.suggestion}\n`;
}

export const convCommand: Command = {
  name: 'conv',
  summary: 'run conv2d / conv-transpose2d on .npy tensors on the GPU',
  usage: USAGE,
  async run(args, io) {
    const options = parseOptions(args);
    const required = (name: OptionName): string => {
      const value = options.get(name);
      if (value === undefined) throw new UsageError(`--${name} is required (see --help)`);
      return value;
    };
    const op = required('op');
    if (op !== 'conv2d' && op !== 'conv-transpose2d')
      throw new UsageError(`--op must be conv2d or conv-transpose2d, got '${op}'`);
    const kernel = options.get('kernel') ?? 'fast';
    if (kernel !== 'fast' && kernel !== 'direct')
      throw new UsageError(`--kernel must be fast or direct, got '${kernel}'`);
    const outPath = required('out');
    const pair = (name: OptionName): IntOrPair | undefined => {
      const value = options.get(name);
      return value === undefined ? undefined : intOrPair(`--${name}`, value);
    };
    const paddingText = options.get('padding');
    const padding =
      paddingText === undefined || /^[a-z]/i.test(paddingText)
        ? paddingText
        : intOrPair('--padding', paddingText);
    const groups = pair('groups');
    if (typeof groups === 'object') throw new UsageError('--groups takes one integer');

    // F.conv2d has no output_padding (PyTorch: "conv2d() got an unexpected keyword argument").
    if (op === 'conv2d' && options.has('output-padding'))
      throw new UsageError('--output-padding applies to conv-transpose2d only');

    const input = await readNpy('--input', required('input'));
    const weight = await readNpy('--weight', required('weight'));
    const biasPath = options.get('bias');
    const bias = biasPath === undefined ? null : await readNpy('--bias', biasPath);
    const unbatched = input.shape.length === 3;
    if (!unbatched && input.shape.length !== 4)
      throw new UsageError(
        `--input must be 4-D [N, C, H, W] or 3-D [C, H, W], got shape (${input.shape.join(', ')})`,
      );
    if (weight.shape.length !== 4)
      throw new UsageError(
        `--weight must be 4-D [out, in/groups, kH, kW] (PyTorch's layout), got shape (${weight.shape.join(', ')})`,
      );
    if (bias && bias.shape.length !== 1)
      throw new UsageError(`--bias must be 1-D, got shape (${bias.shape.join(', ')})`);

    const runOptions: ConvRunOptions = {
      bias: bias?.data ?? null,
      stride: pair('stride'),
      padding,
      dilation: pair('dilation'),
      groups,
      outputPadding: pair('output-padding'),
      paddingMode: options.get('padding-mode'),
      kernel,
    };
    const inputShape = (unbatched ? [1, ...input.shape] : input.shape) as Shape4;
    // Shapes and sizes first, before a GPU is asked for or anything allocated.
    try {
      const config = convRunConfig(op === 'conv-transpose2d', weight.shape, runOptions);
      const outShape = convOutputShape(config, inputShape);
      checkOutputSize(outShape);
      const written = unbatched ? outShape.slice(1) : outShape;
      const bytes = npyByteLength(written);
      if (bytes > MAX_NPY_BYTES)
        throw new UsageError(
          `the output ${written.join('×')} would be a ${formatBytes(bytes)} .npy; at most ` +
            `${formatBytes(MAX_NPY_BYTES, true)} is written`,
        );
    } catch (error) {
      if (error instanceof ConvTooLargeError) throw new UsageError(error.message);
      if (!(error instanceof ConvShapeError)) throw error;
      io.err(pytorchError(error));
      return 1;
    }

    const gpu = await requestNodeDevice();
    try {
      const run = op === 'conv2d' ? runConv2d : runConvTranspose2d;
      const result = await run(
        { device: gpu.device, pipelines: new PipelineCache(gpu.device) },
        { data: input.data, shape: inputShape },
        { data: weight.data, shape: weight.shape as Shape4 },
        runOptions,
      );
      const shape = unbatched ? result.shape.slice(1) : result.shape;
      await writeFile(outPath, encodeNpy(result.data, shape));
      const inShape = input.shape.join('×');
      const how =
        result.chunks === 0
          ? 'an empty batch, nothing to compute'
          : `${result.kernel} kernel, ${result.chunks} piece${result.chunks > 1 ? 's' : ''}, ` +
            `${(result.seconds * 1e3).toFixed(3)} ms on ${adapterName(gpu.summary)}`;
      io.out(`${op} ${inShape} → ${shape.join('×')}: ${how}\nwrote ${outPath}\n`);
      return 0;
    } catch (error) {
      if (error instanceof ConvTooLargeError) throw new UsageError(error.message);
      if (!(error instanceof ConvShapeError)) throw error;
      io.err(pytorchError(error));
      return 1;
    } finally {
      gpu.device.destroy();
    }
  },
};
