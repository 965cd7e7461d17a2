import { UsageError, type CliIO } from './command.js';
import { commands } from './commands/index.js';

const HELP = `saddle-stride — gradient games and convolutions on the GPU (WebGPU through Dawn)

Usage: saddle-stride <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

Run "saddle-stride <command> --help" for a command's options.
`;

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(HELP);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`saddle-stride: unknown command '${name}'\n\n${HELP}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.out(command.usage);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`saddle-stride ${name}: ${error.message}\n`);
      return 2;
    }
    io.err(`saddle-stride ${name}: ${(error as Error).message}\n`);
    return 1;
  }
}

const io: CliIO = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  interactive: Boolean(process.stderr.isTTY),
};

// Dawn keeps native handles alive; exit explicitly once the command is done.
main(process.argv.slice(2), io).then(
  (status) => process.exit(status),
  (error) => {
    io.err(`saddle-stride: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  },
);
