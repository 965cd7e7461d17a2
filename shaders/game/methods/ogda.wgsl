// Optimistic GDA, the mirror of 'ogda' in src/core/games/method-steps.ts.
// State: x, y, prevFx, prevFy (F at the previous point).

// z_{−1} = z₀: the remembered field starts as F(z₀).
fn method_init(x0: f32, y0: f32, c: Cell) -> State {
  let f = game_field(x0, y0, c);
  return State(x0, y0, f.x, f.y);
}

// z_{k+1} = z_k + 2η·F(z_k) − η·F(z_{k−1}) (Daskalakis et al. 2018)
fn method_step(s: State, c: Cell) -> State {
  let f = game_field(s.x, s.y, c);
  return State(
    project(s.x + lr_x(c) * (2.0 * f.x - s.prevFx), c),
    s.y + lr_y(c) * (2.0 * f.y - s.prevFy),
    f.x,
    f.y,
  );
}
