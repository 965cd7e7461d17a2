import { accessSync, constants, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { adapterName } from '../../gpu/adapter-info.js';
import { GpuTimer } from '../../gpu/gpu-timer.js';
import { requestNodeDevice } from '../../gpu/node-device.js';
import { PipelineCache } from '../../gpu/pipeline-cache.js';
import { convThroughput } from '../bench/conv-throughput.js';
import { fmaThroughput } from '../bench/fma-throughput.js';
import { gameSweepThroughput } from '../bench/game-sweep-throughput.js';
import { ganThroughput } from '../bench/gan-throughput.js';
import { percentOfPeak, type BenchSuite } from '../bench/bench-suite.js';
import { UsageError, type Command } from '../command.js';
import { parseOptions } from '../parse-options.js';

/** Every measurement `npm run bench` makes, in order. */
const SUITES: BenchSuite[] = [fmaThroughput, gameSweepThroughput, convThroughput, ganThroughput];

export const benchCommand: Command = {
  name: 'bench',
  summary:
    "measure throughput on this machine's WebGPU adapter (--json FILE, --quick, --only SUITE)",
  usage: `Usage: saddle-stride bench [--json FILE] [--quick] [--only SUITE]

Runs every benchmark side by side on one adapter and prints throughput, the ratios
the issues name, and the adapter's name. Each figure is the median of several
samples, with the slowest and fastest (…_min, …_max in the JSON); each kernel's
useful FLOP/s is also given as a percentage of the measured fma peak. Timings come from timestamp queries where
the adapter has them. On a software adapter (SwiftShader) the numbers say nothing
about a real GPU.
  --json FILE   also write { "adapter": "…", "figures": { … } } to FILE
  --quick       small sizes (a smoke run)
  --only SUITE  run one suite beside the fma peak: ${SUITES.map((s) => s.key).join(', ')}
The adapter: Dawn's default backend for the platform (Vulkan on Linux, Metal on
macOS, D3D12 on Windows), the high-performance adapter, SwiftShader where Linux has
no GPU driver. SADDLE_STRIDE_BACKEND=vulkan|metal|d3d12|… and SADDLE_STRIDE_ADAPTER=NAME
choose another (given a name it does not know, Dawn lists the adapters it has).
`,
  async run(args, io) {
    const options = parseOptions(args, {
      json: { type: 'string' },
      quick: { type: 'boolean' },
      only: { type: 'string' },
    });
    const jsonFile = options.json as string | undefined;
    if (jsonFile !== undefined) checkWritable(jsonFile);
    const only = options.only as string | undefined;
    if (only !== undefined && !SUITES.some((s) => s.key === only))
      throw new UsageError(
        `--only takes one of ${SUITES.map((s) => s.key).join(', ')}, not '${only}'`,
      );
    // The fma peak always runs: every FLOP/s is read against it.
    const suites = SUITES.filter((s) => !only || s.key === only || s.key === 'fma');

    const gpu = await requestNodeDevice();
    const name = adapterName(gpu.summary);
    const timer = new GpuTimer(gpu.device);
    const context = {
      gpu,
      pipelines: new PipelineCache(gpu.device),
      timer,
      log: (line: string) => io.out(`  ${line}\n`),
      quick: options.quick === true,
    };
    io.out(`adapter: ${name}\ntiming: ${timer.usesTimestamps ? 'GPU timestamps' : 'wall clock'}\n`);
    if (gpu.summary.software)
      io.out('note: a software adapter; these figures say nothing about a real GPU\n');
    const figures: Record<string, number> = {};
    for (const suite of suites) {
      io.out(`${suite.name}\n`);
      Object.assign(figures, await suite.run(context));
    }
    const shares = percentOfPeak(figures);
    if (Object.keys(shares).length) {
      io.out(
        `useful FLOP/s as a share of the fma peak (${figures.fma_gflops.toFixed(2)} GFLOP/s)\n`,
      );
      for (const [key, value] of Object.entries(shares))
        io.out(`  ${key.replace(/_pct_of_fma_peak$/, '').padEnd(34)} ${value.toFixed(1)}%\n`);
    }
    Object.assign(figures, shares);
    if (jsonFile) {
      writeFileSync(jsonFile, JSON.stringify({ adapter: name, figures }, null, 2) + '\n');
      io.out(`figures written to ${jsonFile}\n`);
    }
    timer.destroy();
    gpu.device.destroy();
    return 0;
  },
};

/**
 * Refuses a --json FILE that could not be written, before minutes of measuring: an empty name,
 * a directory, a read-only file, or a folder that is missing or not writable.
 */
function checkWritable(file: string): void {
  if (file === '') throw new UsageError('--json needs a file name');
  const path = resolve(file);
  const existing = statSync(path, { throwIfNoEntry: false });
  if (existing?.isDirectory()) throw new UsageError(`--json ${file}: is a directory`);
  const target = existing ? path : dirname(path);
  if (!existing && !statSync(target, { throwIfNoEntry: false })?.isDirectory())
    throw new UsageError(`--json ${file}: no folder ${dirname(path)}`);
  try {
    accessSync(target, constants.W_OK);
  } catch {
    throw new UsageError(`--json ${file}: ${existing ? 'file' : 'folder'} not writable`);
  }
}
