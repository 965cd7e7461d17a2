import { evaluationBatch, trainingBatch } from './gan-data.js';
import {
  finiteMetric,
  GAN_FATES,
  ganFate,
  energyDistance,
  modeQuality,
  type GanMetrics,
} from './gan-metrics.js';
import { ganMethodStep, initialMethodState, type FieldAt } from './gan-methods.js';
import { explicitParameters, initialParameters } from './gan-network.js';
import { ganField, ganModel, type GanModel } from './gan-objectives.js';
import { ganLearningRates, type GanRunSpec } from './gan-spec.js';
import { DRAW_PURPOSE, PhiloxStream } from './philox.js';

/** Both networks' flat parameter vectors (layouts in core/gan/gan-network.ts). */
export interface GanParameters {
  d: Float64Array;
  g: Float64Array;
}

export interface GanRun {
  metrics: GanMetrics;
  initial: GanParameters;
  /** The last finite parameters (where the metrics were taken). */
  final: GanParameters;
  /** With `record`: the parameters after every step, starting with the initial ones. */
  trajectory?: GanParameters[];
  /** With `record`: per step, −V_D and L_G on that step's last batch at the step's start. */
  losses?: { lossD: number[]; lossG: number[] };
}

/** The initial parameters: the explicit weights when the spec has them, else PyTorch's default initialisation from the seed. */
export function initialGanParameters(
  spec: GanRunSpec,
  model: GanModel = ganModel(spec.game),
): GanParameters {
  const { weights } = spec.game;
  if (weights !== undefined)
    return {
      d: explicitParameters(model.d, weights.discriminator),
      g: explicitParameters(model.g, weights.generator),
    };
  const stream = new PhiloxStream(spec.seed);
  return {
    d: initialParameters(model.d, stream, DRAW_PURPOSE.initDiscriminator),
    g: initialParameters(model.g, stream, DRAW_PURPOSE.initGenerator),
  };
}

function norm(...vectors: Float64Array[]): number {
  let s = 0;
  for (const v of vectors) for (const x of v) s += x * x;
  return Math.sqrt(s);
}

function allFinite(v: Float64Array): boolean {
  for (const x of v) if (!Number.isFinite(x)) return false;
  return true;
}

/**
 * The float64 reference of one GAN's training: `steps` outer steps, each dSteps − 1
 * discriminator-only steps and one step of both players, the method's. Draw number
 * (step − 1)·dSteps + sub picks each sub-step's batch from the cell's Philox stream. A run stops,
 * diverged, at the first step after which a network's parameter norm exceeds escapeNorm or a
 * parameter is not finite; the metrics then describe the last finite parameters.
 */
export function trainGan(spec: GanRunSpec, options: { record?: boolean } = {}): GanRun {
  const model = ganModel(spec.game);
  const stream = new PhiloxStream(spec.seed);
  const initial = initialGanParameters(spec, model);
  const state = initialMethodState(initial.d, initial.g);
  const { lrD, lrG } = ganLearningRates(spec);
  const settings = { lrD, lrG, clip: spec.game.clip };
  const escaped = (p: GanParameters) => norm(p.d) > spec.escapeNorm || norm(p.g) > spec.escapeNorm;
  const trajectory: GanParameters[] | undefined = options.record ? [copy(initial)] : undefined;
  const losses = options.record ? { lossD: [] as number[], lossG: [] as number[] } : undefined;

  let last: GanParameters = copy(initial);
  let escapeStep = escaped(initial) ? 0 : -1;
  let stepsRun = 0;
  for (let step = 1; step <= spec.steps && escapeStep < 0; step++) {
    let valueD = 0;
    let lossG = 0;
    for (let sub = 0; sub < spec.dSteps; sub++) {
      const batch = trainingBatch(stream, spec, (step - 1) * spec.dSteps + sub);
      const field: FieldAt = (d, g, request) => ganField(model, d, g, batch, request);
      const f = ganMethodStep(spec.method, state, field, settings, sub === spec.dSteps - 1);
      valueD = f.valueD;
      lossG = f.lossG;
    }
    stepsRun = step;
    losses?.lossD.push(-valueD);
    losses?.lossG.push(lossG);
    const now = { d: state.d, g: state.g };
    if (!allFinite(now.d) || !allFinite(now.g)) {
      escapeStep = step;
      break;
    }
    last = copy(now);
    trajectory?.push(copy(now));
    if (escaped(now)) escapeStep = step;
  }
  const metrics = evaluateGan(spec, initial, last, escapeStep, stepsRun, model);
  return {
    metrics,
    initial,
    final: last,
    ...(trajectory ? { trajectory } : {}),
    ...(losses ? { losses } : {}),
  };
}

function copy(p: GanParameters): GanParameters {
  return { d: Float64Array.from(p.d), g: Float64Array.from(p.g) };
}

/**
 * The metrics at parameters `at` (in float64, whatever trained them) on the cell's fixed
 * evaluation batches; `initial` is the start the norm growth is measured from.
 */
export function evaluateGan(
  spec: GanRunSpec,
  initial: GanParameters,
  at: GanParameters,
  escapeStep: number,
  stepsRun: number,
  model: GanModel = ganModel(spec.game),
): GanMetrics {
  const batch = evaluationBatch(new PhiloxStream(spec.seed), spec);
  const f = ganField(model, at.d, at.g, batch, { d: true, g: true, adjustment: false });
  const generated = f.generated;
  const quality = modeQuality(generated, spec.game.data);
  const start = norm(initial.d, initial.g);
  const end = norm(at.d, at.g);
  const partial = {
    modesCovered: quality.covered,
    highQualityFraction: quality.highQuality,
    energyDistance: finiteMetric(energyDistance(generated, batch.real)),
    lossD: finiteMetric(-f.valueD),
    lossG: finiteMetric(f.lossG),
    fieldNorm: finiteMetric(norm(f.d!, f.g!)),
    normGrowth: finiteMetric(start === 0 ? (end === 0 ? 1 : Number.MAX_VALUE) : end / start),
    escapeStep,
    stepsRun,
  };
  return { fate: GAN_FATES.indexOf(ganFate(spec.game.data, partial)), ...partial };
}
