// Alternating GDA, the mirror of 'alt-gda' in src/core/games/method-steps.ts.
// State: x, y. ORDER_X_FIRST is generated from the spec's `method.order`.

fn method_init(x0: f32, y0: f32, c: Cell) -> State {
  return State(x0, y0);
}

fn alt_step_x(s: State, c: Cell) -> State {
  let f = game_field(s.x, s.y, c);
  return State(project(s.x + lr_x(c) * f.x, c), s.y);
}

fn alt_step_y(s: State, c: Cell) -> State {
  let f = game_field(s.x, s.y, c);
  return State(s.x, s.y + lr_y(c) * f.y);
}

// x' = x + ηx·Fx(x, y), then y' = y + ηy·Fy(x', y) (or y first)
fn method_step(s: State, c: Cell) -> State {
  if (ORDER_X_FIRST) {
    return alt_step_y(alt_step_x(s, c), c);
  }
  return alt_step_x(alt_step_y(s, c), c);
}
