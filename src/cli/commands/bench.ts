import { writeFileSync } from 'node:fs';
import { adapterName } from '../../gpu/adapter-info.js';
import { GpuTimer } from '../../gpu/gpu-timer.js';
import { requestNodeDevice } from '../../gpu/node-device.js';
import { PipelineCache } from '../../gpu/pipeline-cache.js';
import { convThroughput } from '../bench/conv-throughput.js';
import { fmaThroughput } from '../bench/fma-throughput.js';
import { gameSweepThroughput } from '../bench/game-sweep-throughput.js';
import { percentOfPeak, type BenchSuite } from '../bench/bench-suite.js';
import { UsageError, type Command } from '../command.js';
import { parseOptions } from '../parse-options.js';

/** Every measurement `npm run bench` makes, in order. */
const SUITES: BenchSuite[] = [fmaThroughput, gameSweepThroughput, convThroughput];

export const benchCommand: Command = {
  name: 'bench',
  summary: "measure throughput on this machine's WebGPU adapter (--json FILE, --quick)",
  usage: `Usage: saddle-stride bench [--json FILE] [--quick]

Runs every benchmark side by side on one adapter and prints throughput, the ratios
the issues name, and the adapter's name. Each figure is the median of several
samples, with the slowest and fastest (…_min, …_max in the JSON); each kernel's
useful FLOP/s is also given as a percentage of the measured fma peak. Timings come from timestamp queries where
the adapter has them. On a software adapter (SwiftShader) the numbers say nothing
about a real GPU.
  --json FILE   also write { "adapter": "…", "figures": { … } } to FILE
  --quick       small sizes (a smoke run)
`,
  async run(args, io) {
    const options = parseOptions(args, { json: { type: 'string' }, quick: { type: 'boolean' } });
    const jsonFile = options.json as string | undefined;
    if (jsonFile === '') throw new UsageError('--json needs a file name');

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
    for (const suite of SUITES) {
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
    if (jsonFile)
      writeFileSync(jsonFile, JSON.stringify({ adapter: name, figures }, null, 2) + '\n');
    timer.destroy();
    gpu.device.destroy();
    return 0;
  },
};
