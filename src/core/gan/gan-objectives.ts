import type { GanBatch, SampleBatch } from './gan-data.js';
import {
  discriminatorLayout,
  flatten,
  forward,
  generatorLayout,
  parameterTensors,
  type NetworkLayout,
} from './gan-network.js';
import type { MlpGanGameSpec } from './gan-spec.js';
import {
  add,
  addScalar,
  grad,
  mean,
  mul,
  repeatCols,
  scale,
  sub,
  sum,
  sumCols,
  tensor,
  unary,
  type Tensor,
} from './tensor-graph.js';

/** A game with its two networks' layouts. */
export interface GanModel {
  game: MlpGanGameSpec;
  d: NetworkLayout;
  g: NetworkLayout;
}

export function ganModel(game: MlpGanGameSpec): GanModel {
  return { game, d: discriminatorLayout(game), g: generatorLayout(game) };
}

/** The two objectives on one batch, as graphs over the parameter leaves. */
export interface GanObjectives {
  /** What the discriminator maximises, penalties included. */
  valueD: Tensor;
  /** What the generator minimises. */
  lossG: Tensor;
  /** The generated batch G(z). */
  fake: Tensor;
}

function batchTensor(b: SampleBatch): Tensor {
  return tensor(b.count, b.dim, b.values);
}

/** The mean of ‖row‖² over a batch of gradients [n×dim]. */
function meanSquaredNorm(g: Tensor): Tensor {
  return mean(sumCols(unary(g, 'square')));
}

/**
 * The losses of docs/gans.md#losses with D's logit t = D(x), softplus(u) = log(1 + eᵘ):
 *   minimax / non-saturating  V_D = −E softplus(−D(x)) − E softplus(D(G(z)))
 *                             L_G = −E softplus(D(G(z)))  |  E softplus(−D(G(z)))
 *   wgan / wgan-gp            V_D = E D(x) − E D(G(z)),             L_G = −E D(G(z))
 *   hinge                     V_D = −E relu(1 − D(x)) − E relu(1 + D(G(z))),  L_G = −E D(G(z))
 * minus the penalties: WGAN-GP λ·E(‖∇D(x̂)‖ − 1)², R1 (γ₁/2)·E‖∇D(x)‖², R2 (γ₂/2)·E‖∇D(G(z))‖².
 */
export function ganObjectives(
  model: GanModel,
  dLeaves: readonly Tensor[],
  gLeaves: readonly Tensor[],
  batch: GanBatch,
): GanObjectives {
  const { game } = model;
  const real = batchTensor(batch.real);
  const fake = forward(model.g, gLeaves, batchTensor(batch.latent));
  const dReal = forward(model.d, dLeaves, real);
  const dFake = forward(model.d, dLeaves, fake);
  let valueD: Tensor;
  let lossG: Tensor;
  switch (game.loss) {
    case 'minimax':
    case 'non-saturating':
      valueD = scale(
        add(mean(unary(scale(dReal, -1), 'softplus')), mean(unary(dFake, 'softplus'))),
        -1,
      );
      lossG =
        game.loss === 'minimax'
          ? scale(mean(unary(dFake, 'softplus')), -1)
          : mean(unary(scale(dFake, -1), 'softplus'));
      break;
    case 'wgan':
    case 'wgan-gp':
      valueD = sub(mean(dReal), mean(dFake));
      lossG = scale(mean(dFake), -1);
      break;
    case 'hinge':
      valueD = scale(
        add(
          mean(unary(addScalar(scale(dReal, -1), 1), 'relu')),
          mean(unary(addScalar(dFake, 1), 'relu')),
        ),
        -1,
      );
      lossG = scale(mean(dFake), -1);
      break;
  }
  if (game.loss === 'wgan-gp' && game.gpLambda > 0) {
    const mixed = interpolate(batch, fake);
    const gradient = grad(sum(forward(model.d, dLeaves, mixed)), [mixed])[0];
    const norm = unary(sumCols(unary(gradient, 'square')), 'masked-power', [0.5, 1]);
    valueD = sub(valueD, scale(mean(unary(addScalar(norm, -1), 'square')), game.gpLambda));
  }
  if (game.r1 > 0) {
    const gradient = grad(sum(dReal), [real])[0];
    valueD = sub(valueD, scale(meanSquaredNorm(gradient), game.r1 / 2));
  }
  if (game.r2 > 0) {
    const gradient = grad(sum(dFake), [fake])[0];
    valueD = sub(valueD, scale(meanSquaredNorm(gradient), game.r2 / 2));
  }
  return { valueD, lossG, fake };
}

/** x̂_s = ε_s·x_{s mod n} + (1 − ε_s)·G(z_s), one row per generated sample. */
function interpolate(batch: GanBatch, fake: Tensor): Tensor {
  const { real, mix } = batch;
  const dim = real.dim;
  const paired = new Float64Array(fake.rows * dim);
  for (let s = 0; s < fake.rows; s++)
    paired.set(real.values.subarray((s % real.count) * dim, ((s % real.count) + 1) * dim), s * dim);
  const eps = repeatCols(tensor(fake.rows, 1, mix), dim);
  const rest = repeatCols(
    tensor(
      fake.rows,
      1,
      mix.map((e) => 1 - e),
    ),
    dim,
  );
  return add(mul(eps, tensor(fake.rows, dim, paired)), mul(rest, fake));
}

/** Which players' components a field evaluation computes, and whether the adjustment ∇½‖v‖² too. */
export interface FieldRequest {
  d: boolean;
  g: boolean;
  /** ∇ of ½ Σ‖v_p‖² over the requested players p, with respect to their parameters (consensus, hgd). */
  adjustment: boolean;
}

/** The game's vector field: v_D = ∇_D V_D (D's ascent direction), v_G = −∇_G L_G (G's descent direction). */
export interface FieldValue {
  d: Float64Array | null;
  g: Float64Array | null;
  adjustD: Float64Array | null;
  adjustG: Float64Array | null;
  valueD: number;
  lossG: number;
  /** G(z) on the batch's latent codes, one sample per row. */
  generated: SampleBatch;
}

/** The field at parameters (d, g) on one batch. */
export function ganField(
  model: GanModel,
  d: Float64Array,
  g: Float64Array,
  batch: GanBatch,
  request: FieldRequest,
): FieldValue {
  const dLeaves = parameterTensors(model.d, d);
  const gLeaves = parameterTensors(model.g, g);
  const { valueD, lossG, fake } = ganObjectives(model, dLeaves, gLeaves, batch);
  const vD = request.d ? grad(valueD, dLeaves) : null;
  const vG = request.g ? grad(lossG, gLeaves).map((t) => scale(t, -1)) : null;
  let adjustD: Float64Array | null = null;
  let adjustG: Float64Array | null = null;
  if (request.adjustment) {
    const squares = [...(vD ?? []), ...(vG ?? [])].map((t) => sum(unary(t, 'square')));
    const half = scale(
      squares.reduce((a, b) => add(a, b)),
      0.5,
    );
    const leaves = [...(request.d ? dLeaves : []), ...(request.g ? gLeaves : [])];
    const adjust = grad(half, leaves);
    const nD = request.d ? dLeaves.length : 0;
    if (request.d) adjustD = flatten(adjust.slice(0, nD), model.d.size);
    if (request.g) adjustG = flatten(adjust.slice(nD), model.g.size);
  }
  return {
    d: vD === null ? null : flatten(vD, model.d.size),
    g: vG === null ? null : flatten(vG, model.g.size),
    adjustD,
    adjustG,
    valueD: valueD.scalar,
    lossG: lossG.scalar,
    generated: { count: fake.rows, dim: fake.cols, values: fake.value },
  };
}
