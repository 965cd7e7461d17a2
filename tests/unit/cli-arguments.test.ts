import { describe, expect, it } from 'vitest';
import { UsageError, type CliIO } from '../../src/cli/command.js';
import { benchCommand } from '../../src/cli/commands/bench.js';
import { gpuInfoCommand } from '../../src/cli/commands/gpu-info.js';

const io: CliIO = { out: () => {}, err: () => {}, interactive: false };

// Options are parsed before a device is asked for, so none of these touches a GPU.
describe('command options (util.parseArgs, strict)', () => {
  it('gpu-info rejects an unknown option with a usage error (exit status 2)', async () => {
    await expect(gpuInfoCommand.run(['--bogus'], io)).rejects.toThrow(UsageError);
    await expect(gpuInfoCommand.run(['extra'], io)).rejects.toThrow(UsageError);
  });

  it('bench rejects an unknown option and a --json without its file', async () => {
    await expect(benchCommand.run(['--bogus'], io)).rejects.toThrow(UsageError);
    await expect(benchCommand.run(['--json'], io)).rejects.toThrow(/--json/);
    await expect(benchCommand.run(['--quick', 'stray'], io)).rejects.toThrow(UsageError);
  });
});
