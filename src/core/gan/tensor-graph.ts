/**
 * A small reverse-mode differentiator on float64 matrices, for the GAN reference. Every operation
 * records its parents and a hand-derived backward rule written with the same operations, so a
 * gradient is itself a graph and can be differentiated again: the gradient penalties (WGAN-GP,
 * R1, R2) differentiate ∇ₓD, and consensus optimisation differentiates ½‖v‖² of the field v.
 * Matrices are row-major, a batch one sample per row.
 */
export class Tensor {
  /** @internal — build tensors with the functions below. */
  constructor(
    readonly rows: number,
    readonly cols: number,
    readonly value: Float64Array,
    readonly parents: readonly Tensor[] = [],
    /**
     * The gradients of the parents given this tensor's gradient g (null: no dependence). `need`
     * says which parents `grad` wants; a rule may leave the others null instead of building them.
     */
    readonly backward:
      ((g: Tensor, need: readonly boolean[]) => readonly (Tensor | null)[]) | null = null,
  ) {}

  get size(): number {
    return this.rows * this.cols;
  }

  /** The single value of a 1×1 tensor. */
  get scalar(): number {
    if (this.size !== 1) throw new RangeError(`not a scalar: ${this.rows}×${this.cols}`);
    return this.value[0];
  }
}

/** A leaf: an input or a parameter (differentiable when asked for in `grad`). */
export function tensor(rows: number, cols: number, value: ArrayLike<number>): Tensor {
  if (value.length !== rows * cols)
    throw new RangeError(`${rows}×${cols} tensor needs ${rows * cols} values, got ${value.length}`);
  return new Tensor(rows, cols, Float64Array.from(value));
}

export function filled(rows: number, cols: number, v: number): Tensor {
  return new Tensor(rows, cols, new Float64Array(rows * cols).fill(v));
}

function sameShape(a: Tensor, b: Tensor, op: string): void {
  if (a.rows !== b.rows || a.cols !== b.cols)
    throw new RangeError(`${op}: ${a.rows}×${a.cols} and ${b.rows}×${b.cols} differ`);
}

// The elementwise loops are written out per operation (no callback per element): the GAN
// metrics evaluate thousands of these graphs, and a call per value cost more than the value.

export function add(a: Tensor, b: Tensor): Tensor {
  sameShape(a, b, 'add');
  const x = a.value;
  const y = b.value;
  const out = new Float64Array(x.length);
  for (let i = 0; i < out.length; i++) out[i] = x[i] + y[i];
  return new Tensor(a.rows, a.cols, out, [a, b], (g) => [g, g]);
}

export function sub(a: Tensor, b: Tensor): Tensor {
  sameShape(a, b, 'sub');
  const x = a.value;
  const y = b.value;
  const out = new Float64Array(x.length);
  for (let i = 0; i < out.length; i++) out[i] = x[i] - y[i];
  return new Tensor(a.rows, a.cols, out, [a, b], (g, need) => [g, need[1] ? scale(g, -1) : null]);
}

/** Elementwise product. */
export function mul(a: Tensor, b: Tensor): Tensor {
  sameShape(a, b, 'mul');
  const x = a.value;
  const y = b.value;
  const out = new Float64Array(x.length);
  for (let i = 0; i < out.length; i++) out[i] = x[i] * y[i];
  return new Tensor(a.rows, a.cols, out, [a, b], (g, need) => [
    need[0] ? mul(g, b) : null,
    need[1] ? mul(g, a) : null,
  ]);
}

export function scale(a: Tensor, c: number): Tensor {
  const x = a.value;
  const out = new Float64Array(x.length);
  for (let i = 0; i < out.length; i++) out[i] = c * x[i];
  return new Tensor(a.rows, a.cols, out, [a], (g) => [scale(g, c)]);
}

export function addScalar(a: Tensor, c: number): Tensor {
  const x = a.value;
  const out = new Float64Array(x.length);
  for (let i = 0; i < out.length; i++) out[i] = x[i] + c;
  return new Tensor(a.rows, a.cols, out, [a], (g) => [g]);
}

/** Matrix product A·B. ∂/∂A = G·Bᵀ, ∂/∂B = Aᵀ·G. */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.cols !== b.rows) throw new RangeError(`matmul: ${a.rows}×${a.cols} by ${b.rows}×${b.cols}`);
  const n = a.rows;
  const k = a.cols;
  const m = b.cols;
  const x = a.value;
  const y = b.value;
  const out = new Float64Array(n * m);
  // Two rows by four columns a pass, then the leftovers. Every output still sums its k products
  // from 0 in the order l = 0, 1, …, as the plain loop at the end does: the blocking shares loads,
  // it does not change a value.
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const r0 = i * k;
    const r1 = r0 + k;
    const o0 = i * m;
    const o1 = o0 + m;
    let j = 0;
    for (; j + 4 <= m; j += 4) {
      let s00 = 0;
      let s01 = 0;
      let s02 = 0;
      let s03 = 0;
      let s10 = 0;
      let s11 = 0;
      let s12 = 0;
      let s13 = 0;
      for (let l = 0; l < k; l++) {
        const x0 = x[r0 + l];
        const x1 = x[r1 + l];
        const c = l * m + j;
        const y0 = y[c];
        const y1 = y[c + 1];
        const y2 = y[c + 2];
        const y3 = y[c + 3];
        s00 += x0 * y0;
        s01 += x0 * y1;
        s02 += x0 * y2;
        s03 += x0 * y3;
        s10 += x1 * y0;
        s11 += x1 * y1;
        s12 += x1 * y2;
        s13 += x1 * y3;
      }
      out[o0 + j] = s00;
      out[o0 + j + 1] = s01;
      out[o0 + j + 2] = s02;
      out[o0 + j + 3] = s03;
      out[o1 + j] = s10;
      out[o1 + j + 1] = s11;
      out[o1 + j + 2] = s12;
      out[o1 + j + 3] = s13;
    }
    for (; j < m; j++) {
      let s0 = 0;
      let s1 = 0;
      for (let l = 0; l < k; l++) {
        const yl = y[l * m + j];
        s0 += x[r0 + l] * yl;
        s1 += x[r1 + l] * yl;
      }
      out[o0 + j] = s0;
      out[o1 + j] = s1;
    }
  }
  for (; i < n; i++) {
    const row = i * k;
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let l = 0; l < k; l++) s += x[row + l] * y[l * m + j];
      out[i * m + j] = s;
    }
  }
  // Only the wanted side: ∂/∂x of a batch input, or ∂/∂W of a network the gradient is not taken
  // against, would be a product as large as the forward one, built and thrown away.
  return new Tensor(n, m, out, [a, b], (g, need) => [
    need[0] ? matmul(g, transpose(b)) : null,
    need[1] ? matmul(transpose(a), g) : null,
  ]);
}

export function transpose(a: Tensor): Tensor {
  const { rows, cols, value } = a;
  const out = new Float64Array(a.size);
  for (let j = 0; j < cols; j++)
    for (let i = 0; i < rows; i++) out[j * rows + i] = value[i * cols + j];
  return new Tensor(a.cols, a.rows, out, [a], (g) => [transpose(g)]);
}

/** [n×m] → [1×m]: the column sums. */
export function sumRows(a: Tensor): Tensor {
  const { rows, cols, value } = a;
  const out = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j] += value[i * cols + j];
  return new Tensor(1, a.cols, out, [a], (g) => [repeatRows(g, a.rows)]);
}

/** [1×m] → [n×m]: the row repeated n times. */
export function repeatRows(a: Tensor, n: number): Tensor {
  if (a.rows !== 1) throw new RangeError(`repeatRows needs one row, got ${a.rows}`);
  const { cols, value } = a;
  const out = new Float64Array(n * cols);
  // A plain loop: rows are short, and a set() call per row cost more than the copying.
  for (let i = 0; i < n; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = value[j];
  return new Tensor(n, a.cols, out, [a], (g) => [sumRows(g)]);
}

/** [n×m] → [n×1]: the row sums. */
export function sumCols(a: Tensor): Tensor {
  const { rows, cols, value } = a;
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i] += value[i * cols + j];
  return new Tensor(a.rows, 1, out, [a], (g) => [repeatCols(g, a.cols)]);
}

/** [n×1] → [n×m]: the column repeated m times. */
export function repeatCols(a: Tensor, m: number): Tensor {
  if (a.cols !== 1) throw new RangeError(`repeatCols needs one column, got ${a.cols}`);
  const { rows, value } = a;
  const out = new Float64Array(rows * m);
  for (let i = 0; i < rows; i++) {
    const v = value[i];
    for (let j = 0; j < m; j++) out[i * m + j] = v;
  }
  return new Tensor(a.rows, m, out, [a], (g) => [sumCols(g)]);
}

/** x·Wᵀ + b for a batch x [n×in], W [out×in] and b [1×out] broadcast over rows (nn.Linear). */
export function linear(x: Tensor, weight: Tensor, bias: Tensor | null): Tensor {
  const y = matmul(x, transpose(weight));
  return bias === null ? y : add(y, repeatRows(bias, x.rows));
}

export function sum(a: Tensor): Tensor {
  return sumRows(sumCols(a));
}

export function mean(a: Tensor): Tensor {
  return scale(sum(a), 1 / a.size);
}

/**
 * The elementwise functions and their derivatives, each derivative again a function of this table
 * (so any order can be taken). `p` is a parameter: the leaky slope, or (exponent, coefficient).
 */
export type UnaryKind =
  | 'relu'
  | 'step'
  | 'leaky-relu'
  | 'leaky-step'
  | 'tanh'
  | 'elu'
  | 'elu-grad'
  | 'elu-grad2'
  | 'softplus'
  | 'sigmoid'
  | 'square'
  | 'masked-power';

/** f applied to every value of x, one loop per kind (no call per value). */
function unaryValues(kind: UnaryKind, x: Float64Array, p: readonly number[]): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  switch (kind) {
    case 'relu':
      for (let i = 0; i < n; i++) out[i] = x[i] > 0 ? x[i] : 0;
      break;
    case 'step':
      for (let i = 0; i < n; i++) out[i] = x[i] > 0 ? 1 : 0;
      break;
    case 'leaky-relu': {
      const slope = p[0];
      for (let i = 0; i < n; i++) out[i] = x[i] > 0 ? x[i] : slope * x[i];
      break;
    }
    case 'leaky-step': {
      const slope = p[0];
      for (let i = 0; i < n; i++) out[i] = x[i] > 0 ? 1 : slope;
      break;
    }
    case 'tanh':
      for (let i = 0; i < n; i++) out[i] = Math.tanh(x[i]);
      break;
    case 'elu':
      for (let i = 0; i < n; i++) out[i] = x[i] > 0 ? x[i] : Math.expm1(x[i]);
      break;
    case 'elu-grad':
      for (let i = 0; i < n; i++) out[i] = x[i] > 0 ? 1 : Math.exp(x[i]);
      break;
    case 'elu-grad2':
      for (let i = 0; i < n; i++) out[i] = x[i] > 0 ? 0 : Math.exp(x[i]);
      break;
    // log(1 + eˣ) without overflow
    case 'softplus':
      for (let i = 0; i < n; i++) {
        const v = x[i];
        out[i] = v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v));
      }
      break;
    case 'sigmoid':
      for (let i = 0; i < n; i++) {
        const v = x[i];
        out[i] = v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
      }
      break;
    case 'square':
      for (let i = 0; i < n; i++) out[i] = x[i] * x[i];
      break;
    // c·xᵖ for x > 0, else 0: √x is (½, 1); its derivative at 0 is taken as 0 (a norm's subgradient)
    case 'masked-power': {
      const [exponent, c] = p;
      for (let i = 0; i < n; i++) out[i] = x[i] > 0 ? c * Math.pow(x[i], exponent) : 0;
      break;
    }
  }
  return out;
}

export function unary(a: Tensor, kind: UnaryKind, p: readonly number[] = []): Tensor {
  const out = new Tensor(a.rows, a.cols, unaryValues(kind, a.value, p), [a], (g) => {
    const d = unaryDerivative(kind, a, out, p);
    return [d === null ? null : mul(g, d)];
  });
  return out;
}

/** f′(a) as a tensor (null when it is 0 everywhere), given y = f(a). */
function unaryDerivative(
  kind: UnaryKind,
  a: Tensor,
  y: Tensor,
  p: readonly number[],
): Tensor | null {
  switch (kind) {
    case 'relu':
      return unary(a, 'step');
    case 'leaky-relu':
      return unary(a, 'leaky-step', p);
    case 'step':
    case 'leaky-step':
      return null;
    // tanh′ = 1 − tanh²
    case 'tanh':
      return addScalar(scale(unary(y, 'square'), -1), 1);
    case 'elu':
      return unary(a, 'elu-grad');
    case 'elu-grad':
    case 'elu-grad2':
      return unary(a, 'elu-grad2');
    case 'softplus':
      return unary(a, 'sigmoid');
    // σ′ = σ(1 − σ)
    case 'sigmoid':
      return mul(y, addScalar(scale(y, -1), 1));
    case 'square':
      return scale(a, 2);
    case 'masked-power':
      return unary(a, 'masked-power', [p[0] - 1, p[0] * p[1]]);
  }
}

/**
 * The gradient of the scalar `y` with respect to each of `xs` (leaves or intermediate tensors),
 * as tensors built from the operations above, so they can be differentiated again. A tensor y
 * does not depend on gets zeros.
 */
export function grad(y: Tensor, xs: readonly Tensor[]): Tensor[] {
  if (y.size !== 1) throw new RangeError(`grad needs a scalar, got ${y.rows}×${y.cols}`);
  const targets = new Set(xs);
  // Which tensors lie on a path to some target: only those carry gradients.
  const leads = new Map<Tensor, boolean>();
  const order: Tensor[] = [];
  const visit = (root: Tensor): void => {
    // Iterative post-order: graphs of unrolled gradients can be deep.
    const stack: [Tensor, number][] = [[root, 0]];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const [node, next] = top;
      if (next < node.parents.length) {
        top[1]++;
        const parent = node.parents[next];
        if (!leads.has(parent)) stack.push([parent, 0]);
        continue;
      }
      stack.pop();
      if (leads.has(node)) continue;
      const on = targets.has(node) || node.parents.some((p) => leads.get(p) === true);
      leads.set(node, on);
      if (on) order.push(node);
    }
  };
  visit(y);
  const adjoint = new Map<Tensor, Tensor>();
  if (leads.get(y)) adjoint.set(y, filled(1, 1, 1));
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i];
    const g = adjoint.get(node);
    if (g === undefined || node.backward === null) continue;
    const need = node.parents.map((parent) => leads.get(parent) === true);
    const parentGrads = node.backward(g, need);
    node.parents.forEach((parent, k) => {
      const pg = parentGrads[k];
      if (pg === null || leads.get(parent) !== true) return;
      const previous = adjoint.get(parent);
      adjoint.set(parent, previous === undefined ? pg : add(previous, pg));
    });
  }
  return xs.map((x) => adjoint.get(x) ?? filled(x.rows, x.cols, 0));
}
