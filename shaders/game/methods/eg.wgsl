// Extragradient, the mirror of 'eg' in src/core/games/method-steps.ts. State: x, y.

fn method_init(x0: f32, y0: f32, c: Cell) -> State {
  return State(x0, y0);
}

// z½ = z + η·F(z); z' = z + η·F(z½) (Korpelevich 1976; the look-ahead is projected too)
fn method_step(s: State, c: Cell) -> State {
  let f = game_field(s.x, s.y, c);
  let half_x = project(s.x + lr_x(c) * f.x, c);
  let half_y = s.y + lr_y(c) * f.y;
  let g = game_field(half_x, half_y, c);
  return State(project(s.x + lr_x(c) * g.x, c), s.y + lr_y(c) * g.y);
}
