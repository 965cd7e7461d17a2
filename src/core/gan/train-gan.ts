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

/** What one outer step of training gives: −V_D and L_G at the start of its last sub-step, and with `gradNorms` the two players' field norms there. */
export interface GanStepRecord {
  step: number;
  lossD: number;
  lossG: number;
  gradNormD?: number;
  gradNormG?: number;
}

/**
 * The float64 reference's training loop, one outer step at a time (trainGan runs it to the end;
 * the page's replay runs it in slices): each step is dSteps − 1 discriminator-only sub-steps and
 * one step of both players, the method's. Draw number (step − 1)·dSteps + sub picks each
 * sub-step's batch from the cell's Philox stream. A run stops, diverged, at the first step after
 * which a network's parameter norm exceeds escapeNorm or a parameter is not finite; `last` is
 * always the last finite parameters, reached after step `finalStep`.
 */
export class GanTrainer {
  readonly model: GanModel;
  readonly initial: GanParameters;
  last: GanParameters;
  finalStep = 0;
  escapeStep: number;
  stepsRun = 0;
  private readonly stream: PhiloxStream;
  private readonly state: ReturnType<typeof initialMethodState>;
  private readonly settings: { lrD: number; lrG: number; clip: number };

  constructor(
    readonly spec: GanRunSpec,
    /** Also give the field's norms per player at each step's last sub-step (an extra evaluation for alt-gda). */
    private readonly gradNorms = false,
  ) {
    this.model = ganModel(spec.game);
    this.stream = new PhiloxStream(spec.seed);
    this.initial = initialGanParameters(spec, this.model);
    this.state = initialMethodState(this.initial.d, this.initial.g);
    this.settings = { ...ganLearningRates(spec), clip: spec.game.clip };
    this.last = copy(this.initial);
    this.escapeStep = this.escaped(this.initial) ? 0 : -1;
  }

  /** Whether the run is over: every step taken, or diverged. */
  get done(): boolean {
    return this.escapeStep >= 0 || this.stepsRun >= this.spec.steps;
  }

  /** Takes the next outer step (only while not done). */
  step(): GanStepRecord {
    const { spec, state, model } = this;
    const step = this.stepsRun + 1;
    const record: GanStepRecord = { step, lossD: 0, lossG: 0 };
    for (let sub = 0; sub < spec.dSteps; sub++) {
      const batch = trainingBatch(this.stream, spec, (step - 1) * spec.dSteps + sub);
      const field: FieldAt = (d, g, request) => ganField(model, d, g, batch, request);
      const last = sub === spec.dSteps - 1;
      const start = this.gradNorms && last ? copy(state) : undefined;
      const f = ganMethodStep(spec.method, state, field, this.settings, last);
      record.lossD = -f.valueD;
      record.lossG = f.lossG;
      if (start) {
        // Methods that evaluate one player's field first (alt-gda) return only that one: the
        // other is evaluated here, at the same point, for the record alone.
        const both =
          f.d && f.g ? f : field(start.d, start.g, { d: true, g: true, adjustment: false });
        record.gradNormD = norm(both.d!);
        record.gradNormG = norm(both.g!);
      }
    }
    this.stepsRun = step;
    const now = { d: state.d, g: state.g };
    if (!allFinite(now.d) || !allFinite(now.g)) {
      this.escapeStep = step;
      return record;
    }
    this.last = copy(now);
    this.finalStep = step;
    if (this.escaped(now)) this.escapeStep = step;
    return record;
  }

  /** The metrics at the last finite parameters. */
  metrics(): GanMetrics {
    return evaluateGan(
      this.spec,
      this.initial,
      this.last,
      this.escapeStep,
      this.stepsRun,
      this.model,
    );
  }

  private escaped(p: GanParameters): boolean {
    return norm(p.d) > this.spec.escapeNorm || norm(p.g) > this.spec.escapeNorm;
  }
}

/** One GAN's training by the float64 reference (GanTrainer to the end), with what `options` asks kept. */
export function trainGan(spec: GanRunSpec, options: TrainGanOptions = {}): GanRun {
  const trainer = new GanTrainer(spec, options.history === true);
  const { initial } = trainer;
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

  while (!trainer.done) {
    const r = trainer.step();
    losses?.lossD.push(r.lossD);
    losses?.lossG.push(r.lossG);
    if (history) {
      history.lossD.push(r.lossD);
      history.lossG.push(r.lossG);
      history.gradNormD.push(r.gradNormD!);
      history.gradNormG.push(r.gradNormG!);
    }
    options.onStep?.(r.step);
    if (trainer.finalStep !== r.step) break;
    trajectory?.push(copy(trainer.last));
    if (wanted.has(r.step)) checkpoints?.push({ step: r.step, parameters: copy(trainer.last) });
  }
  return {
    metrics: trainer.metrics(),
    initial,
    final: trainer.last,
    finalStep: trainer.finalStep,
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
