import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './command.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * A command's options through Node's util.parseArgs, strictly: an unknown option, a missing
 * value or a stray argument is a UsageError (exit status 2), never silently ignored.
 */
export function parseOptions(
  args: string[],
  options: Options,
): Record<string, string | boolean | undefined> {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values as Record<
      string,
      string | boolean | undefined
    >;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
