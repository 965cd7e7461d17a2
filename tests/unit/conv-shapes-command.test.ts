import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError, type CliIO } from '../../src/cli/command.js';
import { shapesCommand } from '../../src/cli/commands/shapes.js';
import { DCGAN_DISCRIMINATOR, DCGAN_GENERATOR } from '../../src/core/conv/index.js';

async function run(args: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => (out += t), err: (t) => (err += t), interactive: false };
  const status = await shapesCommand.run(args, io);
  return { status, out, err };
}

describe('saddle-stride shapes', () => {
  it('prints an aligned table for layers given as arguments', async () => {
    const { status, out } = await run([
      '--input',
      '1x3x64x64',
      'Conv2d(3, 64, 4, 2, 1)',
      'ConvTranspose2d(64, 3, kernel_size=4, stride=2, padding=1)',
    ]);
    expect(status).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('input 1x3x64x64');
    expect(lines[1]).toMatch(/^#\s+layer\s+output\s+params\s+receptive field\s+jump$/);
    expect(lines[2]).toMatch(
      /^1\s+nn\.Conv2d\(3, 64, 4, stride=2, padding=1\)\s+1x64x32x32\s+3,136\s+4x4\s+2, 2$/,
    );
    expect(lines[3]).toMatch(
      /^2\s+nn\.ConvTranspose2d\(64, 3, 4, stride=2, padding=1\)\s+1x3x64x64\s+3,075\s+6x6\s+1, 1$/,
    );
    expect(lines[1].indexOf('output')).toBe(lines[2].indexOf('1x64x32x32'));
    expect(lines[4]).toBe('total parameters: 6,211');
  });

  it('--json reports the layers and a null error', async () => {
    const { status, out } = await run(['--input=1x100x1x1', '--json', DCGAN_GENERATOR.code]);
    expect(status).toBe(0);
    const result = JSON.parse(out);
    expect(result.error).toBeNull();
    expect(result.totalParams).toBe(3_576_704);
    expect(result.layers.at(-1)).toMatchObject({ layer: 'nn.Tanh()', outputShape: [1, 3, 64, 64] });
  });

  it('exits 1 at the first failing layer, with the layer and PyTorch message in the JSON', async () => {
    const { status, out } = await run(['--input', '1x1x64x64', '--json', DCGAN_DISCRIMINATOR.code]);
    expect(status).toBe(1);
    const result = JSON.parse(out);
    expect(result.layers).toEqual([]);
    expect(result.error).toMatchObject({
      index: 0,
      layer: 'nn.Conv2d(3, 64, 4, stride=2, padding=1, bias=False)',
      message:
        'Given groups=1, weight of size [64, 3, 4, 4], expected input[1, 1, 64, 64] to have 3 channels, but got 1 channels instead',
    });
  });

  it('prints the failure under the table, with why and what to try', async () => {
    const { status, out } = await run([
      '--input',
      '1x3x32x32',
      'Conv2d(3, 16, 4, 2, 1)',
      'Flatten()',
      'Linear(8192, 1)',
    ]);
    expect(status).toBe(1);
    expect(out).toContain('layer 3 fails: nn.Linear(8192, 1) on input 1x4096');
    expect(out).toContain(
      '  RuntimeError: mat1 and mat2 shapes cannot be multiplied (1x4096 and 8192x1)',
    );
    expect(out).toContain('  try: Use nn.Linear(4096, 1).');
  });

  it('reads the layers from --file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shapes-'));
    const file = join(dir, 'model.txt');
    writeFileSync(file, 'MaxPool2d(2)\nConv2d(3, 8, 3, padding="same")\n');
    const { status, out } = await run(['--input', '2x3x9x9', '--file', file, '--json']).finally(
      () => rmSync(dir, { recursive: true, force: true }),
    );
    expect(status).toBe(0);
    expect(JSON.parse(out).layers.map((l: { outputShape: number[] }) => l.outputShape)).toEqual([
      [2, 3, 4, 4],
      [2, 8, 4, 4],
    ]);
  });

  it('warns in the table about input that is never read', async () => {
    const { out } = await run(['--input', '1x1x5x5', 'nn.Conv2d(1, 1, kernel_size=2, stride=2)']);
    expect(out).toContain('! input rows 4 never read: the last window stops short of the edge');
  });

  for (const [name, args, pattern] of [
    ['no --input', ['Conv2d(1, 1, 1)'], /--input is required/],
    ['a bad --input', ['--input', '1x0x3', 'ReLU()'], /--input must be positive sizes/],
    ['no layers', ['--input', '1x1x4x4'], /no layers given/],
    ['an unknown option', ['--input', '1x1x4x4', '--fast', 'ReLU()'], /unknown option '--fast'/],
    [
      'an unreadable layer',
      ['--input', '1x1x4x4', 'ReLU()', 'nn.Conv3d(1, 1, 1)'],
      /^layer argument 2 at 1:1: unknown layer 'Conv3d'/,
    ],
    [
      'a missing file',
      ['--input', '1x1x4x4', '--file', '/nonexistent/model.txt'],
      /cannot read \/nonexistent\/model.txt/,
    ],
  ] as const) {
    it(`throws a UsageError (exit 2) for ${name}`, async () => {
      await expect(run([...args])).rejects.toThrow(UsageError);
      await expect(run([...args])).rejects.toThrow(pattern);
    });
  }
});
