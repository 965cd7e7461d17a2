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
  GAME_CATALOG,
  learningRatePaths,
  METHOD_CATALOG,
  numericParameters,
  SpecError,
  SWEEP_METRIC_NAMES,
  type MethodName,
  type SingleGameSpec,
} from '../../core/games/index.js';

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

export interface GameKernel {
  code: string;
  entryPoint: GameKernelKind;
  /** The spec's numeric fields in Cell order (numericParameters): what the params buffer holds. */
  cellPaths: string[];
  /** u32 planes of one game's saved state between chunks. */
  runPlanes: number;
}

/**
 * The WGSL of one kernel for one game and method: linear index, expression prelude, a header
 * generated from the spec (the Cell struct of its numeric fields, the method's State struct,
 * learning-rate and clip accessors, choice constants, uniform structs, plane indices), the game's
 * field and Jacobian emitted from compileGame's trees, game-play.wgsl, the method, and the kernel.
 * Only the field's text and the spec's shape (which fields, which choices) enter the code; the
 * numbers travel in buffers, so every cell of a sweep and every sweep with the same shape share
 * one pipeline.
 */
export function composeGameKernel(spec: SingleGameSpec, kind: GameKernelKind): GameKernel {
  const cellPaths = numericParameters(spec).map((p) => p.path);
  const methodWgsl = METHOD_WGSL[spec.method.name];
  const stateFields = METHOD_CATALOG[spec.method.name].stateLayout;
  const parts = [
    WGSL_EXPRESSION_PRELUDE,
    generatedHeader(spec, cellPaths, stateFields),
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
  };
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
  ];
  return [
    `// Generated by src/gpu/game/game-kernel-source.ts for game '${spec.game.name}', method '${spec.method.name}'.`,
    `const CONVERGED_RADIUS = ${CONVERGED_RADIUS}f;`,
    `const CELL_SIZE = ${cellPaths.length}u;`,
    `struct Cell { ${cellPaths.map((p) => `${member(p)}: f32`).join(', ')} }`,
    `fn make_cell(v: array<f32, CELL_SIZE>) -> Cell { return Cell(${cellPaths.map((_, i) => `v[${i}]`).join(', ')}); }`,
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
