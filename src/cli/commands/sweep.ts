import { createWriteStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  parseSweepSpec,
  SpecError,
  SWEEP_METRIC_INFO,
  SWEEP_METRIC_NAMES,
  type SweepMetricName,
  type SweepSpec,
} from '../../core/games/index.js';
import { sweepCsvChunks, sweepJsonChunks } from '../../core/games/sweep-result.js';
import { adapterName } from '../../gpu/adapter-info.js';
import {
  runSweep,
  type SweepProgress,
  type SweepResult,
} from '../../gpu/game/game-sweep-runner.js';
import { requestNodeDevice } from '../../gpu/node-device.js';
import { PipelineCache } from '../../gpu/pipeline-cache.js';
import { UsageError, type CliIO, type Command } from '../command.js';
import { renderHeatmap } from '../heatmap-png.js';
import { encodePng } from '../png-encode.js';

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
Exit status: 0 on success, 2 on bad usage or an invalid spec, 1 when the run fails.
`;

function parseMetrics(list: string | undefined): SweepMetricName[] {
  if (!list) throw new UsageError('--metrics needs a comma-separated list of metrics');
  const names = list.split(',').map((name) => name.trim());
  for (const name of names)
    if (!(SWEEP_METRIC_NAMES as readonly string[]).includes(name))
      throw new UsageError(`unknown metric '${name}' (known: ${SWEEP_METRIC_NAMES.join(', ')})`);
  return [...new Set(names)] as SweepMetricName[];
}

function parseArguments(args: string[]): {
  specFile: string;
  outDir: string;
  metrics?: SweepMetricName[];
} {
  let specFile: string | undefined;
  let outDir: string | undefined;
  let metrics: SweepMetricName[] | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--metrics' || arg.startsWith('--metrics=')) {
      metrics = parseMetrics(arg === '--metrics' ? args[++i] : arg.slice('--metrics='.length));
    } else if (arg === '--out' || arg.startsWith('--out=')) {
      outDir = arg === '--out' ? args[++i] : arg.slice('--out='.length);
      if (!outDir) throw new UsageError('--out needs a directory');
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown option '${arg}'`);
    } else if (specFile === undefined) {
      specFile = arg;
    } else {
      throw new UsageError(`unexpected argument '${arg}' (one spec file only)`);
    }
  }
  if (specFile === undefined) throw new UsageError('no spec file given (see --help)');
  if (outDir === undefined) throw new UsageError('--out DIR is required');
  return { specFile, outDir, metrics };
}

async function readSpec(file: string): Promise<SweepSpec> {
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
  try {
    return parseSweepSpec(json);
  } catch (error) {
    if (error instanceof SpecError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
}

/** Progress on stderr: one line redrawn in place on a terminal, else a line per quarter. */
function progressReporter(io: CliIO): (p: SweepProgress) => void {
  let quarter = 0;
  return ({ fraction }) => {
    const percent = Math.floor(fraction * 100);
    if (io.interactive) {
      io.err(`\rsweep: ${String(percent).padStart(3)}%`);
      if (fraction >= 1) io.err('\n');
    } else if (fraction * 4 >= quarter + 1) {
      quarter = Math.floor(fraction * 4);
      io.err(`sweep: ${percent}%\n`);
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
    const { specFile, outDir, metrics } = parseArguments(args);
    const shown = !metrics || metrics.includes('growthRate') ? 'growthRate' : metrics[0];
    const spec = await readSpec(specFile);
    const gpu = await requestNodeDevice();
    let result: SweepResult;
    try {
      const adapter = adapterName(gpu.summary);
      io.out(`adapter: ${adapter}\n`);
      result = await runSweep(
        { device: gpu.device, pipelines: new PipelineCache(gpu.device) },
        spec,
        {
          onProgress: progressReporter(io),
          metrics,
        },
      );
      io.out(summary(result));
      await mkdir(outDir, { recursive: true });
      const png = encodePng(
        renderHeatmap({
          values: result.metrics[shown],
          metric: shown,
          steps: spec.steps,
          axes: spec.axes,
          title: heatmapTitle(spec, shown),
        }),
      );
      // Streamed: a 4096 × 4096 sweep is more text than one JavaScript string can hold.
      await pipeline(
        Readable.from(sweepJsonChunks(result, adapter)),
        createWriteStream(join(outDir, 'sweep.json')),
      );
      await pipeline(
        Readable.from(sweepCsvChunks(result)),
        createWriteStream(join(outDir, 'sweep.csv')),
      );
      await writeFile(join(outDir, 'heatmap.png'), png);
    } finally {
      gpu.device.destroy();
    }
    io.out(
      `wrote ${['sweep.json', 'sweep.csv', 'heatmap.png'].map((f) => join(outDir, f)).join(', ')}\n`,
    );
    return 0;
  },
};
