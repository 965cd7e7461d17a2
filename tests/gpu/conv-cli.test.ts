import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convCommand } from '../../src/cli/commands/conv.js';
import type { CliIO } from '../../src/cli/command.js';
import { UsageError } from '../../src/cli/command.js';
import { encodeNpy, parseNpy } from '../../src/core/npy.js';
import { mulberry32 } from '../helpers/random.js';
import { makeCase, mismatches } from './conv-cases.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'saddle-stride-conv-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function captureIO(): CliIO & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    interactive: false,
    out: (text: string) => void (io.stdout += text),
    err: (text: string) => void (io.stderr += text),
  };
  return io;
}

describe('saddle-stride conv', () => {
  it('runs a strided, dilated, grouped conv-transpose2d on .npy files and writes the reference result', async () => {
    const c = makeCase(
      mulberry32(21),
      true,
      {
        inChannels: 4,
        outChannels: 6,
        kernelSize: [3, 4],
        stride: [2, 1],
        padding: [1, 2],
        dilation: [1, 2],
        groups: 2,
        outputPadding: [1, 0],
      },
      [2, 4, 5, 6],
    );
    const paths = {
      input: join(dir, 'x.npy'),
      weight: join(dir, 'w.npy'),
      bias: join(dir, 'b.npy'),
      out: join(dir, 'y.npy'),
    };
    await writeFile(paths.input, encodeNpy(c.input.data, c.input.shape));
    await writeFile(paths.weight, encodeNpy(c.weight.data, c.weight.shape));
    await writeFile(paths.bias, encodeNpy(c.bias!, [c.bias!.length]));
    const io = captureIO();
    const status = await convCommand.run(
      [
        '--op',
        'conv-transpose2d',
        '--input',
        paths.input,
        '--weight',
        paths.weight,
        '--bias',
        paths.bias,
        '--stride',
        '2,1',
        '--padding',
        '1,2',
        '--dilation',
        '1,2',
        '--groups',
        '2',
        '--output-padding',
        '1,0',
        '--out',
        paths.out,
      ],
      io,
    );
    expect(io.stderr).toBe('');
    expect(status).toBe(0);
    const out = parseNpy(await readFile(paths.out));
    expect(out.shape).toEqual([2, 6, 10, 8]);
    expect(mismatches(c, out.data, out.shape)).toEqual([]);
  });

  it("runs conv2d with padding='same' and reflect padding on an unbatched input, keeping it unbatched", async () => {
    const c = makeCase(
      mulberry32(22),
      false,
      {
        inChannels: 2,
        outChannels: 3,
        kernelSize: [2, 3],
        padding: 'same',
        paddingMode: 'reflect',
        bias: false,
      },
      [1, 2, 6, 5],
    );
    const paths = {
      input: join(dir, 'x3.npy'),
      weight: join(dir, 'w3.npy'),
      out: join(dir, 'y3.npy'),
    };
    await writeFile(paths.input, encodeNpy(c.input.data, [2, 6, 5]));
    await writeFile(paths.weight, encodeNpy(c.weight.data, c.weight.shape));
    const io = captureIO();
    const status = await convCommand.run(
      [
        '--op',
        'conv2d',
        '--input',
        paths.input,
        '--weight',
        paths.weight,
        '--padding',
        'same',
        '--padding-mode',
        'reflect',
        '--kernel',
        'direct',
        '--out',
        paths.out,
      ],
      io,
    );
    expect(status).toBe(0);
    const out = parseNpy(await readFile(paths.out));
    expect(out.shape).toEqual([3, 6, 5]);
    expect(mismatches(c, out.data, [1, ...out.shape])).toEqual([]);
  });

  it("exits 1 with PyTorch's message when the shapes do not fit, and 2 on bad usage", async () => {
    const paths = {
      input: join(dir, 'bad-x.npy'),
      weight: join(dir, 'bad-w.npy'),
      out: join(dir, 'bad-y.npy'),
    };
    await writeFile(paths.input, encodeNpy(new Float32Array(2 * 4 * 4), [1, 2, 4, 4]));
    await writeFile(paths.weight, encodeNpy(new Float32Array(3 * 3 * 25), [3, 3, 5, 5]));
    const io = captureIO();
    const status = await convCommand.run(
      ['--op', 'conv2d', '--input', paths.input, '--weight', paths.weight, '--out', paths.out],
      io,
    );
    expect(status).toBe(1);
    expect(io.stderr).toContain(
      'RuntimeError: Given groups=1, weight of size [3, 3, 5, 5], expected input[1, 2, 4, 4] to have 3 channels, but got 2 channels instead',
    );
    await expect(
      convCommand.run(['--op', 'conv3d', '--out', paths.out], captureIO()),
    ).rejects.toThrow(UsageError);
    await expect(
      convCommand.run(
        [
          '--op',
          'conv2d',
          '--input',
          paths.input,
          '--weight',
          paths.weight,
          '--stride',
          'x',
          '--out',
          paths.out,
        ],
        captureIO(),
      ),
    ).rejects.toThrow(/--stride takes an integer/);
  });

  describe('sizes and options checked before anything runs (issue 11)', () => {
    const paths = () => ({
      input: join(dir, 'small-x.npy'),
      weight: join(dir, 'small-w.npy'),
      out: join(dir, 'small-y.npy'),
    });
    beforeAll(async () => {
      const p = paths();
      await writeFile(p.input, encodeNpy(new Float32Array(16), [1, 1, 4, 4]));
      await writeFile(p.weight, encodeNpy(new Float32Array(9), [1, 1, 3, 3]));
    });
    const args = (...extra: string[]) => {
      const p = paths();
      return ['--op', 'conv2d', '--input', p.input, '--weight', p.weight, '--out', p.out, ...extra];
    };

    it('refuses outputs too large to hold with their element count, not after a minute', async () => {
      await expect(convCommand.run(args('--padding', '3000000000'), captureIO())).rejects.toThrow(
        /^output 1×1×6000000002×6000000002 has 36,000,000,024,000,000,000 elements \(144\.0 EB as float32\)/,
      );
      await expect(convCommand.run(args('--padding', '20000'), captureIO())).rejects.toThrow(
        /^output 1×1×40002×40002 has 1,600,160,004 elements \(6\.4 GB as float32\); one run returns at most 1,073,741,824/,
      );
    });

    it('refuses options it would otherwise ignore', async () => {
      await expect(convCommand.run(args('--output-padding', '1'), captureIO())).rejects.toThrow(
        '--output-padding applies to conv-transpose2d only',
      );
      await expect(convCommand.run(args('--bias='), captureIO())).rejects.toThrow(
        "--bias needs a value, got ''",
      );
      await expect(convCommand.run(args('--strides', '2'), captureIO())).rejects.toThrow(
        UsageError,
      );
      await expect(convCommand.run(args('extra.npy'), captureIO())).rejects.toThrow(UsageError);
    });

    it('returns an empty output for a batch of 0, as PyTorch does', async () => {
      const p = paths();
      const empty = join(dir, 'empty-x.npy');
      await writeFile(empty, encodeNpy(new Float32Array(0), [0, 1, 4, 4]));
      const io = captureIO();
      const status = await convCommand.run(
        ['--op', 'conv2d', '--input', empty, '--weight', p.weight, '--out', p.out],
        io,
      );
      expect(status).toBe(0);
      expect(io.stdout).toContain('conv2d 0×1×4×4 → 0×1×2×2: an empty batch, nothing to compute');
      const out = parseNpy(await readFile(p.out));
      expect(out.shape).toEqual([0, 1, 2, 2]);
      expect(out.data.length).toBe(0);
    });
  });
});
