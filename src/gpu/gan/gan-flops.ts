import { ganModel, type GanRunSpec, type NetworkLayout } from '../../core/gan/index.js';

/** Which parts of the field one evaluation takes: D's gradient, G's gradient. */
type Evaluation = readonly [d: boolean, g: boolean];

const BOTH: Evaluation = [true, true];
const D_ONLY: Evaluation = [true, false];
const G_ONLY: Evaluation = [false, true];

/**
 * The field evaluations of one step of each method, as the float64 reference makes them (a step
 * of both players, and a discriminator-only step), counting only the gradients each one uses.
 */
function evaluations(spec: GanRunSpec): { both: Evaluation[]; dOnly: Evaluation[] } {
  const { method } = spec;
  switch (method.name) {
    case 'alt-gda':
      return { both: [D_ONLY, G_ONLY], dOnly: [D_ONLY] };
    case 'eg':
      return { both: [BOTH, BOTH], dOnly: [D_ONLY, D_ONLY] };
    case 'momentum':
      return {
        both: method.order === 'x-first' ? [D_ONLY, G_ONLY] : [BOTH],
        dOnly: [D_ONLY],
      };
    default:
      return { both: [BOTH], dOnly: [D_ONLY] };
  }
}

/** Σ over a network's layers of in·out (multiply-adds per row), and of out (bias adds per row). */
function layerSums(layout: NetworkLayout, from = 0): { macs: number; biases: number } {
  let macs = 0;
  let biases = 0;
  layout.shapes.slice(from).forEach((s) => {
    macs += s.in * s.out;
    if (layout.bias) biases += s.out;
  });
  return { macs, biases };
}

/**
 * Useful floating-point operations of one evaluation of the field on a batch of B samples
 * (docs/gans.md#performance): a multiply-add counts 2, a bias add or a bias-gradient add 1;
 * activations, losses, the data draw and the update are not counted.
 *
 * - always: G forward on B rows, D forward on 2B rows (real and generated);
 * - D's gradient: D's backward through its hidden layers on 2B rows, and its weight and bias
 *   gradients summed over the 2B rows;
 * - G's gradient: D's backward on the B generated rows down to its input, G's backward through
 *   its hidden layers, and G's weight and bias gradients over B rows.
 */
export function ganFieldFlops(spec: GanRunSpec, [needD, needG]: Evaluation): number {
  const model = ganModel(spec.game);
  const B = spec.batch;
  const g = layerSums(model.g);
  const d = layerSums(model.d);
  let flops = B * (2 * g.macs + g.biases) + 2 * B * (2 * d.macs + d.biases);
  if (needD) {
    flops += 2 * B * 2 * layerSums(model.d, 1).macs;
    flops += 2 * B * (2 * d.macs + d.biases);
  }
  if (needG) {
    flops += B * 2 * d.macs;
    flops += B * 2 * layerSums(model.g, 1).macs;
    flops += B * (2 * g.macs + g.biases);
  }
  return flops;
}

/** Useful FLOPs of one outer training step: dSteps − 1 discriminator-only steps and one step of both. */
export function ganStepFlops(spec: GanRunSpec): number {
  const { both, dOnly } = evaluations(spec);
  const sum = (list: Evaluation[]) => list.reduce((t, e) => t + ganFieldFlops(spec, e), 0);
  return (spec.dSteps - 1) * sum(dOnly) + sum(both);
}
