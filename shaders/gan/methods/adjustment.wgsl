// The consensus adjustment ∇½‖v‖² of the field v = (v_D, v_G) at the current (dp, gp), on the
// batch compute_field has just used (its activations still in scratch, dgr = ∇_D V_D and, with G,
// ggr = ∇_G L_G): H(V_D)·(dgr, 0) + H(L_G)·(0, ggr) into adj_d and adj_g, as gan-objectives.ts's
// adjustment. A D-only step takes ∇_D ½‖v_D‖² alone (the first product's D part). The generated
// passes are in gan-kernel-source.ts (adjustmentFunctions).
var<workgroup> adj_d: array<f32, D_SIZE>;
var<workgroup> adj_g: array<f32, G_SIZE>;

// One Hessian-vector product: of V_D along (dgr, 0) when !second, of L_G along (0, ggr) when
// second (on the generated rows only: L_G has no real rows).
fn adjustment_pass(base: u32, lid: u32, second: bool, with_g: bool) {
  let use_d = !second;
  let use_g = second;
  for (var s = lid; s < FAKE; s += WG) {
    let r = REAL + s;
    g_tangent_sample(base, s, use_g);
    for (var i = 0u; i < DIM; i++) {
      scratch[base + AT0 + r * DIM + i] = scratch[base + BT_OUT + s * DIM + i];
    }
    d_tangent_row(base, r, use_d);
    let t = scratch[base + D_OUT + r];
    let t_dot = scratch[base + AT_OUT + r];
    var c1 = coef_d_fake(t);
    var c2 = coef2_d_fake(t);
    if (second) {
      c1 = coef_g_fake(t);
      c2 = coef2_g_fake(t);
    }
    d_adjoint_row(base, r, use_d, c2 * t_dot, c1, with_g);
    if (with_g) {
      g_adjoint_sample(base, s, use_g);
    }
  }
  if (!second) {
    for (var r = lid; r < REAL; r += WG) {
      for (var i = 0u; i < DIM; i++) {
        scratch[base + AT0 + r * DIM + i] = 0.0;
      }
      d_tangent_row(base, r, true);
      let t = scratch[base + D_OUT + r];
      let t_dot = scratch[base + AT_OUT + r];
      d_adjoint_row(base, r, true, coef2_d_real(t) * t_dot, coef_d_real(t), false);
    }
  }
  sync();
  reduce_adjust_d(base, lid, select(0u, REAL, second), second);
  if (with_g) {
    reduce_adjust_g(base, lid, second);
  }
  sync();
}

fn compute_adjustment(base: u32, lid: u32, with_g: bool) {
  adjustment_pass(base, lid, false, with_g);
  if (with_g) {
    adjustment_pass(base, lid, true, true);
  }
}
