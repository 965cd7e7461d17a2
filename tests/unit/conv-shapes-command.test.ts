import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError, type CliIO } from '../../src/cli/command.js';
import { shapesCommand } from '../../src/cli/commands/shapes.js';
import { DCGAN_DISCRIMINATOR, DCGAN_GENERATOR } from '../../src/core/conv/index.js';

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'shapes-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

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
    const file = join(tempDir(), 'model.txt');
    writeFileSync(file, 'MaxPool2d(2)\nConv2d(3, 8, 3, padding="same")\n');
    const { status, out } = await run(['--input', '2x3x9x9', '--file', file, '--json']);
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

describe('saddle-stride shapes refuses what PyTorch refuses (issue 11)', () => {
  const failure = async (input: string, layer: string) => {
    const { status, out } = await run(['--input', input, '--json', layer]);
    expect(status).toBe(1);
    return JSON.parse(out).error;
  };

  it("negative channels and features: the weight's torch.empty fails", async () => {
    expect((await failure('1x3x8x8', 'Conv2d(3, -4, 3)')).message).toBe(
      'Trying to create tensor with negative dimension -4: [-4, 3, 3, 3]',
    );
    expect((await failure('1x3x8x8', 'ConvTranspose2d(3, -4, 3)')).message).toBe(
      'Trying to create tensor with negative dimension -4: [3, -4, 3, 3]',
    );
    expect((await failure('1x192', 'Linear(192, -10)')).message).toBe(
      'Trying to create tensor with negative dimension -10: [-10, 192]',
    );
    expect((await failure('1x3x8x8', 'BatchNorm2d(-3)')).message).toBe(
      'Trying to create tensor with negative dimension -3: [-3]',
    );
  });

  it('Conv2d with 0 output channels fails at forward, as check_shape_forward does', async () => {
    expect((await failure('1x3x8x8', 'Conv2d(3, 0, 3)')).message).toBe(
      'Given groups=1, expected weight to be at least 1 at dimension 0, but got weight of size [0, 3, 3, 3] instead',
    );
  });

  it('an infinite Upsample size is an OverflowError', async () => {
    const error = await failure('1x3x8x8', 'Upsample(scale_factor=1e308)');
    expect(error).toMatchObject({
      exception: 'OverflowError',
      message: 'cannot convert float infinity to integer',
    });
  });

  for (const [literal, message] of [
    ['03', /leading zeros in decimal integer literals are not permitted: '03'/],
    ['1__0', /invalid decimal literal '1__0'/],
    ['10_', /invalid decimal literal '10_'/],
  ] as const) {
    it(`refuses the Python literal ${literal}`, async () => {
      await expect(run(['--input', '1x3x8x8', `Conv2d(3, ${literal}, 3)`])).rejects.toThrow(
        message,
      );
    });
  }

  it('still reads 1_0 and 0.5 and 00', async () => {
    const { status } = await run([
      '--input',
      '1x3x8x8',
      'Conv2d(3, 1_0, 3, padding=00)',
      'Dropout(0.5)',
    ]);
    expect(status).toBe(0);
  });

  it('refuses an unbalanced --input and reads a balanced one', async () => {
    await expect(run(['--input', '(1,3,8,8', 'ReLU()'])).rejects.toThrow(/--input must be/);
    await expect(run(['--input', '1,3,8,8)', 'ReLU()'])).rejects.toThrow(/--input must be/);
    await expect(run(['--input', '[1,3,8,8)', 'ReLU()'])).rejects.toThrow(/--input must be/);
    expect((await run(['--input', '(1, 3, 8, 8)', 'ReLU()'])).status).toBe(0);
    expect((await run(['--input', '[1,3,8,8]', 'ReLU()'])).status).toBe(0);
  });

  it('reads a --file that starts with a UTF-8 byte order mark, as Python does', async () => {
    const file = join(tempDir(), 'bom.py');
    writeFileSync(file, '\uFEFFnn.Sequential(\n  nn.Conv2d(3, 8, 3),\n)\n');
    const { status, out } = await run(['--input', '1x3x8x8', '--file', file, '--json']);
    expect(status).toBe(0);
    expect(JSON.parse(out).layers[0].outputShape).toEqual([1, 8, 6, 6]);
  });

  it('--json reports parse errors as JSON, with exit status 2', async () => {
    const { status, out } = await run(['--input', '1x3x8x8', '--json', 'Conv2d(3, 8, 3', 'ReLU()']);
    expect(status).toBe(2);
    expect(JSON.parse(out)).toMatchObject({
      layers: [],
      error: { kind: 'parse', source: 'layer argument 1', line: 1, column: 15 },
    });
    const missing = await run(['--input', '1x3x8x8', '--json', '--file', '/nonexistent/m.py']);
    expect(missing.status).toBe(2);
    expect(JSON.parse(missing.out).error).toMatchObject({
      kind: 'read',
      source: '/nonexistent/m.py',
    });
  });
});
