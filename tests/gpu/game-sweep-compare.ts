import { expect } from 'vitest';
import {
  CONVERGED_RADIUS,
  fateBand,
  parseSweepSpec,
  simulateSweep,
  type SweepSpec,
} from '../../src/core/games/index.js';
import { runSweep, type SweepResult } from '../../src/gpu/game/game-sweep-runner.js';
import { PipelineCache } from '../../src/gpu/pipeline-cache.js';
import { testDevice } from '../helpers/gpu-device.js';

let pipelines: PipelineCache | undefined;

/** The shared test device with one pipeline cache for every game test file. */
export async function gameGpu(): Promise<{ device: GPUDevice; pipelines: PipelineCache }> {
  const { device } = await testDevice();
  pipelines ??= new PipelineCache(device);
  return { device, pipelines };
}

/** A sweep on the GPU with validation errors turned into a failure. */
export async function gpuSweep(
  specJson: unknown,
  options?: Parameters<typeof runSweep>[2],
): Promise<SweepResult> {
  const gpu = await gameGpu();
  gpu.device.pushErrorScope('validation');
  const result = await runSweep(gpu, parseSweepSpec(specJson), options).finally(async () => {
    const error = await gpu.device.popErrorScope();
    if (error) throw new Error(`WebGPU validation error: ${error.message}`);
  });
  return result;
}

/**
 * Tolerances for f32 GPU results against the float64 oracle. Every step rounds each coordinate
 * a few times at 2⁻²⁴ relative, and the error a step makes is carried (and, on an expanding map,
 * amplified like the state itself) by later steps, so after k steps the relative error is about
 * k · 2⁻²⁴ · κ, κ the conditioning of the map and of the field's functions (GPU sin/exp/log are
 * good to a few ulp). For the few hundred steps these tests play, with κ up to ~100,
 * k·2⁻²⁴·κ ≈ 300 · 6e-8 · 100 ≈ 2e-3: `relative` bounds coordinates and radii, measured against
 * the largest radius the game reached (an error made at a large radius stays absolute when the
 * game then shrinks). The growth rate is (ln r_k − ln r₀)/k, so its absolute error is the
 * relative error of r_k divided by k ≥ 1, plus f32 log's own ~1e-7 · |ln r|.
 */
export interface Tolerances {
  relative: number;
}

export const DEFAULT_TOLERANCES: Tolerances = { relative: 2e-3 };

/** Cells where the GPU and the CPU disagree beyond the tolerances, described for the failure message. */
export function disagreements(
  spec: SweepSpec,
  gpu: SweepResult,
  cpu: Awaited<ReturnType<typeof simulateSweep>>,
  tolerances: Tolerances = DEFAULT_TOLERANCES,
): string[] {
  const problems: string[] = [];
  const g = gpu.metrics;
  const c = cpu.metrics;
  const { relative } = tolerances;
  for (let i = 0; i < c.radius.length; i++) {
    const where = `cell ${i} (${spec.axes.x.param}=${cpu.xValues[i % cpu.xValues.length]}, ${spec.axes.y.param}=${cpu.yValues[Math.floor(i / cpu.xValues.length)]})`;
    const escapeCpu = c.escapeStep[i];
    const escapeGpu = g.escapeStep[i];
    if (escapeCpu !== escapeGpu) {
      // f32 may cross the escape radius one step sooner or later, or graze it without crossing.
      const grazing = Math.abs(c.maxRadius[i] / spec.escapeRadius - 1) < 10 * relative;
      const offByOne = escapeCpu >= 0 && escapeGpu >= 0 && Math.abs(escapeCpu - escapeGpu) === 1;
      if (!grazing && !offByOne)
        problems.push(`${where}: escapeStep gpu ${escapeGpu}, cpu ${escapeCpu}`);
      continue;
    }
    const scale = Math.max(c.maxRadius[i], 1e-30);
    const near = (name: string, a: number, b: number, tol: number) => {
      if (!(Math.abs(a - b) <= tol)) problems.push(`${where}: ${name} gpu ${a}, cpu ${b}`);
    };
    const state = relative * scale;
    near('finalX', g.finalX[i], c.finalX[i], state);
    near('finalY', g.finalY[i], c.finalY[i], state);
    near('radius', g.radius[i], c.radius[i], state);
    near('maxRadius', g.maxRadius[i], c.maxRadius[i], state);
    const rateTolerance = relative + 1e-6 * Math.abs(Math.log(scale));
    near('growthRate', g.growthRate[i], c.growthRate[i], rateTolerance);
    // The fate is the reference's exactly, except where the growth rate lies within its tolerance
    // of the neutral band's edge or the radius within the tolerance of CONVERGED_RADIUS.
    if (g.fate[i] !== c.fate[i]) {
      const band = fateBand(cpu.spec.steps);
      const atEdge = Math.abs(Math.abs(c.growthRate[i]) - band) <= rateTolerance;
      const atConverged = Math.abs(c.radius[i] / CONVERGED_RADIUS - 1) < 10 * relative;
      if (!atEdge && !atConverged)
        problems.push(`${where}: fate gpu ${g.fate[i]}, cpu ${c.fate[i]}`);
    }
  }
  return problems;
}

/** Runs a spec on both and expects agreement; returns both results for further checks. */
export async function expectGpuMatchesCpu(specJson: unknown, tolerances?: Tolerances) {
  const spec = parseSweepSpec(specJson);
  const gpu = await gpuSweep(spec);
  const cpu = await simulateSweep(spec);
  expect(disagreements(spec, gpu, cpu, tolerances)).toEqual([]);
  return { spec, gpu, cpu };
}
