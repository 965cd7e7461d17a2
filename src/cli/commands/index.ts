import type { Command } from '../command.js';
import { benchCommand } from './bench.js';
import { convCommand } from './conv.js';
import { gpuInfoCommand } from './gpu-info.js';
import { sweepCommand } from './sweep.js';
import { trainCommand } from './train.js';
import { shapesCommand } from './shapes.js';

/** Every sub-command, in the order `--help` lists them. */
export const commands: Command[] = [
  gpuInfoCommand,
  sweepCommand,
  trainCommand,
  shapesCommand,
  convCommand,
  benchCommand,
];
