import { describe, expect, it } from 'vitest';
import type { OnnxConvSpec } from '../../src/cli/bench/conv-onnx-model.js';
import { loadTfjsPeer } from '../../src/cli/bench/conv-tfjs-peer.js';
import {
  runConv2d,
  runConvTranspose2d,
  type ConvRunOptions,
  type Shape4,
} from '../../src/gpu/conv/conv-runner.js';
import { PipelineCache } from '../../src/gpu/pipeline-cache.js';
import { withGpu } from '../helpers/gpu-device.js';

function pseudoRandom(count: number, seed: number): Float32Array<ArrayBuffer> {
  return Float32Array.from({ length: count }, (_, i) => Math.sin(seed + i * 12.9898) * 0.5);
}

// The bench's three conv cases, small: TensorFlow.js's layouts (NHWC, its filter orders, its
// transposed-conv padding) must be translated right, or the bench compares different work.
const CASES: {
  title: string;
  input: Shape4;
  weight: Shape4;
  options: ConvRunOptions;
  spec: Pick<OnnxConvSpec, 'op' | 'attributes'>;
}[] = [
  {
    title: 'dense Conv2d 3 → 16, 3×3, padding 1',
    input: [1, 3, 16, 16],
    weight: [16, 3, 3, 3],
    options: { padding: 1 },
    spec: {
      op: 'Conv',
      attributes: { strides: [1, 1], dilations: [1, 1], pads: [1, 1, 1, 1], group: 1 },
    },
  },
  {
    title: 'ConvTranspose2d 16 → 8, 4×4, stride 2, padding 1',
    input: [1, 16, 8, 8],
    weight: [16, 8, 4, 4],
    options: { stride: 2, padding: 1 },
    spec: {
      op: 'ConvTranspose',
      attributes: { strides: [2, 2], dilations: [1, 1], pads: [1, 1, 1, 1], group: 1 },
    },
  },
  {
    title: 'depthwise Conv2d, groups 3, 3×3, padding 1',
    input: [1, 3, 16, 24],
    weight: [3, 1, 3, 3],
    options: { padding: 1, groups: 3 },
    spec: {
      op: 'Conv',
      attributes: { strides: [1, 1], dilations: [1, 1], pads: [1, 1, 1, 1], group: 3 },
    },
  },
];

describe('the TensorFlow.js bench peer', () => {
  it('runs on our device and agrees with our kernels on the bench cases', () =>
    withGpu(async ({ device }) => {
      const gpu = { device, pipelines: new PipelineCache(device) };
      for (const c of CASES) {
        const input = pseudoRandom(
          c.input.reduce((a, b) => a * b, 1),
          1,
        );
        const weight = pseudoRandom(
          c.weight.reduce((a, b) => a * b, 1),
          2,
        );
        const run = c.spec.op === 'Conv' ? runConv2d : runConvTranspose2d;
        const ours = await run(
          gpu,
          { data: input, shape: c.input },
          { data: weight, shape: c.weight },
          c.options,
        );
        const peer = await loadTfjsPeer(
          device,
          {
            ...c.spec,
            inputShape: c.input,
            outputShape: ours.shape,
            weight: { data: weight, shape: c.weight },
          },
          input,
        );
        if ('unavailable' in peer) throw new Error(`${c.title}: ${peer.unavailable}`);
        try {
          await peer.run();
          const theirs = await peer.output();
          expect(theirs.length, c.title).toBe(ours.data.length);
          let scale = 0;
          let diff = 0;
          for (let i = 0; i < theirs.length; i++) {
            scale = Math.max(scale, Math.abs(ours.data[i]));
            diff = Math.max(diff, Math.abs(ours.data[i] - theirs[i]));
          }
          // Both sum the same f32 products in different orders: a few ulps of the largest value.
          expect(diff / scale, c.title).toBeLessThan(1e-5);
        } finally {
          await peer.release();
        }
      }
    }));
});
