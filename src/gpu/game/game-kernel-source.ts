import gamePlayWgsl from '../../../shaders/game/game-play.wgsl?raw';
import gameSweepWgsl from '../../../shaders/game/game-sweep.wgsl?raw';
import adamWgsl from '../../../shaders/game/methods/adam.wgsl?raw';
import altGdaWgsl from '../../../shaders/game/methods/alt-gda.wgsl?raw';
import consensusWgsl from '../../../shaders/game/methods/consensus.wgsl?raw';
import egWgsl from '../../../shaders/game/methods/eg.wgsl?raw';
import hgdWgsl from '../../../shaders/game/methods/hgd.wgsl?raw';
import momentumWgsl from '../../../shaders/game/methods/momentum.wgsl?raw';
import ogdaWgsl from '../../../shaders/game/methods/ogda.wgsl?raw';
import sgaWgsl from '../../../shaders/game/methods/sga.wgsl?raw';
import simGdaWgsl from '../../../shaders/game/methods/sim-gda.wgsl?raw';
import { emitWgslBlock, WGSL_EXPRESSION_PRELUDE, type Expr } from '../../core/expression/index.js';
import {
  compileGame,
  CONVERGED_RADIUS,
  FATE,
  FATE_NAMES,
  FATE_RATIO,
  FATE_ROUNDING_PER_STEP,
  GAME_CATALOG,
  learningRatePaths,
  METHOD_CATALOG,
  numericParameters,
  SpecError,
  SWEEP_METRIC_NAMES,
  type MethodName,
  type SingleGameSpec,
  type SweepMetricName,
} from '../../core/games/index.js';
import { toF32Array } from './game-gpu-values.js';

/** Each method's step in WGSL, the line-by-line mirror of its float64 step in core/games/method-steps.ts. */
const METHOD_WGSL: Readonly<Record<MethodName, string>> = {
  'sim-gda': simGdaWgsl,
  'alt-gda': altGdaWgsl,
  eg: egWgsl,
  ogda: ogdaWgsl,
  momentum: momentumWgsl,
  consensus: consensusWgsl,
  sga: sgaWgsl,
  hgd: hgdWgsl,
  adam: adamWgsl,
};

/** The sweep's per-chunk uniform, in WGSL struct order (all u32). */
export const CHUNK_FIELDS = ['first_cell', 'count', 'nx', 'step_from', 'step_to', 'steps'] as const;
export type ChunkField = (typeof CHUNK_FIELDS)[number];

/** The planes of a game's saved state after the method's State fields (game-sweep.wgsl's Run). */
const RUN_EXTRA_PLANES = ['max_r2', 'max_r', 'k', 'escape_step', 'stopped'] as const;

/**
 * The sweep kernel's output planes, in order: every sweep metric (core/games/sweep-metrics.ts),
 * then stepsRun, which feeds SweepResult.gameSteps. Their WGSL index constants (METRIC_FINAL_X…)
 * are generated from this list; store_metrics in game-sweep.wgsl writes each plane.
 */
export const METRIC_PLANES = [...SWEEP_METRIC_NAMES, 'stepsRun'] as const;
export type MetricPlane = (typeof METRIC_PLANES)[number];

/** The kernels composed from a game (the one-game replay is float64, simulateGame). */
export type GameKernelKind = 'sweep';

/** What a sweep kernel is specialised for (composeGameKernel's options; none for a trajectory). */
export interface GameKernelOptions {
  /**
   * The metrics the sweep reports (default: all). The kernel stores only these planes (and
   * stepsRun); without maxRadius it keeps no per-step radius² and checks each step's state by
   * the cheaper bound of sweep_block in game-sweep.wgsl.
   */
  metrics?: readonly SweepMetricName[];
  /**
   * Numeric parameters left in the params buffer (the swept ones); every other one that can be
   * folded exactly (see foldable) becomes an override constant holding the f32 the buffer would
   * hold. Absent: nothing is folded, every parameter is read from the buffer (the general kernel).
   */
  keepInBuffer?: readonly string[];
}

export interface GameKernel {
  code: string;
  entryPoint: GameKernelKind;
  /** The spec's numeric fields in Cell order (numericParameters): what the params buffer holds. */
  cellPaths: string[];
  /** u32 planes of one game's saved state between chunks. */
  runPlanes: number;
  /** Override constants the pipeline must set: the folded parameters' values. */
  constants: Record<string, number>;
  /** The metrics whose planes the kernel writes. */
  metrics: readonly SweepMetricName[];
}

/**
 * The WGSL of one kernel for one game and method: linear index, expression prelude, a header
 * generated from the spec (the Cell struct of its numeric fields, the method's State struct,
 * learning-rate and clip accessors, choice constants, uniform structs, plane indices), the game's
 * field and Jacobian emitted from compileGame's trees, game-play.wgsl, the method, and the kernel.
 * Only the field's text and the spec's shape (which fields, which choices) enter the code; the
 * numbers travel in buffers, so every cell of a sweep and every sweep with the same shape share
 * one pipeline. A sweep kernel may be specialised (options): for the metrics asked, and with
 * exactly foldable parameters as override constants; its values stay the general kernel's.
 */
export function composeGameKernel(
  spec: SingleGameSpec,
  kind: GameKernelKind,
  options: GameKernelOptions = {},
): GameKernel {
  const parameters = numericParameters(spec);
  const cellPaths = parameters.map((p) => p.path);
  const methodWgsl = METHOD_WGSL[spec.method.name];
  const stateFields = METHOD_CATALOG[spec.method.name].stateLayout;
  const metrics = options.metrics ?? SWEEP_METRIC_NAMES;
  for (const name of metrics)
    if (!SWEEP_METRIC_NAMES.includes(name)) throw new RangeError(`unknown sweep metric '${name}'`);
  // The f32 each folded parameter's slot would hold, clamped as the params buffer clamps it.
  const values = toF32Array(parameters.map((p) => p.value));
  const constants: Record<string, number> = {};
  const { keepInBuffer } = options;
  if (keepInBuffer !== undefined)
    cellPaths.forEach((path, i) => {
      if (!keepInBuffer.includes(path) && foldable(path, values[i]))
        constants[foldedName(path)] = values[i];
    });
  const parts = [
    WGSL_EXPRESSION_PRELUDE,
    generatedHeader(spec, cellPaths, stateFields, constants, metrics),
    gameFunctions(spec, methodWgsl.includes('game_jacobian(')),
    gamePlayWgsl,
    methodWgsl,
    gameSweepWgsl,
  ];
  return {
    code: parts.join('\n'),
    entryPoint: kind,
    cellPaths,
    runPlanes: stateFields.length + RUN_EXTRA_PLANES.length,
    constants,
    metrics,
  };
}

/**
 * Whether folding a parameter in as a constant leaves every result bit for bit as it was. Only
 * a game's, a method's or a learning rate's 1: a product with 1 is dropped, exactly, by any
 * compiler. Other values are not: once two factors are constants, the GPU's compiler may
 * regroup a product to multiply them first (SwiftShader does, e.g. (1 − β₁)·(b·y) in Adam and
 * b·b in the Jacobian methods), which rounds differently from the buffer-read kernel; 0 lets it
 * drop 0·x and with it a −0 or a NaN. The start and the escape radius are read once per game
 * or per block, so they stay in the buffer.
 */
function foldable(path: string, value: number): boolean {
  return value === 1 && (/^(game|method)\./.test(path) || /^lr[XY]?$/.test(path));
}

/** The override constant a folded parameter becomes: `game.b` → PARAM_GAME_B. */
function foldedName(path: string): string {
  return constantName('param', member(path));
}

/** The WGSL member for a spec path: `method.beta` → `method_beta`. */
function member(path: string): string {
  return path.replace('.', '_');
}

function constantName(...words: string[]): string {
  return words
    .join('_')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
}

function generatedHeader(
  spec: SingleGameSpec,
  cellPaths: readonly string[],
  stateFields: readonly string[],
  constants: Readonly<Record<string, number>>,
  metrics: readonly SweepMetricName[],
): string {
  const lr = learningRatePaths(spec);
  const clip = GAME_CATALOG[spec.game.name].clipParameter;
  const method = spec.method as unknown as Record<string, string>;
  const choices = METHOD_CATALOG[spec.method.name].choices.flatMap((p) =>
    p.choices.map(
      (option) => `const ${constantName(p.name, option)} = ${method[p.name] === option};`,
    ),
  );
  const u32Struct = (name: string, fields: readonly string[]) =>
    `struct ${name} { ${fields.map((f) => `${f}: u32`).join(', ')} }`;
  const planes = [
    ...RUN_EXTRA_PLANES.map((p, i) => `const ${constantName('plane', p)} = STATE_FIELDS + ${i}u;`),
    `const RUN_PLANES = STATE_FIELDS + ${RUN_EXTRA_PLANES.length}u;`,
    ...METRIC_PLANES.map((p, i) => `const ${constantName('metric', p)} = ${i}u;`),
    // Which planes store_metrics writes; stepsRun always (it feeds SweepResult.gameSteps).
    ...METRIC_PLANES.map(
      (p) => `const ${constantName('store', p)} = ${p === 'stepsRun' || metrics.includes(p)};`,
    ),
    `const TRACK_MAX_RADIUS = ${metrics.includes('maxRadius')};`,
  ];
  // A folded parameter is an override constant, not a `const`: the pipeline sets it to the f32
  // the buffer would hold, and it enters the arithmetic as that value (no const-expression
  // evaluation at another precision).
  const slot = (path: string, i: number) =>
    foldedName(path) in constants ? foldedName(path) : `v[${i}]`;
  return [
    `// Generated by src/gpu/game/game-kernel-source.ts for game '${spec.game.name}', method '${spec.method.name}'.`,
    `const CONVERGED_RADIUS = ${CONVERGED_RADIUS}f;`,
    // The fate metric's values and neutral band (fateOf, fateBand in core/games/sweep-metrics.ts).
    ...FATE_NAMES.map((name) => `const ${constantName('fate', name)} = ${FATE[name]}u;`),
    `const FATE_LOG_RATIO = ${Math.log(FATE_RATIO)}f;`,
    `const FATE_ROUNDING_PER_STEP = ${FATE_ROUNDING_PER_STEP}f;`,
    `const CELL_SIZE = ${cellPaths.length}u;`,
    `struct Cell { ${cellPaths.map((p) => `${member(p)}: f32`).join(', ')} }`,
    ...Object.keys(constants).map((name) => `override ${name}: f32;`),
    `fn make_cell(v: array<f32, CELL_SIZE>) -> Cell { return Cell(${cellPaths.map(slot).join(', ')}); }`,
    `const STATE_FIELDS = ${stateFields.length}u;`,
    `struct State { ${stateFields.map((f) => `${f}: f32`).join(', ')} }`,
    `fn make_state(v: array<f32, STATE_FIELDS>) -> State { return State(${stateFields.map((_, i) => `v[${i}]`).join(', ')}); }`,
    `fn state_values(s: State) -> array<f32, STATE_FIELDS> { return array<f32, STATE_FIELDS>(${stateFields.map((f) => `s.${f}`).join(', ')}); }`,
    `fn lr_x(c: Cell) -> f32 { return c.${member(lr.x)}; }`,
    `fn lr_y(c: Cell) -> f32 { return c.${member(lr.y)}; }`,
    `fn clip_bound(c: Cell) -> f32 { return ${clip === null ? '0.0' : `c.game_${clip}`}; }`,
    ...choices,
    u32Struct('Chunk', CHUNK_FIELDS),
    ...planes,
  ].join('\n');
}

/**
 * game_field and (when the method uses it) game_jacobian, emitted from the compiled game's
 * trees with each parameter read from the Cell. A constant f32 cannot hold is a SpecError on
 * the game's typed objective (or a RangeError for a catalog game, which would be a bug).
 */
function gameFunctions(spec: SingleGameSpec, withJacobian: boolean): string {
  const game = compileGame(spec.game);
  const names: Record<string, string> = { x: 'x', y: 'y' };
  for (const name of game.parameterNames) names[name] = `c.game_${name}`;
  // Subexpressions shared within a function (a derivative reuses its operand's) are emitted once.
  const emit = (roots: readonly Expr[]) => {
    try {
      const block = emitWgslBlock(roots, names);
      return { body: block.statements.map((s) => `  ${s}\n`).join(''), values: block.values };
    } catch (error) {
      const textField = GAME_CATALOG[spec.game.name].texts[0]?.name;
      if (error instanceof RangeError && textField !== undefined)
        throw new SpecError(`game.${textField}`, error.message);
      throw error;
    }
  };
  const f = emit(game.field);
  const field = `fn game_field(x: f32, y: f32, c: Cell) -> vec2f {\n${f.body}  return vec2f(${f.values.join(', ')});\n}`;
  if (!withJacobian) return field;
  const j = emit(game.jacobian.flat());
  return `${field}\nfn game_jacobian(x: f32, y: f32, c: Cell) -> vec4f {\n${j.body}  return vec4f(${j.values.join(', ')});\n}`;
}
