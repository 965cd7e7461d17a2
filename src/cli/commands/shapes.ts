import { readFile } from 'node:fs/promises';
import { UsageError, type Command } from '../command.js';
import {
  LayerParseError,
  formatFraction,
  parseStack,
  traceStack,
  type LayerSpec,
  type StackTrace,
} from '../../core/conv/index.js';

const USAGE = `Usage: saddle-stride shapes --input NxCxHxW [--json] (LAYER... | --file FILE)

Follows a tensor shape through PyTorch layers, as PyTorch would run them, and prints
per layer: output shape, parameter count, receptive field and jump (H×W), warnings.
Stops at the first layer PyTorch would reject, with PyTorch's own message.

  --input SHAPE   the input tensor, e.g. 1x3x64x64
  --file FILE     read the layers from FILE (an nn.Sequential(...) or one layer a line)
  --json          print {"layers": [...], "error": null | {...}} instead of a table

Each LAYER argument is one layer call or a whole nn.Sequential(...), e.g.
  saddle-stride shapes --input 1x3x64x64 "Conv2d(3, 64, 4, 2, 1)" \\
      "ConvTranspose2d(64, 3, kernel_size=4, stride=2, padding=1)"

Understands Conv2d, ConvTranspose2d, MaxPool2d, AvgPool2d, Upsample, BatchNorm2d, ReLU,
LeakyReLU, Tanh, Sigmoid, Dropout, Flatten and Linear, with or without "nn.".
Exit status: 0 when every layer runs, 1 when one fails, 2 on bad usage or unreadable layers.
`;

interface ShapesOptions {
  input: number[];
  json: boolean;
  file: string | null;
  layers: string[];
}

function parseInputShape(text: string): number[] {
  const parts = text.replace(/^[[(]|[\])]$/g, '').split(/\s*[x×,]\s*/);
  const sizes = parts.map((p) => (/^\d+$/.test(p.trim()) ? Number(p.trim()) : NaN));
  if (sizes.length === 0 || sizes.some((s) => !Number.isSafeInteger(s) || s < 1)) {
    throw new UsageError(`--input must be positive sizes such as 1x3x64x64, got '${text}'`);
  }
  return sizes;
}

function parseOptions(args: string[]): ShapesOptions {
  const options: ShapesOptions = { input: [], json: false, file: null, layers: [] };
  let input: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const valueOf = (name: string): string => {
      if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
      const value = args[++i];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      return value;
    };
    if (arg === '--json') options.json = true;
    else if (arg === '--input' || arg.startsWith('--input=')) input = valueOf('--input');
    else if (arg === '--file' || arg.startsWith('--file=')) options.file = valueOf('--file');
    else if (arg.startsWith('--')) throw new UsageError(`unknown option '${arg}'`);
    else options.layers.push(arg);
  }
  if (input === null) throw new UsageError('--input is required, e.g. --input 1x3x64x64');
  options.input = parseInputShape(input);
  if (options.file !== null && options.layers.length > 0)
    throw new UsageError('give layers either as arguments or with --file, not both');
  if (options.file === null && options.layers.length === 0)
    throw new UsageError('no layers given (see --help)');
  return options;
}

/** Parses each source (argument or file) on its own, so an error says which one and where. */
function parseSources(sources: { prefix: string; text: string }[]): LayerSpec[] {
  const layers: LayerSpec[] = [];
  for (const source of sources) {
    try {
      layers.push(...parseStack(source.text).layers);
    } catch (error) {
      if (error instanceof LayerParseError)
        throw new UsageError(`${source.prefix}${error.message}`);
      throw error;
    }
  }
  return layers;
}

const shapeText = (shape: readonly number[]) => shape.join('x');
const countText = (n: number) => n.toLocaleString('en-US');

function traceJson(trace: StackTrace): string {
  const failure = trace.error;
  return JSON.stringify(
    {
      input: trace.input,
      layers: trace.rows.map((row) => ({
        index: row.index,
        layer: row.label,
        outputShape: row.outputShape,
        params: row.params,
        receptiveField: row.receptiveField,
        jump: row.jump ? row.jump.map(formatFraction) : null,
        warnings: row.warnings,
      })),
      totalParams: trace.totalParams,
      error: failure
        ? {
            index: failure.index,
            layer: failure.label,
            inputShape: failure.inputShape,
            exception: failure.error.exception,
            message: failure.error.pytorchMessage,
            why: failure.error.why,
            suggestion: failure.error.suggestion,
          }
        : null,
    },
    null,
    2,
  );
}

function traceTable(trace: StackTrace): string {
  const header = ['#', 'layer', 'output', 'params', 'receptive field', 'jump'];
  const rows = trace.rows.map((row) => [
    String(row.index + 1),
    row.label,
    shapeText(row.outputShape),
    countText(row.params),
    row.receptiveField ? row.receptiveField.join('x') : '-',
    row.jump ? row.jump.map(formatFraction).join(', ') : '-',
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c === 3 ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  const out = [`input ${shapeText(trace.input)}`, line(header)];
  trace.rows.forEach((row, r) => {
    out.push(line(rows[r]));
    for (const warning of row.warnings) out.push(`${' '.repeat(widths[0] + 2)}! ${warning}`);
  });
  out.push(`total parameters: ${countText(trace.totalParams)}`);
  if (trace.error) {
    const { index, label, inputShape, error } = trace.error;
    out.push(
      '',
      `layer ${index + 1} fails: ${label} on input ${shapeText(inputShape)}`,
      `  ${error.exception}: ${error.pytorchMessage}`,
      `  why: ${error.why}`,
      `  try: ${error.suggestion}`,
    );
  }
  return out.join('\n') + '\n';
}

export const shapesCommand: Command = {
  name: 'shapes',
  summary: 'trace a tensor shape through PyTorch layers (shapes, params, receptive field, errors)',
  usage: USAGE,
  async run(args, io) {
    const options = parseOptions(args);
    let sources: { prefix: string; text: string }[];
    if (options.file !== null) {
      let text: string;
      try {
        text = await readFile(options.file, 'utf8');
      } catch (error) {
        throw new UsageError(`cannot read ${options.file}: ${(error as Error).message}`);
      }
      sources = [{ prefix: `${options.file}:`, text }];
    } else {
      sources = options.layers.map((text, i) => ({ prefix: `layer argument ${i + 1} at `, text }));
    }
    const trace = traceStack(parseSources(sources), options.input);
    io.out(options.json ? traceJson(trace) + '\n' : traceTable(trace));
    return trace.error ? 1 : 0;
  },
};
