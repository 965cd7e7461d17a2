import { readFile, writeFile } from 'node:fs/promises';
import { ConvShapeError } from '../../core/conv/conv-errors.js';
import type { IntOrPair } from '../../core/conv/conv-config.js';
import { encodeNpy, NpyError, parseNpy, type NpyArray } from '../../core/npy.js';
import { adapterName } from '../../gpu/adapter-info.js';
import { runConv2d, runConvTranspose2d, type Shape4 } from '../../gpu/conv/conv-runner.js';
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
  --kernel K          fast (tiled, the default) or direct (one invocation per output)

Exit status: 0 on success, 1 when PyTorch would reject the shapes (its message is printed),
2 on bad usage or unreadable files.
`;

const VALUE_OPTIONS = [
  '--op',
  '--input',
  '--weight',
  '--bias',
  '--out',
  '--stride',
  '--padding',
  '--dilation',
  '--groups',
  '--output-padding',
  '--padding-mode',
  '--kernel',
] as const;
type OptionName = (typeof VALUE_OPTIONS)[number];

function parseArgs(args: string[]): Map<OptionName, string> {
  const values = new Map<OptionName, string>();
  for (let i = 0; i < args.length; i++) {
    const [name, inline] = args[i].split(/=(.*)/s, 2);
    if (!(VALUE_OPTIONS as readonly string[]).includes(name))
      throw new UsageError(`unknown argument '${args[i]}'`);
    const value = inline ?? args[++i];
    if (value === undefined) throw new UsageError(`${name} needs a value`);
    values.set(name as OptionName, value);
  }
  return values;
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

export const convCommand: Command = {
  name: 'conv',
  summary: 'run conv2d / conv-transpose2d on .npy tensors on the GPU',
  usage: USAGE,
  async run(args, io) {
    const options = parseArgs(args);
    const required = (name: OptionName): string => {
      const value = options.get(name);
      if (value === undefined) throw new UsageError(`${name} is required (see --help)`);
      return value;
    };
    const op = required('--op');
    if (op !== 'conv2d' && op !== 'conv-transpose2d')
      throw new UsageError(`--op must be conv2d or conv-transpose2d, got '${op}'`);
    const kernel = options.get('--kernel') ?? 'fast';
    if (kernel !== 'fast' && kernel !== 'direct')
      throw new UsageError(`--kernel must be fast or direct, got '${kernel}'`);
    const outPath = required('--out');
    const pair = (name: OptionName): IntOrPair | undefined => {
      const value = options.get(name);
      return value === undefined ? undefined : intOrPair(name, value);
    };
    const paddingText = options.get('--padding');
    const padding =
      paddingText === undefined || /^[a-z]/i.test(paddingText)
        ? paddingText
        : intOrPair('--padding', paddingText);
    const groups = pair('--groups');
    if (typeof groups === 'object') throw new UsageError('--groups takes one integer');

    const input = await readNpy('--input', required('--input'));
    const weight = await readNpy('--weight', required('--weight'));
    const biasPath = options.get('--bias');
    const bias = biasPath ? await readNpy('--bias', biasPath) : null;
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

    const gpu = await requestNodeDevice();
    try {
      const run = op === 'conv2d' ? runConv2d : runConvTranspose2d;
      const result = await run(
        { device: gpu.device, pipelines: new PipelineCache(gpu.device) },
        { data: input.data, shape: (unbatched ? [1, ...input.shape] : input.shape) as Shape4 },
        { data: weight.data, shape: weight.shape as Shape4 },
        {
          bias: bias?.data ?? null,
          stride: pair('--stride'),
          padding,
          dilation: pair('--dilation'),
          groups,
          outputPadding: pair('--output-padding'),
          paddingMode: options.get('--padding-mode'),
          kernel,
        },
      );
      const shape = unbatched ? result.shape.slice(1) : result.shape;
      await writeFile(outPath, encodeNpy(result.data, shape));
      const inShape = input.shape.join('×');
      io.out(
        `${op} ${inShape} → ${shape.join('×')}: ${result.kernel} kernel, ${result.chunks} ` +
          `piece${result.chunks > 1 ? 's' : ''}, ${(result.seconds * 1e3).toFixed(3)} ms on ` +
          `${adapterName(gpu.summary)}\nwrote ${outPath}\n`,
      );
      return 0;
    } catch (error) {
      if (!(error instanceof ConvShapeError)) throw error;
      io.err(
        `saddle-stride conv: ${error.exception}: ${error.pytorchMessage}\n  why: ${error.why}\n  try: ${error.suggestion}\n`,
      );
      return 1;
    } finally {
      gpu.device.destroy();
    }
  },
};
