import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
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
  --json          print {"layers": [...], "error": null | {...}} instead of a table, also
                  when the layers do not parse (error.kind "parse", exit status 2)

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
  const bad = () =>
    new UsageError(`--input must be positive sizes such as 1x3x64x64, got '${text}'`);
  const trimmed = text.trim();
  const opener = trimmed[0];
  const closer = opener === '(' ? ')' : opener === '[' ? ']' : null;
  if (closer !== null && !trimmed.endsWith(closer)) throw bad();
  const body = closer !== null ? trimmed.slice(1, -1) : trimmed;
  if (/[()[\]]/.test(body)) throw bad();
  const parts = body.split(/\s*[x×,]\s*/);
  // Python's tuple (1, 3, 8, 8,) may end in a comma.
  if (closer !== null && parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  const sizes = parts.map((p) => (/^[1-9]\d*$/.test(p.trim()) ? Number(p.trim()) : NaN));
  if (sizes.length === 0 || sizes.some((s) => !Number.isSafeInteger(s) || s < 1)) throw bad();
  return sizes;
}

function parseOptions(args: string[]): ShapesOptions {
  let parsed: ReturnType<typeof parseShapesArgs>;
  try {
    parsed = parseShapesArgs(args);
  } catch (error) {
    const unknown = /Unknown option '([^']+)'/.exec((error as Error).message);
    throw new UsageError(unknown ? `unknown option '${unknown[1]}'` : (error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.input === undefined)
    throw new UsageError('--input is required, e.g. --input 1x3x64x64');
  const options: ShapesOptions = {
    input: parseInputShape(values.input),
    json: values.json === true,
    file: values.file ?? null,
    layers: positionals,
  };
  if (options.file !== null && options.layers.length > 0)
    throw new UsageError('give layers either as arguments or with --file, not both');
  if (options.file === null && options.layers.length === 0)
    throw new UsageError('no layers given (see --help)');
  return options;
}

function parseShapesArgs(args: string[]) {
  return parseArgs({
    args,
    options: {
      input: { type: 'string' },
      file: { type: 'string' },
      json: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: true,
  });
}

/** A layer source that does not parse: where, and what went wrong. */
class SourceError extends UsageError {
  constructor(
    readonly source: string,
    readonly parseError: LayerParseError | null,
    message: string,
  ) {
    super(message);
  }
}

/** Parses each source (argument or file) on its own, so an error says which one and where. */
function parseSources(sources: { name: string; prefix: string; text: string }[]): LayerSpec[] {
  const layers: LayerSpec[] = [];
  for (const source of sources) {
    try {
      layers.push(...parseStack(source.text).layers);
    } catch (error) {
      if (error instanceof LayerParseError)
        throw new SourceError(source.name, error, `${source.prefix}${error.message}`);
      throw error;
    }
  }
  return layers;
}

/** --json's answer when the layers cannot be read (exit 2): the same keys, a parse error. */
function sourceErrorJson(input: readonly number[], error: SourceError): string {
  const parse = error.parseError;
  return JSON.stringify(
    {
      input,
      layers: [],
      totalParams: 0,
      error: {
        kind: parse ? 'parse' : 'read',
        source: error.source,
        line: parse?.line ?? null,
        column: parse?.column ?? null,
        message: parse ? parse.detail : error.message,
        expected: parse?.expected ?? null,
      },
    },
    null,
    2,
  );
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
            kind: 'pytorch',
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
    let layers: LayerSpec[];
    try {
      layers = parseSources(await readSources(options));
    } catch (error) {
      if (!(error instanceof SourceError) || !options.json) throw error;
      io.out(sourceErrorJson(options.input, error) + '\n');
      return 2;
    }
    const trace = traceStack(layers, options.input);
    io.out(options.json ? traceJson(trace) + '\n' : traceTable(trace));
    return trace.error ? 1 : 0;
  },
};

async function readSources(
  options: ShapesOptions,
): Promise<{ name: string; prefix: string; text: string }[]> {
  if (options.file === null)
    return options.layers.map((text, i) => ({
      name: `layer argument ${i + 1}`,
      prefix: `layer argument ${i + 1} at `,
      text,
    }));
  let text: string;
  try {
    text = await readFile(options.file, 'utf8');
  } catch (error) {
    throw new SourceError(
      options.file,
      null,
      `cannot read ${options.file}: ${(error as Error).message}`,
    );
  }
  return [{ name: options.file, prefix: `${options.file}:`, text }];
}
