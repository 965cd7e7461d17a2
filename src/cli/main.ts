import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { UsageError, type CliIO } from './command.js';
import { commands } from './commands/index.js';
import { DriverNoiseFilter } from './driver-noise.js';

const HELP = `saddle-stride — gradient games and convolutions on the GPU (WebGPU through Dawn)

Usage: saddle-stride <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

Run "saddle-stride <command> --help" for a command's options.
`;

/** The command's name and its arguments; undefined asks for the help. Throws UsageError. */
function splitCommand(argv: string[]): { name: string; args: string[] } | undefined {
  // Options before the command: only --help / -h. parseArgs reads them; the first positional
  // is the command, and everything after it is the command's own.
  const { tokens } = parseArgs({
    args: argv,
    options: { help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const first = tokens[0];
  if (first === undefined || first.kind === 'option-terminator') return undefined;
  if (first.kind === 'option') {
    if (first.name === 'help') return undefined;
    throw new UsageError(`unknown option '${first.rawName}'`);
  }
  if (first.value === 'help') return undefined;
  return { name: first.value, args: argv.slice(first.index + 1) };
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  let command;
  try {
    command = splitCommand(argv);
  } catch (error) {
    io.err(`saddle-stride: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (!command) {
    io.out(HELP);
    return 0;
  }
  const { name, args } = command;
  const found = commands.find((c) => c.name === name);
  if (!found) {
    io.err(`saddle-stride: unknown command '${name}'\n\n${HELP}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.out(found.usage);
    return 0;
  }
  try {
    return await found.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`saddle-stride ${name}: ${error.message}\n`);
      return 2;
    }
    io.err(`saddle-stride ${name}: ${(error as Error).message}\n`);
    return 1;
  }
}

/** Set in the child that runs the command, whose stderr the parent filters. */
const CHILD_ENV = 'SADDLE_STRIDE_STDERR_FILTERED';

/**
 * Runs this same CLI as a child whose stderr passes through DriverNoiseFilter: Dawn and the
 * Vulkan loader write their noise from native code, which no JavaScript hook sees. Resolves to
 * the child's exit status; a child killed by a signal kills this process with it.
 */
function runFiltered(): Promise<number> {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: ['inherit', 'inherit', 'pipe'],
    env: { ...process.env, [CHILD_ENV]: process.stderr.isTTY ? 'tty' : 'pipe' },
  });
  const filter = new DriverNoiseFilter();
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => process.stderr.write(filter.push(text)));
  // The terminal's Ctrl-C reaches the child too; let it stop, then report as it did.
  const ignore = () => {};
  process.on('SIGINT', ignore);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      process.stderr.write(filter.end());
      process.off('SIGINT', ignore);
      if (signal) process.kill(process.pid, signal);
      else resolve(code ?? 1);
    });
  });
}

const filtered = process.env[CHILD_ENV];
const io: CliIO = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  interactive: filtered ? filtered === 'tty' : Boolean(process.stderr.isTTY),
};

// Dawn keeps native handles alive; exit explicitly once the command is done.
(filtered ? main(process.argv.slice(2), io) : runFiltered()).then(
  (status) => process.exit(status),
  (error) => {
    io.err(`saddle-stride: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  },
);
