import { describe, expect, it } from 'vitest';
import { dagSize, emitWgslBlock } from '../../src/core/expression/index.js';
import {
  compileGame,
  MAX_GAME_NODES,
  parseSingleGameSpec,
  parseSweepSpec,
  simulateGame,
  SpecError,
  type CompiledGame,
  type GameSpec,
} from '../../src/core/games/index.js';
import { composeGameKernel } from '../../src/gpu/game/game-kernel-source.js';

// The reproductions of issue 11, defect 1: objectives whose field and Jacobian, walked as trees,
// cost seconds to minutes (or exhausted the heap). Their costs are bounded here by counts (DAG
// nodes, WGSL characters), never by the clock.
const product = (n: number) => Array(n).fill('(x+y)').join('*');
const nestedSin = (depth: number) => 'sin('.repeat(depth) + 'x*y' + ')'.repeat(depth);
const tinyProduct = (n: number) => `x*y+1e-20*${product(n)}`;

const expressionGame = (f: string): GameSpec =>
  ({ name: 'expression', f, a: 1, b: 1 }) as unknown as GameSpec;
const stepSize = (game: CompiledGame) => dagSize([...game.field, ...game.jacobian.flat()]);
const NAMES = { x: 'x', y: 'y', a: 'c.game_a', b: 'c.game_b' };
// Every node costs at most one `let tN = …;` line: see the linear-size property in expression-dag.
const CHARS_PER_NODE = 64;

function expectCheap(f: string, maxNodes: number): CompiledGame {
  const game = compileGame(expressionGame(f));
  const size = stepSize(game);
  expect(size).toBeLessThanOrEqual(maxNodes);
  const block = emitWgslBlock([...game.field, ...game.jacobian.flat()], NAMES);
  const length = block.statements.join('\n').length + block.values.join(', ').length;
  expect(length).toBeLessThanOrEqual(CHARS_PER_NODE * size);
  return game;
}

describe('typed objectives cost what their DAG costs', () => {
  it('a product of 100 factors (599 characters) compiles to a few hundred nodes', () => {
    const game = expectCheap(product(100), 6 * 100 + 20);
    // f = (x+y)^100: Fx = 100·(x+y)^99, ∂Fx/∂y = 9900·(x+y)^98.
    const [fx] = game.fieldAt(0.5, 0.51);
    expect(fx / (100 * 1.01 ** 99)).toBeCloseTo(1, 12);
    expect(game.jacobianAt(0.5, 0.51)[0][1] / (9900 * 1.01 ** 98)).toBeCloseTo(1, 12);
  }, 60_000);

  it('a product of 300 factors compiles, and its SGA kernel stays linear', () => {
    const f = product(300);
    expect(f.length).toBeLessThanOrEqual(2000);
    const game = expectCheap(f, 6 * 300 + 20);
    const spec = parseSingleGameSpec({ game: { name: 'expression', f }, method: { name: 'sga' } });
    const kernel = composeGameKernel(spec, 'sweep');
    const baseline = composeGameKernel(
      parseSingleGameSpec({ game: { name: 'expression', f: 'x*y' }, method: { name: 'sga' } }),
      'sweep',
    );
    expect(kernel.code.length - baseline.code.length).toBeLessThanOrEqual(
      CHARS_PER_NODE * stepSize(game),
    );
  }, 60_000);

  it('sin nested 30 deep compiles to a few hundred nodes', () => {
    const f = nestedSin(30);
    const game = expectCheap(f, 20 * 30 + 20);
    // Fx = y·Π cos(s_k) with s_0 = x·y, s_{k+1} = sin(s_k).
    let [s, slope] = [0.3 * 0.4, 0.4];
    for (let k = 0; k < 30; k++) [s, slope] = [Math.sin(s), slope * Math.cos(s)];
    expect(game.fieldAt(0.3, 0.4)[0]).toBeCloseTo(slope, 14);
  }, 60_000);

  it('sin nested 30 deep with a term at every level compiles to a few hundred nodes', () => {
    const f = 'sin(x*y + '.repeat(30) + 'x*y' + ')'.repeat(30);
    expectCheap(f, 30 * 30 + 20);
  }, 60_000);

  it('x*y + 1e-20·(x+y)^20 replays 10⁵ steps of SGA on the float64 tape', () => {
    const f = tinyProduct(20);
    expectCheap(f, 6 * 20 + 20);
    // A learning rate small enough that no game converges or escapes: all 10⁵ steps are played.
    const spec = parseSingleGameSpec({
      game: { name: 'expression', f },
      method: { name: 'sga' },
      lr: 1e-5,
      x0: 0.5,
      y0: 0.5,
      steps: 100_000,
    });
    const run = simulateGame(spec, { record: true });
    expect(run.trajectory?.length).toBe(2 * 100_001);
  }, 120_000);
});

describe('a typed objective whose step is too costly', () => {
  // x^y/x^y/…: every quotient and power adds logs and quotients to both derivatives.
  const heavy = Array(500).fill('x^y').join('/');

  it('is refused by compileGame with a SpecError on game.f that gives its size and the limit', () => {
    let error: unknown;
    try {
      compileGame(expressionGame(heavy));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecError);
    const message = String((error as Error).message);
    expect(message).toContain('game.f');
    expect(message).toContain(`limit of ${MAX_GAME_NODES}`);
    const size = Number(/need[s]? (\d+) operations/.exec(message)?.[1]);
    expect(size).toBeGreaterThan(MAX_GAME_NODES);
  }, 60_000);

  it('is refused while the spec is validated, before any kernel exists', () => {
    expect(() =>
      parseSweepSpec({ game: { name: 'expression', f: heavy }, method: { name: 'sga' } }),
    ).toThrow(SpecError);
  }, 60_000);

  it('leaves every catalog-sized objective far inside the limit', () => {
    for (const f of ['x*y', 'tanh(x)*y + a*x^2 - b*log(1 + y^2)', '-softplus(-x*y) - b/2*x^2']) {
      expect(stepSize(compileGame(expressionGame(f)))).toBeLessThan(MAX_GAME_NODES / 20);
    }
  });
});
