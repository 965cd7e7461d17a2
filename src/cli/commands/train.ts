import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  evaluationBatch,
  forward,
  GAN_FATES,
  GAN_METRIC_NAMES,
  ganCellSpec,
  ganLearningRates,
  ganModel,
  isGanSweepJson,
  linearWeights,
  parameterTensors,
  parseGanRunSpec,
  parseGanSweepSpec,
  PhiloxStream,
  tensor,
  trainGan,
  type GanMetrics,
  type GanModel,
  type GanParameters,
  type GanRun,
  type GanRunSpec,
  type GanSweepSpec,
  type NetworkLayout,
} from '../../core/gan/index.js';
import { axisValueAt } from '../../core/games/index.js';
import { UsageError, type CliIO, type Command } from '../command.js';
import { prepareOutDir, progressReporter, readSpecJson, specUsage } from './sweep.js';

/** Checkpoints (samples written) by default: steps 0 and this many evenly spaced to the end. */
export const DEFAULT_CHECKPOINTS = 10;
const MAX_CHECKPOINTS = 1000;

const USAGE = `Usage: saddle-stride train SPEC.json [--cell IX,IY] --out DIR [--checkpoints N]

Trains one GAN of an mlp-gan spec with the float64 reference (src/core/gan/train-gan.ts) and
writes DIR/run.json:
  spec         the cell's full run spec (the sweep spec with both swept fields set)
  cell         ix, iy and the two swept fields' values (null for a plain run spec)
  history      per outer step k (entry k − 1): lossD (−V_D), lossG (L_G), gradNormD (‖∇_D V_D‖)
               and gradNormG (‖∇_G L_G‖) at the start of the step's last sub-step, on its batch
  checkpoints  { step, samples }: G on the evaluation latent batch (the latent points when
               given) at steps round(k·steps/N), k = 0 … N, and at the last finite step
  metrics      the cell's metrics (docs/gans.md#metrics), and fate by name
  layers       each network's nn.Linear layers: in, out, bias, the activation after it
  weights      initial and final (the last finite) weights: per network a list of
               { weight: [out][in], bias: [out] }, PyTorch's nn.Linear state_dict layout

SPEC.json is a GAN sweep spec (game 'mlp-gan' with axes; --cell picks the cell, 0-based, x
first) or a plain GAN run spec (no axes; --cell may be left out). See the README's GAN specs.
--checkpoints N  how many evenly spaced checkpoints after step 0 (default ${DEFAULT_CHECKPOINTS}, 0 to ${MAX_CHECKPOINTS}).
The spec, the cell and DIR are checked before training starts; run.json is replaced only once
the new one is complete. Progress goes to stderr on runs longer than a second.
Exit status: 0 on success, 2 on bad usage or an invalid spec, 1 when the run fails.
`;

interface TrainArguments {
  specFile: string;
  outDir: string;
  cell?: [number, number];
  checkpoints: number;
}

function parseCell(text: string): [number, number] {
  const match = /^\s*(\d+)\s*,\s*(\d+)\s*$/.exec(text);
  if (match === null)
    throw new UsageError(`--cell must be two cell indices IX,IY (e.g. 3,7), got '${text}'`);
  return [Number(match[1]), Number(match[2])];
}

function parseArguments(args: string[]): TrainArguments {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        out: { type: 'string' },
        cell: { type: 'string' },
        checkpoints: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1)
    throw new UsageError(`unexpected argument '${positionals[1]}' (one spec file only)`);
  const specFile = positionals[0];
  if (specFile === undefined) throw new UsageError('no spec file given (see --help)');
  if (values.out === undefined) throw new UsageError('--out DIR is required');
  if (values.out === '') throw new UsageError('--out needs a directory');
  let checkpoints = DEFAULT_CHECKPOINTS;
  if (values.checkpoints !== undefined) {
    checkpoints = Number(values.checkpoints);
    if (
      !/^\s*\d+\s*$/.test(values.checkpoints) ||
      !Number.isInteger(checkpoints) ||
      checkpoints > MAX_CHECKPOINTS
    )
      throw new UsageError(
        `--checkpoints must be an integer from 0 to ${MAX_CHECKPOINTS}, got '${values.checkpoints}'`,
      );
  }
  return {
    specFile,
    outDir: values.out,
    cell: values.cell === undefined ? undefined : parseCell(values.cell),
    checkpoints,
  };
}

/** What one train run trains: the cell's run spec and where it lies in its sweep. */
export interface TrainTarget {
  spec: GanRunSpec;
  cell: { ix: number; iy: number; x: SweptValue; y: SweptValue } | null;
}

interface SweptValue {
  param: string;
  /** The axis value (before an integer field's rounding). */
  value: number;
}

/** The run a spec file's JSON and --cell name: a cell of a GAN sweep spec, or a plain run spec. */
export function trainTarget(file: string, json: unknown, cell?: [number, number]): TrainTarget {
  if (!isGanSweepJson(json)) {
    const game = (json as { game?: unknown } | null)?.game;
    const name = typeof game === 'string' ? game : (game as { name?: unknown } | undefined)?.name;
    throw new UsageError(
      `${file}: train runs mlp-gan specs only (game: { "name": "mlp-gan", … })` +
        (typeof name === 'string' ? `, not '${name}'; use sweep for the scalar games` : ''),
    );
  }
  const hasAxes = typeof json === 'object' && json !== null && 'axes' in json;
  if (!hasAxes) {
    const raw = json as Record<string, unknown>;
    const spec = specUsage(file, () =>
      parseGanRunSpec(raw.game === 'mlp-gan' ? { ...raw, game: undefined } : raw),
    );
    if (cell !== undefined && (cell[0] !== 0 || cell[1] !== 0))
      throw new UsageError(
        `--cell ${cell.join(',')}: ${file} has no axes, so its one run is cell 0,0`,
      );
    return { spec, cell: null };
  }
  const sweep: GanSweepSpec = specUsage(file, () => parseGanSweepSpec(json));
  if (cell === undefined)
    throw new UsageError(
      `${file} is a sweep of ${sweep.axes.x.count} × ${sweep.axes.y.count} GANs: --cell IX,IY picks one`,
    );
  const [ix, iy] = cell;
  for (const [index, axis, name] of [
    [ix, sweep.axes.x, 'IX'],
    [iy, sweep.axes.y, 'IY'],
  ] as const)
    if (index >= axis.count)
      throw new UsageError(
        `--cell ${ix},${iy}: ${name} must be from 0 to ${axis.count - 1} (axis ${axis.param} has ${axis.count} cells)`,
      );
  return {
    spec: ganCellSpec(sweep, ix, iy),
    cell: {
      ix,
      iy,
      x: { param: sweep.axes.x.param, value: axisValueAt(sweep.axes.x, ix) },
      y: { param: sweep.axes.y.param, value: axisValueAt(sweep.axes.y, iy) },
    },
  };
}

/** Steps round(k·steps/count), k = 0 … count, without repeats (step 0 always). */
export function checkpointSteps(steps: number, count: number): number[] {
  const out = new Set<number>([0]);
  for (let k = 1; k <= count; k++) out.add(Math.round((k * steps) / count));
  return [...out].sort((a, b) => a - b);
}

/** A number for JSON: overflows as ±Number.MAX_VALUE (as the metrics do), not-a-number as null. */
function jsonNumber(x: number): number | null {
  if (Number.isNaN(x)) return null;
  if (Number.isFinite(x)) return x;
  return x < 0 ? -Number.MAX_VALUE : Number.MAX_VALUE;
}

/** G's samples at parameters g on the evaluation latent batch, one row a sample. */
function samplesAt(
  model: GanModel,
  g: Float64Array,
  latent: { count: number; dim: number; values: Float64Array },
): (number | null)[][] {
  const out = forward(
    model.g,
    parameterTensors(model.g, g),
    tensor(latent.count, latent.dim, latent.values),
  );
  return Array.from({ length: out.rows }, (_, r) =>
    Array.from(out.value.subarray(r * out.cols, (r + 1) * out.cols), jsonNumber),
  );
}

function layerList(layout: NetworkLayout) {
  return layout.shapes.map((shape, l) => ({
    in: shape.in,
    out: shape.out,
    bias: layout.bias,
    activation: l < layout.shapes.length - 1 ? layout.activation : null,
    ...(layout.activation === 'leaky-relu' && l < layout.shapes.length - 1
      ? { slope: layout.slope }
      : {}),
  }));
}

function networkWeights(model: GanModel, p: GanParameters) {
  return { generator: linearWeights(model.g, p.g), discriminator: linearWeights(model.d, p.d) };
}

/** The contents of run.json (documented in USAGE and the README's GAN specs). */
export function runJson(target: TrainTarget, run: GanRun, checkpointCount: number) {
  const { spec } = target;
  const model = ganModel(spec.game);
  const latent = evaluationBatch(new PhiloxStream(spec.seed), spec).latent;
  const metrics: Record<string, number> = {};
  for (const name of GAN_METRIC_NAMES) metrics[name] = run.metrics[name as keyof GanMetrics];
  const history = run.history!;
  return {
    spec,
    cell: target.cell,
    learningRates: ganLearningRates(spec),
    stepsRun: run.metrics.stepsRun,
    history: {
      lossD: history.lossD.map(jsonNumber),
      lossG: history.lossG.map(jsonNumber),
      gradNormD: history.gradNormD.map(jsonNumber),
      gradNormG: history.gradNormG.map(jsonNumber),
    },
    checkpointSchedule: {
      count: checkpointCount,
      steps: checkpointSteps(spec.steps, checkpointCount),
    },
    checkpoints: run.checkpoints!.map(({ step, parameters }) => ({
      step,
      samples: samplesAt(model, parameters.g, latent),
    })),
    metrics: { ...metrics, fateName: GAN_FATES[run.metrics.fate] },
    layers: { generator: layerList(model.g), discriminator: layerList(model.d) },
    weights: {
      initial: networkWeights(model, run.initial),
      final: networkWeights(model, run.final),
    },
  };
}

/**
 * Trains the target keeping the history and the parameters at the schedule's steps, and at the
 * last finite step (where the metrics are taken) when the schedule does not reach it.
 */
export function trainTargetRun(
  target: TrainTarget,
  checkpointCount: number,
  onStep?: (step: number) => void,
): GanRun {
  const schedule = checkpointSteps(target.spec.steps, checkpointCount);
  const run = trainGan(target.spec, { history: true, checkpoints: schedule, onStep });
  const checkpoints = run.checkpoints!;
  if (checkpoints.at(-1)?.step !== run.finalStep)
    checkpoints.push({ step: run.finalStep, parameters: run.final });
  return run;
}

function summary(target: TrainTarget, run: GanRun): string {
  const where = target.cell
    ? `cell ${target.cell.ix},${target.cell.iy} (${target.cell.x.param} = ${target.cell.x.value}, ${target.cell.y.param} = ${target.cell.y.value}): `
    : '';
  const m = run.metrics;
  const escape = m.escapeStep >= 0 ? `, escaped at step ${m.escapeStep}` : '';
  return (
    `${where}${m.stepsRun} steps of ${target.spec.method.name} on ${target.spec.game.loss}, ` +
    `fate ${GAN_FATES[m.fate]}${escape}; energy distance ${m.energyDistance.toPrecision(4)}\n`
  );
}

/**
 * JSON with objects indented one field a line and arrays of numbers (and of such arrays: points,
 * weight matrices) on one line each: readable, and a tenth the size of fully indented JSON.
 */
export function formatRunJson(value: unknown, indent = ''): string {
  const flat = (v: unknown): boolean =>
    v === null || typeof v !== 'object' || (Array.isArray(v) && v.every(flat));
  if (flat(value)) return JSON.stringify(value);
  const inner = indent + ' ';
  if (Array.isArray(value))
    return `[\n${value.map((v) => inner + formatRunJson(v, inner)).join(',\n')}\n${indent}]`;
  const fields = Object.entries(value as object).filter(([, v]) => v !== undefined);
  return `{\n${fields
    .map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatRunJson(v, inner)}`)
    .join(',\n')}\n${indent}}`;
}

/** Writes `name` in `dir` under a temporary name first, so a failed write leaves the old file. */
async function writeAtomically(dir: string, name: string, text: string): Promise<void> {
  const temporary = join(dir, `.${name}.partial-${process.pid}`);
  try {
    await writeFile(temporary, text);
    await rename(temporary, join(dir, name));
  } finally {
    await rm(temporary, { force: true });
  }
}

/** Progress on stderr once a run has taken a second: a long reference run says it is alive. */
function trainProgress(io: CliIO, steps: number): { onStep(step: number): void; done(): void } {
  const report = progressReporter(io, 'train');
  const start = performance.now();
  let shown = false;
  let last = 0;
  return {
    onStep(step) {
      last = step / steps;
      if (!shown && performance.now() - start < 1000) return;
      shown = true;
      report({ fraction: last });
    },
    // A run that stopped early (diverged) still ends its progress line.
    done() {
      if (shown && last < 1) report({ fraction: 1 });
    },
  };
}

export const trainCommand: Command = {
  name: 'train',
  summary: 'train one GAN of an mlp-gan spec (float64); write its run.json',
  usage: USAGE,
  async run(args, io) {
    const { specFile, outDir, cell, checkpoints } = parseArguments(args);
    const target = trainTarget(specFile, await readSpecJson(specFile), cell);
    await prepareOutDir(outDir);
    const progress = trainProgress(io, target.spec.steps);
    const run = trainTargetRun(target, checkpoints, (step) => progress.onStep(step));
    progress.done();
    io.out(summary(target, run));
    await writeAtomically(
      outDir,
      'run.json',
      formatRunJson(runJson(target, run, checkpoints)) + '\n',
    );
    io.out(`wrote ${join(outDir, 'run.json')}\n`);
    return 0;
  },
};
