// Hamiltonian gradient descent, the mirror of 'hgd' in src/core/games/method-steps.ts. State: x, y.

fn method_init(x0: f32, y0: f32, c: Cell) -> State {
  return State(x0, y0);
}

// z' = z − η·∇½‖F‖² = z − η·JᵀF (Balduzzi et al. 2018)
fn method_step(s: State, c: Cell) -> State {
  let f = game_field(s.x, s.y, c);
  let j = game_jacobian(s.x, s.y, c);
  return State(
    project(s.x - lr_x(c) * (j.x * f.x + j.z * f.y), c),
    s.y - lr_y(c) * (j.y * f.x + j.w * f.y),
  );
}
