// Symplectic gradient adjustment, the mirror of 'sga' in src/core/games/method-steps.ts. State: x, y.

fn method_init(x0: f32, y0: f32, c: Cell) -> State {
  return State(x0, y0);
}

// Balduzzi et al. 2018 with a fixed λ: z' = z + η(F − λ·AᵀF), A = (J − Jᵀ)/2, AᵀF = (−a·Fy, a·Fx),
// a = (J01 − J10)/2.
fn method_step(s: State, c: Cell) -> State {
  let lambda = c.method_lambda;
  let f = game_field(s.x, s.y, c);
  let j = game_jacobian(s.x, s.y, c);
  let a = (j.y - j.z) / 2.0;
  return State(
    project(s.x + lr_x(c) * (f.x + lambda * a * f.y), c),
    s.y + lr_y(c) * (f.y - lambda * a * f.x),
  );
}
