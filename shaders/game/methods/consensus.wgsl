// Consensus optimisation, the mirror of 'consensus' in src/core/games/method-steps.ts. State: x, y.
// game_jacobian returns [∂Fx/∂x, ∂Fx/∂y, ∂Fy/∂x, ∂Fy/∂y] as a vec4f.

fn method_init(x0: f32, y0: f32, c: Cell) -> State {
  return State(x0, y0);
}

// z' = z + η(F − γ·JᵀF), since ∇½‖F‖² = JᵀF (Mescheder, Nowozin, Geiger 2017)
fn method_step(s: State, c: Cell) -> State {
  let gamma = c.method_gamma;
  let f = game_field(s.x, s.y, c);
  let j = game_jacobian(s.x, s.y, c);
  let grad_x = j.x * f.x + j.z * f.y;
  let grad_y = j.y * f.x + j.w * f.y;
  return State(
    project(s.x + lr_x(c) * (f.x - gamma * grad_x), c),
    s.y + lr_y(c) * (f.y - gamma * grad_y),
  );
}
