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
  /** The step after which `final` was reached (0: the initial parameters). */
  finalStep: number;
  /** With `record`: the parameters after every step, starting with the initial ones. */
  trajectory?: GanParameters[];
  /**
   * With `record`: per step, −V_D and L_G at the start of the step's last sub-step (after its
   * discriminator-only sub-steps), on that sub-step's batch.
   */
  losses?: { lossD: number[]; lossG: number[] };
  /** With `history`: the losses above and the field's norm per player at the same point. */
  history?: GanHistory;
  /** With `checkpoints`: the parameters at those of the listed steps the run reached, in step order. */
  checkpoints?: { step: number; parameters: GanParameters }[];
}

/**
 * Per outer step k (entry k − 1), at the start of the step's last sub-step, on that sub-step's
 * batch: −V_D, L_G, ‖∇_D V_D‖ and ‖∇_G L_G‖ (penalties included; the norms of v_D and v_G).
 */
export interface GanHistory {
  lossD: number[];
  lossG: number[];
  gradNormD: number[];
  gradNormG: number[];
}

export interface TrainGanOptions {
  /** Keep the parameters after every step (`trajectory`) and the per-step losses (`losses`). */
  record?: boolean;
  /** Keep the per-step losses and gradient norms (`history`), without the trajectory. */
  history?: boolean;
  /**
   * Steps (0: the initial parameters) whose parameters to keep in `checkpoints`; a step the run
   * did not reach (it diverged first), or whose parameters were not finite, is left out.
   */
  checkpoints?: readonly number[];
  /** Called after each outer step with its number (for progress). */
  onStep?(step: number): void;
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
export function trainGan(spec: GanRunSpec, options: TrainGanOptions = {}): GanRun {
  const model = ganModel(spec.game);
  const stream = new PhiloxStream(spec.seed);
  const initial = initialGanParameters(spec, model);
  const state = initialMethodState(initial.d, initial.g);
  const { lrD, lrG } = ganLearningRates(spec);
  const settings = { lrD, lrG, clip: spec.game.clip };
  const escaped = (p: GanParameters) => norm(p.d) > spec.escapeNorm || norm(p.g) > spec.escapeNorm;
  const trajectory: GanParameters[] | undefined = options.record ? [copy(initial)] : undefined;
  const losses = options.record ? { lossD: [] as number[], lossG: [] as number[] } : undefined;
  const history: GanHistory | undefined = options.history
    ? { lossD: [], lossG: [], gradNormD: [], gradNormG: [] }
    : undefined;
  const wanted = new Set(options.checkpoints ?? []);
  const checkpoints: { step: number; parameters: GanParameters }[] | undefined = options.checkpoints
    ? []
    : undefined;
  if (wanted.has(0)) checkpoints?.push({ step: 0, parameters: copy(initial) });

  let last: GanParameters = copy(initial);
  let finalStep = 0;
  let escapeStep = escaped(initial) ? 0 : -1;
  let stepsRun = 0;
  for (let step = 1; step <= spec.steps && escapeStep < 0; step++) {
    let valueD = 0;
    let lossG = 0;
    for (let sub = 0; sub < spec.dSteps; sub++) {
      const batch = trainingBatch(stream, spec, (step - 1) * spec.dSteps + sub);
      const field: FieldAt = (d, g, request) => ganField(model, d, g, batch, request);
      const last = sub === spec.dSteps - 1;
      const start = history && last ? copy(state) : undefined;
      const f = ganMethodStep(spec.method, state, field, settings, last);
      valueD = f.valueD;
      lossG = f.lossG;
      if (start) {
        // Methods that evaluate one player's field first (alt-gda) return only that one: the
        // other is evaluated here, at the same point, for the record alone.
        const both =
          f.d && f.g ? f : field(start.d, start.g, { d: true, g: true, adjustment: false });
        history!.gradNormD.push(norm(both.d!));
        history!.gradNormG.push(norm(both.g!));
      }
    }
    stepsRun = step;
    losses?.lossD.push(-valueD);
    losses?.lossG.push(lossG);
    history?.lossD.push(-valueD);
    history?.lossG.push(lossG);
    options.onStep?.(step);
    const now = { d: state.d, g: state.g };
    if (!allFinite(now.d) || !allFinite(now.g)) {
      escapeStep = step;
      break;
    }
    last = copy(now);
    finalStep = step;
    trajectory?.push(copy(now));
    if (wanted.has(step)) checkpoints?.push({ step, parameters: copy(now) });
    if (escaped(now)) escapeStep = step;
  }
  const metrics = evaluateGan(spec, initial, last, escapeStep, stepsRun, model);
  return {
    metrics,
    initial,
    final: last,
    finalStep,
    ...(trajectory ? { trajectory } : {}),
    ...(losses ? { losses } : {}),
    ...(history ? { history } : {}),
    ...(checkpoints ? { checkpoints } : {}),
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
