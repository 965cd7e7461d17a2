import { describe, expect, it } from 'vitest';
import {
  PhiloxStream,
  evaluationBatch,
  ganField,
  ganModel,
  parseGanRunSpec,
  trainGan,
} from '../../src/core/gan/index.js';
import {
  frameAt,
  frameStride,
  discriminate,
  generate,
  latentGrid,
  MAX_REPLAY_FRAMES,
  replayGan,
} from '../../src/labs/gan/gan-replay.js';

const small = { layers: 1, width: 4 };
const spec = (extra: Record<string, unknown>) =>
  parseGanRunSpec({
    game: { name: 'mlp-gan', generator: { ...small, latent: 2 }, discriminator: small },
    batch: 8,
    evalBatch: 16,
    steps: 30,
    ...extra,
  });

describe('the sliced replay trains exactly as trainGan', () => {
  it.each([
    ['sim-gda', spec({ method: 'sim-gda', lr: 0.05 })],
    ['adam, 2 D steps', spec({ method: { name: 'adam', beta1: 0.5 }, lr: 0.01, dSteps: 2 })],
    [
      'momentum β < 0, 1-D data',
      spec({
        method: { name: 'momentum', beta: -0.5 },
        lr: 0.05,
        game: {
          name: 'mlp-gan',
          data: { kind: 'mixture1d' },
          generator: { ...small, latent: 1 },
          discriminator: small,
        },
      }),
    ],
    ['diverging', spec({ method: 'sim-gda', lr: 40, escapeNorm: 50 })],
  ])('%s', async (_, s) => {
    const reference = trainGan(s, { record: true });
    // A zero-length slice yields after every step: the slicing must not change a number.
    const replay = await replayGan(s, { sliceMs: 0 });
    expect(replay.metrics).toEqual(reference.metrics);
    expect(Array.from(replay.lossD)).toEqual(reference.losses!.lossD);
    expect(Array.from(replay.lossG)).toEqual(reference.losses!.lossG);
    const traj = reference.trajectory!;
    for (const frame of replay.frames) {
      expect(frame.params.d).toEqual(traj[frame.step].d);
      expect(frame.params.g).toEqual(traj[frame.step].g);
    }
    expect(replay.frames.at(-1)!.params).toEqual(reference.final);
  });
});

describe('snapshots', () => {
  it('keep at most MAX_REPLAY_FRAMES, evenly spaced, the last step always', async () => {
    const s = spec({ steps: 1500, lr: 0.01 });
    expect(frameStride(1500)).toBe(3);
    const replay = await replayGan(s);
    expect(replay.frames.length).toBeLessThanOrEqual(MAX_REPLAY_FRAMES + 2);
    expect(replay.frames[0].step).toBe(0);
    expect(replay.frames[1].step).toBe(3);
    expect(replay.frames.at(-1)!.step).toBe(1500);
    expect(frameAt(replay, 4).step).toBe(3);
    expect(frameAt(replay, 1500).step).toBe(1500);
    expect(frameAt(replay, 0).step).toBe(0);
  }, 60_000);

  it('is cancelled between slices', async () => {
    const abort = new AbortController();
    const run = replayGan(spec({ steps: 5000 }), {
      signal: abort.signal,
      sliceMs: 0,
      onProgress: (f) => {
        if (f > 0.01) abort.abort(new Error('stop'));
      },
    });
    await expect(run).rejects.toThrow('stop');
  });
});

describe('the pictures’ inputs', () => {
  it('G and D of the replay agree with the reference field on the evaluation batch', () => {
    const s = spec({ steps: 5 });
    const run = trainGan(s);
    const model = ganModel(s.game);
    const batch = evaluationBatch(new PhiloxStream(s.seed), s);
    const f = ganField(model, run.final.d, run.final.g, batch, {
      d: true,
      g: true,
      adjustment: false,
    });
    const fake = generate(model, run.final.g, batch.latent);
    expect(Array.from(fake.values)).toEqual(Array.from(f.generated.values));
    // Non-saturating V_D = −E softplus(−D(x)) − E softplus(D(G(z))), from D's logits.
    const softplus = (u: number) => Math.log1p(Math.exp(u));
    const mean = (a: Float64Array, h: (t: number) => number) =>
      a.reduce((s, t) => s + h(t), 0) / a.length;
    const onReal = discriminate(model, run.final.d, batch.real);
    const onFake = discriminate(model, run.final.d, fake);
    expect(-mean(onReal, (t) => softplus(-t)) - mean(onFake, softplus)).toBeCloseTo(f.valueD, 12);
  });

  it('the latent grid spans ±2 along the first two coordinates', () => {
    const s = spec({ steps: 5 });
    const grid = latentGrid(s, 5);
    expect(grid.count).toBe(25);
    expect(Array.from(grid.values.subarray(0, 4))).toEqual([-2, -2, -1, -2]);
    expect(Array.from(grid.values.subarray(48, 50))).toEqual([2, 2]);
  });
});
