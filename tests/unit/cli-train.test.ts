import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError, type CliIO } from '../../src/cli/command.js';
import { commands } from '../../src/cli/commands/index.js';
import { checkpointSteps, trainCommand } from '../../src/cli/commands/train.js';
import {
  evaluationBatch,
  ganCellSpec,
  ganField,
  ganModel,
  linearWeights,
  parseGanRunSpec,
  parseGanSweepSpec,
  PhiloxStream,
  referenceGanSweep,
  GAN_METRIC_NAMES,
  trainGan,
  trainingBatch,
  type GanRunSpec,
} from '../../src/core/gan/index.js';

const dir = mkdtempSync(join(tmpdir(), 'saddle-stride-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (t) => stdout.push(t),
    err: (t) => stderr.push(t),
    interactive: false,
  };
}

let files = 0;
function specFile(json: unknown): string {
  const file = join(dir, `spec-${files++}.json`);
  writeFileSync(file, JSON.stringify(json));
  return file;
}

/** A small sweep: 3 × 2 GANs on a ring, tiny networks, a few steps. */
const smallSweep = {
  game: {
    name: 'mlp-gan',
    data: { kind: 'ring', modes: 4 },
    generator: { latent: 2, layers: 1, width: 4 },
    discriminator: { layers: 1, width: 4, activation: 'tanh' },
  },
  method: { name: 'alt-gda', order: 'y-first' },
  steps: 12,
  batch: 8,
  evalBatch: 16,
  seed: 7,
  axes: {
    x: { param: 'lrD', from: 0.01, to: 0.1, count: 3, scale: 'log' },
    y: { param: 'game.generator.width', from: 2, to: 5, count: 2 },
  },
};

async function train(args: string[]) {
  const io = capture();
  const status = await trainCommand.run(args, io);
  return { status, io };
}

const norm = (v: Float64Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

describe('saddle-stride train: checks before any work', () => {
  it('is listed among the commands', () => {
    expect(commands.map((c) => c.name)).toContain('train');
  });

  it.each<[string, string[], RegExp]>([
    ['no spec', ['--out', 'x'], /no spec file/],
    ['no --out', ['spec.json'], /--out DIR is required/],
    ['an empty --out', ['spec.json', '--out', ''], /--out needs a directory/],
    ['two spec files', ['a.json', 'b.json', '--out', 'x'], /unexpected argument 'b.json'/],
    ['an unknown option', ['a.json', '--out', 'x', '--bogus'], /bogus/],
    ['a bad --cell', ['a.json', '--out', 'x', '--cell', '1'], /--cell must be two cell indices/],
    ['a negative --cell', ['a.json', '--out', 'x', '--cell', '-1,2'], /--cell/],
    ['a bad --checkpoints', ['a.json', '--out', 'x', '--checkpoints', '2.5'], /--checkpoints/],
    ['too many checkpoints', ['a.json', '--out', 'x', '--checkpoints', '1001'], /0 to 1000/],
  ])('refuses %s (UsageError: exit status 2)', async (_, args, message) => {
    await expect(trainCommand.run(args, capture())).rejects.toThrow(UsageError);
    await expect(trainCommand.run(args, capture())).rejects.toThrow(message);
  });

  it('refuses a missing file, bad JSON and a scalar game, naming the file', async () => {
    const out = join(dir, 'never');
    const missing = join(dir, 'missing.json');
    await expect(train([missing, '--out', out])).rejects.toThrow(`cannot read ${missing}`);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ game');
    await expect(train([bad, '--out', out])).rejects.toThrow(`${bad} is not JSON`);
    const scalar = specFile({ game: 'dirac-gan' });
    await expect(train([scalar, '--out', out])).rejects.toThrow(
      /mlp-gan specs only.*not 'dirac-gan'; use sweep/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('refuses an invalid spec naming the file and the field', async () => {
    const file = specFile({ ...smallSweep, game: { ...smallSweep.game, loss: 'lsgan' } });
    await expect(train([file, '--cell', '0,0', '--out', join(dir, 'never')])).rejects.toThrow(
      `${file}: game.loss: must be one of`,
    );
    const plain = specFile({ game: { name: 'mlp-gan', generator: { width: 99 } } });
    await expect(train([plain, '--out', join(dir, 'never')])).rejects.toThrow(
      `${plain}: game.generator.width: must be an integer from 1 to 64, got 99`,
    );
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it('needs --cell for a sweep spec, inside the grid', async () => {
    const file = specFile(smallSweep);
    const out = join(dir, 'never');
    await expect(train([file, '--out', out])).rejects.toThrow(
      /sweep of 3 × 2 GANs: --cell IX,IY picks one/,
    );
    await expect(train([file, '--cell', '3,0', '--out', out])).rejects.toThrow(
      /IX must be from 0 to 2 \(axis lrD has 3 cells\)/,
    );
    await expect(train([file, '--cell', '0,2', '--out', out])).rejects.toThrow(
      /IY must be from 0 to 1/,
    );
    const plain = specFile({ game: 'mlp-gan', steps: 2 });
    await expect(train([plain, '--cell', '1,0', '--out', out])).rejects.toThrow(
      /has no axes, so its one run is cell 0,0/,
    );
    expect(existsSync(out)).toBe(false);
  });
});

describe('saddle-stride train: run.json', () => {
  it('checkpoints at round(k·steps/N), step 0 first, no repeats', () => {
    expect(checkpointSteps(100, 10)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(checkpointSteps(5, 10)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(checkpointSteps(7, 3)).toEqual([0, 2, 5, 7]);
    expect(checkpointSteps(7, 0)).toEqual([0]);
  });

  it('writes the cell’s run: spec, history, checkpoints, metrics and weights as the reference gives them', async () => {
    const file = specFile(smallSweep);
    const out = join(dir, 'cell');
    const { status, io } = await train([file, '--cell', '2,1', '--out', out, '--checkpoints', '4']);
    expect(status).toBe(0);
    expect(io.stdout.join('')).toMatch(
      /^cell 2,1 \(lrD = 0\.1, game\.generator\.width = 5\): 12 steps of alt-gda/,
    );
    expect(io.stdout.join('')).toContain(`wrote ${join(out, 'run.json')}`);
    const json = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));

    const cell: GanRunSpec = ganCellSpec(parseGanSweepSpec(smallSweep), 2, 1);
    expect(json.spec).toEqual(JSON.parse(JSON.stringify(cell)));
    expect(json.spec.game.generator.width).toBe(5);
    expect(json.cell).toEqual({
      ix: 2,
      iy: 1,
      x: { param: 'lrD', value: 0.1 },
      y: { param: 'game.generator.width', value: 5 },
    });

    // The reference, run independently with every step recorded.
    const run = trainGan(cell, { record: true });
    expect(json.stepsRun).toBe(12);
    expect(json.history.lossD).toEqual(run.losses!.lossD);
    expect(json.history.lossG).toEqual(run.losses!.lossG);
    // Gradient norms at each step's start, on its batch (alt-gda returns one player's field only).
    const model = ganModel(cell.game);
    const stream = new PhiloxStream(cell.seed);
    for (let k = 1; k <= 12; k++) {
      const p = run.trajectory![k - 1];
      const f = ganField(model, p.d, p.g, trainingBatch(stream, cell, k - 1), {
        d: true,
        g: true,
        adjustment: false,
      });
      expect(json.history.gradNormD[k - 1]).toBeCloseTo(norm(f.d!), 14);
      expect(json.history.gradNormG[k - 1]).toBeCloseTo(norm(f.g!), 14);
      expect(json.history.lossD[k - 1]).toBeCloseTo(-f.valueD, 14);
    }
    // Samples: G on the evaluation latent batch at steps 0, 3, 6, 9, 12.
    expect(json.checkpointSchedule).toEqual({ count: 4, steps: [0, 3, 6, 9, 12] });
    expect(json.checkpoints.map((c: { step: number }) => c.step)).toEqual([0, 3, 6, 9, 12]);
    const evaluation = evaluationBatch(new PhiloxStream(cell.seed), cell);
    for (const { step, samples } of json.checkpoints) {
      const p = run.trajectory![step];
      const generated = ganField(model, p.d, p.g, evaluation, {
        d: false,
        g: false,
        adjustment: false,
      }).generated;
      expect(samples).toHaveLength(16);
      expect(samples.flat()).toEqual(Array.from(generated.values));
    }
    // Metrics and weights in nn.Linear's layout.
    const { fateName, ...metrics } = json.metrics;
    expect(metrics).toEqual(run.metrics);
    expect(fateName).toBe(['converged', 'cycling', 'mode-collapsed', 'diverged'][run.metrics.fate]);
    expect(json.weights.initial.generator).toEqual(linearWeights(model.g, run.initial.g));
    expect(json.weights.final.discriminator).toEqual(linearWeights(model.d, run.final.d));
    expect(json.weights.final.generator[0].weight).toHaveLength(5); // [out][in]
    expect(json.weights.final.generator[0].weight[0]).toHaveLength(2);
    expect(json.layers.generator).toEqual([
      { in: 2, out: 5, bias: true, activation: 'relu' },
      { in: 5, out: 2, bias: true, activation: null },
    ]);
    expect(json.layers.discriminator[0]).toEqual({ in: 2, out: 4, bias: true, activation: 'tanh' });
  });

  it('every cell’s run.json metrics are the reference sweep’s for that cell (x index first)', async () => {
    const file = specFile(smallSweep);
    const sweep = await referenceGanSweep(parseGanSweepSpec(smallSweep));
    for (const [ix, iy] of [
      [0, 0],
      [2, 0],
      [1, 1],
    ]) {
      const out = join(dir, `cell-${ix}-${iy}`);
      await train([file, '--cell', `${ix},${iy}`, '--out', out]);
      const { metrics } = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
      for (const name of GAN_METRIC_NAMES)
        expect(metrics[name], `${name} at ${ix},${iy}`).toBe(sweep.metrics[name][iy * 3 + ix]);
    }
    // The cells differ, so a swapped index would show.
    expect(new Set(sweep.metrics.energyDistance).size).toBe(6);
  });

  it('keeping history and checkpoints changes none of the numbers trainGan computes', () => {
    const cell = ganCellSpec(parseGanSweepSpec({ ...smallSweep, method: 'consensus' }), 1, 0);
    const plain = trainGan(cell);
    const kept = trainGan(cell, { history: true, checkpoints: [0, 5, 12] });
    expect(kept.metrics).toEqual(plain.metrics);
    expect(kept.final).toEqual(plain.final);
    expect(kept.checkpoints!.map((c) => c.step)).toEqual([0, 5, 12]);
    expect(kept.history!.gradNormD).toHaveLength(12);
  });

  it('a diverged run ends its checkpoints at the last finite step, where the metrics are', async () => {
    const spec = {
      game: 'mlp-gan',
      method: 'sim-gda',
      lr: 5,
      steps: 50,
      batch: 8,
      evalBatch: 8,
      escapeNorm: 20,
    };
    const out = join(dir, 'diverged');
    const { status } = await train([specFile(spec), '--out', out, '--cell', '0,0']);
    expect(status).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    const plain = parseGanRunSpec({ ...spec, game: undefined });
    const run = trainGan(plain);
    expect(run.metrics.escapeStep).toBeGreaterThan(0);
    expect(json.metrics.escapeStep).toBe(run.metrics.escapeStep);
    expect(json.metrics.fateName).toBe('diverged');
    expect(json.history.lossD).toHaveLength(run.metrics.stepsRun);
    const steps = json.checkpoints.map((c: { step: number }) => c.step);
    expect(steps.at(-1)).toBe(run.finalStep);
    expect(steps.every((s: number) => s <= run.finalStep)).toBe(true);
    expect(json.weights.final.discriminator).toEqual(
      linearWeights(ganModel(plain.game).d, run.final.d),
    );
  });

  it('--checkpoints 0 keeps the start and the end only', async () => {
    const out = join(dir, 'ends');
    const file = specFile({ game: 'mlp-gan', steps: 7, batch: 4, evalBatch: 5 });
    await train([file, '--out', out, '--checkpoints', '0']);
    const json = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(json.checkpointSchedule).toEqual({ count: 0, steps: [0] });
    expect(json.checkpoints.map((c: { step: number }) => c.step)).toEqual([0, 7]);
    expect(json.checkpoints[1].samples).toHaveLength(5);
    expect(json.cell).toBeNull();
  });

  it('replaces an earlier run.json and leaves no temporary file', async () => {
    const out = join(dir, 'again');
    const file = specFile({ game: 'mlp-gan', steps: 3, batch: 4, evalBatch: 4 });
    await train([file, '--out', out]);
    const first = readFileSync(join(out, 'run.json'), 'utf8');
    writeFileSync(file, JSON.stringify({ game: 'mlp-gan', steps: 4, batch: 4, evalBatch: 4 }));
    await train([file, '--out', out]);
    const second = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(second.stepsRun).toBe(4);
    expect(JSON.parse(first).stepsRun).toBe(3);
    expect(
      readFileSync(join(out, 'run.json'), 'utf8').includes('"spec"') &&
        !existsSync(join(out, `.run.json.partial-${process.pid}`)),
    ).toBe(true);
  });
});
