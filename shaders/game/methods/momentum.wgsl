// Heavy-ball momentum, the mirror of 'momentum' in src/core/games/method-steps.ts.
// State: x, y, prevX, prevY (the previous point). ORDER_X_FIRST is generated from `method.order`.

fn method_init(x0: f32, y0: f32, c: Cell) -> State {
  return State(x0, y0, x0, y0);
}

// z' = z + η·F + β(z − z_prev); x-first: y's step sees x' (Gidel et al. 2019, "negative momentum")
fn method_step(s: State, c: Cell) -> State {
  let beta = c.method_beta;
  var f = game_field(s.x, s.y, c);
  let next_x = project(s.x + lr_x(c) * f.x + beta * (s.x - s.prevX), c);
  if (ORDER_X_FIRST) {
    f = game_field(next_x, s.y, c);
  }
  let next_y = s.y + lr_y(c) * f.y + beta * (s.y - s.prevY);
  return State(next_x, next_y, s.x, s.y);
}
