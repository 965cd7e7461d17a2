import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  parseSweepSpec,
  SpecError,
  SWEEP_METRIC_INFO,
  SWEEP_METRIC_NAMES,
  type SweepMetricName,
  type SweepSpec,
} from '../../core/games/index.js';
import {
  GAN_FATES,
  GAN_METRIC_INFO,
  GAN_METRIC_NAMES,
  isGanSweepJson,
  parseGanSweepSpec,
  type GanMetricName,
  type GanSweepResult,
} from '../../core/gan/index.js';
import { adapterName } from '../../gpu/adapter-info.js';
import { ganWorkgroupSize } from '../../gpu/gan/gan-kernel-source.js';
import { ganSweepRefusal, runGanSweep } from '../../gpu/gan/gan-sweep-runner.js';
import { composeGameKernel } from '../../gpu/game/game-kernel-source.js';
import { runSweep, type SweepResult } from '../../gpu/game/game-sweep-runner.js';
import { requestNodeDevice } from '../../gpu/node-device.js';
import { PipelineCache } from '../../gpu/pipeline-cache.js';
import { UsageError, type CliIO, type Command } from '../command.js';
import { ganSweepCsvChunks, ganSweepJsonChunks } from '../gan-sweep-files.js';
import { renderGanHeatmap, renderHeatmap } from '../heatmap-png.js';
import { encodePng } from '../png-encode.js';
import { SWEEP_FILES, writeFilesTogether, writeSweepFiles } from '../sweep-files.js';

const USAGE = `Usage: saddle-stride sweep SPEC.json --out DIR [--metrics NAME,NAME…]

Plays every cell of a sweep spec on the GPU (one game per cell) and writes
  DIR/sweep.json   the spec, the adapter, both axes' values and every metric (row-major)
  DIR/sweep.csv    one row per cell: ix, iy, the two swept values, every metric
  DIR/heatmap.png  the growth rate per step on a diverging colour map centred on 0
                   (without growthRate in --metrics: the first metric named)

--metrics growthRate,escapeStep computes and writes only those metrics (all by default):
the kernel is composed for them, with the same values (docs/sweep-metrics.md lists them).

The spec is the same JSON the page keeps in its URL: game, method, lr (lrX, lrY), x0, y0,
steps, escapeRadius and axes.x / axes.y = { param, from, to, count, scale }. Omitted
fields take their defaults.

A GAN spec (game 'mlp-gan', docs/gans.md) trains one small GAN per cell on the GPU and writes
the GAN metrics (fate, modesCovered, highQualityFraction, energyDistance, lossD, lossG,
fieldNorm, normGrowth, escapeStep, stepsRun; --metrics picks which are written) and the fate
(converged, cycling, mode-collapsed, diverged) as heatmap.png (without fate in --metrics: the
first metric named). A spec the GPU kernel cannot train yet is refused, naming the field. The spec and DIR are checked before the GPU starts; files already
in DIR are replaced only once all three new ones are written.
Exit status: 0 on success, 2 on bad usage or an invalid spec, 1 when the run fails.
`;

/** A --metrics list checked against the metrics of the spec's kind. */
function parseMetrics<T extends string>(list: string, known: readonly T[], kind: string): T[] {
  const names = list.split(',').map((name) => name.trim());
  for (const name of names)
    if (!(known as readonly string[]).includes(name))
      throw new UsageError(`unknown metric '${name}' for ${kind} (known: ${known.join(', ')})`);
  return [...new Set(names)] as T[];
}

function parseArguments(args: string[]): {
  specFile: string;
  outDir: string;
  metrics?: string;
} {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { out: { type: 'string' }, metrics: { type: 'string' } },
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
  if (values.metrics === '')
    throw new UsageError('--metrics needs a comma-separated list of metrics');
  // A name no spec knows is refused before the spec is read; the spec's kind then narrows it.
  if (values.metrics !== undefined)
    for (const name of values.metrics.split(',').map((n) => n.trim()))
      if (![...SWEEP_METRIC_NAMES, ...GAN_METRIC_NAMES].includes(name as SweepMetricName))
        throw new UsageError(
          `unknown metric '${name}' (known: ${SWEEP_METRIC_NAMES.join(', ')}; for mlp-gan: ${GAN_METRIC_NAMES.join(', ')})`,
        );
  return { specFile, outDir: values.out, metrics: values.metrics };
}

/** Deeper than any spec is: checked without recursion, before anything walks the value. */
const MAX_SPEC_DEPTH = 32;

/** The path of the first value nested deeper than MAX_SPEC_DEPTH, or undefined. */
function tooDeep(json: unknown): string | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [
    { value: json, path: '', depth: 0 },
  ];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_SPEC_DEPTH) return path || 'spec';
    // The path names the top-level field; below it, the depth says enough.
    for (const [key, child] of Object.entries(value))
      stack.push({ value: child, path: path || key, depth: depth + 1 });
  }
  return undefined;
}

/** Reads a spec file as JSON, refusing an unreadable file, bad JSON or absurd nesting (UsageError). */
export async function readSpecJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not JSON: ${(error as Error).message}`);
  }
  const deep = tooDeep(json);
  if (deep !== undefined)
    throw new UsageError(`${file}: ${deep}: nested more than ${MAX_SPEC_DEPTH} levels deep`);
  return json;
}

/** A SpecError from parsing `file` as a UsageError naming the file (exit status 2). */
export function specUsage<T>(file: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof SpecError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
}

/**
 * Reads and validates a scalar spec, everything that can be checked without a GPU included: the
 * spec's fields, and the kernel's text (a typed game's constants must fit f32, e.g. not `exp(1000)`).
 */
function readScalarSpec(file: string, json: unknown): SweepSpec {
  return specUsage(file, () => {
    const spec = parseSweepSpec(json);
    composeGameKernel(spec, 'sweep');
    return spec;
  });
}

/** Makes DIR (and its parents) and checks that files can be written there, before any GPU work. */
export async function prepareOutDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    const probe = join(dir, `.saddle-stride-probe-${process.pid}`);
    await writeFile(probe, '');
    await rm(probe);
  } catch (error) {
    throw new UsageError(`--out ${dir}: cannot write there: ${(error as Error).message}`);
  }
}

/** Progress on stderr: one line redrawn in place on a terminal, else a line per quarter. */
export function progressReporter(io: CliIO, what = 'sweep'): (p: { fraction: number }) => void {
  let quarter = 0;
  return ({ fraction }) => {
    const percent = Math.floor(fraction * 100);
    if (io.interactive) {
      io.err(`\r${what}: ${String(percent).padStart(3)}%`);
      if (fraction >= 1) io.err('\n');
    } else if (fraction * 4 >= quarter + 1) {
      quarter = Math.floor(fraction * 4);
      io.err(`${what}: ${percent}%\n`);
    }
  };
}

function heatmapTitle(spec: SweepSpec, metric: SweepMetricName): string {
  const what = metric === 'growthRate' ? 'growth rate per step' : SWEEP_METRIC_INFO[metric].title;
  return `${what}: ${spec.method.name} on ${spec.game.name}, ${spec.steps} steps`;
}

function summary(result: SweepResult): string {
  const cells = result.xValues.length * result.yValues.length;
  const escapes = result.metrics.escapeStep;
  // Without escapeStep in --metrics the count is unknown.
  const escaped = result.metricNames.includes('escapeStep')
    ? `${escapes.reduce((n, s) => n + (s >= 0 ? 1 : 0), 0)} escaped`
    : 'escapes not computed';
  const rate = result.gameSteps / result.seconds;
  return (
    `${cells} games, ${escaped}; ${result.gameSteps} game-steps in ` +
    `${result.seconds.toFixed(2)} s (${rate.toExponential(2)} steps/s)\n`
  );
}

export const sweepCommand: Command = {
  name: 'sweep',
  summary: 'play a sweep spec on the GPU; write sweep.json, sweep.csv and heatmap.png',
  usage: USAGE,
  async run(args, io) {
    const { specFile, outDir, metrics: metricList } = parseArguments(args);
    const json = await readSpecJson(specFile);
    if (isGanSweepJson(json)) return runGanSweepCommand(specFile, json, outDir, metricList, io);
    const metrics =
      metricList === undefined
        ? undefined
        : parseMetrics(metricList, SWEEP_METRIC_NAMES, 'this game');
    const shown = !metrics || metrics.includes('growthRate') ? 'growthRate' : metrics[0];
    const spec = readScalarSpec(specFile, json);
    await prepareOutDir(outDir);
    const gpu = await requestNodeDevice();
    let result: SweepResult;
    try {
      const adapter = adapterName(gpu.summary);
      io.out(`adapter: ${adapter}\n`);
      result = await runSweep(
        { device: gpu.device, pipelines: new PipelineCache(gpu.device) },
        spec,
        { metrics, onProgress: progressReporter(io) },
      );
      io.out(summary(result));
      const png = encodePng(
        renderHeatmap({
          values: result.metrics[shown],
          metric: shown,
          steps: spec.steps,
          axes: spec.axes,
          title: heatmapTitle(spec, shown),
        }),
      );
      await writeSweepFiles(outDir, result, adapter, png);
    } finally {
      gpu.device.destroy();
    }
    io.out(`wrote ${SWEEP_FILES.map((f) => join(outDir, f)).join(', ')}\n`);
    return 0;
  },
};

function ganSummary(result: GanSweepResult): string {
  const cells = result.xValues.length * result.yValues.length;
  const counts = GAN_FATES.map(
    (fate, i) => `${result.metrics.fate.reduce((n, f) => n + (f === i ? 1 : 0), 0)} ${fate}`,
  );
  const rate = result.ganSteps / result.seconds;
  return (
    `${cells} GANs: ${counts.join(', ')}; ${result.ganSteps} GAN-steps in ` +
    `${result.seconds.toFixed(2)} s (${rate.toExponential(2)} steps/s)\n`
  );
}

/**
 * The GAN path of `sweep`: the spec, the metrics and what the kernel can train are checked
 * before the device is asked for (the workgroup memory the networks need is checked against the
 * device's own limit once it is there: also exit 2), then runGanSweep trains every cell.
 */
async function runGanSweepCommand(
  file: string,
  json: unknown,
  outDir: string,
  metricList: string | undefined,
  io: CliIO,
): Promise<number> {
  const metrics =
    metricList === undefined ? undefined : parseMetrics(metricList, GAN_METRIC_NAMES, 'mlp-gan');
  const spec = specUsage(file, () => parseGanSweepSpec(json));
  specUsage(file, () => {
    const refusal = ganSweepRefusal(spec, { maxComputeWorkgroupStorageSize: Infinity });
    if (refusal !== null) throw refusal;
  });
  const shown: GanMetricName = !metrics || metrics.includes('fate') ? 'fate' : metrics[0];
  await prepareOutDir(outDir);
  const gpu = await requestNodeDevice();
  try {
    const adapter = adapterName(gpu.summary);
    io.out(`adapter: ${adapter}\n`);
    const pipelines = new PipelineCache(gpu.device);
    const onProgress = progressReporter(io);
    let result: GanSweepResult;
    try {
      const workgroupSize = ganWorkgroupSize(gpu.summary.software);
      result = await runGanSweep({ device: gpu.device, pipelines, workgroupSize }, spec, {
        onProgress,
      });
    } catch (error) {
      // The runner refuses, before any GPU work, networks the device's workgroup memory cannot hold.
      if (error instanceof SpecError) throw new UsageError(`${file}: ${error.message}`);
      throw error;
    }
    io.out(ganSummary(result));
    const title = `${GAN_METRIC_INFO[shown].title}: ${spec.method.name} on ${spec.game.loss} GANs (${spec.game.data.kind}), ${spec.steps} steps`;
    const png = encodePng(
      renderGanHeatmap({ values: result.metrics[shown], metric: shown, axes: spec.axes, title }),
    );
    await writeFilesTogether(outDir, {
      'sweep.json': ganSweepJsonChunks(result, adapter, metrics),
      'sweep.csv': ganSweepCsvChunks(result, metrics),
      'heatmap.png': [png],
    });
  } finally {
    gpu.device.destroy();
  }
  io.out(`wrote ${SWEEP_FILES.map((f) => join(outDir, f)).join(', ')}\n`);
  return 0;
}
