import { describe, expect, it } from 'vitest';
import {
  compileExpression,
  compileExpressions,
  dagSize,
  differentiate,
  emitWgsl,
  emitWgslBlock,
  exprDag,
  parseExpression,
  simplify,
  type Expr,
} from '../../src/core/expression/index.js';
import { dependsOn } from '../../src/core/expression/ast.js';
import { UNARY_FUNCTION_VALUES } from '../../src/core/expression/unary-function-values.js';
import { mulberry32 } from '../helpers/random.js';
import { randomExpression } from './helpers/random-expression.js';

const VARIABLES = ['x', 'y', 'b'];
const NAMES = { x: 'z.x', y: 'z.y', b: 'p[3]' };
const parse = (text: string) => parseExpression(text, { variables: VARIABLES });

// The tree walk compileExpression used to be: the reference for bit-identical values.
function evaluateTree(e: Expr, values: Readonly<Record<string, number>>): number {
  switch (e.kind) {
    case 'num':
      return e.value;
    case 'var':
      return values[e.name];
    case 'neg':
      return -evaluateTree(e.arg, values);
    case 'call':
      return UNARY_FUNCTION_VALUES[e.fn](evaluateTree(e.arg, values));
    case 'bin': {
      const a = evaluateTree(e.left, values);
      const b = evaluateTree(e.right, values);
      switch (e.op) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          return a / b;
        case '^':
          return Math.pow(a, b);
      }
    }
  }
}

// The let statements substituted back into the values: the text emitWgsl writes for each tree.
function inlineLets(statements: readonly string[], values: readonly string[]): string[] {
  const bound = new Map<string, string>();
  const expand = (text: string) => text.replace(/\bt[0-9]+\b/g, (name) => bound.get(name) ?? name);
  for (const statement of statements) {
    const match = /^let (t[0-9]+) = (.*);$/.exec(statement);
    expect(match, statement).not.toBeNull();
    bound.set(match![1], expand(match![2]));
  }
  return values.map(expand);
}

// e, e², (e²)², …: a tree of 2^depth leaves in depth + 2 objects.
function repeatedSquare(depth: number): Expr {
  let e: Expr = {
    kind: 'bin',
    op: '+',
    left: { kind: 'var', name: 'x' },
    right: { kind: 'num', value: 1 },
  };
  for (let i = 0; i < depth; i++) e = { kind: 'bin', op: '*', left: e, right: e };
  return e;
}

describe('exprDag', () => {
  it('makes structurally equal subtrees one node, across roots too', () => {
    const dag = exprDag([parse('(x+y)*(x+y)'), parse('sin(x+y)')]);
    // x, y, x+y, (x+y)*(x+y), sin(x+y).
    expect(dag.nodes).toHaveLength(5);
    const [product, sine] = dag.roots;
    expect(dag.nodes[product].children).toEqual([2, 2]);
    expect(dag.nodes[sine].children).toEqual([2]);
  });

  it('orders children before parents and keeps 0 and −0 apart', () => {
    const zero: Expr = { kind: 'num', value: 0 };
    const negativeZero: Expr = { kind: 'num', value: -0 };
    const dag = exprDag([parse('x*y + sin(x)'), zero, negativeZero, zero]);
    expect(dag.roots[1]).toBe(dag.roots[3]);
    expect(dag.roots[1]).not.toBe(dag.roots[2]);
    dag.nodes.forEach((node, i) => node.children.forEach((c) => expect(c).toBeLessThan(i)));
    expect(Object.is(dag.nodes[dag.roots[2]].value, -0)).toBe(true);
  });

  it('folds constant nodes with the operations evaluation uses', () => {
    const dag = exprDag([parse('x + sin(2)/3')]);
    const constant = dag.nodes.find((n) => n.constant && n.expr.kind === 'bin');
    expect(constant?.value).toBe(Math.sin(2) / 3);
    expect(dag.nodes[dag.roots[0]].constant).toBe(false);
  });

  it('walks a tree of 2^200 leaves in 202 nodes', () => {
    const e = repeatedSquare(200);
    expect(dagSize([e])).toBe(203);
    expect(dependsOn(e, 'x')).toBe(true);
    expect(dependsOn(e, 'y')).toBe(false);
    expect(compileExpression(e, ['x'])([0])).toBe(1);
    const block = emitWgslBlock([e], NAMES);
    // One let per shared node: x + 1 and every square but the root.
    expect(block.statements).toHaveLength(200);
    expect(block.values).toEqual(['(t199 * t199)']);
    expect(dagSize([differentiate(e, 'x')])).toBeLessThan(10 * 203);
  });
});

describe('compileExpressions', () => {
  it('gives the very doubles a tree walk gives, on random expressions and their derivatives', () => {
    const rng = mulberry32(4242);
    const constants = [0, 1, 2, 0.5, -3, 1e-7, 1e21, Math.PI];
    for (let i = 0; i < 400; i++) {
      const e = randomExpression(rng, { variables: VARIABLES, maxDepth: 6, constants });
      const roots = [
        e,
        simplify(e),
        differentiate(e, 'x'),
        differentiate(differentiate(e, 'y'), 'x'),
      ];
      const all = compileExpressions(roots, VARIABLES);
      const out = new Float64Array(roots.length);
      for (let k = 0; k < 5; k++) {
        const point = [rng() * 6 - 3, rng() * 6 - 3, rng() * 4 - 2];
        all(point, out);
        const values = { x: point[0], y: point[1], b: point[2] };
        roots.forEach((root, r) => expect(out[r]).toBe(evaluateTree(root, values)));
      }
    }
  });

  it('refuses a variable it was not given', () => {
    expect(() => compileExpressions([parse('x'), parse('b*y')], ['x', 'y'])).toThrow(RangeError);
  });
});

describe('emitWgslBlock', () => {
  it('binds each shared subexpression once and refers to it by name', () => {
    const block = emitWgslBlock([parse('sin(x*y) + sin(x*y)^2'), parse('cos(x*y)')], NAMES);
    expect(block.statements).toEqual(['let t0 = (z.x * z.y);', 'let t1 = ss_sin(t0);']);
    expect(block.values).toEqual(['(t1 + ss_pow2(t1))', 'ss_cos(t0)']);
  });

  it('writes what emitWgsl writes once its lets are substituted back, on random derivatives', () => {
    const rng = mulberry32(9090);
    const constants = [0, 1, 2, 0.5, -3, 1e-7, 1e21, 123.456, Math.PI];
    let checked = 0;
    for (let i = 0; i < 500; i++) {
      const e = randomExpression(rng, { variables: VARIABLES, maxDepth: 5, constants });
      const dx = differentiate(e, 'x');
      const roots = [dx, differentiate(dx, 'x'), differentiate(dx, 'y')];
      let trees: string[];
      try {
        trees = roots.map((root) => emitWgsl(root, NAMES));
      } catch (error) {
        expect(() => emitWgslBlock(roots, NAMES)).toThrow(RangeError);
        expect(String(error)).toContain('f32 cannot represent');
        continue;
      }
      const block = emitWgslBlock(roots, NAMES);
      expect(inlineLets(block.statements, block.values)).toEqual(trees);
      checked++;
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('nests no statement deeper than a WGSL parser accepts, however long the chain', () => {
    // Tint's parser bounds its recursion; a 300-term chain used to be one expression.
    const nesting = (text: string) => {
      let [level, most] = [0, 0];
      for (const c of text) {
        if (c === '(') most = Math.max(most, ++level);
        if (c === ')') level--;
      }
      return most;
    };
    for (const text of ['x*y+'.repeat(299) + 'x', Array(300).fill('(x+y)').join('*')]) {
      const f = parse(text);
      const block = emitWgslBlock([f, differentiate(f, 'x')], NAMES);
      for (const line of [...block.statements, ...block.values]) {
        expect(nesting(line)).toBeLessThanOrEqual(20);
      }
      expect(inlineLets(block.statements, block.values)).toEqual([
        emitWgsl(f, NAMES),
        emitWgsl(differentiate(f, 'x'), NAMES),
      ]);
    }
  });

  it('refuses a prefix that a variable reference could collide with', () => {
    expect(() => emitWgslBlock([parse('x')], { x: 't3' })).toThrow(/shadow/);
    expect(() => emitWgslBlock([parse('x')], { x: 'u.t3' }, 'u')).not.toThrow();
    expect(() => emitWgslBlock([parse('x')], { x: 'x' }, '1t')).toThrow(/prefix/);
  });
});

describe('expression-derived WGSL grows at most linearly with the DAG', () => {
  // Per node: at most one `let tN = ` line holding one operation, a literal or a reference per operand.
  const CHARS_PER_NODE = 64;
  const wgslLength = (roots: readonly Expr[]) => {
    const block = emitWgslBlock(roots, NAMES);
    return block.statements.join('\n').length + block.values.join(', ').length;
  };
  const jacobianOf = (f: Expr) => {
    const field = [simplify(differentiate(f, 'x')), simplify(differentiate(f, 'y'))];
    return [...field, ...field.flatMap((g) => [differentiate(g, 'x'), differentiate(g, 'y')])];
  };

  it('for random expressions, their fields and their Jacobians', () => {
    const rng = mulberry32(777);
    for (let i = 0; i < 300; i++) {
      const e = randomExpression(rng, {
        variables: VARIABLES,
        maxDepth: 7,
        constants: [0, 1, 2, 0.5, 3, 0.1, 2.5],
      });
      for (const roots of [[e], jacobianOf(e)]) {
        let length: number;
        try {
          length = wgslLength(roots);
        } catch {
          continue; // a constant f32 cannot hold
        }
        expect(length).toBeLessThanOrEqual(CHARS_PER_NODE * dagSize(roots));
      }
    }
  });

  it('for products and nestings whose trees grow much faster than their text', () => {
    const families: ((n: number) => string)[] = [
      (n) => Array(n).fill('(x+y)').join('*'),
      (n) => 'sin('.repeat(n) + 'x*y' + ')'.repeat(n),
      (n) => Array(n).fill('tanh(x*y+b)').join('*'),
      (n) => Array(n).fill('x^y').join('/'),
    ];
    for (const family of families) {
      const sizes: number[] = [];
      for (const n of [8, 16, 32]) {
        const roots = jacobianOf(parse(family(n)));
        const size = dagSize(roots);
        sizes.push(size);
        expect(wgslLength(roots)).toBeLessThanOrEqual(CHARS_PER_NODE * size);
      }
      // Doubling the text at most about doubles the DAG: no superlinear blow-up hides in it.
      expect(sizes[2] - sizes[1]).toBeLessThanOrEqual(2.2 * (sizes[1] - sizes[0]));
    }
  });
});
