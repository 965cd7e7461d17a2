import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchCommand } from '../../src/cli/commands/bench.js';

// Not a timed test: it checks that `bench --json` writes every figure the issues name, each a
// positive finite number, with the adapter's name. What the figures are is for people to read.
const NAMED_FIGURES = [
  'fma_gflops',
  'sim_gda_steps_per_s',
  'eg_steps_per_s',
  'adam_steps_per_s',
  'bare_sim_gda_steps_per_s',
  'js_sim_gda_steps_per_s',
  'sim_gda_growth_rate_steps_per_s',
  'sim_gda_growth_rate_max_radius_steps_per_s',
  'sweep_vs_bare',
  'sweep_maxradius_vs_bare',
  'sweep_general_vs_bare',
  'sweep_run_vs_bare',
  'gpu_vs_js',
  'conv_fast_gflops',
  'conv_transpose_fast_gflops',
  'conv_fast_vs_peer',
  'conv_transpose_fast_vs_peer',
  // Each figure's range over its samples, and useful FLOP/s against the fma peak.
  'fma_gflops_min',
  'fma_gflops_max',
  'sweep_vs_bare_min',
  'sweep_vs_bare_max',
  'sim_gda_growth_rate_useful_gflops',
  'sim_gda_growth_rate_useful_pct_of_fma_peak',
  'bare_sim_gda_useful_pct_of_fma_peak',
  'conv_fast_pct_of_fma_peak',
  'conv_depthwise_fast_gflops',
  'conv_depthwise_vs_dense',
  'conv_fast_vs_tfjs',
  'conv_transpose_fast_vs_tfjs',
  'conv_depthwise_fast_vs_tfjs',
  'gan_steps_per_s',
  'gan_steps_per_s_min',
  'gan_steps_per_s_max',
  'gan_gflops',
  'gan_pct_of_fma_peak',
  'gan_flops_per_step',
  'gan_metrics_ms_per_cell',
];

describe('npm run bench -- --json FILE', () => {
  it('refuses a --json file it could not write, and an unknown --only, before measuring anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-'));
    let printed = '';
    const io = { out: (t: string) => (printed += t), err: () => {}, interactive: false };
    try {
      for (const [args, message] of [
        [['--json', join(dir, 'missing', 'figures.json')], /no folder/],
        [['--json', dir], /is a directory/],
        [['--json', ''], /needs a file name/],
        [['--only', 'nothing'], /--only takes one of fma, sweep, conv, gan/],
      ] as const) {
        await expect(benchCommand.run([...args], io)).rejects.toThrow(message);
      }
      // Not even the adapter line: the refusal comes before the device is asked for.
      expect(printed).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it(
    'writes the adapter and every named figure as a positive number',
    // Every suite in --quick sizes: about 15 minutes on SwiftShader on a loaded 2-core machine.
    { timeout: 1_800_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'bench-'));
      const file = join(dir, 'figures.json');
      let printed = '';
      const io = { out: (t: string) => (printed += t), err: () => {}, interactive: false };
      let adapter: string;
      let figures: Record<string, number>;
      try {
        expect(await benchCommand.run(['--quick', '--json', file], io)).toBe(0);
        ({ adapter, figures } = JSON.parse(readFileSync(file, 'utf8')));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      expect(adapter).toMatch(/\S/);
      expect(printed).toContain(`adapter: ${adapter}`);
      for (const name of NAMED_FIGURES) {
        expect.soft(figures[name], name).toBeGreaterThan(0);
        expect.soft(Number.isFinite(figures[name]), name).toBe(true);
      }
    },
  );
});
