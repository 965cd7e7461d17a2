/** A sub-command of `saddle-stride`. Each lives in its own file under commands/ and is listed in commands/index.ts. */
export interface Command {
  name: string;
  /** One line for `--help`. */
  summary: string;
  /** Full usage text for `saddle-stride NAME --help`. */
  usage: string;
  /** Runs the command; resolves to the process exit status. */
  run(args: string[], io: CliIO): Promise<number>;
}

export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
  /** True when stderr is a terminal: progress may be drawn in place. */
  interactive: boolean;
}

/** A bad argument or input: printed as `saddle-stride: MESSAGE`, exit status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
