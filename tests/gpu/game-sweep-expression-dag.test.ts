import { describe, it } from 'vitest';
import { expectGpuMatchesCpu } from './game-sweep-compare.js';

// Objectives whose field and Jacobian trees are far larger than their DAGs (issue 11): the kernel
// binds shared subexpressions to lets, and cuts long single-use chains into lets so that no WGSL
// statement nests past the parser's limit. SGA reads the Jacobian, so both functions are exercised.
describe('typed objectives emitted as shared DAGs agree with the CPU', () => {
  for (const f of [
    // Shared nodes: every level's sin is used by the next level and by its own cosine.
    'sin('.repeat(30) + 'x*y' + ')'.repeat(30),
    // A 40-term chain of one shared product: its derivatives are long single-use chains.
    Array(40).fill('0.025*x*y').join(' + ') + ' + 0.01*x^2',
  ]) {
    it(`f = ${f.slice(0, 40)}… under SGA`, () =>
      expectGpuMatchesCpu({
        game: { name: 'expression', f },
        method: { name: 'sga', lambda: 1 },
        lr: 0.05,
        steps: 200,
        escapeRadius: 1e3,
        axes: {
          x: { param: 'x0', from: -1.5, to: 1.5, count: 8 },
          y: { param: 'y0', from: -1.5, to: 1.5, count: 8 },
        },
      }));
  }
});
